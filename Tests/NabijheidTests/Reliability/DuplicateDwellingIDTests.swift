import Foundation
import Testing
@testable import Nabijheid

/// Issue 10, item 10: dwelling ids (`dwellings.id_field`) must be unique. A plan removes a
/// dwelling by id; with shared ids it would remove all dwellings that share it.
@Suite("Reliability: duplicate dwelling ids")
struct DuplicateDwellingIDTests {
    @Test func duplicateIDsAreRefusedNamingThem() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        // Three dwellings take the id of dwelling 1, one that of dwelling 5.
        for id in ["0001010000000002", "0001010000000003", "0001010000000004"] {
            try town.replace("\"\(id)\"", with: "\"0001010000000001\"", in: "woningen.geojson")
        }
        try town.replace("\"0001010000000006\"", with: "\"0001010000000005\"", in: "woningen.geojson")
        try Reliability.expectRunRefused(town, mentions: [
            "woningen.geojson", "'identificatie'", "unique", "2 ids occur more than once", "'0001010000000001' (4×)", "'0001010000000005' (2×)",
        ])
    }

    @Test func manyDuplicatesAreListedBriefly() throws {
        let dwellings = (0..<100).map { Dwelling(id: "id-\($0 % 40)", position: PlanarPoint(x: 0, y: 0)) }
        let error = #expect(throws: InputError.self) {
            try DwellingReader.requireUniqueIDs(dwellings, label: "woningen.gpkg, layer 'bag'", field: "identificatie")
        }
        let message = error?.message ?? ""
        #expect(message.contains("40 ids occur more than once"), "\(message)")
        #expect(message.contains("'id-0' (3×)") && message.contains("'id-4' (3×)") && message.contains(", …"), "\(message)")
        #expect(!message.contains("'id-5'"), "only the first five are listed: \(message)")
    }

    @Test func uniqueIDsPass() throws {
        let dwellings = (0..<100).map { Dwelling(id: "id-\($0)", position: PlanarPoint(x: 0, y: 0)) }
        try DwellingReader.requireUniqueIDs(dwellings, label: "x", field: "identificatie")
    }

    /// The hash pre-filter marks exactly the ids that occur more than once (every occurrence),
    /// on seeded random BAG-like ids of every length around the 8-byte steps, on 1 and 2 threads.
    @Test func hashFilterMarksExactlyTheRepeatedIDs() {
        var random = SeededRandom(seed: 17)
        for round in 0..<20 {
            var ids: [String] = []
            for _ in 0..<(500 + Int(random.unit() * 3_000)) {
                if !ids.isEmpty && random.unit() < 0.05 {
                    ids.append(ids[Int(random.unit() * Double(ids.count))])
                } else {
                    let length = 1 + Int(random.unit() * 24)
                    ids.append(String((0..<length).map { _ in "0123456789abcdé"[Int(random.unit() * 15)] }))
                }
            }
            var occurrences: [String: Int] = [:]
            for id in ids { occurrences[id, default: 0] += 1 }
            let expected = ids.map { occurrences[$0]! > 1 }
            #expect(expected.contains(true), "round \(round): something repeats")
            for threads in [1, 2] {
                #expect(IDHashFilter.possibleRepeats(count: ids.count, threads: threads) { IDHashFilter.hash(ids[$0]) } == expected,
                        "round \(round), \(threads) threads")
            }
        }
        #expect(IDHashFilter.hash("0001010000000001") != IDHashFilter.hash("0001010000000002"))
        #expect(IDHashFilter.hash("") != 0)
    }
}

private extension String {
    subscript(offset: Int) -> Character { self[index(startIndex, offsetBy: offset)] }
}
