import Foundation
@testable import Nabijheid

/// A hand-made landscape in RD New where every figure of the assessment can be checked by hand.
///
/// One straight street along y = 0 (local metres; RD x = 155000 + x, y = 463000 + y), in two
/// `highway` lines joined at x = 2500, vertices every 500 m. Every dwelling and facility lies on
/// the street (connector 0), so a walking distance is the difference of the x coordinates.
///
/// ```
///  x:  0      1000      2000      3000      4000      5000      6000      7000
///      |  V     |   D     |         |   N     |   K     |   W     |         |
///      | 10 won | 10 won  |         | 10 won  | 2 won   | 4 won   |    T (y 500…1100,
///      s1 500, z1 200, o1 300       | o2 3050, z2 3250,  | s2, h2  |     3 dwellings at
///               h1 1100             | z3 3450, z4 3750   | 5100    |     y 800: not routable)
/// ```
///
/// | buurt | code       | wijk     | gemeente | inwoners | % 65+  | water | dwellings |
/// |-------|------------|----------|----------|----------|--------|-------|-----------|
/// | V     | BU00010100 | WK000101 | GM0001   | 20       | 10     | NEE   | 50, 150, … 950 |
/// | D     | BU00010101 | WK000101 | GM0001   | 30       | 20     | NEE   | 1050, … 1950 |
/// | N     | BU00010200 | WK000102 | GM0001   | -99995   | 15     | NEE   | 3050, … 3950 |
/// | K     | BU00010201 | WK000102 | GM0001   | 5        | 40     | NEE   | 4450, 4550 |
/// | W     | BU00010202 | WK000102 | GM0001   | 8        | 25     | JA    | 5150, 5350, 5550, 5750 |
/// | T     | BU00020100 | WK000201 | GM0002   | 6        | 50     | NEE   | (6200, 6500, 6800; y 800) |
///
/// Wijk and gemeente codes are not in the layer: they are derived from the buurtcodes.
/// `assessment.min_dwellings = 3`, so K (2 dwellings) is te klein and T (3, none routable) is
/// judged but has nothing to judge.
///
/// Profile `basis`: R1 dagelijkse boodschappen < 1000 m for 90 % of dwellings; R2 huisarts
/// < 1000 m for 50 %; R3 every zorg location ≤ 500 m (≤ 250 m goed) from an ov_halte.
/// Profile `inwoners`: RI as R1 weighted by inhabitants, RO by inhabitants aged 65+.
/// Profile `wonen`: R4 every geclusterde woning < 500 m from zorg.
struct AssessmentFixture {
    static let x0 = 155_000.0, y0 = 463_000.0

    struct BuurtSpec {
        var letter: String
        var code: String
        var x: ClosedRange<Double>
        var y: ClosedRange<Double>
        var inhabitants: Int
        var percentage65: Int
        var water: Bool
    }

    static let buurten: [BuurtSpec] = [
        .init(letter: "V", code: "BU00010100", x: 0...1000, y: -300...300, inhabitants: 20, percentage65: 10, water: false),
        .init(letter: "D", code: "BU00010101", x: 1000...2000, y: -300...300, inhabitants: 30, percentage65: 20, water: false),
        .init(letter: "N", code: "BU00010200", x: 3000...4000, y: -300...300, inhabitants: -99995, percentage65: 15, water: false),
        .init(letter: "K", code: "BU00010201", x: 4000...5000, y: -300...300, inhabitants: 5, percentage65: 40, water: false),
        .init(letter: "W", code: "BU00010202", x: 5000...6000, y: -300...300, inhabitants: 8, percentage65: 25, water: true),
        .init(letter: "T", code: "BU00020100", x: 6000...7000, y: 500...1100, inhabitants: 6, percentage65: 50, water: false),
    ]

    static func code(_ letter: String) -> String { buurten.first { $0.letter == letter }!.code }

    struct DwellingSpec {
        var id: String
        var x: Double
        var y: Double = 0
        var woonvorm: String?
        var suitability: String?
    }

