import Foundation
import Testing
@testable import Nabijheid

/// The real Delft extract (OSM 2022, CBS buurten 2023) from ../shared/data/delft.
///
/// Expected distances come from an independent computation in Python (GDAL's OSM driver for
/// the lines, pyproj for RD New, networkx Dijkstra with the projected points inserted as split
/// nodes, cross-checked against a pyosmium graph built by OSM node id). That reference treats
/// `highway=busway` as walkable, so the comparison run does too; the default rules exclude
/// busways, which changes three stop distances (checked separately below). The reference links
/// every point to its nearest segment only; nabijheid also walks from a point's mobility-profile
/// link where that is shorter (`PointLinks`), which changes no distance of these dwellings (of
/// all Delft dwellings only node/2596097917's: `DelftMobilityTests`), so the reference applies as it is.
@Suite struct DelftTests {
    static var delft: String { "\(PipelineRun.sharedData)/delft" }
    static var available: Bool { FileManager.default.fileExists(atPath: "\(delft)/tudelft.osm.pbf") }

    static func configuration(excludeBusways: Bool, margin: Int) -> String {
        let excluded = excludeBusways ? "" : """
        excluded_highways = ["motorway", "motorway_link", "trunk", "trunk_link", "construction", "proposed", "raceway", "bus_guideway", "abandoned"]
        """
        return """
        [buurten]
        path = "\(delft)/delft_buurten_2023_rd.geojson"
        code_field = "BU_NAAM"
        name_field = "BU_NAAM"

        [network]
        path = "\(delft)/tudelft.osm.pbf"
        \(excluded)

        [dwellings]
        source = "osm_addresses"
        path = "\(delft)/tudelft.osm.pbf"

        [[facilities]]
        source = "osm"
        path = "\(delft)/tudelft.osm.pbf"

        [distances]
        thresholds_m = [100, 500, 1000]
        search_margin_m = \(margin)
        """
    }

    /// (OSM id, category, walking distance m, nearest facility, dwelling connector m).
    static let reference: [(String, String, Double, String, Double)] = [
        ("node/5268251848", "dagelijkse_boodschappen", 54.0, "node/4515664849", 14.1),
        ("node/5268251848", "huisarts", 1798.5, "node/8773611865", 14.1),
        ("node/5268251848", "ov_halte", 244.5, "node/6099120583", 14.1),
        ("node/2596097940", "dagelijkse_boodschappen", 1283.6, "node/2596097825", 19.4),
        ("node/2596097940", "huisarts", 1357.8, "node/8773611865", 19.4),
        ("node/2596097940", "ov_halte", 1534.1, "node/6099126486", 19.4),
        ("node/2595409177", "dagelijkse_boodschappen", 232.9, "node/4155340805", 9.6),
        ("node/2595409177", "huisarts", 214.0, "node/4314171190", 9.6),
        ("node/2595409177", "ov_halte", 470.4, "node/3393076160", 9.6),
        ("node/2596108274", "dagelijkse_boodschappen", 665.4, "node/549187810", 7.8),
        ("node/2596108274", "huisarts", 268.4, "node/8773611865", 7.8),
        ("node/2596108274", "ov_halte", 1141.8, "node/3393076160", 7.8),
        ("node/2596103706", "dagelijkse_boodschappen", 628.6, "node/4515664849", 11.8),
        ("node/2596103706", "huisarts", 1314.5, "node/8773611865", 11.8),
        ("node/2596103706", "ov_halte", 425.9, "node/6099120582", 11.8),
        ("node/2596107173", "dagelijkse_boodschappen", 428.4, "node/2596097825", 11.1),
        ("node/2596107173", "huisarts", 1025.6, "node/8773611865", 11.1),
        ("node/2596107173", "ov_halte", 398.0, "node/6099126486", 11.1),
        ("node/2596097889", "dagelijkse_boodschappen", 518.3, "node/4515664849", 11.6),
        ("node/2596097889", "huisarts", 2067.1, "node/8773611865", 11.6),
        ("node/2596097889", "ov_halte", 275.8, "node/6099120581", 11.6),
        ("node/2596100478", "dagelijkse_boodschappen", 487.5, "node/4515664849", 6.8),
        ("node/2596100478", "huisarts", 1908.6, "node/8773611865", 6.8),
        ("node/2596100478", "ov_halte", 219.5, "node/6099126492", 6.8),
    ]

    @Test(.enabled(if: available, "needs ../shared/data/delft"))
    func distancesMatchTheIndependentReference() throws {
        let run = try PipelineRun(configuration: Self.configuration(excludeBusways: false, margin: 2500), baseDirectory: "/")
        // The reference graph: 3173 nodes, 3832 segments after removing fragments < 20 nodes.
        #expect(run.report.netwerk.knopen == 3173)
        #expect(run.report.netwerk.segmenten == 3832)
        #expect(run.report.woningen.gelezen == 8010)
        for (id, category, distance, facility, connector) in Self.reference {
            let dwelling = try #require(run.dwelling(id), "dwelling \(id)")
            let measured = try #require(dwelling["afstand_\(category)_m"] as? Double, "\(id) \(category)")
            #expect(abs(measured - distance) <= 0.1, "\(id) \(category): \(measured) m, reference \(distance) m")
            #expect(dwelling["voorziening_\(category)"] as? String == facility, "\(id) \(category)")
            #expect(abs((dwelling["aansluiting_m"] as? Double ?? -1) - connector) <= 0.1, "\(id) connector")
            // The network can never beat the straight line.
            let straight = try #require(dwelling["hemelsbreed_\(category)_m"] as? Double)
            #expect(straight <= measured + 0.1)
        }
    }

    @Test(.enabled(if: available, "needs ../shared/data/delft"))
    func defaultRunPutsDwellingsInTheCampusBuurtenAndCountsAddUp() throws {
        let run = try PipelineRun(configuration: Self.configuration(excludeBusways: true, margin: 500), baseDirectory: "/")
        let counts = run.report.woningen
        #expect(counts.gelezen == counts.in_buurt + counts.niet_routeerbaar + counts.buiten_buurten)
        #expect(counts.gelezen == 8010)
        #expect(run.buurten.count == 91)
        let dwellingsPerBuurt = Dictionary(uniqueKeysWithValues: run.buurten.map {
            (run.properties($0)["buurtcode"] as! String, run.properties($0)["aantal_woningen"] as! Int)
        })
        for name in ["Koningsveldbuurt", "Delftzicht", "Mythologiebuurt", "TU-Campus", "Schoemakerplantage", "Professorenbuurt"] {
            #expect((dwellingsPerBuurt[name] ?? 0) > 0, "\(name) gets dwellings")
        }
        #expect(dwellingsPerBuurt.values.reduce(0, +) == counts.in_buurt + counts.niet_routeerbaar)
        // Busways are not walkable by default: a longer way round to two stops, never shorter.
        let evertslaan = try #require(run.dwelling("node/2596097889"))
        #expect(abs((evertslaan["afstand_ov_halte_m"] as! Double) - 298.1) <= 0.1)
        #expect(run.report.netwerk.knopen == 3131)
    }
}
