import Testing
@testable import Nabijheid

@Suite struct WalkRulesTests {
    let standaard = WalkRules()
    let rollator = WalkRules(profile: .rollator)

    @Test func defaultProfileIsStandaard() {
        #expect(standaard.profile == .standaard)
        #expect(standaard.excludedHighways == WalkRules.defaultExcludedHighways)
    }

    @Test(arguments: ["footway", "pedestrian", "residential", "living_street", "path", "service", "track", "primary", "unclassified"])
    func ordinaryWaysAreWalkable(highway: String) {
        #expect(standaard.isWalkable(["highway": highway]))
        #expect(rollator.isWalkable(["highway": highway]))
    }

    @Test func cyclewayIsWalkableUnlessFootNo() {
        #expect(standaard.isWalkable(["highway": "cycleway"]))
        #expect(standaard.isWalkable(["highway": "cycleway", "foot": "yes"]))
        #expect(standaard.isWalkable(["highway": "cycleway", "foot": "designated"]))
        #expect(!standaard.isWalkable(["highway": "cycleway", "foot": "no"]))
        #expect(!rollator.isWalkable(["highway": "cycleway", "foot": "no"]))
    }

    @Test func footNoExcludesAnyWay() {
        #expect(!standaard.isWalkable(["highway": "footway", "foot": "no"]))
        #expect(!standaard.isWalkable(["highway": "residential", "foot": "no"]))
    }

    @Test(arguments: ["motorway", "motorway_link", "trunk", "trunk_link"])
    func motorwaysAndTrunksAreNotWalkable(highway: String) {
        #expect(!standaard.isWalkable(["highway": highway]))
        // Not even with foot=yes: the RVV forbids pedestrians there.
        #expect(!standaard.isWalkable(["highway": highway, "foot": "yes"]))
        #expect(!rollator.isWalkable(["highway": highway]))
    }

    @Test(arguments: ["private", "no"])
    func restrictedAccessNeedsExplicitFootPermission(access: String) {
        #expect(!standaard.isWalkable(["highway": "service", "access": access]))
        #expect(standaard.isWalkable(["highway": "service", "access": access, "foot": "yes"]))
        #expect(standaard.isWalkable(["highway": "service", "access": access, "foot": "designated"]))
        #expect(standaard.isWalkable(["highway": "service", "access": access, "foot": "permissive"]))
        #expect(!standaard.isWalkable(["highway": "service", "access": access, "foot": "no"]))
        #expect(!standaard.isWalkable(["highway": "service", "access": access, "foot": "private"]))
        #expect(!standaard.isWalkable(["highway": "service", "access": access, "foot": "unknown"]))
    }

    @Test func otherAccessValuesAreWalkable() {
        #expect(standaard.isWalkable(["highway": "service", "access": "destination"]))
        #expect(standaard.isWalkable(["highway": "service", "access": "yes"]))
        #expect(standaard.isWalkable(["highway": "footway", "access": "permissive"]))
    }

    @Test func stepsDependOnProfile() {
        #expect(standaard.isWalkable(["highway": "steps"]))
        #expect(!rollator.isWalkable(["highway": "steps"]))
        #expect(!rollator.isWalkable(["highway": "steps", "foot": "yes"]))
        #expect(!standaard.isWalkable(["highway": "steps", "foot": "no"]))
    }

    @Test func buswayIsExcludedByDefaultOnly() {
        #expect(WalkRules.defaultExcludedHighways.contains("busway"))
        #expect(!standaard.isWalkable(["highway": "busway"]))
        #expect(!rollator.isWalkable(["highway": "busway"]))
        let custom = WalkRules(profile: .standaard, excludedHighways: ["motorway"])
        #expect(custom.isWalkable(["highway": "busway"]))
        #expect(!custom.isWalkable(["highway": "motorway"]))
    }

    @Test(arguments: ["construction", "proposed", "raceway", "bus_guideway", "abandoned", "razed", "disused"])
    func otherExcludedHighways(highway: String) {
        #expect(!standaard.isWalkable(["highway": highway]))
    }

    @Test func noHighwayTagIsNotWalkable() {
        #expect(!standaard.isWalkable([:]))
        #expect(!standaard.isWalkable(["foot": "yes"]))
        #expect(!standaard.isWalkable(["railway": "platform", "foot": "designated"]))
        #expect(!standaard.isWalkable(["highway": ""]))
    }
}
