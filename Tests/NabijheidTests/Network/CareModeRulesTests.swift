import Testing
@testable import Nabijheid

@Suite struct CareModeRulesTests {
    let fiets = CareModeRules(mode: .fiets, speedKmh: 15)
    let auto = CareModeRules(mode: .auto, speedKmh: 80)

    func directions(_ rules: CareModeRules, _ tags: [String: String]) -> String {
        guard let passage = rules.passage(tags) else { return "closed" }
        return passage.forward && passage.backward ? "both" : passage.forward ? "forward" : "backward"
    }

    @Test func cyclingWays() {
        #expect(directions(fiets, ["highway": "residential"]) == "both")
        #expect(directions(fiets, ["highway": "cycleway"]) == "both")
        #expect(directions(fiets, ["highway": "path"]) == "both")
        #expect(directions(fiets, ["highway": "motorway"]) == "closed")
        #expect(directions(fiets, ["highway": "trunk"]) == "closed")
        #expect(directions(fiets, ["highway": "footway"]) == "closed")
        #expect(directions(fiets, ["highway": "footway", "bicycle": "designated"]) == "both")
        #expect(directions(fiets, ["highway": "pedestrian", "bicycle": "yes"]) == "both")
        #expect(directions(fiets, ["highway": "steps"]) == "closed")
        #expect(directions(fiets, ["highway": "primary", "bicycle": "no"]) == "closed")
        #expect(directions(fiets, ["highway": "service", "access": "private"]) == "closed")
        #expect(directions(fiets, ["highway": "service", "access": "private", "bicycle": "yes"]) == "both")
        #expect(directions(fiets, ["highway": "residential", "oneway": "yes"]) == "forward")
        #expect(directions(fiets, ["highway": "residential", "oneway": "-1"]) == "backward")
        #expect(directions(fiets, ["highway": "residential", "oneway": "yes", "oneway:bicycle": "no"]) == "both")
        #expect(directions(fiets, ["highway": "residential", "oneway": "yes", "cycleway": "opposite_lane"]) == "both")
        #expect(directions(fiets, ["highway": "primary", "junction": "roundabout"]) == "forward")
        #expect(fiets.passage(["highway": "primary", "maxspeed": "80"])?.speedKmh == 15)
    }

    @Test func drivingWays() {
        #expect(directions(auto, ["highway": "residential"]) == "both")
        #expect(directions(auto, ["highway": "motorway"]) == "forward")
        #expect(directions(auto, ["highway": "motorway", "oneway": "no"]) == "both")
        #expect(directions(auto, ["highway": "residential", "oneway": "1"]) == "forward")
        #expect(directions(auto, ["highway": "residential", "oneway": "true"]) == "forward")
        #expect(directions(auto, ["highway": "residential", "oneway": "-1"]) == "backward")
        #expect(directions(auto, ["highway": "residential", "oneway": "yes", "oneway:bicycle": "no"]) == "forward")
        for closed in ["footway", "cycleway", "path", "pedestrian", "steps", "track"] {
            #expect(directions(auto, ["highway": closed]) == "closed", "\(closed)")
        }
        #expect(directions(auto, ["highway": "track", "motor_vehicle": "yes"]) == "both")
        #expect(directions(auto, ["highway": "cycleway", "motorcar": "yes"]) == "both")
        #expect(directions(auto, ["highway": "residential", "motor_vehicle": "no"]) == "closed")
        #expect(directions(auto, ["highway": "service", "access": "no"]) == "closed")
    }

    @Test func drivingSpeeds() {
        func speed(_ tags: [String: String], cap: Double = 80) -> Double? {
            CareModeRules(mode: .auto, speedKmh: cap).passage(tags)?.speedKmh
        }
        #expect(speed(["highway": "primary", "maxspeed": "70"]) == 70)
        #expect(speed(["highway": "primary", "maxspeed": "50 km/h"]) == 50)
        #expect(speed(["highway": "primary", "maxspeed": "NL:urban"]) == 50)
        #expect(speed(["highway": "primary", "maxspeed": "NL:rural"]) == 80)
        #expect(speed(["highway": "living_street", "maxspeed": "walk"]) == 6)
        #expect(abs(speed(["highway": "primary", "maxspeed": "30 mph"])! - 48.28032) < 1e-9)
        // Unreadable maxspeed: the highway default.
        #expect(speed(["highway": "residential", "maxspeed": "signals"]) == 30)
        #expect(speed(["highway": "residential"]) == 30)
        #expect(speed(["highway": "motorway"]) == 80)
        #expect(speed(["highway": "motorway", "maxspeed": "130"], cap: 100) == 100)
    }
}
