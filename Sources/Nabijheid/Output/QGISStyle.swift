/// QGIS layer styles (`.qml`) written next to each layer with the same base name, which QGIS
/// loads as the layer's default style: areas coloured by class, dwellings by distance band,
/// service areas by threshold, facilities by category. Symbol properties are written both as
/// `<Option>` (QGIS ≥ 3.26) and `<prop>` (older 3.x).
enum QGISStyle {
    /// Colour-blind-safe class colours, shared with the HTML report.
    static let classColours: [(ProfileOutcome.Class, String, String)] = [
        (.voldoet, "26,150,65", "Voldoet"), (.voldoetDeels, "253,174,97", "Voldoet deels"),
        (.voldoetNiet, "215,25,28", "Voldoet niet"), (.teKlein, "189,189,189", "Te klein om te beoordelen"),
        (.water, "166,206,227", "Water"), (.nietTeBeoordelen, "240,240,240", "Niet te beoordelen"),
    ]

    /// Distance bands for dwellings: green near, red far.
    static let bands: [(Double, Double, String, String)] = [
        (0, 100, "26,150,65", "< 100 m"), (100, 500, "166,217,106", "100 – 500 m"),
        (500, 1000, "253,174,97", "500 – 1000 m"), (1000, 1_000_000, "215,25,28", "≥ 1000 m"),
    ]

    static func areas(classField: String) -> String {
        categorized(attribute: classField, kind: .fill,
                    categories: classColours.map { ($0.0.rawValue, $0.1, $0.2) })
    }

    static func dwellings(distanceField: String) -> String {
        var symbols: [String] = []
        var ranges: [String] = []
        for (index, band) in bands.enumerated() {
            ranges.append(#"      <range render="true" symbol="\#(index)" lower="\#(format(band.0))" upper="\#(format(band.1))" label="\#(escape(band.3))"/>"#)
            symbols.append(symbol(index: index, kind: .marker, colour: band.2))
        }
        return document("""
          <renderer-v2 type="graduatedSymbol" attr="\(escape(distanceField))" graduatedMethod="GraduatedColor" forceraster="0" symbollevels="0" enableorderby="0">
            <ranges>
        \(ranges.joined(separator: "\n"))
            </ranges>
            <symbols>
        \(symbols.joined(separator: "\n"))
            </symbols>
          </renderer-v2>
        """)
    }

    static func serviceAreas(thresholds: [Double]) -> String {
        let colours = ["0,109,44", "65,171,93", "161,217,155", "199,233,192", "229,245,224"]
        return categorized(attribute: "drempel_m", kind: .fill, alpha: "0.45",
                           categories: thresholds.enumerated().map { index, threshold in
                               (format(threshold), colours[min(index, colours.count - 1)], "binnen \(format(threshold)) m lopen")
                           })
    }

    static func facilities(_ catalog: FacilityCatalog) -> String {
        let colours = ["228,26,28", "55,126,184", "77,175,74", "152,78,163", "255,127,0", "166,86,40", "247,129,191", "153,153,153"]
        return categorized(attribute: "categorie", kind: .marker,
                           categories: catalog.categories.enumerated().map { ($1.name, colours[$0 % colours.count], $1.label) })
    }

    enum SymbolKind { case fill, marker }

    private static func categorized(attribute: String, kind: SymbolKind, alpha: String = "1",
                                    categories: [(value: String, colour: String, label: String)]) -> String {
        let entries = categories.enumerated().map { index, category in
            #"      <category render="true" symbol="\#(index)" value="\#(escape(category.value))" label="\#(escape(category.label))"/>"#
        }
        let symbols = categories.enumerated().map { symbol(index: $0, kind: kind, colour: $1.colour, alpha: alpha) }
        return document("""
          <renderer-v2 type="categorizedSymbol" attr="\(escape(attribute))" forceraster="0" symbollevels="0" enableorderby="0">
            <categories>
        \(entries.joined(separator: "\n"))
            </categories>
            <symbols>
        \(symbols.joined(separator: "\n"))
            </symbols>
          </renderer-v2>
        """)
    }

    private static func symbol(index: Int, kind: SymbolKind, colour: String, alpha: String = "1") -> String {
        let properties: [(String, String)] = kind == .fill
            ? [("color", "\(colour),255"), ("outline_color", "60,60,60,255"), ("outline_width", "0.2"), ("style", "solid")]
            : [("color", "\(colour),255"), ("name", "circle"), ("size", "1.6"), ("outline_style", "no")]
        let options = properties.map { #"              <Option type="QString" name="\#($0.0)" value="\#($0.1)"/>"# }.joined(separator: "\n")
        let props = properties.map { #"            <prop k="\#($0.0)" v="\#($0.1)"/>"# }.joined(separator: "\n")
        let type = kind == .fill ? "fill" : "marker", layerClass = kind == .fill ? "SimpleFill" : "SimpleMarker"
        return """
              <symbol type="\(type)" name="\(index)" alpha="\(alpha)" clip_to_extent="1" force_rhr="0">
                <layer class="\(layerClass)" pass="0" enabled="1" locked="0">
                  <Option type="Map">
        \(options)
                  </Option>
        \(props)
                </layer>
              </symbol>
        """
    }

    private static func document(_ renderer: String) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="3.28.0" styleCategories="Symbology">
        \(renderer)
        </qgis>

        """
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
