import Foundation
import Testing

/// Bad `[care_response]` settings and a care layer with a wrong category end with exit 2 and a
/// message naming the file and key or field; a care layer without any 24-hour base is not an
/// error: R8 becomes `onbekend`.
@Suite("Bad input: care response (R8)")
struct CareResponseBadInputTests {
    private func expectRefused(_ town: TownCopy, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try TestSupport.run(["run", "--config", town.config.path, "--output", town.output.path], in: town.directory)
        Reliability.expectRefused(result, output: town.output, mentions: fragments, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (#"mode = "fiets""#, #"mode = "lopen""#, ["nabijheid.toml", "'care_response.mode'", #""fiets", "auto""#, #""lopen""#]),
        ("speed_kmh = 15", "speed_kmh = -15", ["nabijheid.toml", "'care_response.speed_kmh'", "positive speed"]),
        ("dispatch_min = 5", "dispatch_min = -5", ["nabijheid.toml", "'care_response.dispatch_min'"]),
    ])
    func badCareResponseSetting(old: String, new: String, fragments: [String]) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(old, new)
        try expectRefused(town, mentions: fragments)
    }

    @Test func careLayerWithAMisspelledCategory() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.replace(#""categorie": "zorg_24uur""#, with: #""categorie": "zorg24""#, in: "voorzieningen.geojson")
        try expectRefused(town, mentions: ["voorzieningen.geojson", "\"zorg24\"", "'categorie'", "zorg_24uur"])
    }

    /// The layer has care points but no 24-hour base: the run succeeds, R8 is `onbekend` in
    /// every judged buurt with the reason, and the run warns.
    @Test func careLayerWithoutTheTwentyFourHourCategory() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.replace(#""categorie": "zorg_24uur""#, with: #""categorie": "zorg""#, in: "voorzieningen.geojson")
        let result = try town.run()
        try #require(result.exited(0), "\(result)")
        #expect(result.stdout.contains("24-uurs zorgpost (categorie zorg_24uur)"), "\(result.stdout)")
        let data = try Data(contentsOf: town.output.appendingPathComponent("buurten.geojson"))
        let features = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["features"] as? [[String: Any]] ?? []
        let judged = features.map { $0["properties"] as! [String: Any] }.filter { ($0["aantal_woningen"] as? Int ?? 0) >= 10 }
        #expect(!judged.isEmpty)
        for buurt in judged {
            #expect(buurt["woonservicegebied_r8_status"] as? String == "onbekend")
            #expect((buurt["redenen_woonservicegebied"] as? String ?? "").contains("R8_GEEN_ZORGPOSTEN"))
        }
    }
}
