import Foundation
import Testing
@testable import Nabijheid

/// Seeded corruption of every input format the tool reads: bytes flipped, a file cut short, a
/// block overwritten with garbage. Whatever the damage, a run must either read every feature
/// of the undamaged file (damage that GDAL can still parse, such as a changed digit, is data,
/// not corruption) or exit 2 with a message; never die of a signal, never run past 60 s, and
/// never change the output of the previous run when it refuses. The seeds are fixed, so a
/// failing case is reproduced by its name (format, case number, mutation).
@Suite("Reliability: seeded corruption of every input format", .serialized)
struct CorruptionTests {
    /// One way of damaging a file.
    enum Mutation: CustomStringConvertible {
        case flip([(offset: Int, xor: UInt8)])
        case truncate(at: Int)
        case garbage(offset: Int, bytes: [UInt8])

        var description: String {
            switch self {
            case .flip(let flips): return "flip " + flips.map { "@\($0.offset)^\($0.xor)" }.joined(separator: ",")
            case .truncate(let at): return "truncate at \(at)"
            case .garbage(let offset, let bytes): return "\(bytes.count) garbage bytes at \(offset)"
            }
        }

        /// A mutation of a file of `size` bytes, drawn from `random`.
        static func draw(size: Int, using random: inout SeededRandom) -> Mutation {
            switch random.next() % 3 {
            case 0:
                let count = 1 + Int(random.next() % 8)
                return .flip((0..<count).map { _ in (Int(random.next() % UInt64(size)), UInt8(1 + random.next() % 255)) })
            case 1:
                return .truncate(at: size / 10 + Int(random.next() % UInt64(max(1, size * 85 / 100))))
            default:
                let length = min(max(1, size / 4), 16 + Int(random.next() % 4080))
                let offset = Int(random.next() % UInt64(max(1, size - length)))
                return .garbage(offset: offset, bytes: (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) })
            }
        }

        /// How many features a successful run may read differently from the undamaged file.
        /// A flipped byte may turn one feature into another valid one (a changed category or
        /// `gebruiksdoel`), so each flip may change one count; a CSV cut right after a line end
        /// is a shorter valid file. Any other damage must be read as a whole or refused.
        func tolerance(original: Data, isCSV: Bool) -> Int? {
            switch self {
            case .flip(let flips): return flips.count
            case .truncate(let at): return isCSV && at > 0 && at <= original.count && original[at - 1] == 0x0A ? nil : 0
            case .garbage: return 0
            }
        }

