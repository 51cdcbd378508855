import Foundation
import Testing
@testable import Nabijheid

/// Issue 10, "beyond the list" (input side): bytes of each input format flipped, cut off or
/// overwritten with fixed seeds. Whatever the damage, a run ends with exit 0 or with the exit-2
/// contract (one line naming the problem, no output) — never a signal, never a hang.
/// Exit 0 is allowed because a flipped digit or letter can leave a valid file.
@Suite("Reliability: seeded corruption of every input format")
struct SeededCorruptionTests {
    enum Damage: CaseIterable { case flipBytes, cut, overwriteBlock }

    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var seed: UInt64
        var testDescription: String { "\(file) seed \(seed)" }
    }

    static let files = ["woningen.geojson", "buurten.geojson", "voorzieningen.geojson", "netwerk.osm", "gtfs/stops.txt", "woningen.gpkg"]
    static let cases: [Case] = files.flatMap { file in (UInt64(1)...6).map { Case(file: file, seed: $0) } }

    /// Damages `data` deterministically from `rng`; never leaves it unchanged.
    static func damage(_ data: inout Data, rng: inout SplitMix64) -> String {
        let damage = Damage.allCases[Int(rng.next() % 3)]
        switch damage {
        case .flipBytes:
            let count = 1 + Int(rng.next() % 16)
            for _ in 0..<count {
                let at = Int(rng.next() % UInt64(data.count))
                data[at] ^= UInt8(1 + rng.next() % 255)
            }
            return "\(count) bytes flipped"
        case .cut:
            let at = Int(rng.next() % UInt64(data.count))
            data = data.prefix(at)
            return "cut at byte \(at)"
        case .overwriteBlock:
            let length = min(data.count, 512 + Int(rng.next() % 7_680))
            let at = Int(rng.next() % UInt64(data.count - length + 1))
            for i in at..<(at + length) { data[i] = UInt8(truncatingIfNeeded: rng.next()) }
            return "\(length) bytes overwritten at \(at)"
        }
    }

    @Test(arguments: cases)
    func damagedInputEndsWellOrIsRefused(_ testCase: Case) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        if testCase.file == "woningen.gpkg" {
            _ = try Reliability.writeDwellingsGeoPackage(town)
            try town.editConfig(#"path = "woningen.geojson""#, #"path = "woningen.gpkg""#)
        }
        var rng = SplitMix64(seed: testCase.seed &* 0x9E37_79B9 &+ UInt64(Self.files.firstIndex(of: testCase.file)!))
        var data = try Data(contentsOf: town.url(testCase.file))
        let what = Self.damage(&data, rng: &rng)
        try data.write(to: town.url(testCase.file))

        let result = try town.run(["--quiet"], timeout: 60)
        #expect(!result.signaled && !result.timedOut, "\(testCase.file), \(what)\n\(result)")
        #expect(result.exited(0) || result.exited(2), "\(testCase.file), \(what)\n\(result)")
        if result.exited(2) {
            #expect(result.stderr.hasPrefix("nabijheid: error: ") && result.stderr.split(separator: "\n").count == 1,
                    "\(testCase.file), \(what)\n\(result)")
            #expect(TownCopy.outputEntries(in: town.output) == [], "\(testCase.file), \(what): no output after a refusal")
        }
    }
}