    static let dwellings: [DwellingSpec] = {
        var list: [DwellingSpec] = []
        // V: suitability 2 × beugels, 3 × nultreden (one spelt "Nultreden"), 1 × rolstoelgeschikt,
        // 4 × empty; geclusterd at 50, 650 and 950 ("Geclusterd " with case and a space).
        let vSuitability: [String?] = ["beugels", "beugels", "nultreden", "nultreden", "Nultreden", "rolstoelgeschikt", "", "", "", nil]
        let vWoonvorm: [String?] = ["geclusterd", "eengezins", nil, nil, nil, nil, "geclusterd", nil, nil, "Geclusterd "]
        for i in 0..<10 {
            list.append(.init(id: String(format: "V%02d", i + 1), x: 50 + 100 * Double(i), woonvorm: vWoonvorm[i], suitability: vSuitability[i]))
        }
        // D: two rolstoelgeschikt, the others without the field.
        for i in 0..<10 {
            list.append(.init(id: String(format: "D%02d", i + 1), x: 1050 + 100 * Double(i), suitability: i < 2 ? "rolstoelgeschikt" : nil))
        }
        // N: geclusterd at 3350 and 3950; one beugels at 3050.
        for i in 0..<10 {
            let x = 3050 + 100 * Double(i)
            list.append(.init(id: String(format: "N%02d", i + 1), x: x, woonvorm: (x == 3350 || x == 3950) ? "geclusterd" : "eengezins",
                              suitability: i == 0 ? "beugels" : nil))
        }
        list += [.init(id: "K01", x: 4450), .init(id: "K02", x: 4550)]
        list += [5150.0, 5350, 5550, 5750].enumerated().map { .init(id: "W0\($0 + 1)", x: $1) }
        list += [6200.0, 6500, 6800].enumerated().map { .init(id: "T0\($0 + 1)", x: $1, y: 800) }
        return list
    }()

    struct FacilitySpec {
        var id: String
        var category: String
        var x: Double
    }

    static let facilities: [FacilitySpec] = [
        .init(id: "s1", category: "dagelijkse_boodschappen", x: 500),
        .init(id: "z1", category: "zorg", x: 200),
        .init(id: "o1", category: "ov_halte", x: 300),
        .init(id: "h1", category: "huisarts", x: 1100),
        .init(id: "o2", category: "ov_halte", x: 3050),
        .init(id: "z2", category: "zorg", x: 3250),   // 200 m from o2: goed
        .init(id: "z3", category: "zorg", x: 3450),   // 400 m: acceptabel
        .init(id: "z4", category: "zorg", x: 3750),   // 700 m: onvoldoende
        .init(id: "s2", category: "dagelijkse_boodschappen", x: 5100),
        .init(id: "h2", category: "huisarts", x: 5100),
    ]

    static let profiles = """
        [[profiles]]
        name = "basis"
        label = "Basis"

        [[profiles.requirements]]
        id = "R1"
        label = "Boodschappen"
        to = ["dagelijkse_boodschappen"]
        threshold_m = 1000
        share = 0.9
        source = "proef"

        [[profiles.requirements]]
        id = "R2"
        to = ["huisarts"]
        threshold_m = 1000
        share = 0.5

        [[profiles.requirements]]
        id = "R3"
        from = "voorzieningen"
        from_categories = ["zorg"]
        to = ["ov_halte"]
        threshold_m = 500
        good_m = 250
        share = 1.0

        [[profiles]]
        name = "inwoners"

        [[profiles.requirements]]
        id = "RI"
        to = ["dagelijkse_boodschappen"]
        threshold_m = 1000
        share = 0.9
        weighting = "inwoners"

        [[profiles.requirements]]
        id = "RO"
        to = ["dagelijkse_boodschappen"]
        threshold_m = 1000
        share = 0.9
        weighting = "inwoners_65plus"

        [[profiles]]
        name = "wonen"

        [[profiles.requirements]]
        id = "R4"
        from = "geclusterde_woningen"
        to = ["zorg"]
        threshold_m = 500
        share = 1.0
        """

    static let configuration = """
        output_dir = "out"

        [buurten]
        path = "buurten.geojson"

        [dwellings]
        path = "woningen.geojson"
        id_field = "identificatie"
        woonvorm_field = "woonvorm"
        suitability_field = "geschiktheid"
        suitability_levels = ["beugels", "nultreden", "rolstoelgeschikt"]

        [network]
        path = "wegen.geojson"
        format = "layer"
        min_island_nodes = 1

        [[facilities]]
        source = "layer"
        path = "voorzieningen.geojson"
        category_field = "categorie"
        id_field = "voorziening_id"
        name_field = "naam"

        [assessment]
        min_dwellings = 3

        """ + profiles + "\n"

    // MARK: Writing the files

    static func rd(_ x: Double, _ y: Double) -> [Double] { [x0 + x, y0 + y] }

    static func collection(_ name: String, _ features: [[String: Any]]) -> Data {
        let object: [String: Any] = [
            "type": "FeatureCollection", "name": name,
            "crs": ["type": "name", "properties": ["name": "urn:ogc:def:crs:EPSG::28992"]],
            "features": features,
        ]
        return try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
    }

    static func feature(_ geometry: [String: Any], _ properties: [String: Any?]) -> [String: Any] {
        ["type": "Feature", "geometry": geometry, "properties": properties.mapValues { $0 ?? NSNull() }]
    }

    static func point(_ x: Double, _ y: Double) -> [String: Any] { ["type": "Point", "coordinates": rd(x, y)] }

