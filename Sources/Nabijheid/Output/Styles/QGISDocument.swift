/// The XML building blocks of a QGIS layer style (`.qml`): symbols, the categorized and
/// rule-based renderers, labels and field aliases. Symbol properties are written both as
/// `<Option>` (QGIS ≥ 3.26) and `<prop>` (older 3.x), so QGIS 3.22 and later read them.
/// Plain text in, text out: nothing here knows about buurten or categories.
enum QGISDocument {
    /// One symbol layer: its QGIS class (`SimpleFill`, `SimpleMarker`) and properties.
    struct SymbolLayer {
        let layerClass: String
        let properties: [(String, String)]
    }

    enum SymbolType: String { case fill, marker }

    /// A rule of a rule-based renderer. A rule without a symbol but with children is a group:
    /// QGIS shows it in the layer tree with a check box that switches all its children.
    struct Rule {
        var key: String
        var label: String
        var filter: String?
        var symbol: Int?
        var children: [Rule] = []
        /// false: unchecked in the layer tree when the layer is loaded.
        var active = true
    }

    /// A label: an expression, drawn with a white halo, only when the map scale is larger than
    /// 1 : `maximumScaleDenominator`, placed horizontally inside the polygon where it fits.
    struct Labels {
        var expression: String
        var maximumScaleDenominator: Double
        var fontSize: Double = 8
        var bold: Bool = false
    }

    // MARK: - Symbols

    static func fill(_ rgb: String, alpha: Int = 255, outline: String = "80,80,80", outlineWidth: String = "0.26",
                     outlineStyle: String = "solid", style: String = "solid") -> SymbolLayer {
        SymbolLayer(layerClass: "SimpleFill", properties: [
            ("color", "\(rgb),\(alpha)"), ("style", style), ("outline_color", "\(outline),255"), ("outline_style", outlineStyle),
            ("outline_width", outlineWidth), ("outline_width_unit", "MM"), ("joinstyle", "bevel"),
        ])
    }

    /// A fill without an outline (for the hatching over another fill).
    static func hatch(_ rgb: String, style: String = "b_diagonal") -> SymbolLayer {
        SymbolLayer(layerClass: "SimpleFill", properties: [
            ("color", "\(rgb),255"), ("style", style), ("outline_style", "no"), ("outline_color", "0,0,0,0"),
        ])
    }

    /// An outline only, `dash` for a dashed line.
    static func outline(_ rgb: String, width: String, dash: Bool = false) -> SymbolLayer {
        SymbolLayer(layerClass: "SimpleFill", properties: [
            ("color", "0,0,0,0"), ("style", "no"), ("outline_color", "\(rgb),255"), ("outline_style", dash ? "dash" : "solid"),
            ("outline_width", width), ("outline_width_unit", "MM"), ("joinstyle", "bevel"),
        ])
    }

    static func marker(_ shape: String, fill: String, outline: String, size: Double, outlineWidth: String = "0.3") -> SymbolLayer {
        SymbolLayer(layerClass: "SimpleMarker", properties: [
            ("name", shape), ("color", "\(fill),255"), ("outline_color", "\(outline),255"), ("outline_style", "solid"),
            ("outline_width", outlineWidth), ("outline_width_unit", "MM"), ("size", format(size)), ("size_unit", "MM"),
            ("joinstyle", "miter"), ("angle", "0"),
        ])
    }

    static func symbol(_ index: Int, _ type: SymbolType, alpha: String = "1", _ layers: [SymbolLayer]) -> String {
        var xml = "      <symbol type=\"\(type.rawValue)\" name=\"\(index)\" alpha=\"\(alpha)\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
        for layer in layers {
            xml += "        <layer class=\"\(layer.layerClass)\" pass=\"0\" enabled=\"1\" locked=\"0\">\n          <Option type=\"Map\">\n"
            for (key, value) in layer.properties {
                xml += "            <Option type=\"QString\" name=\"\(escape(key))\" value=\"\(escape(value))\"/>\n"
            }
            xml += "          </Option>\n"
            for (key, value) in layer.properties {
                xml += "          <prop k=\"\(escape(key))\" v=\"\(escape(value))\"/>\n"
            }
            xml += "        </layer>\n"
        }
        return xml + "      </symbol>"
    }

    // MARK: - Renderers

    /// One symbol per value of `attribute`; a category with value "" catches every other value.
    static func categorized(attribute: String, categories: [(value: String, label: String, symbol: String)]) -> String {
        var xml = "  <renderer-v2 type=\"categorizedSymbol\" attr=\"\(escape(attribute))\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"0\">\n"
        xml += "    <categories>\n"
        for (index, category) in categories.enumerated() {
            xml += "      <category render=\"true\" symbol=\"\(index)\" value=\"\(escape(category.value))\" label=\"\(escape(category.label))\"/>\n"
        }
        xml += "    </categories>\n    <symbols>\n"
        xml += categories.map(\.symbol).joined(separator: "\n")
        return xml + "\n    </symbols>\n  </renderer-v2>\n"
    }

    static func singleSymbol(_ symbol: String) -> String {
        "  <renderer-v2 type=\"singleSymbol\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"0\">\n    <symbols>\n"
            + symbol + "\n    </symbols>\n  </renderer-v2>\n"
    }

