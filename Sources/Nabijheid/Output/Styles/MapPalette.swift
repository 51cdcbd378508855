/// The colours and marker shapes of every map the tool draws: the QGIS styles and the SVG map
/// in `rapport.html` use the same values, so a planner reads both the same way.
///
/// The three judged classes differ in lightness as well as hue (dark brown, pale yellow,
/// medium blue: about L* 33, 90 and 66), so they stay apart for readers with red–green colour
/// blindness and in greyscale print; the classes that are not judged are neutral greys.
/// Facility markers use hues the class fills do not (magenta, purple, teal, white, black),
/// distinct shapes, and a dark outline, so a marker is visible on every class.
enum MapPalette {
    /// "r,g,b" per class with its legend label.
    static let classes: [(klasse: ProfileOutcome.Class, rgb: String, label: String)] = [
        (.voldoet, "103,169,207", "Voldoet"),
        (.voldoetDeels, "254,224,139", "Voldoet deels"),
        (.voldoetNiet, "127,59,8", "Voldoet niet"),
        (.teKlein, "189,189,189", "Te klein om te beoordelen"),
        (.water, "228,232,236", "Water"),
        (.nietTeBeoordelen, "245,245,245", "Niet te beoordelen"),
    ]

    static func rgb(_ klasse: ProfileOutcome.Class) -> String {
        classes.first { $0.klasse == klasse }!.rgb
    }

    /// Text colour on a class fill.
    static func textColour(_ klasse: ProfileOutcome.Class) -> String {
        klasse == .voldoetNiet ? "#fff" : "#222"
    }

    /// Hatch lines over the fill of `niet_te_beoordelen`.
    static let hatch = "150,150,150"

    /// A marker shape both QGIS (`SimpleMarker` name) and the SVG map can draw.
    enum Shape: String, CaseIterable {
        case square, triangle, diamond, pentagon, star, circle, hexagon
    }

    struct FacilitySymbol: Equatable {
        let shape: Shape
        let fill: String
        let outline: String
        /// Size in millimetres in QGIS; the SVG map scales it.
        let size: Double
    }

    /// The standard categories keep their symbol whatever their order; other categories take
    /// the unused symbols in turn.
    static let standardSymbols: [String: FacilitySymbol] = [
        "dagelijkse_boodschappen": .init(shape: .square, fill: "231,41,138", outline: "35,35,35", size: 2.6),
        "ontmoeting": .init(shape: .triangle, fill: "255,255,255", outline: "35,35,35", size: 3.0),
        "huisarts": .init(shape: .diamond, fill: "27,158,119", outline: "35,35,35", size: 3.0),
        "apotheek": .init(shape: .pentagon, fill: "117,112,179", outline: "35,35,35", size: 2.8),
        "zorg": .init(shape: .star, fill: "166,216,84", outline: "35,35,35", size: 3.4),
        "zorg_24uur": .init(shape: .hexagon, fill: "166,216,84", outline: "35,35,35", size: 3.2),
        "ov_halte": .init(shape: .circle, fill: "35,35,35", outline: "255,255,255", size: 1.8),
    ]

    private static let extraSymbols: [FacilitySymbol] = [
        .init(shape: .hexagon, fill: "240,2,127", outline: "35,35,35", size: 2.8),
        .init(shape: .square, fill: "255,255,255", outline: "35,35,35", size: 2.6),
        .init(shape: .triangle, fill: "117,112,179", outline: "35,35,35", size: 3.0),
        .init(shape: .diamond, fill: "231,41,138", outline: "35,35,35", size: 3.0),
        .init(shape: .pentagon, fill: "27,158,119", outline: "35,35,35", size: 2.8),
        .init(shape: .hexagon, fill: "255,255,255", outline: "35,35,35", size: 2.8),
    ]

    /// One symbol per category of the catalogue, in catalogue order.
    static func facilitySymbols(_ catalog: FacilityCatalog) -> [FacilitySymbol] {
        var extra = 0
        return catalog.categories.map { category in
            if let symbol = standardSymbols[category.name] { return symbol }
            defer { extra += 1 }
            return extraSymbols[extra % extraSymbols.count]
        }
    }

    /// Distance bands of dwellings, nearest first: dark blue, light blue, light orange, dark orange.
    static let bandColours = ["33,102,172", "146,197,222", "253,184,99", "179,88,6", "127,59,8"]
    /// Dwellings that reach a category on foot but not with a mobility profile: a red apart
    /// from the blue–brown distance bands.
    static let lostReach = "215,25,28"

    /// "#rrggbb" for "r,g,b", for the report's CSS and SVG.
    static func hex(_ rgb: String) -> String {
        "#" + rgb.split(separator: ",").map { component in
            let value = Int(component) ?? 0
            let digits = String(value, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }
}
