import Foundation
import Testing
@testable import Nabijheid

/// Hand-drawn networks, each with one obstacle on the direct route from a facility at A (0, 0)
/// to a dwelling at C (200, 0), and a 400 m detour around it over asphalt footways:
/// A (0,0) – (0,100) – (200,100) – C (200,0). Every expected distance is worked out by hand
/// from the shipped rollator and rolstoel profiles (docs/profielen.md).
@Suite struct MobilityProfileTests {
    static let detour: [(Double, Double)] = [(0, 0), (0, 100), (200, 100), (200, 0)]
    static let paved = ["highway": "footway", "surface": "asphalt"]

    static func shipped(_ name: String) throws -> MobilityProfile {
        let root = try ConfigTable.parse("", file: "test")
        return try #require(MobilityProfileLoader.load(root, selected: [name], file: "test").first)
    }

    /// The network: the direct route A – (100,0) – C with `directTags` (and `middleNode` tags on
    /// (100, 0)), plus the detour. Returns the distance from A to C per profile.
    static func distances(directTags: [String: String], middleNode: [String: String]? = nil) throws -> [String: Float] {
        var builder = WalkGraphBuilder()
        let direct: [(Double, Double)] = [(0, 0), (100, 0), (200, 0)]
        builder.addLine(source: direct, planar: direct.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: directTags)
        builder.addLine(source: detour, planar: detour.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: paved)
        if let middleNode { builder.addNode(source: (100, 0), tags: middleNode) }
        let built = builder.buildNetwork(minimumIslandNodes: 1)
        // Segments 0 and 1 are the direct route, 2–4 the detour: the facility at A on the detour's
        // first segment, the dwelling at C on its last, so that neither sits on the obstacle.
        let facility = NetworkLink(segment: 2, fraction: 0, connector: 0)
        let dwelling = NetworkLink(segment: 4, fraction: 1, connector: 0)
        var result = ["standaard": NearestFacilitySearch(graph: built.graph).run(facilities: [facility], dwellings: [dwelling], cutoff: 5000).distance[0]]
        for name in ["rollator", "rolstoel"] {
            let network = MobilityNetwork(base: built.graph, attributes: built.attributes, profile: try shipped(name))
            result[name] = NearestFacilitySearch(mobility: network).run(facilities: [facility], dwellings: [dwelling], cutoff: 5000).distance[0]
        }
        return result
    }

    @Test func stepsWithoutRampBlockRollatorAndWheelchair() throws {
        let d = try Self.distances(directTags: ["highway": "steps"])
        #expect(d == ["standaard": 200, "rollator": 400, "rolstoel": 400])
    }

    @Test func stepsWithRampArePassable() throws {
        #expect(try Self.distances(directTags: ["highway": "steps", "ramp": "yes"]) == ["standaard": 200, "rollator": 200, "rolstoel": 200])
        #expect(try Self.distances(directTags: ["highway": "steps", "ramp:wheelchair": "yes"]) == ["standaard": 200, "rollator": 200, "rolstoel": 200])
    }

    /// A raised kerb at the crossing node (100, 0): the rollator pays 30 m to pass it (230 < 400),
    /// the wheelchair cannot pass and takes the detour; a lowered kerb costs nothing.
    @Test func raisedKerbAtCrossingNode() throws {
        let raised = try Self.distances(directTags: Self.paved, middleNode: ["highway": "crossing", "kerb": "raised"])
        #expect(raised == ["standaard": 200, "rollator": 230, "rolstoel": 400])
        let lowered = try Self.distances(directTags: Self.paved, middleNode: ["barrier": "kerb", "kerb": "lowered"])
        #expect(lowered == ["standaard": 200, "rollator": 200, "rolstoel": 200])
    }