    /// Writes buurten, dwellings, facilities and the street into `directory`.
    static func write(to directory: String, buurten specs: [BuurtSpec] = buurten) throws {
        func save(_ data: Data, _ name: String) throws { try data.write(to: URL(fileURLWithPath: "\(directory)/\(name)")) }
        try save(collection("buurten", specs.map { b in
            let ring = [rd(b.x.lowerBound, b.y.lowerBound), rd(b.x.upperBound, b.y.lowerBound), rd(b.x.upperBound, b.y.upperBound),
                        rd(b.x.lowerBound, b.y.upperBound), rd(b.x.lowerBound, b.y.lowerBound)]
            return feature(["type": "Polygon", "coordinates": [ring]],
                           ["buurtcode": b.code, "buurtnaam": "Buurt \(b.letter)", "aantal_inwoners": b.inhabitants,
                            "percentage_personen_65_jaar_en_ouder": b.percentage65, "water": b.water ? "JA" : "NEE"])
        }), "buurten.geojson")
        try save(collection("woningen", dwellings.map { d in
            var properties: [String: Any?] = ["identificatie": d.id, "woonvorm": d.woonvorm]
            // D's dwellings without suitability lack the field altogether (null), V's have "".
            properties["geschiktheid"] = d.suitability
            return feature(point(d.x, d.y), properties)
        }), "woningen.geojson")
        try save(collection("voorzieningen", facilities.map { f in
            feature(point(f.x, 0), ["voorziening_id": f.id, "categorie": f.category, "naam": "Voorziening \(f.id)"])
        }), "voorzieningen.geojson")
        let west = stride(from: -500.0, through: 2500, by: 500).map { rd($0, 0) }
        let east = stride(from: 2500.0, through: 6500, by: 500).map { rd($0, 0) }
        try save(collection("wegen", [
            feature(["type": "LineString", "coordinates": west], ["highway": "residential", "name": "Dorpsstraat"]),
            feature(["type": "LineString", "coordinates": east], ["highway": "footway", "name": "Dorpsstraat"]),
        ]), "wegen.geojson")
    }
}

/// One pipeline run on the fixture, with every output layer read back.
struct AssessmentRun {
    let run: PipelineRun
    let wijken: [[String: Any]]
    let gemeenten: [[String: Any]]
    let runJSON: [String: Any]

    init(configuration: String = AssessmentFixture.configuration, buurten: [AssessmentFixture.BuurtSpec] = AssessmentFixture.buurten) throws {
        let inputs = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(inputs) }
        try AssessmentFixture.write(to: inputs, buurten: buurten)
        run = try PipelineRun(configuration: configuration, baseDirectory: inputs, keepingOutput: true)
        let directory = run.directory
        defer { PipelineRun.remove(directory) }
        let out = "\(run.directory)/out"
        wijken = FileManager.default.fileExists(atPath: "\(out)/wijken.geojson") ? try PipelineRun.features("\(out)/wijken.geojson") : []
        gemeenten = FileManager.default.fileExists(atPath: "\(out)/gemeenten.geojson") ? try PipelineRun.features("\(out)/gemeenten.geojson") : []
        runJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/run.json"))) as! [String: Any]
    }

    /// The properties of the area with this code in `layer`.
    func area(_ layer: [[String: Any]], _ code: String) -> [String: Any] {
        feature(layer, code)?["properties"] as? [String: Any] ?? [:]
    }

    /// The feature whose own code (`buurtcode` in buurten, `wijkcode` in wijken, …) is `code`.
    func feature(_ layer: [[String: Any]], _ code: String) -> [String: Any]? {
        let key = code.hasPrefix("BU") ? "buurtcode" : (code.hasPrefix("WK") ? "wijkcode" : "gemeentecode")
        return layer.first { ($0["properties"] as? [String: Any])?[key] as? String == code }
    }

    func buurt(_ letter: String) -> [String: Any] { area(run.buurten, AssessmentFixture.code(letter)) }
    func wijk(_ code: String) -> [String: Any] { area(wijken, code) }
    func gemeente(_ code: String) -> [String: Any] { area(gemeenten, code) }

    func geometry(_ layer: [[String: Any]], _ code: String) -> [String: Any] {
        feature(layer, code)?["geometry"] as? [String: Any] ?? [:]
    }

    func facility(_ id: String) -> [String: Any] {
        run.voorzieningen.map { $0["properties"] as! [String: Any] }.first { $0["voorziening_id"] as? String == id } ?? [:]
    }

    /// The fixture is built once and shared by the tests (it takes well under a second).
    static let shared: Result<AssessmentRun, any Error> = Result { try AssessmentRun() }
}

/// JSON values as the tests compare them.
func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
func isNull(_ value: Any?) -> Bool { value == nil || value is NSNull }
