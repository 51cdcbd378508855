import Foundation
import Testing
@testable import Nabijheid

/// The synthetic country's dwelling layer is shaped like the PDOK BAG `verblijfsobject` layer:
/// `status` and `oppervlakte` beside `gebruiksdoel`, with planned and withdrawn addresses that
/// exist in the BAG but not on the ground. Every configuration the generator writes must keep
/// exactly the dwellings that exist, whichever input they read them from.
@Suite struct SyntheticBAGTests {
    static let dwellings = 6_000

    @Test func everyGeneratedConfigurationCountsExactlyTheDwellingsThatExist() throws {
        let town = SyntheticTown(dwellings: Self.dwellings, seed: 3, landscape: .national)
        let statuses = Dictionary(grouping: town.addresses, by: \.status).mapValues(\.count)
        #expect(statuses[SyntheticTown.Address.formed, default: 0] > 0 && statuses[SyntheticTown.Address.withdrawn, default: 0] > 0,
                "planned and withdrawn addresses: \(statuses)")
        #expect(statuses[SyntheticTown.Address.inUseNotMeasured, default: 0] > 0, "\(statuses)")
        let existing = town.addresses.filter(\.isDwelling)
        #expect(existing.count == Self.dwellings)
        #expect(town.addresses.contains { !$0.exists && $0.gebruiksdoel.contains("woonfunctie") },
                "a gebruiksdoel filter alone would count dwellings that do not exist")

        let directory = try TestSupport.makeTemporaryDirectory("land-bag")
        defer { try? FileManager.default.removeItem(at: directory) }
        try SyntheticTownWriter.write(town, to: directory.path, layers: .gpkg, network: .gpkg, pbf: true)
        func inputs(_ file: String) throws -> RunInputs {
            try RunInputs.read(ConfigurationLoader.load(file: directory.appendingPathComponent(file).path), threads: 2)
        }

        // The GeoPackage configurations filter with the PDOK `where`, applied by GDAL.
        for file in ["nabijheid.toml", "nabijheid-nieuw.toml"] {
            let configuration = try ConfigurationLoader.load(file: directory.appendingPathComponent(file).path)
            #expect(configuration.dwellings.input.whereClause == SyntheticTownWriter.bagWhere, "\(file)")
            let read = try inputs(file)
            #expect(read.dwellings.map(\.id).sorted() == existing.map(\.id).sorted(), "\(file)")
            #expect(read.dwellingsSkipped.excludedByWhere == town.addresses.count - Self.dwellings, "\(file)")
        }
        // The PBF maps only what exists: its address nodes are the dwellings.
        #expect(try inputs("nabijheid-pbf.toml").dwellings.count == Self.dwellings)
    }

    /// The layer has the PDOK field names and types.
    @Test func layerHasThePDOKFields() throws {
        let directory = try TestSupport.makeTemporaryDirectory("land-bag-fields")
        defer { try? FileManager.default.removeItem(at: directory) }
        try SyntheticTownWriter.write(SyntheticTown(dwellings: 500, seed: 3, landscape: .national), to: directory.path,
                                      layers: .gpkg, network: .gpkg)
        let layer = try OpenedLayer(LayerInput(path: directory.appendingPathComponent("woningen.gpkg").path, layer: "verblijfsobject", crs: nil),
                                    purpose: "BAG dwellings")
        #expect(layer.layer.fieldNames == ["identificatie", "gebruiksdoel", "status", "oppervlakte"])
    }
}
