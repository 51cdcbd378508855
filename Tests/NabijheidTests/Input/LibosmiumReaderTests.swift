import Foundation
import Testing
@testable import Nabijheid

/// The single pass over an OSM file: network, mobility nodes, care network, facilities and
/// dwellings read together give exactly what each part read alone gives (the parts alone are
/// tested against GDAL's OSM driver in OSMHighwayReaderTests and OSMFeatureReaderTests).
@Suite("OSM PBF read in one libosmium pass")
struct LibosmiumReaderTests {
    static let delft = TestSupport.sharedDataDirectory.appendingPathComponent("delft/tudelft.osm.pbf").path
    static let care = CareModeRules(mode: .fiets, speedKmh: CareResponseSettings.defaultSpeed(.fiets))

    private func expectSameNetwork(_ together: OSMHighwayReader.Result, _ alone: OSMHighwayReader.Result) throws {
        #expect(together.waysRead == alone.waysRead && together.waysWalkable == alone.waysWalkable)
        #expect(together.waysMissingNodes == alone.waysMissingNodes)
        let a = together.network.buildNetwork(minimumIslandNodes: 20), b = alone.network.buildNetwork(minimumIslandNodes: 20)
        #expect(a.graph.nodes == b.graph.nodes)
        #expect(a.graph.segmentFrom == b.graph.segmentFrom && a.graph.segmentTo == b.graph.segmentTo)
        #expect(a.graph.segmentLength == b.graph.segmentLength)
        #expect(a.attributes.wayTags == b.attributes.wayTags && a.attributes.segmentWay == b.attributes.segmentWay)
        #expect(a.attributes.nodeTags == b.attributes.nodeTags)
        #expect(a.attributes.taggedNodes.map(\.node) == b.attributes.taggedNodes.map(\.node))
        #expect(a.attributes.taggedNodes.map(\.tags) == b.attributes.taggedNodes.map(\.tags))
        #expect(!a.attributes.taggedNodes.isEmpty, "Delft has barrier, kerb and crossing nodes")
        let careA = try #require(together.care).build(minimumIslandNodes: 20), careB = try #require(alone.care).build(minimumIslandNodes: 20)
        #expect(careA.geometry.nodes == careB.geometry.nodes && careA.geometry.segmentFrom == careB.geometry.segmentFrom)
        #expect(careA.segmentForwardSeconds == careB.segmentForwardSeconds && careA.segmentBackwardSeconds == careB.segmentBackwardSeconds)
    }

    @Test(.enabled(if: TestSupport.sharedDataAvailable), arguments: ["osm_addresses", "osm_buildings"])
    func delftInOnePassGivesWhatEachPartAloneGives(dwellings: String) throws {
        let source: DwellingSource = dwellings == "osm_addresses" ? .osmAddresses : .osmBuildings(buildingValues: ["house", "apartments", "residential"])
        let network = LibosmiumReader.NetworkRequest(rules: WalkRules(), mobilityNodes: true, care: Self.care)
        let together = try LibosmiumReader.read(path: Self.delft, network: network, features: .init(dwellings: source, catalog: .standard))
        let networkAlone = try OSMHighwayReader.read(path: Self.delft, rules: WalkRules(), mobilityNodes: true, care: Self.care)
        let featuresAlone = try OSMFeatureReader.read(path: Self.delft, dwellings: source, catalog: .standard)

        try expectSameNetwork(try #require(together.network), networkAlone)
        let features = try #require(together.features)
        #expect(features.dwellings.map(\.id) == featuresAlone.dwellings.map(\.id))
        #expect(features.dwellings.map(\.position) == featuresAlone.dwellings.map(\.position))
        #expect(features.dwellings.count > 1_000, "Delft has thousands of dwellings: \(features.dwellings.count)")
        #expect(features.facilities.map(\.id) == featuresAlone.facilities.map(\.id))
        #expect(features.facilities.map(\.category) == featuresAlone.facilities.map(\.category))
        #expect(features.facilities.map(\.position) == featuresAlone.facilities.map(\.position))
        #expect(features.facilities.map(\.name) == featuresAlone.facilities.map(\.name))
        #expect(!features.facilities.isEmpty)
        #expect(features.notes == featuresAlone.notes)
    }

    /// The network alone reads no facilities, and the features alone no network.
    @Test(.enabled(if: TestSupport.sharedDataAvailable)) func onlyThePartsAskedForAreRead() throws {
        let network = try LibosmiumReader.read(path: Self.delft, network: .init(rules: WalkRules()), features: nil)
        #expect(network.features == nil && network.network != nil)
        #expect(network.network!.network.buildNetwork(minimumIslandNodes: 20).attributes.taggedNodes.isEmpty, "no mobility nodes unless asked")
        #expect(network.network!.care == nil)
        let features = try LibosmiumReader.read(path: Self.delft, network: nil, features: .init(dwellings: .osmAddresses, catalog: nil))
        #expect(features.network == nil)
        #expect(features.features!.facilities.isEmpty && !features.features!.dwellings.isEmpty)
    }
}