        func apply(to data: Data) -> Data {
            var bytes = [UInt8](data)
            switch self {
            case .flip(let flips):
                for flip in flips { bytes[flip.offset] ^= flip.xor }
            case .truncate(let at):
                bytes.removeSubrange(min(at, bytes.count)...)
            case .garbage(let offset, let garbage):
                for (i, byte) in garbage.enumerated() where offset + i < bytes.count { bytes[offset + i] = byte }
            }
            return Data(bytes)
        }
    }

    /// What a successful run read, from run.json: buurten, dwellings (read and skipped),
    /// facilities per category, network ways.
    struct ReadCounts: Equatable, CustomStringConvertible {
        var buurten: Int
        var dwellings: Int
        var facilities: [String: Int]
        var ways: Int

        init(runJSON url: URL) throws {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let woningen = try #require(object["woningen"] as? [String: Any])
            buurten = try #require(object["buurten"] as? Int)
            dwellings = (try #require(woningen["gelezen"] as? Int)) + (try #require(woningen["overgeslagen_zonder_geometrie"] as? Int))
            let categories = try #require(object["voorzieningen"] as? [[String: Any]])
            facilities = Dictionary(uniqueKeysWithValues: categories.map { ($0["categorie"] as? String ?? "?", $0["gelezen"] as? Int ?? -1) })
            ways = try #require((object["netwerk"] as? [String: Any])?["ways_gelezen"] as? Int)
        }

        var description: String { "\(buurten) buurten, \(dwellings) woningen, voorzieningen \(facilities.sorted { $0.key < $1.key }), \(ways) ways" }

        /// Whether every count is within `tolerance` of `other`'s (nil: any count).
        func matches(_ other: ReadCounts, within tolerance: Int?) -> Bool {
            guard let tolerance else { return true }
            func close(_ a: Int, _ b: Int) -> Bool { abs(a - b) <= tolerance }
            return close(buurten, other.buurten) && close(dwellings, other.dwellings) && close(ways, other.ways)
                && Set(facilities.keys) == Set(other.facilities.keys)
                && facilities.allSatisfy { close($0.value, other.facilities[$0.key] ?? -1) }
        }
    }

    /// Damages `file` (relative to the town copy) `cases` times and runs `arguments` on each copy.
    /// A refusal (exit 2) must say why and leave the previous output as it was; a finished run
    /// (an exit status in `finished`) is handed to `readEverything` with the mutation's tolerance.
    private func corrupt(_ town: TownCopy, file: String, cases: Int, seed: UInt64, arguments: [String],
                         finished: Set<Int32> = [0], readEverything: (_ name: String, _ tolerance: Int?) throws -> Void) throws {
        let original = try Data(contentsOf: town.url(file))
        var random = SeededRandom(seed: seed)
        for number in 0..<cases {
            let mutation = Mutation.draw(size: original.count, using: &random)
            let name = "\(file) case \(number) (seed \(seed)): \(mutation)"
            let before = try TownCopy.snapshot(town.output)
            try mutation.apply(to: original).write(to: town.url(file))
            let result = try TestSupport.run(arguments, in: town.directory, timeout: 60)
            #expect(!result.signaled && !result.timedOut, "\(name)\n\(result)")
            if result.exited(2) {
                #expect(result.stderr.hasPrefix("nabijheid: error: "), "\(name): a refusal says why\n\(result)")
                #expect(try TownCopy.snapshot(town.output) == before, "\(name): a refused run must leave the previous output as it was")
            } else if !result.signaled && !result.timedOut && finished.contains(result.status) {
                try readEverything("\(name)\n\(result)", mutation.tolerance(original: original, isCSV: file.hasSuffix(".txt") || file.hasSuffix(".csv")))
            } else {
                Issue.record("\(name): exit status must be 2 or one of \(finished.sorted())\n\(result)")
            }
        }
        try original.write(to: town.url(file))
    }

    /// `run` on damaged copies of `file`: a run that succeeds must have read what the undamaged
    /// inputs give, unless `strict` is false (the configuration, where a changed byte is a
    /// changed setting).
    private func corrupt(_ town: TownCopy, file: String, cases: Int, seed: UInt64, strict: Bool = true) throws {
        let arguments = ["run", "--config", town.config.path, "--output", town.output.path, "--quiet"]
        let clean = try TestSupport.run(arguments, in: town.directory)
        try #require(clean.exited(0), "the undamaged inputs must run\n\(clean)")
        let expected = try ReadCounts(runJSON: town.output.appendingPathComponent("run.json"))
        try corrupt(town, file: file, cases: cases, seed: seed, arguments: arguments) { name, tolerance in
            guard strict else { return }
            let counts = try ReadCounts(runJSON: town.output.appendingPathComponent("run.json"))
            #expect(counts.matches(expected, within: tolerance),
                    "\(name): a run that succeeds must have read every feature (\(counts) instead of \(expected))")
        }
    }

    /// The fixture town with service areas off (they cost time and read nothing).
    private func town() throws -> TownCopy {
        let town = try TownCopy()
        try town.write(try town.read("nabijheid.toml") + "\n[outputs]\nservice_areas = false\n", to: "nabijheid.toml")
        return town
    }

    @Test func buurtenGeoJSON() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try corrupt(try town(), file: "buurten.geojson", cases: 25, seed: 1001)
    }

    @Test func dwellingsGeoJSON() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try corrupt(try town(), file: "woningen.geojson", cases: 25, seed: 1002)
    }

    @Test func facilitiesGeoJSON() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try corrupt(try town(), file: "voorzieningen.geojson", cases: 20, seed: 1003)
    }

    @Test func networkOSMXML() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try corrupt(try town(), file: "netwerk.osm", cases: 25, seed: 1004)
    }

    @Test func gtfsStops() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try corrupt(try town(), file: "gtfs/stops.txt", cases: 20, seed: 1005)
    }

    @Test func configurationTOML() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        try corrupt(try town(), file: "nabijheid.toml", cases: 20, seed: 1006, strict: false)
    }

    @Test func dwellingsGeoPackage() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try town()
        let converted = try TestSupport.runProgram(URL(fileURLWithPath: "/usr/bin/ogr2ogr"),
                                                   ["-f", "GPKG", town.url("woningen.gpkg").path, town.url("woningen.geojson").path])
        try #require(converted.exited(0), "ogr2ogr (gdal-bin) makes the GeoPackage\n\(converted)")
        try town.editConfig(#"path = "woningen.geojson""#, #"path = "woningen.gpkg""#)
        try corrupt(town, file: "woningen.gpkg", cases: 30, seed: 1007)
    }

    @Test func plan() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let plans = try PlanCheckTown()
        let town = plans.town
        try town.write(try town.read("nabijheid.toml") + "\n[outputs]\nservice_areas = false\n", to: "nabijheid.toml")
        let arguments = ["check", "--config", town.config.path, "--plan", plans.url("plan-geslaagd.geojson").path,
                         "--output", town.output.path]
        let clean = try TestSupport.run(arguments, in: town.directory)
        try #require(clean.exited(0), "\(clean)")
        func planRules() throws -> Int {
            let report = try JSONDecoder().decode(CheckReport.self, from: Data(contentsOf: town.output.appendingPathComponent("check.json")))
            return report.regels.filter { $0.soort.hasPrefix("nieuwe_") }.count
        }
        let expectedRules = try planRules()
        try corrupt(town, file: "plan-geslaagd.geojson", cases: 20, seed: 1008, arguments: arguments, finished: [0, 1]) { name, _ in
            let rules = try planRules()
            #expect(rules == expectedRules, "\(name): every plan feature must be checked")
        }
    }

    /// The Delft PBF as network, address source and facility source at once.
    @Test(.enabled(if: TestSupport.sharedDataAvailable)) func delftPBF() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let delft = TestSupport.sharedDataDirectory.appendingPathComponent("delft")
        try FileManager.default.copyItem(at: delft.appendingPathComponent("tudelft.osm.pbf"), to: town.url("delft.osm.pbf"))
        try town.write("""
            output_dir = "out"
            [buurten]
            path = "\(delft.appendingPathComponent("delft_buurten_2023_rd.geojson").path)"
            code_field = "BU_NAAM"
            name_field = "BU_NAAM"
            [network]
            path = "delft.osm.pbf"
            [dwellings]
            source = "osm_addresses"
            path = "delft.osm.pbf"
            [[facilities]]
            source = "osm"
            path = "delft.osm.pbf"
            [outputs]
            service_areas = false

            """, to: "nabijheid.toml")
        try corrupt(town, file: "delft.osm.pbf", cases: 25, seed: 1009)
    }
}
