import Foundation
import Testing
@testable import Nabijheid

/// The kerbs and one-way streets of the synthetic country, as the GeoPackage (lines `wegen`,
/// points `knopen`) and the PBF (tagged street nodes) carry them.
@Suite(.serialized) struct SyntheticKerbTests {
    static let dwellings = 20_000

    static func profile(_ name: String) throws -> MobilityProfile {
        try #require(MobilityProfileLoader.load(try ConfigTable.parse("", file: "test"), selected: [name], file: "test").first)
    }

    /// Distance from every BAG dwelling of the landscape to its nearest huisarts, per network.
    static func distances(_ builder: WalkGraphBuilder, town: SyntheticTown) throws -> (distance: [String: [Float]], summary: [String: MobilityNetwork.Summary]) {
        let built = builder.buildNetwork(minimumIslandNodes: 20)
        let index = SegmentIndex(graph: built.graph)
        func link(_ points: [PlanarPoint]) -> [NetworkLink] { points.map { index.link($0, in: built.graph, maxDistance: 250) } }
        let dwellings = link(town.addresses.filter(\.isDwelling).map(\.position))
        let facilities = link(town.facilities.filter { $0.category == "huisarts" }.map(\.position))
        var distance = ["standaard": NearestFacilitySearch(graph: built.graph).run(facilities: facilities, dwellings: dwellings, cutoff: 3000).distance]
        var summary: [String: MobilityNetwork.Summary] = [:]
        for name in ["rollator", "rolstoel"] {
            let network = MobilityNetwork(base: built.graph, attributes: built.attributes, profile: try profile(name))
            distance[name] = NearestFacilitySearch(mobility: network).run(facilities: facilities, dwellings: dwellings, cutoff: 3000).distance
            summary[name] = network.summary
        }
        return (distance, summary)
    }

    @Test func landscapeHasKerbsAtMainCrossingsAndOneWayCentreStreets() {
        let town = SyntheticTown(dwellings: Self.dwellings, seed: 1, landscape: .national)
        let kerbs = town.taggedNodes.compactMap { node in node.tags.first { $0.key == "kerb" }?.value }
        #expect(kerbs.count == town.taggedNodes.count)
        let raised = kerbs.filter { $0 == "raised" }.count, lowered = kerbs.filter { $0 == "lowered" }.count
        #expect(raised > 20 && lowered > raised && raised + lowered == kerbs.count)
        // Every kerb sits where a main street (tertiary) crosses another street.
        var streetsAt: [PlanarPoint: Set<String>] = [:]
        for street in town.streets { for p in street.points { streetsAt[p, default: []].insert(street.highway) } }
        for node in town.taggedNodes { #expect(streetsAt[node.position]?.contains("tertiary") == true, "\(node.position)") }
        let oneWay = town.streets.filter { $0.oneway == "yes" }
        #expect(oneWay.count >= 4 && oneWay.allSatisfy { $0.highway == "residential" })
        let contraflow = oneWay.filter { $0.onewayBicycle == "no" }.count
        #expect(contraflow > 0 && contraflow < oneWay.count)
        #expect(town.streets.allSatisfy { $0.onewayBicycle == nil || $0.oneway == "yes" })
        // Another seed draws other kerbs.
        let other = SyntheticTown(dwellings: Self.dwellings, seed: 2, landscape: .national)
        #expect(other.taggedNodes.map(\.position) != town.taggedNodes.map(\.position))
    }

    /// The GeoPackage read as a line layer with its node layer and the PBF read by libosmium give
    /// the same kerbs and the same distances per profile (to the centimetres of OSM's 1e-7
    /// degree grid); the kerbs make some wheelchair routes longer than on foot, which they are
    /// not without them; and the same seed writes the same bytes.
    @Test func geoPackageAndPBFAgreeAndKerbsLengthenWheelchairRoutes() throws {
        let town = SyntheticTown(dwellings: Self.dwellings, seed: 1, landscape: .national)
        let directory = try TestSupport.makeTemporaryDirectory("land-kerbs"), again = try TestSupport.makeTemporaryDirectory("land-kerbs")
        defer { try? FileManager.default.removeItem(at: directory); try? FileManager.default.removeItem(at: again) }
        try SyntheticTownWriter.write(town, to: directory.path, layers: .gpkg, network: .gpkg, pbf: true)
        try SyntheticTownWriter.write(SyntheticTown(dwellings: Self.dwellings, seed: 1, landscape: .national), to: again.path,
                                      layers: .gpkg, network: .gpkg, pbf: true)
        for file in ["netwerk.gpkg", "stad.osm.pbf", "nabijheid.toml"] {
            #expect(try Data(contentsOf: directory.appendingPathComponent(file)) == Data(contentsOf: again.appendingPathComponent(file)), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(".knopen-\(ProcessInfo.processInfo.processIdentifier).gpkg").path))

        let configuration = try ConfigurationLoader.load(file: directory.appendingPathComponent("nabijheid.toml").path)
        #expect(configuration.network.nodes?.layer == "knopen")
        let layer = try NetworkLayerReader.read(configuration.network)
        #expect(layer.nodes?.punten == town.taggedNodes.count)
        #expect(layer.nodes?.gekoppeld == town.taggedNodes.count && layer.nodes?.naast_netwerk == 0)
        let pbf = try #require(LibosmiumReader.read(path: directory.appendingPathComponent("stad.osm.pbf").path,
                                                    network: .init(rules: configuration.network.rules, mobilityNodes: true), features: nil).network)
        #expect(pbf.waysWalkable == layer.waysWalkable)

        let fromLayer = try Self.distances(layer.builder, town: town)
        let fromPBF = try Self.distances(pbf.network, town: town)
        #expect(fromLayer.summary == fromPBF.summary)
        let raised = town.taggedNodes.filter { $0.tags.contains { $0 == ("kerb", "raised") } }.count
        #expect(fromLayer.summary["rolstoel"]?.knopen_geblokkeerd == raised)
        for (name, distances) in fromLayer.distance {
            let other = try #require(fromPBF.distance[name])
            let differing = zip(distances, other).filter { a, b in a.isFinite != b.isFinite || (a.isFinite && abs(a - b) > 0.5) }.count
            #expect(differing == 0, "\(name): \(differing) dwellings differ between GeoPackage and PBF")
        }

        // Without the node layer the kerbs are gone: the wheelchair's distances are then never
        // longer than with them, and with them some are longer than on foot because of them.
        var withoutNodes = configuration.network
        withoutNodes.nodes = nil
        let bare = try Self.distances(NetworkLayerReader.read(withoutNodes).builder, town: town)
        #expect(bare.distance["standaard"] == fromLayer.distance["standaard"])
        let standaard = fromLayer.distance["standaard"]!, rolstoel = fromLayer.distance["rolstoel"]!, rolstoelBare = bare.distance["rolstoel"]!
        #expect(zip(rolstoelBare, rolstoel).allSatisfy { $0 <= $1 })
        let lengthenedByKerbs = rolstoel.indices.filter { rolstoel[$0] > rolstoelBare[$0] && rolstoel[$0] > standaard[$0] }
        #expect(lengthenedByKerbs.count > 50, "\(lengthenedByKerbs.count) wheelchair routes made longer by the kerbs")
    }
}
