import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Nabijheid

/// `rapport.html` rendered in-process from the fixture town (and Delft when the shared data is
/// there). Each run also leaves the page in `NABIJHEID_RAPPORT_DIR` (default: the temporary
/// folder) as `rapport-<name>.html`, for scripts/screenshot-report.
@Suite struct HTMLReportTests {
    struct Rendered {
        let result: RunResult
        let report: RunReport
        let html: String
        /// The run's folder (outputs in `out/`): gone once rendered unless `keepingOutput`, then
        /// the caller removes it.
        let directory: String
    }

    static func render(configuration text: String, baseDirectory: String, name: String, keepingOutput: Bool = false) throws -> Rendered {
        let directory = PipelineRun.temporaryDirectory()
        var rendered = false
        defer { if !(keepingOutput && rendered) { PipelineRun.remove(directory) } }
        let configFile = "\(baseDirectory)/nabijheid.toml"
        var configuration = try ConfigurationLoader.parse(text, file: configFile, baseDirectory: baseDirectory,
                                                          outputOverride: "\(directory)/out")
        if !FileManager.default.fileExists(atPath: configFile) {
            configuration.file = "\(directory)/nabijheid.toml"
            try text.write(toFile: configuration.file, atomically: true, encoding: .utf8)
        }
        let result = try RunPipeline.run(configuration, timer: StageTimer(), threads: 2)
        let report = try RunWriter.write(result, threads: 2)
        let html = HTMLReport.render(result, report: report)
        let folder = ProcessInfo.processInfo.environment["NABIJHEID_RAPPORT_DIR"] ?? NSTemporaryDirectory()
        try html.write(toFile: "\(folder)/rapport-\(name).html", atomically: true, encoding: .utf8)
        rendered = true
        return Rendered(result: result, report: report, html: html, directory: directory)
    }

    /// The fixture town; with `keepingOutput` its layers stay in `directory/out` until the caller removes them.
    static func town(keepingOutput: Bool = false) throws -> Rendered {
        let fixture = "\(PipelineRun.packageRoot)/fixtures/town"
        return try render(configuration: String(contentsOfFile: "\(fixture)/nabijheid.toml", encoding: .utf8),
                          baseDirectory: fixture, name: "town", keepingOutput: keepingOutput)
    }

    /// The maps (`<svg class="kaart">…</svg>`) of the page, not the small legend symbols.
    static func svgs(_ html: String) -> [String] {
        html.components(separatedBy: "<svg class=\"kaart\"").dropFirst().map { "<svg class=\"kaart\"" + $0.components(separatedBy: "</svg>")[0] + "</svg>" }
    }

