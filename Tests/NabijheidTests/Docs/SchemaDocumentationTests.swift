import Foundation
import Testing
@testable import Nabijheid

/// docs/schema.md is the contract of the output layers: every property a layer writes must be
/// documented there, and every documented property must still be written. A schema change
/// without a documentation change fails here.
@Suite struct SchemaDocumentationTests {
    /// Documented property patterns per section heading, from the first column of its tables.
    static func documentedProperties() throws -> [String: [String]] {
        let text = try String(contentsOfFile: "\(PipelineRun.packageRoot)/docs/schema.md", encoding: .utf8)
        var sections: [String: [String]] = [:]
        var current = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { current = String(line.dropFirst(3)); continue }
            guard line.hasPrefix("| `") else { continue }
            let firstColumn = line.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
            // Backticked names in the first column, e.g. `buurtcode` / `wijkcode`.
            let names = firstColumn.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            sections[current, default: []] += names
        }
        return sections
    }

    /// A documented name as a pattern: `<categorie>`, `<d>`, `<profiel>`, `<eis>`, `<niveau>`,
    /// `<mobiliteitsprofiel>` are placeholders.
    static func matches(_ pattern: String, _ name: String) -> Bool {
        var regex = "^" + NSRegularExpression.escapedPattern(for: pattern) + "$"
        for placeholder in ["<categorie>", "<profiel>", "<eis>", "<niveau>", "<mobiliteitsprofiel>"] {
            regex = regex.replacingOccurrences(of: NSRegularExpression.escapedPattern(for: placeholder), with: "[a-z0-9_]+")
        }
        regex = regex.replacingOccurrences(of: NSRegularExpression.escapedPattern(for: "<d>"), with: "[0-9_]+")
        return name.range(of: regex, options: .regularExpression) != nil
    }

    /// A configuration with every optional property switched on: suitability levels, profiles
    /// with dwelling and facility requirements (with good_m).
    static func configuration() throws -> RunConfiguration {
        var configuration = try ConfigurationLoader.parse("""
            [buurten]
            path = "b.geojson"
            [dwellings]
            path = "w.geojson"
            suitability_field = "geschiktheid"
            woonvorm_field = "woonvorm"
            [network]
            path = "n.osm.pbf"
            [[facilities]]
            path = "n.osm.pbf"
            """, file: "schema.toml", baseDirectory: "/")
        configuration.outputs.serviceAreas = true
        return configuration
    }

    static func check(_ fields: [FieldDefinition], against section: String, documented: [String: [String]]) {
        let patterns = documented[section] ?? []
        #expect(!patterns.isEmpty, "docs/schema.md has a section '## \(section)' with a property table")
        for field in fields {
            #expect(patterns.contains { matches($0, field.name) }, "'\(field.name)' is written but not documented under '\(section)' in docs/schema.md")
        }
        for pattern in patterns {
            #expect(fields.contains { matches(pattern, $0.name) }, "'\(pattern)' is documented under '\(section)' but no longer written")
        }
    }

    @Test func areaLayersAreDocumented() throws {
        let configuration = try Self.configuration()
        let documented = try Self.documentedProperties()
        // With the CBS cross-check on (a CBS kerncijfers buurten layer).
        let cbs = CBSComparison(categories: [2], fields: ["huisartsenpraktijk_gemiddelde_afstand_in_km"], entries: [])
        let fields = AreaLevel.Kind.allCases.flatMap { AreaLayer.fields(configuration, kind: $0, cbs: cbs) }
        Self.check(fields, against: "buurten.geojson, wijken.geojson, gemeenten.geojson", documented: documented)
    }

    @Test func dwellingLayerIsDocumented() throws {
        Self.check(DwellingLayer.fields(try Self.configuration()), against: "woningen.geojson", documented: try Self.documentedProperties())
    }

    @Test func facilityLayerIsDocumented() throws {
        Self.check(FacilityLayer.fields(try Self.configuration()), against: "voorzieningen.geojson", documented: try Self.documentedProperties())
    }

    @Test func serviceAreaLayerIsDocumented() throws {
        Self.check(ServiceAreaLayer.fields, against: "bereikgebieden.geojson", documented: try Self.documentedProperties())
    }

    @Test func runReportKeysAreDocumented() throws {
        let documented = try Self.documentedProperties()["run.json"] ?? []
        let keys = ["nabijheid_versie", "configuratie", "invoer[]", "parameters", "netwerk", "woningen", "voorzieningen[]",
                    "buurten", "beoordeling[]", "meldingen[]", "uitvoer[]", "waarschuwingen[]", "cbs_vergelijking[]",
                    "aanrijtijden", "mobiliteitsprofielen[]"]
        #expect(Set(documented) == Set(keys), "run.json keys in docs/schema.md: \(documented)")
        // And the encoder writes exactly those top-level keys.
        let mirror = Mirror(reflecting: try Self.emptyReport())
        let written = Set(mirror.children.compactMap(\.label))
        #expect(written == Set(keys.map { $0.replacingOccurrences(of: "[]", with: "") }))
    }

    static func emptyReport() throws -> RunReport {
        RunReport(nabijheid_versie: "", configuratie: .init(bestand: "", sha256: "", tekst: ""), invoer: [],
                  parameters: .init(drempels_m: [], zoekgrens_m: 0, max_aansluiting_m: 0, min_eilandknopen: 0, profiel: ""),
                  netwerk: .init(ways_gelezen: 0, ways_beloopbaar: 0, knopen: 0, segmenten: 0, lengte_km: 0, verwijderde_eilanden: 0, verwijderde_eilandknopen: 0),
                  woningen: .init(gelezen: 0, in_buurt: 0, niet_routeerbaar: 0, buiten_buurten: 0, overgeslagen_zonder_geometrie: 0),
                  voorzieningen: [], buurten: 0, beoordeling: [], meldingen: [], uitvoer: [])
    }
}
