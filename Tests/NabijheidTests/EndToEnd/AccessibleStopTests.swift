import Foundation
import Testing
@testable import Nabijheid

/// R3 counts the stops a rollator user can use: the fixture town's one zorg location has a stop
/// within 500 m. The stops' accessibility comes from GTFS `wheelchair_boarding` here.
@Suite(.serialized) struct AccessibleStopTests {
    /// The town with `wheelchair_boarding` set to `value` on every stop ("" leaves it unknown).
    static func town(wheelchairBoarding value: String?) throws -> TownCopy {
        let town = try TownCopy()
        try town.dropWheelchairBoarding()
        if let value {
            let lines = try town.read("gtfs/stops.txt").split(separator: "\n").map(String.init)
            let text = ([lines[0] + ",wheelchair_boarding"] + lines.dropFirst().map { $0 + "," + value }).joined(separator: "\n") + "\n"
            try town.write(text, to: "gtfs/stops.txt")
        }
        return town
    }

    static func zorgBuurt(_ town: TownCopy) throws -> [String: Any] {
        let result = try town.run()
        try #require(result.exited(0), "\(result)")
        let data = try Data(contentsOf: town.output.appendingPathComponent("buurten.geojson"))
        let features = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["features"] as? [[String: Any]] ?? []
        return try #require(features.map { $0["properties"] as! [String: Any] }.first { $0["buurtcode"] as? String == "BU00010000" })
    }

    @Test func unknownStopsCountForTheBasisButNotForTheStrictProfile() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let buurt = try Self.zorgBuurt(try Self.town(wheelchairBoarding: nil))
        #expect(buurt["woonservicegebied_r3_status"] as? String == "voldoet")
        #expect(buurt["zonder_mantelzorg_r3s_status"] as? String == "onbekend")
        #expect((buurt["redenen_zonder_mantelzorg"] as? String ?? "").contains("R3s_TOEGANKELIJKHEID_ONBEKEND"))
        #expect((buurt["toelichting_zonder_mantelzorg"] as? String ?? "").contains("van geen enkele OV-halte in de invoer is bekend dat die toegankelijk is"))
    }

    @Test func inaccessibleStopsFailBoth() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        // wheelchair_boarding = 2: known not accessible. A known failure, not an unknown.
        let buurt = try Self.zorgBuurt(try Self.town(wheelchairBoarding: "2"))
        #expect(buurt["woonservicegebied_r3_status"] as? String == "voldoet_niet")
        #expect(buurt["zonder_mantelzorg_r3s_status"] as? String == "voldoet_niet")
        #expect((buurt["toelichting_woonservicegebied"] as? String ?? "").contains("waarbij voorzieningen die als ontoegankelijk bekendstaan niet meetellen"))
    }

    @Test func accessibleStopsMeetBoth() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let buurt = try Self.zorgBuurt(try Self.town(wheelchairBoarding: "1"))
        #expect(buurt["woonservicegebied_r3_status"] as? String == "voldoet")
        #expect(buurt["zonder_mantelzorg_r3s_status"] as? String == "voldoet")
    }
}