    @Test func townReportHasMapLegendTablesAndProvenance() throws {
        let town = try Self.town()
        let html = town.html
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">"))
        #expect(html.contains("<h1>Nabijheid van voorzieningen per buurt</h1>"))
        let profiles = town.result.configuration.assessment.profiles
        // One map per profile, each with a path per buurt (with a tooltip) and parseable as XML.
        let maps = Self.svgs(html)
        #expect(maps.count == profiles.count)
        for svg in maps {
            #expect(svg.components(separatedBy: "<title>").count - 1 == town.result.buurten.count)
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "SVG is well-formed XML: \(String(describing: parser.parserError))")
        }
        // Every buurt in the table, and every class in the legend with its count.
        for buurt in town.result.buurten { #expect(html.contains("<td class=\"code\">\(HTMLReport.escape(buurt.code))</td>")) }
        let buurtLevel = town.result.areas[0]
        for klasse in ProfileOutcome.Class.allCases {
            let count = buurtLevel.outcomes.filter { $0[0].classification == klasse }.count
            #expect(html.contains("span class=\"staal k-\(klasse.rawValue)\"></span>"))
            #expect(count == 0 || html.contains("<td class=\"n\">\(count)</td>"))
        }
        // Profiles with their sources, and provenance from run.json.
        for requirement in profiles[0].requirements { #expect(html.contains(HTMLReport.escape(requirement.source))) }
        #expect(html.contains(town.report.configuratie.sha256))
        for input in town.report.invoer { #expect(html.contains(input.sha256)) }
        #expect(html.contains("1.008 = 1.000 + 5 + 3"))
        // Self-contained: nothing fetched from elsewhere.
        let external = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for needle in ["http://", "https://", "<script", "<link", "@import", "src="] { #expect(!external.contains(needle), "\(needle)") }
    }

    @Test func worstBuurtenComeFirst() throws {
        let town = try Self.town()
        let level = town.result.areas[0]
        let rows = town.html.components(separatedBy: "<td class=\"code\">").dropFirst().prefix(level.level.count)
        let codes = rows.map { $0.components(separatedBy: "</td>")[0] }
        let index = Dictionary(uniqueKeysWithValues: level.level.codes.enumerated().map { ($1, $0) })
        let keys: [String] = codes.map { code in
            let severity: Int = HTMLReport.severity(level.outcomes[index[code]!][0].classification)
            return "\(severity) \(code)"
        }
        #expect(keys == keys.sorted())
    }

    @Test func sameRunSameBytes() throws {
        let first = try Self.town(), second = try Self.town()
        #expect(HTMLReport.render(first.result, report: first.report) == first.html)
        #expect(first.html == second.html)
    }

    @Test func textIsEscaped() throws {
        var town = try Self.town()
        var result = town.result
        result.buurten[0].name = "<script>alert('x')</script> & \"Oost\""
        town = Rendered(result: result, report: town.report, html: HTMLReport.render(result, report: town.report), directory: town.directory)
        #expect(!town.html.contains("<script>"))
        #expect(town.html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Oost&quot;"))
        for svg in Self.svgs(town.html) { #expect(XMLParser(data: Data(svg.utf8)).parse()) }
    }

    @Test func numbersAreDutch() {
        #expect(HTMLReport.number(0) == "0")
        #expect(HTMLReport.number(999) == "999")
        #expect(HTMLReport.number(1000) == "1.000")
        #expect(HTMLReport.number(-1234567) == "-1.234.567")
        #expect(HTMLReport.decimal(12.34) == "12,3")
        #expect(HTMLReport.tenths(12.34) == "12.3")
        #expect(HTMLReport.tenths(7.0) == "7")
    }

    /// The omrijfactor with two decimals: a median of 1.027 reads 1,03, not 1,0 (no detour).
    @Test func detourFactorsShowTwoDecimals() throws {
        #expect(HTMLReport.detourFactor(1.027) == "1,03")
        #expect(HTMLReport.detourFactor(1) == "1,00")
        #expect(HTMLReport.detourFactor(2.5) == "2,50")
        #expect(HTMLReport.detourFactor(nil) == "–")
        let town = try Self.town()
        var result = town.result
        let level = result.areas[0]
        let b = try #require(level.figures.indices.first { level.figures[$0].routable > 0 }, "a buurt with routable dwellings")
        try #require(!level.mobility[b].isEmpty, "the town runs mobility profiles")
        result.areas[0].mobility[b][0].detourMedian = 1.027
        result.areas[0].mobility[b][0].detourP90 = 1.274
        let html = HTMLReport.render(result, report: town.report)
        let section = try #require(html.components(separatedBy: "<section id=\"mobiliteit\">").dropFirst().first)
        #expect(section.contains("<td class=\"n\">1,03 / 1,27 · "))
        // Every omrijfactor cell of the section has two decimals (or a dash).
        let cells = section.components(separatedBy: "<td class=\"n\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
            .filter { $0.contains(" / ") }
        #expect(cells.count >= level.figures.filter { $0.routable > 0 }.count)
        for cell in cells {
            let detour = cell.components(separatedBy: " · ")[0]
            #expect(detour.range(of: "^(–|[0-9]+,[0-9]{2}) / (–|[0-9]+,[0-9]{2})$", options: .regularExpression) != nil, "\(cell)")
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "\(PipelineRun.sharedData)/delft/tudelft.osm.pbf"), "needs ../shared/data/delft"))
    func delftReportRenders() throws {
        let delft = "\(PipelineRun.sharedData)/delft"
        let text = """
        [buurten]
        path = "\(delft)/delft_buurten_2023_rd.geojson"
        code_field = "BU_NAAM"
        name_field = "BU_NAAM"

        [network]
        path = "\(delft)/tudelft.osm.pbf"

        [dwellings]
        source = "osm_addresses"
        path = "\(delft)/tudelft.osm.pbf"

        [[facilities]]
        source = "osm"
        path = "\(delft)/tudelft.osm.pbf"
        """
        let base = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(base) }
        let rendered = try Self.render(configuration: text, baseDirectory: base, name: "delft")
        let maps = Self.svgs(rendered.html)
        #expect(maps.count == rendered.result.configuration.assessment.profiles.count)
        for svg in maps { #expect(XMLParser(data: Data(svg.utf8)).parse()) }
    }

    /// The town run with its buurten replaced: every class in turn, the town's first outcome's
    /// requirement figures, 100 dwellings each. Enough to look at the map and time the page.
    static func replacingBuurten(_ town: Rendered, with buurten: [Buurt]) -> RunResult {
        var result = town.result
        let template = town.result.areas[0]
        let classes = ProfileOutcome.Class.allCases
        result.buurten = buurten
        result.areas = [AreaReport(
            level: AreaLevel.buurten(buurten),
            figures: buurten.map { _ in BuurtFigures(dwellings: 100, notRoutable: 0, categories: template.figures[0].categories) },
            outcomes: buurten.indices.map { b in
                template.outcomes[0].map { ProfileOutcome(classification: classes[(b / 7 + b) % classes.count], requirements: $0.requirements) }
            })]
        return result
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "\(PipelineRun.sharedData)/amsterdam/amsterdam_buurten_gemeente.geojson"),
                   "needs ../shared/data/amsterdam"))
    func amsterdamBuurtenMap() throws {
        let town = try Self.town()
        let input = BuurtenInput(input: LayerInput(path: "\(PipelineRun.sharedData)/amsterdam/amsterdam_buurten_gemeente.geojson"),
                                 codeField: "code", nameField: "naam")
        let buurten = try BuurtReader.read(input)
        let result = Self.replacingBuurten(town, with: buurten)
        let html = HTMLReport.render(result, report: town.report)
        let folder = ProcessInfo.processInfo.environment["NABIJHEID_RAPPORT_DIR"] ?? NSTemporaryDirectory()
        try html.write(toFile: "\(folder)/rapport-amsterdam.html", atomically: true, encoding: .utf8)
        for svg in Self.svgs(html) { #expect(svg.components(separatedBy: "<title>").count - 1 == buurten.count) }
    }

    /// 5000 buurten of 64-point circles: the page is rendered in reasonable time and size.
    @Test func thousandsOfBuurten() throws {
        let town = try Self.town()
        let buurten = (0..<5000).map { i -> Buurt in
            let cx = 100_000 + Double(i % 100) * 200, cy = 450_000 + Double(i / 100) * 200
            let ring = (0...64).map { k -> PlanarPoint in
                let angle = Double(k % 64) / 64 * 2 * Double.pi
                return PlanarPoint(x: cx + 90 * cos(angle), y: cy + 90 * sin(angle))
            }
            return Buurt(code: String(format: "BU%08d", i), name: "Buurt \(i)", area: AreaShape(polygons: [PolygonShape(rings: [ring])]))
        }
        let result = Self.replacingBuurten(town, with: buurten)
        let start = Date()
        let html = HTMLReport.render(result, report: town.report)
        let seconds = Date().timeIntervalSince(start)
        let folder = ProcessInfo.processInfo.environment["NABIJHEID_RAPPORT_DIR"] ?? NSTemporaryDirectory()
        try html.write(toFile: "\(folder)/rapport-5000.html", atomically: true, encoding: .utf8)
        print("5000 buurten: \(html.utf8.count) bytes in \(String(format: "%.2f", seconds)) s")
        #expect(html.utf8.count < 20_000_000)
        #expect(seconds < 30)
    }
}
