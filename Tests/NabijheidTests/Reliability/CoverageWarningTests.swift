import Foundation
import Testing
@testable import Nabijheid

/// Issue 13 item 6: what the input cannot support is said, not judged. A category without any
/// facility makes its requirements `onbekend` (never `voldoet_niet`) and is warned about in the
/// console summary, run.json and at the top of rapport.html; a buurt without dwellings that CBS
/// says is inhabited is `niet_te_beoordelen`, not `te_klein`.
@Suite("Coverage warnings instead of silent judgements")
struct CoverageWarningTests {
    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Rewrites a GeoJSON file of the copy, keeping the features for which `keep` (given the
    /// properties and the geometry) is true and appending `extra` features.
    static func rewrite(_ town: TownCopy, _ file: String, keep: ([String: Any], [String: Any]) -> Bool = { _, _ in true },
                        extra: [[String: Any]] = []) throws {
        var collection = try json(town.url(file))
        let features = try #require(collection["features"] as? [[String: Any]])
        collection["features"] = features.filter { keep($0["properties"] as? [String: Any] ?? [:], $0["geometry"] as? [String: Any] ?? [:]) } + extra
        try JSONSerialization.data(withJSONObject: collection, options: [.sortedKeys]).write(to: town.url(file))
    }

    @Test func emptyCategoryIsUnknownAndWarned() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try Self.rewrite(town, "voorzieningen.geojson", keep: { properties, _ in properties["categorie"] as? String != "apotheek" })
        let result = try town.run()
        try #require(result.exited(0), "\(result)")

        // Every buurt with dwellings: R5b unknown with its reason, never voldoet_niet for it.
        let buurten = try #require(try Self.json(town.output.appendingPathComponent("buurten.geojson"))["features"] as? [[String: Any]])
        var judged = 0
        for feature in buurten {
            let p = feature["properties"] as? [String: Any] ?? [:]
            guard (p["aantal_woningen_routeerbaar"] as? Int ?? 0) > 0, p["water"] as? String == "NEE" else { continue }
            judged += 1
            #expect(p["woonservicegebied_r5b_status"] as? String == "onbekend", "\(p["buurtcode"] ?? "")")
            #expect((p["redenen_woonservicegebied"] as? String ?? "").contains("R5b_GEEN_VOORZIENINGEN"))
            #expect((p["toelichting_woonservicegebied"] as? String ?? "")
                .contains("R5b (apotheek binnen bereik) is niet te beoordelen: de invoer bevat geen enkele apotheek"))
            #expect(p["klasse_woonservicegebied"] as? String != "voldoet")
        }
        #expect(judged > 0)

        // run.json: a structured warning naming the category and the requirement.
        let report = try Self.json(town.output.appendingPathComponent("run.json"))
        let warnings = try #require(report["waarschuwingen"] as? [[String: Any]])
        let warning = try #require(warnings.first { $0["code"] as? String == "CATEGORIE_ZONDER_VOORZIENINGEN" })
        #expect(warning["categorie"] as? String == "apotheek")
        #expect(warning["eisen"] as? [String] == ["woonservicegebied/R5b"])
        #expect((warning["melding"] as? String ?? "").contains("geen enkele apotheek"))
        // No requirement counted as failed for lack of data.
        let totals = (report["beoordeling"] as? [[String: Any]] ?? []).first { $0["profiel"] as? String == "woonservicegebied" && $0["niveau"] as? String == "buurt" }
        #expect((totals?["niet_voldaan"] as? [String: Int])?["R5b"] == 0)

