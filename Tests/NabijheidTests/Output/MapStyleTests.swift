import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Nabijheid

/// The maps a planner opens: the `.qml` styles beside the layers (every value drawn, labels,
/// aliases, the "strictly below" rule), the report's SVG map (labels, facility markers), the
/// service areas as MultiPolygons only, and field types that stay put when a field is null
/// everywhere. QGIS and ogrinfo are used when installed; those tests are skipped otherwise.
@Suite struct MapStyleTests {
    /// Categories (`value`) and rules (`filter`, `label`) of a `.qml`.
    final class StyleOutline: NSObject, XMLParserDelegate {
        var categoryValues: [String] = []
        var filters: [String] = []
        var ruleLabels: [String] = []
        var aliases: [String: String] = [:]
        var labelExpression: String?

        init(_ text: String) {
            super.init()
            let parser = XMLParser(data: Data(text.utf8))
            parser.delegate = self
            #expect(parser.parse(), "the style is well-formed XML: \(String(describing: parser.parserError))")
        }

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch element {
            case "category": categoryValues.append(attributes["value"] ?? "")
            case "rule":
                if let filter = attributes["filter"] { filters.append(filter) }
                ruleLabels.append(attributes["label"] ?? "")
            case "alias": aliases[attributes["field"] ?? ""] = attributes["name"]
            case "text-style": labelExpression = attributes["fieldName"]
            default: break
            }
        }
    }

    static func features(_ path: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return object?["features"] as? [[String: Any]] ?? []
    }

    static func values(_ path: String, _ property: String) throws -> Set<String> {
        Set(try features(path).compactMap { ($0["properties"] as? [String: Any])?[property] as? String })
    }

    static func style(_ folder: String, _ base: String) throws -> StyleOutline {
        StyleOutline(try String(contentsOfFile: "\(folder)/\(base).qml", encoding: .utf8))
    }

    @Test func everyCategoryValueInTheDataHasASymbol() throws {
        let town = try HTMLReportTests.town(keepingOutput: true)
        defer { PipelineRun.remove(town.directory) }
        let configuration = town.result.configuration
        let folder = configuration.outputDirectory
        // Facilities: one category per value of `categorie`, and the catch-all.
        let facilities = try Self.style(folder, "voorzieningen")
        let present = try Self.values("\(folder)/voorzieningen.geojson", "categorie")
        #expect(!present.isEmpty)
        #expect(present.isSubset(of: Set(facilities.categoryValues)), "\(present) ⊄ \(facilities.categoryValues)")
        #expect(Set(configuration.catalog.categories.map(\.name)).isSubset(of: Set(facilities.categoryValues)))
        #expect(facilities.categoryValues.contains(""), "a symbol for values outside the catalogue")
        // Areas: every class value present.
        let profile = configuration.assessment.profiles[0]
        for layer in ["buurten", "wijken", "gemeenten"] {
            let style = try Self.style(folder, layer)
            let classes = try Self.values("\(folder)/\(layer).geojson", "klasse_\(profile.name)")
            #expect(!classes.isEmpty)
            #expect(classes.isSubset(of: Set(style.categoryValues)), "\(layer): \(classes) ⊄ \(style.categoryValues)")
            #expect(Set(ProfileOutcome.Class.allCases.map(\.rawValue)).isSubset(of: Set(style.categoryValues)), "\(layer)")
        }
        // Service areas: a rule for every category and every threshold present.
        let areas = try Self.style(folder, "bereikgebieden")
        for feature in try Self.features("\(folder)/bereikgebieden.geojson") {
            let properties = feature["properties"] as! [String: Any]
            let category = properties["categorie"] as! String, threshold = properties["drempel_m"] as! Double
            #expect(areas.filters.contains("\"categorie\" = '\(category)'"), "\(category)")
            #expect(areas.filters.contains("\"drempel_m\" = \(QGISDocument.format(threshold))"), "\(threshold)")
        }
        // Dwellings: every status value has a rule.
        let dwellings = try Self.style(folder, "woningen")
        for status in try Self.values("\(folder)/woningen.geojson", "status") {
            #expect(dwellings.filters.contains { $0.contains("'\(status)'") }, "\(status)")
        }
    }

    @Test func dwellingRangesAreStrictlyBelowAndDwellingsWithoutDistanceAreDrawn() throws {
        let configuration = try HTMLReportTests.town().result.configuration
        let style = StyleOutline(QGISStyle.dwellings(configuration))
        let field = "\"\(PropertyNames.distance(configuration.catalog.categories[0].name))\""
        #expect(style.filters.contains { $0.contains("\(field) < 100") && !$0.contains(">=") })
        #expect(style.filters.contains { $0.contains("\(field) >= 100") && $0.contains("\(field) < 500") })
        #expect(style.filters.contains { $0.contains("\(field) >= 1000") })
        #expect(!style.filters.contains { $0.contains("<=") }, "no band includes its upper bound")
        #expect(style.ruleLabels.contains("minder dan 100 m") && style.ruleLabels.contains("100 m tot 500 m")
                    && style.ruleLabels.contains("1000 m of meer"), "\(style.ruleLabels)")
        // Own rows for the dwellings without a distance.
        #expect(style.filters.contains("\"status\" = 'niet_routeerbaar'"))
        #expect(style.filters.contains("\"status\" = 'buiten_buurten'"))
        #expect(style.filters.contains { $0.contains("\(field) IS NULL") })
        #expect(style.ruleLabels.contains { $0.hasPrefix("niet routeerbaar") })
        #expect(style.ruleLabels.contains("buiten alle buurten"))
    }

    @Test func everyMobilityProfileHasDistanceBandsAndMarksWhatItLoses() throws {
        let configuration = try HTMLReportTests.town().result.configuration
        #expect(configuration.mobilityProfiles.map(\.name) == ["rollator", "rolstoel"])
        let style = StyleOutline(QGISStyle.dwellings(configuration))
        for profile in configuration.mobilityProfiles {
            for category in configuration.catalog.categories {
                let aided = "\"\(PropertyNames.distance(category.name, profile: profile.name))\""
                let walking = "\"\(PropertyNames.distance(category.name))\""
                #expect(style.filters.contains { $0.contains("\(aided) < 100") && !$0.contains(">=") }, "\(aided)")
                #expect(style.filters.contains { $0.contains("\(aided) >= 1000") }, "\(aided)")
                // Lost: walking within 1 000 m, no distance with the profile; the rest beyond the search bound.
                let lost = "\(aided) IS NULL AND \(walking) IS NOT NULL AND \(walking) < 1000"
                #expect(style.filters.contains { $0.contains(lost) && !$0.contains("NOT (") }, "\(lost)")
                #expect(style.filters.contains { $0.contains("\(aided) IS NULL AND NOT (\(walking) IS NOT NULL AND \(walking) < 1000)") })
            }
            #expect(style.ruleLabels.contains("\(profile.label): afstand tot huisarts"), "\(style.ruleLabels)")
            #expect(style.ruleLabels.contains("lopend binnen 1000 m, \(profile.label.lowercased()) niet"), "\(style.ruleLabels)")
        }
    }

    @Test func stylesHaveDutchAliasesAndAreasHaveLabels() throws {
        let configuration = try HTMLReportTests.town().result.configuration
        let dwellings = StyleOutline(QGISStyle.dwellings(configuration))
        #expect(dwellings.aliases["afstand_huisarts_m"] == "Afstand tot huisarts (m)")
        for field in DwellingLayer.fields(configuration) { #expect(dwellings.aliases[field.name] != nil, "\(field.name)") }
        for kind in AreaLevel.Kind.allCases {
            let style = StyleOutline(QGISStyle.areas(configuration, kind: kind))
            for field in AreaLayer.fields(configuration, kind: kind) { #expect(style.aliases[field.name] != nil, "\(field.name)") }
            #expect(style.labelExpression?.contains(kind.codeProperty) == true, "\(kind)")
        }
        let facilities = StyleOutline(QGISStyle.facilities(configuration))
        for field in FacilityLayer.fields(configuration) { #expect(facilities.aliases[field.name] != nil, "\(field.name)") }
        let difference = StyleOutline(QGISStyle.difference(configuration, profiles: [0]))
        for field in DifferenceLayer.fields(configuration, profiles: [0]) { #expect(difference.aliases[field.name] != nil, "\(field.name)") }
        #expect(difference.filters.contains("\"slechter\" = 1"))
    }

    @Test func reportMapHasLabelsAndFacilityMarkers() throws {
        let town = try HTMLReportTests.town()
        let svg = try #require(HTMLReportTests.svgs(town.html).first)
        #expect(svg.contains("<g class=\"namen\""))
        // Every buurt is named on the map, or numbered with a key below it.
        let numbered = town.html.components(separatedBy: "<ol class=\"sleutel\">").dropFirst().first ?? ""
        for buurt in town.result.buurten {
            let name = HTMLReport.areaTitle(code: buurt.code, name: buurt.name)
            let onMap = name.label.split(separator: " ").allSatisfy { svg.contains(HTMLReport.escape(String($0))) }
            #expect(onMap || numbered.contains(HTMLReport.escape(name.tooltip)), "\(buurt.code)")
        }
        // A marker path per category that has facilities, and the legend below the map.
        let catalog = town.result.configuration.catalog
        for (c, category) in catalog.categories.enumerated() where town.result.facilities.contains(where: { $0.category == c }) {
            #expect(svg.contains("class=\"vz vz-\(category.name)\""), "\(category.name)")
            #expect(town.html.contains("<span class=\"vz-item vz-\(category.name)\">"), "\(category.name)")
        }
    }

    /// CIE L* of an "r,g,b" colour (sRGB, D65).
    static func lightness(_ rgb: String) -> Double {
        func linear(_ component: Substring) -> Double {
            let value: Double = Double(component)! / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        let c: [Double] = rgb.split(separator: ",").map(linear)
        let y: Double = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
        let f: Double = y > 216.0 / 24389.0 ? cbrt(y) : (24389.0 / 27.0 * y + 16.0) / 116.0
        return 116.0 * f - 16.0
    }

    @Test func judgedClassesDifferInLightnessAndFacilitiesDoNotTakeClassColours() {
        // Red–green colour-blind readers and greyscale prints tell the classes apart by lightness.
        let judged: [ProfileOutcome.Class] = [.voldoet, .voldoetDeels, .voldoetNiet]
        let levels = judged.map { Self.lightness(MapPalette.rgb($0)) }
        for i in levels.indices { for j in levels.indices where i < j { #expect(abs(levels[i] - levels[j]) >= 20, "\(judged[i]) / \(judged[j]): \(levels)") } }
        // Not-judged classes are neutral greys.
        for klasse in [ProfileOutcome.Class.teKlein, .water, .nietTeBeoordelen] {
            let c = MapPalette.rgb(klasse).split(separator: ",").map { Int($0)! }
            #expect(c.max()! - c.min()! <= 10, "\(klasse) is grey")
        }
        // No facility colour equals a class colour, and every marker has an outline of another lightness.
        let classColours = Set(MapPalette.classes.map(\.rgb))
        for symbol in MapPalette.facilitySymbols(.standard) {
            #expect(!classColours.contains(symbol.fill), "\(symbol)")
            #expect(abs(Self.lightness(symbol.fill) - Self.lightness(symbol.outline)) >= 30, "\(symbol)")
        }
        #expect(Set(MapPalette.facilitySymbols(.standard).map(\.shape)).count == FacilityCatalog.standard.categories.count,
                "a shape per standard category")
    }

    @Test func nameEqualToCodeIsShownOnce() {
        let same = HTMLReport.areaTitle(code: "Bedrijventerrein Wateringseweg", name: "Bedrijventerrein Wateringseweg")
        #expect(same.label == "Bedrijventerrein Wateringseweg" && same.tooltip == "Bedrijventerrein Wateringseweg")
        #expect(HTMLReport.areaTitle(code: "BU00010000", name: "").label == "BU00010000")
        #expect(HTMLReport.areaTitle(code: "BU00010000", name: "Centrum") == ("Centrum", "BU00010000 Centrum"))
    }

    @Test func labelsFitInsideTheirBuurt() throws {
        // A 200 × 40 px rectangle: a short name fits, a long one only as a number.
        let square = AreaShape(polygons: [PolygonShape(rings: [[.init(x: 0, y: 0), .init(x: 200, y: 0), .init(x: 200, y: 40),
                                                                 .init(x: 0, y: 40), .init(x: 0, y: 0)]])])
        let projection = try #require(HTMLReport.MapProjection([square]))
        let placement = MapLabelPlacement(area: square, projection: projection)
        #expect(placement.label("Centrum") != nil)
        #expect(placement.label(String(repeating: "Lange naam ", count: 40)) == nil)
        #expect(placement.number(7) != nil)
    }

    @Test func serviceAreasAreMultiPolygonsOnly() throws {
        let town = try HTMLReportTests.town(keepingOutput: true)
        defer { PipelineRun.remove(town.directory) }
        let folder = town.result.configuration.outputDirectory
        let features = try Self.features("\(folder)/bereikgebieden.geojson")
        #expect(!features.isEmpty)
        var singleParts = 0
        for feature in features {
            let geometry = feature["geometry"] as? [String: Any]
            #expect(geometry?["type"] as? String == "MultiPolygon")
            if (geometry?["coordinates"] as? [Any])?.count == 1 { singleParts += 1 }
        }
        #expect(singleParts > 0, "the fixture has one-part areas, which GDAL's RFC 7946 mode would turn into Polygons")
    }

    // MARK: - With QGIS or GDAL's tools installed

    static let qgisAvailable: Bool = {
        (try? TestSupport.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "/usr/bin/python3 -c 'import qgis.core' || python3 -c 'import qgis.core'"]))?
            .status == 0
    }()

    static let ogrinfoAvailable: Bool = {
        (try? TestSupport.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "command -v ogrinfo"]))?.status == 0
    }()

    @Test(.enabled(if: qgisAvailable, "needs QGIS's Python bindings (python3-qgis)"))
    func qgisDrawsEveryFeatureOfEveryStyle() throws {
        let town = try HTMLReportTests.town(keepingOutput: true)
        defer { PipelineRun.remove(town.directory) }
        let folder = town.result.configuration.outputDirectory
        let result = try TestSupport.runProgram(TestSupport.packageRoot.appendingPathComponent("scripts/render-qgis"),
                                                [folder, "--png", "\(folder)/qgis.png"], timeout: 120)
        #expect(result.status == 0, "\(result)")
        for layer in TownCopy.layers { #expect(result.stdout.contains("\(layer): "), "\(layer)\n\(result)") }
        #expect(!result.stdout.contains("without a symbol"), "\(result)")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/qgis.png"))
    }

    @Test(.enabled(if: ogrinfoAvailable, "needs ogrinfo (gdal-bin)"))
    func fieldNullEverywhereKeepsItsType() throws {
        let folder = try TestSupport.makeTemporaryDirectory("types")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fields: [FieldDefinition] = [.init("code", .string), .init("aantal", .integer), .init("aandeel", .real)]
        let square = AreaShape(polygons: [PolygonShape(rings: [[.init(x: 85000, y: 446000), .init(x: 85100, y: 446000),
                                                                 .init(x: 85100, y: 446100), .init(x: 85000, y: 446000)]])])
        for format in [VectorFormat.geojson, .gpkg, .flatgeobuf] {
            let path = folder.appendingPathComponent("laag.\(format.fileExtension)").path
            let writer = try VectorLayerWriter(path: path, layerName: "laag", fields: fields, format: format, multiPolygons: true)
            try writer.add(.area(square), [.string("a"), .integer(nil), .real(nil)])
            try writer.add(.area(square), [.string("b"), .integer(nil), .real(nil)])
            try writer.close()
            var opened = path
            if format == .geojson {
                opened = folder.appendingPathComponent("laag.vrt").path
                try LayerSchemaFile.vrt(layerName: "laag", fileName: "laag.geojson", fields: fields, multiPolygons: true)
                    .write(toFile: opened, atomically: true, encoding: .utf8)
                // Without the VRT, GDAL guesses String: the reason for the VRT.
                let bare = try TestSupport.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "ogrinfo -so -al '\(path)'"])
                #expect(bare.stdout.contains("aandeel: String"), "\(bare)")
            }
            let info = try TestSupport.runProgram(URL(fileURLWithPath: "/bin/sh"), ["-c", "ogrinfo -al '\(opened)'"])
            #expect(info.status == 0, "\(info)")
            #expect(info.stdout.contains("aantal: Integer64"), "\(format): \(info.stdout.prefix(3000))")
            #expect(info.stdout.contains("aandeel: Real"), "\(format): \(info.stdout.prefix(3000))")
            #expect(info.stdout.contains("Geometry: Multi Polygon"), "\(format)")
            #expect(!info.stdout.contains("aandeel (Real) = 0"), "nulls stay null")
        }
    }
}
