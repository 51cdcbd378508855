import Foundation
import Testing
@testable import Nabijheid

/// Issue 13 item 7: the walking distances beside CBS's own nabijheid figures. The fixture
/// town's buurten get the fields of a CBS kerncijfers layer as in
/// ../shared/data/baarn/baarn_buurten.geojson (there every figure is the sentinel -99995, so
/// the values here are made up): one buurt where CBS has an apotheek nearby that the input
/// lacks, one where the walking distance to a shop is far shorter than CBS's road distance,
/// and sentinels elsewhere.
@Suite("Cross-check with CBS")
struct CBSComparisonTests {
    static let fields = ["huisartsenpraktijk_gemiddelde_afstand_in_km", "apotheek_gemiddelde_afstand_in_km",
                         "grote_supermarkt_gemiddelde_afstand_in_km"]

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// The town with CBS figures on its buurten (by code; every other buurt gets -99995) and
    /// without the facilities of `removing`.
    static func town(figures: [String: [Double]], removing category: String? = nil) throws -> TownCopy {
        let town = try TownCopy()
        var buurten = try json(town.url("buurten.geojson"))
        buurten["features"] = (buurten["features"] as? [[String: Any]] ?? []).map { feature in
            var feature = feature
            var properties = feature["properties"] as? [String: Any] ?? [:]
            let values = figures[properties["buurtcode"] as? String ?? ""] ?? [-99995, -99995, -99995]
            for (field, value) in zip(fields, values) { properties[field] = value }
            feature["properties"] = properties
            return feature
        }
        try JSONSerialization.data(withJSONObject: buurten, options: [.sortedKeys]).write(to: town.url("buurten.geojson"))
        if let category {
            var facilities = try json(town.url("voorzieningen.geojson"))
            facilities["features"] = (facilities["features"] as? [[String: Any]] ?? []).filter {
                ($0["properties"] as? [String: Any])?["categorie"] as? String != category
            }
            try JSONSerialization.data(withJSONObject: facilities, options: [.sortedKeys]).write(to: town.url("voorzieningen.geojson"))
        }
        return town
    }

    @Test func walkingBesideCBSWithFlags() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        // BU00010000: CBS finds a huisarts at 0.6 km, an apotheek at 0.4 km (the input has none)
        // and a grote supermarkt only at 9.5 km (the input's shop is much nearer on foot).
        let town = try Self.town(figures: ["BU00010000": [0.6, 0.4, 9.5]], removing: "apotheek")
        let result = try town.run()
        try #require(result.exited(0), "\(result)")

        let features = try #require(try Self.json(town.output.appendingPathComponent("buurten.geojson"))["features"] as? [[String: Any]])
        let byCode = Dictionary(uniqueKeysWithValues: features.compactMap { $0["properties"] as? [String: Any] }.map { ($0["buurtcode"] as? String ?? "", $0) })
        let b = try #require(byCode["BU00010000"])
        #expect(b["cbs_afstand_huisarts_km"] as? Double == 0.6)
        let walking = try #require(b["gemiddelde_loopafstand_huisarts_m"] as? Double)
        #expect(walking > 0 && walking < 2000, "\(walking)")
        #expect(b["cbs_afstand_apotheek_km"] as? Double == 0.4)
        #expect(b["gemiddelde_loopafstand_apotheek_m"] is NSNull, "no apotheek in the input")
        #expect(b["cbs_signaal_apotheek"] as? String == "cbs_wel_invoer_niet")
        #expect(b["cbs_signaal_dagelijkse_boodschappen"] as? String == "loopafstand_veel_korter")
        // A sentinel is unknown, and unknown is never flagged.
        let other = try #require(byCode["BU00010001"])
        #expect(other["cbs_afstand_huisarts_km"] is NSNull)
        #expect(other["cbs_signaal_apotheek"] is NSNull)

        // run.json: the same per category and buurt, and a warning per flag.
        let report = try Self.json(town.output.appendingPathComponent("run.json"))
        let comparison = try #require(report["cbs_vergelijking"] as? [[String: Any]])
        #expect(comparison.map { $0["categorie"] as? String } == ["dagelijkse_boodschappen", "huisarts", "apotheek"])
        #expect(comparison.map { $0["cbs_veld"] as? String } == ["grote_supermarkt_gemiddelde_afstand_in_km", Self.fields[0], Self.fields[1]])
        let apotheek = try #require((comparison[2]["buurten"] as? [[String: Any]])?.first { $0["buurtcode"] as? String == "BU00010000" })
        #expect(apotheek["signaal"] as? String == "cbs_wel_invoer_niet")
        #expect(apotheek["woningen_met_voorziening"] as? Int == 0)
        let warnings = report["waarschuwingen"] as? [[String: Any]] ?? []
        let cbs = warnings.filter { $0["code"] as? String == "CBS_VERSCHIL" }
        #expect(cbs.contains { $0["categorie"] as? String == "apotheek" && $0["buurtcodes"] as? [String] == ["BU00010000"] }, "\(cbs)")
        #expect(cbs.contains { $0["categorie"] as? String == "dagelijkse_boodschappen" }, "\(cbs)")

        // The report has the table, the flagged buurt first.
        let html = try String(contentsOf: town.output.appendingPathComponent("rapport.html"), encoding: .utf8)
        #expect(html.contains("<section id=\"cbs\">"))
        #expect(html.contains("⚠ 0,4 km · geen"), "the apotheek cell of BU00010000")
    }

    @Test func withoutCBSFieldsNothingIsAdded() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try #require(try town.run().exited(0))
        let report = try Self.json(town.output.appendingPathComponent("run.json"))
        #expect(report["cbs_vergelijking"] == nil)
        let features = try #require(try Self.json(town.output.appendingPathComponent("buurten.geojson"))["features"] as? [[String: Any]])
        #expect(!((features.first?["properties"] as? [String: Any])?.keys.contains { $0.hasPrefix("cbs_") } ?? true))
    }

    @Test func categoryFieldsAreConfigurable() throws {
        let text = """
            [buurten]
            path = "b.geojson"
            [dwellings]
            path = "w.geojson"
            [network]
            path = "n.osm.pbf"
            [[facilities]]
            path = "n.osm.pbf"
            [assessment]
            profiles = []
            [[categories]]
            name = "huisarts"
            osm = ["amenity=doctors"]
            [[categories]]
            name = "bieb"
            osm = ["amenity=library"]
            cbs_afstand_field = "bibliotheek_gemiddelde_afstand_in_km"
            [[categories]]
            name = "apotheek"
            osm = ["amenity=pharmacy"]
            cbs_afstand_field = ""
            """
        let configuration = try ConfigurationLoader.parse(text, file: "c.toml", baseDirectory: "/")
        #expect(configuration.catalog.categories.map(\.cbsDistanceField)
                == ["huisartsenpraktijk_gemiddelde_afstand_in_km", "bibliotheek_gemiddelde_afstand_in_km", nil])
    }
}
