import Foundation
import Testing
@testable import Nabijheid

/// `DwellingID` keeps ids of up to 19 digits as a number: every id must come back as it was
/// read, equal ids must stay equal (and hash equally) and different ones different, and the
/// GeoJSON text must be what the text itself would give.
@Suite("Dwelling ids kept compactly")
struct DwellingIDTests {
    static let edgeCases = [
        "0001010000000001", "0363010000123456", "0", "00", "0000000000000000", "1", "9999999999999999999",
        "0000000000000000001", "18446744073709551615", "99999999999999999999", "12345678901234567890", "",
        "node/123", "fid/7", "12a", "-12", "+12", " 12", "12 ", "١٢٣", "１２", "0001\"01", "a\\b", "line\nbreak", "é",
    ]

    @Test func everyIDComesBackAsRead() {
        for text in Self.edgeCases + Self.randomIDs(seed: 5, count: 2_000) {
            let id = DwellingID(text)
            #expect(id.text == text, "\(text.debugDescription)")
            #expect(id.description == text)
            let fromC = text.withCString { DwellingID(cString: $0) }
            #expect(fromC == id && fromC.text == text && fromC.hash64 == id.hash64, "\(text.debugDescription)")
            #expect(Dwelling(id: text, position: PlanarPoint(x: 0, y: 0)).id == text)
        }
    }

    @Test func digitsUpToNineteenAreKeptAsANumber() {
        #expect(DwellingID("0001010000000001").isStoredAsDigits, "a BAG identificatie")
        #expect(DwellingID("9999999999999999999").isStoredAsDigits)
        #expect(DwellingID("0").isStoredAsDigits)
        for text in ["", "18446744073709551615", "12345678901234567890", "12a", "-12", "١٢٣", "node/1"] {
            #expect(!DwellingID(text).isStoredAsDigits, "\(text.debugDescription)")
        }
    }

    @Test func equalityAndHashFollowTheText() {
        let texts = Self.edgeCases + Self.randomIDs(seed: 9, count: 1_000)
        for a in texts {
            for b in ["0001010000000001", "1", "01", "001", "", "node/123"] {
                #expect((DwellingID(a) == DwellingID(b)) == (a == b), "\(a.debugDescription) vs \(b.debugDescription)")
                if a == b { #expect(DwellingID(a).hash64 == DwellingID(b).hash64) }
            }
            #expect(DwellingID(a).hash64 != 0)
        }
        // Leading zeros are part of the id.
        #expect(DwellingID("0001") != DwellingID("001"))
        #expect(DwellingID("0001").hash64 != DwellingID("001").hash64)
    }

    /// The duplicate check reads hashes of the compact ids: it still names exactly the repeated ones.
    @Test func repeatedCompactIDsAreFoundExactly() {
        var random = SeededRandom(seed: 23)
        for round in 0..<10 {
            var ids: [String] = []
            for _ in 0..<2_000 {
                if !ids.isEmpty && random.unit() < 0.03 {
                    ids.append(ids[Int(random.unit() * Double(ids.count))])
                } else {
                    // BAG-like: 16 digits, often differing only in a leading zero or the last digit.
                    let value = Int(random.unit() * 5_000)
                    ids.append(random.unit() < 0.5 ? String(format: "%016d", value) : String(format: "%015d", value))
                }
            }
            var occurrences: [String: Int] = [:]
            for id in ids { occurrences[id, default: 0] += 1 }
            let marked = IDHashFilter.possibleRepeats(count: ids.count, threads: 2) { DwellingID(ids[$0]).hash64 }
            #expect(marked == ids.map { occurrences[$0]! > 1 }, "round \(round)")
        }
        let dwellings = ["0001010000000001", "0001010000000002", "001010000000001", "0001010000000001"].map {
            Dwelling(id: $0, position: PlanarPoint(x: 0, y: 0))
        }
        let error = #expect(throws: InputError.self) {
            try DwellingReader.requireUniqueIDs(dwellings, label: "bag.gpkg", field: "identificatie")
        }
        #expect(error?.message.contains("1 id occurs more than once: '0001010000000001' (2×)") == true, "\(error?.message ?? "")")
    }

    @Test func geoJSONTextIsThatOfTheID() {
        for text in Self.edgeCases + Self.randomIDs(seed: 3, count: 500) {
            let id = DwellingID(text)
            var compact = GeoJSONText(), plain = GeoJSONText()
            compact.write(atMost: id.maximumJSONLength) { id.put(into: &$0) }
            plain.write(atMost: GeoJSONText.Cursor.maximumLength(of: text)) { $0.put(string: text) }
            #expect(compact.bytes == plain.bytes, "\(text.debugDescription)")
            #expect(compact.bytes.count <= id.maximumJSONLength)
        }
    }

    /// Digits of every length 1–24 and a few other characters.
    static func randomIDs(seed: UInt64, count: Int) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let length = 1 + Int(random.unit() * 24)
            let alphabet = random.unit() < 0.8 ? Array("0123456789") : Array("0123456789/-éa\"")
            return String((0..<length).map { _ in alphabet[Int(random.unit() * Double(alphabet.count))] })
        }
    }
}