    /// Setts (kinderkopjes): 200 m × 1.25 = 250 m for the rollator (shorter than the detour),
    /// 200 m × 1.5 = 300 m for the wheelchair (still shorter than 400 m).
    @Test func cobbledPathIsSlower() throws {
        let d = try Self.distances(directTags: ["highway": "footway", "surface": "sett"])
        #expect(d == ["standaard": 200, "rollator": 250, "rolstoel": 300])
        let sand = try Self.distances(directTags: ["highway": "path", "surface": "sand"])
        #expect(sand == ["standaard": 200, "rollator": 400, "rolstoel": 400])
    }

    @Test func kissingGateBlocksPassageThroughItsNodeOnly() throws {
        let d = try Self.distances(directTags: Self.paved, middleNode: ["barrier": "kissing_gate"])
        #expect(d == ["standaard": 200, "rollator": 400, "rolstoel": 400])
        // A bollard is no obstacle.
        #expect(try Self.distances(directTags: Self.paved, middleNode: ["barrier": "bollard"]) == ["standaard": 200, "rollator": 200, "rolstoel": 200])
    }

    /// The gate blocks passing through (100, 0), not the segments that meet there: a dwelling
    /// on the far segment still reaches the gate's side from C.
    @Test func dwellingNextToGateIsReachedFromTheOtherSide() throws {
        var builder = WalkGraphBuilder()
        let direct: [(Double, Double)] = [(0, 0), (100, 0), (200, 0)]
        builder.addLine(source: direct, planar: direct.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: Self.paved)
        builder.addLine(source: Self.detour, planar: Self.detour.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: Self.paved)
        builder.addNode(source: (100, 0), tags: ["barrier": "kissing_gate"])
        let built = builder.buildNetwork(minimumIslandNodes: 1)
        let network = MobilityNetwork(base: built.graph, attributes: built.attributes, profile: try Self.shipped("rollator"))
        // Dwelling 10 m from the gate on segment 1 ((100,0)–C): via C it is 400 + 90 = 490 m.
        let result = NearestFacilitySearch(mobility: network).run(facilities: [NetworkLink(segment: 0, fraction: 0, connector: 0)],
                                                                   dwellings: [NetworkLink(segment: 1, fraction: 0.1, connector: 0),
                                                                               NetworkLink(segment: 0, fraction: 0.9, connector: 0)], cutoff: 5000)
        #expect(result.distance[0] == 490)
        // On A's side of the gate: 90 m straight along segment 0.
        #expect(result.distance[1] == 90)
    }

    @Test func wheelchairNoBlocksOnlyTheWheelchair() throws {
        let d = try Self.distances(directTags: ["highway": "footway", "surface": "asphalt", "wheelchair": "no"])
        #expect(d == ["standaard": 200, "rollator": 200, "rolstoel": 400])
    }

    @Test func steepAndNarrowWaysAreBlocked() throws {
        #expect(try Self.distances(directTags: ["highway": "footway", "surface": "asphalt", "incline": "10%"])["rollator"] == 400)
        #expect(try Self.distances(directTags: ["highway": "footway", "surface": "asphalt", "incline": "-7%"]) == ["standaard": 200, "rollator": 200, "rolstoel": 400])
        #expect(try Self.distances(directTags: ["highway": "footway", "surface": "asphalt", "width": "0,85"]) == ["standaard": 200, "rollator": 200, "rolstoel": 400])
        #expect(try Self.distances(directTags: ["highway": "footway", "surface": "asphalt", "smoothness": "very_bad"]) == ["standaard": 200, "rollator": 200, "rolstoel": 400])
    }