        // The report says so at the top, before the first map.
        let html = try String(contentsOf: town.output.appendingPathComponent("rapport.html"), encoding: .utf8)
        let top = try #require(html.range(of: "id=\"waarschuwingen\""))
        let map = try #require(html.range(of: "id=\"kaart-0\">"))
        #expect(top.lowerBound < map.lowerBound)
        #expect(html.contains("geen enkele apotheek"))
        // And the console summary.
        #expect(result.stdout.contains("LET OP: De invoer bevat geen enkele apotheek"), "\(result)")
    }

    @Test func inhabitedBuurtWithoutDwellingsIsNotTooSmall() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        // A buurt beside the town with 850 inhabitants per CBS and no dwelling in the input.
        let ring = [[125000.0, 440000.0], [125500.0, 440000.0], [125500.0, 440500.0], [125000.0, 440500.0], [125000.0, 440000.0]]
        let extra: [String: Any] = [
            "type": "Feature",
            "properties": ["buurtcode": "BU00019200", "buurtnaam": "Nieuwbouw", "wijkcode": "WK000192", "gemeentecode": "GM0001",
                           "aantal_inwoners": 850, "percentage_personen_65_jaar_en_ouder": 12, "water": "NEE"],
            "geometry": ["type": "Polygon", "coordinates": [ring]],
        ]
        try Self.rewrite(town, "buurten.geojson", extra: [extra])
        let result = try town.run()
        try #require(result.exited(0), "\(result)")
        let buurten = try #require(try Self.json(town.output.appendingPathComponent("buurten.geojson"))["features"] as? [[String: Any]])
        let buurt = try #require(buurten.map { $0["properties"] as? [String: Any] ?? [:] }.first { $0["buurtcode"] as? String == "BU00019200" })
        #expect(buurt["klasse_woonservicegebied"] as? String == "niet_te_beoordelen")
        #expect(buurt["redenen_woonservicegebied"] as? String == "GEEN_WONINGEN_IN_INVOER")
        #expect((buurt["toelichting_woonservicegebied"] as? String ?? "").contains("terwijl het CBS hier 850 inwoners telt"))
        let warnings = try #require(try Self.json(town.output.appendingPathComponent("run.json"))["waarschuwingen"] as? [[String: Any]])
        let warning = try #require(warnings.first { $0["code"] as? String == "BUURTEN_ZONDER_WONINGEN" })
        #expect(warning["buurtcodes"] as? [String] == ["BU00019200"])
        #expect(!warnings.contains { $0["code"] as? String == "MEESTE_BUURTEN_LEEG" }, "1 of 6 land buurten is not most")
        #expect(result.stdout.contains("LET OP: 1 buurt heeft geen enkele woning in de invoer"), "\(result)")
    }

    @Test func mostBuurtenEmptyIsWarned() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        // Only the dwellings of the first buurt (RD x < 120700, y < 440700) stay: 4 of the 5 land buurten are empty.
        try Self.rewrite(town, "woningen.geojson", keep: { _, geometry in
            guard let xy = geometry["coordinates"] as? [Double], xy.count >= 2 else { return false }
            return xy[0] < 120_700 && xy[1] < 440_700
        })
        let result = try town.run()
        try #require(result.exited(0), "\(result)")
        let warnings = try #require(try Self.json(town.output.appendingPathComponent("run.json"))["waarschuwingen"] as? [[String: Any]])
        let warning = try #require(warnings.first { $0["code"] as? String == "MEESTE_BUURTEN_LEEG" }, "\(warnings)")
        #expect((warning["melding"] as? String ?? "").hasPrefix("4 van de 5 buurten (80 %) hebben geen enkele woning in de invoer"))
    }

    @Test func gdalWarningsInDutch() {
        let raw = "GDAL: Non closed ring detected. To avoid accepting it, set the OGR_GEOMETRY_ACCEPT_UNCLOSED_RING configuration option to NO (2×)"
        let dutch = GDALMessageText.dutch(raw)
        #expect(dutch.hasPrefix("Een vlak in de invoer heeft een ring die niet gesloten is"))
        #expect(dutch.hasSuffix("(2 keer)"))
        #expect(!dutch.contains("OGR_GEOMETRY"))
        let warning = RunReport.gdalWarning(raw)
        #expect(warning?.origineel == raw && warning?.melding == dutch)
        #expect(GDALMessageText.dutch("GDAL: something new (1×)") == "GDAL: something new (1×)", "unknown messages stay as they are")
        #expect(GDALMessageText.dutch("GDAL: Ring Self-intersection at or near point 120000.5 440000 (1×)")
                .hasPrefix("Een vlak in de invoer snijdt zichzelf bij punt 120000.5 440000"))
    }
}