    /// Rules (a tree) with their symbols, referred to by index.
    static func ruleBased(_ rules: [Rule], symbols: [String]) -> String {
        var xml = "  <renderer-v2 type=\"RuleRenderer\" forceraster=\"0\" symbollevels=\"0\" enableorderby=\"0\">\n"
        xml += "    <rules key=\"{root}\">\n"
        for rule in rules { xml += ruleXML(rule, indent: "      ") }
        xml += "    </rules>\n    <symbols>\n"
        xml += symbols.joined(separator: "\n")
        return xml + "\n    </symbols>\n  </renderer-v2>\n"
    }

    private static func ruleXML(_ rule: Rule, indent: String) -> String {
        var attributes = "key=\"{\(escape(rule.key))}\" label=\"\(escape(rule.label))\""
        if let filter = rule.filter { attributes += " filter=\"\(escape(filter))\"" }
        if let symbol = rule.symbol { attributes += " symbol=\"\(symbol)\"" }
        if !rule.active { attributes += " checkstate=\"0\"" }
        if rule.children.isEmpty { return "\(indent)<rule \(attributes)/>\n" }
        return "\(indent)<rule \(attributes)>\n" + rule.children.map { ruleXML($0, indent: indent + "  ") }.joined() + "\(indent)</rule>\n"
    }

    // MARK: - Labels and fields

    static func labeling(_ labels: Labels) -> String {
        """
          <labeling type="simple">
            <settings calloutType="simple">
              <text-style fieldName="\(escape(labels.expression))" isExpression="1" fontFamily="Sans Serif" fontSize="\(format(labels.fontSize))" fontSizeUnit="Point" fontWeight="\(labels.bold ? 75 : 50)" fontItalic="0" textColor="20,20,20,255" textOpacity="1" namedStyle="\(labels.bold ? "Bold" : "Regular")" blendMode="0" multilineHeight="1" allowHtml="0" capitalization="0">
                <text-buffer bufferDraw="1" bufferSize="0.8" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.85" bufferNoFill="1" bufferJoinStyle="128" bufferBlendMode="0"/>
                <background shapeDraw="0"/>
                <shadow shadowDraw="0"/>
              </text-style>
              <text-format wrapChar="" autoWrapLength="18" useMaxLineLengthForAutoWrap="1" multilineAlign="1" addDirectionSymbol="0" formatNumbers="0" plussign="0" decimals="3"/>
              <placement placement="4" centroidInside="1" centroidWhole="0" fitInPolygonOnly="0" dist="0" distUnits="MM" offsetType="0" quadOffset="4" xOffset="0" yOffset="0" priority="5" overrunDistance="0" repeatDistance="0" maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25" rotationAngle="0" preserveRotation="1"/>
              <rendering drawLabels="1" scaleVisibility="1" scaleMin="1" scaleMax="\(format(labels.maximumScaleDenominator))" obstacle="1" obstacleType="1" obstacleFactor="1" displayAll="0" upsidedownLabels="0" labelPerPart="0" mergeLines="0" limitNumLabels="0" maxNumLabels="2000" minFeatureSize="0" fontLimitPixelSize="0" fontMinPixelSize="3" fontMaxPixelSize="10000" zIndex="0"/>
            </settings>
          </labeling>

        """
    }

    /// Labeling that draws nothing but keeps other layers' labels off the features (QGIS's
    /// "blocking" mode): buurt names then move aside instead of covering a facility marker.
    static let blockingLabels = """
          <labeling type="simple">
            <settings calloutType="simple">
              <text-style fieldName="''" isExpression="1" fontFamily="Sans Serif" fontSize="7" fontSizeUnit="Point" textColor="20,20,20,255"/>
              <placement placement="0" dist="0" distUnits="MM"/>
              <rendering drawLabels="0" obstacle="1" obstacleType="0" obstacleFactor="2" scaleVisibility="0"/>
            </settings>
          </labeling>

        """

    /// Readable names for the attribute table and the identify panel.
    static func aliases(_ aliases: [(field: String, alias: String)]) -> String {
        guard !aliases.isEmpty else { return "" }
        return "  <aliases>\n" + aliases.map { "    <alias field=\"\(escape($0.field))\" name=\"\(escape($0.alias))\"/>\n" }.joined() + "  </aliases>\n"
    }

    /// The whole `.qml`: renderer, then labels (switched on when given), aliases and the
    /// expression QGIS shows as a feature's name.
    /// `blocksLabels`: without labels of its own, the layer's features keep other labels away.
    static func document(renderer: String, labels: Labels? = nil, blocksLabels: Bool = false,
                         aliases: [(field: String, alias: String)] = [], displayExpression: String? = nil) -> String {
        var xml = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
        let labelling = labels != nil || blocksLabels
        xml += "<qgis version=\"3.22.0\" styleCategories=\"Symbology|Labeling|Fields|MapTips\" labelsEnabled=\"\(labelling ? 1 : 0)\">\n"
        xml += renderer
        if let labels { xml += labeling(labels) } else if blocksLabels { xml += blockingLabels }
        xml += self.aliases(aliases)
        if let displayExpression { xml += "  <previewExpression>\(escape(displayExpression))</previewExpression>\n" }
        return xml + "</qgis>\n"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }

    /// A field reference in a QGIS expression: `"afstand_huisarts_m"`.
    static func field(_ name: String) -> String { "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"" }

    /// A string literal in a QGIS expression: `'voldoet'`.
    static func literal(_ text: String) -> String { "'\(text.replacingOccurrences(of: "'", with: "''"))'" }
}