    /// A footway without `surface` is of unknown accessibility: a route over it is flagged, a
    /// route over paved streets is not. Unknown values are counted by tag.
    @Test func unknownTagsAreFlaggedAndCounted() throws {
        var builder = WalkGraphBuilder()
        let a: [(Double, Double)] = [(0, 0), (100, 0)], b: [(Double, Double)] = [(100, 0), (200, 0)], c: [(Double, Double)] = [(200, 0), (300, 0)]
        builder.addLine(source: a, planar: a.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: ["highway": "residential"])
        builder.addLine(source: b, planar: b.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: ["highway": "footway"])
        builder.addLine(source: c, planar: c.map { PlanarPoint(x: $0.0, y: $0.1) }, tags: ["highway": "footway", "surface": "marble"])
        let built = builder.buildNetwork(minimumIslandNodes: 1)
        let network = MobilityNetwork(base: built.graph, attributes: built.attributes, profile: try Self.shipped("rollator"))
        let result = NearestFacilitySearch(mobility: network).run(
            facilities: [NetworkLink(segment: 0, fraction: 0, connector: 0)],
            dwellings: [NetworkLink(segment: 0, fraction: 0.5, connector: 0), NetworkLink(segment: 1, fraction: 0.5, connector: 0),
                        NetworkLink(segment: 2, fraction: 0.5, connector: 0)], cutoff: 5000)
        #expect(result.distance == [50, 150, 250])
        #expect(result.routeUnknown == [false, true, true])
        #expect(network.summary.segmenten_onbekend == 2)
        #expect(network.summary.onbekende_waarden == ["surface=marble": 1])
    }

    /// Unknown node values are passable by default, flagged, and named for run.json.
    @Test func unknownKerbValuesArePassableAndNamed() throws {
        let rolstoel = try Self.shipped("rolstoel")
        let odd = rolstoel.node(["barrier": "kerb", "kerb": "half_height"])
        #expect(odd.cost == 0 && odd.unknown && odd.unrecognised?.key == "kerb" && odd.unrecognised?.value == "half_height")
        let unmapped = rolstoel.node(["highway": "crossing"])
        #expect(unmapped.cost == 0 && unmapped.unknown && unmapped.unrecognised == nil)
        #expect(rolstoel.node(["highway": "crossing", "kerb": "raised"]).isBlocked)
        #expect(!rolstoel.node(["highway": "crossing", "kerb": "raised", "wheelchair": "yes"]).isBlocked)
        #expect(rolstoel.way(["highway": "footway", "incline": "steep"]).unrecognised?.value == "steep")
        #expect(rolstoel.way(["highway": "footway", "width": "breed"]).unrecognised?.key == "width")
    }

    /// Profiles in the configuration: a user profile replaces a shipped one, bad values name the key.
    @Test func configurationErrorsNameTheKey() throws {
        func load(_ text: String, selected: [String]? = nil) throws -> [MobilityProfile] {
            try MobilityProfileLoader.load(try ConfigTable.parse(text, file: "p.toml"), selected: selected, file: "p.toml")
        }
        #expect(try load("").map(\.name) == ["rollator", "rolstoel"])
        let own = try load("""
        [[mobility_profiles]]
        name = "rollator"
        steps = "passable"
        """)
        #expect(own.first { $0.name == "rollator" }?.blocksSteps == false)
        #expect(throws: InputError.self) { try load("", selected: ["scootmobiel"]) }
        do {
            _ = try load("[[mobility_profiles]]\nname = \"x\"\nsurface_factors = { sett = 0.5 }\n")
            Issue.record("a factor below 1 must be refused")
        } catch let error as InputError {
            #expect(error.message.contains("mobility_profiles[0].surface_factors.sett"))
        }
        do {
            _ = try load("[[mobility_profiles]]\nname = \"x\"\nsteps = \"maybe\"\n")
            Issue.record("an unknown steps value must be refused")
        } catch let error as InputError {
            #expect(error.message.contains("'mobility_profiles[0].steps'") && error.message.contains("\"maybe\""))
        }
        #expect(throws: InputError.self) { try load("[[mobility_profiles]]\nname = \"standaard\"\n") }
        #expect(throws: InputError.self) { try load("[[mobility_profiles]]\nname = \"x\"\nblocked_smoothness = [\"awful\"]\n") }
    }
}
