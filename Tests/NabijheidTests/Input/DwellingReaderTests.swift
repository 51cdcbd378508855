import Foundation
import Testing
@testable import Nabijheid

/// A large GeoPackage dwelling layer is read in parts on several threads; the result must be
/// exactly the sequential one, including the filter, the attributes, and which error comes first.
@Suite struct DwellingReaderTests {
    /// A GeoPackage of `count` addresses: every 7th a shop, every 5th clustered, suitability
    /// cycling through the levels (and an unknown level at `badAt`, when given), in `directory`.
    static func writeLayer(count: Int, badAt: Int? = nil, in directory: String) throws -> LayerInput {
        let path = directory + "/woningen.gpkg"
        let writer = try VectorLayerWriter(path: path, layerName: "verblijfsobject", fields: [
            .init("identificatie", .string), .init("gebruiksdoel", .string), .init("niveau", .string), .init("woonvorm", .string),
        ], format: .gpkg)
        let levels = ["beugels", "nultreden", "rolstoelgeschikt", ""]
        for i in 0..<count {
            try writer.add(.point(PlanarPoint(x: 80_000 + Double(i % 997) * 3, y: 440_000 + Double(i / 997) * 3)), [
                .string(String(format: "0363010%09d", i)), .string(i % 7 == 0 ? "winkelfunctie" : "woonfunctie,bijeenkomstfunctie"),
                .string(i == badAt ? "traplift" : levels[i % 4]), .string(i % 5 == 0 ? "Geclusterd" : "zelfstandig"),
            ])
        }
        try writer.close()
        return LayerInput(path: path)
    }

    static func read(_ input: LayerInput, threads: Int) throws -> [Dwelling] {
        var attributes = DwellingAttributes()
        attributes.suitabilityField = "niveau"
        attributes.woonvormField = "woonvorm"
        return try DwellingReader.read(input, idField: "identificatie", filterField: "gebruiksdoel", filterContains: "WoonFunctie",
                                       attributes: attributes, threads: threads, parallelMinimum: 0).dwellings
    }

    @Test func partsJoinToTheSequentialResult() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let input = try Self.writeLayer(count: 5_000, in: directory)
        let sequential = try Self.read(input, threads: 1)
        let shops = (5_000 + 6) / 7
        #expect(sequential.count == 5_000 - shops, "shops are filtered out")
        let clustered = (0..<5_000).filter { $0 % 7 != 0 && $0 % 5 == 0 }.count
        #expect(sequential.filter(\.clustered).count == clustered)
        for threads in [2, 3, 8] {
            let parallel = try Self.read(input, threads: threads)
            let ids: [String] = parallel.map(\.id), expectedIDs: [String] = sequential.map(\.id)
            #expect(ids == expectedIDs, "\(threads) threads")
            let positions: [PlanarPoint] = parallel.map(\.position), expectedPositions: [PlanarPoint] = sequential.map(\.position)
            #expect(positions == expectedPositions)
            let levels: [Int8] = parallel.map(\.suitability), expectedLevels: [Int8] = sequential.map(\.suitability)
            #expect(levels == expectedLevels)
            let flags: [Bool] = parallel.map(\.clustered), expectedFlags: [Bool] = sequential.map(\.clustered)
            #expect(flags == expectedFlags)
        }
    }

    @Test func theFirstBadFeatureIsReportedWhateverTheThreads() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let input = try Self.writeLayer(count: 3_000, badAt: 2_801, in: directory)
        func message(_ threads: Int) -> String {
            do {
                _ = try Self.read(input, threads: threads)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let sequential = message(1)
        #expect(sequential.contains("0363010000002801") && sequential.contains("traplift"))
        let two = message(2), three = message(3)
        #expect(two == sequential)
        #expect(three == sequential)
    }
}
