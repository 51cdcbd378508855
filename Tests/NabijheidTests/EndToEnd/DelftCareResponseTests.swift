import Foundation
import Testing
@testable import Nabijheid

/// Response times (R8) on the real Delft extract: the extract has no OSM nursing home with
/// `opening_hours=24/7`, so a municipality's layer supplies one care base (on the TU campus).
@Suite struct DelftCareResponseTests {
    static var available: Bool { DelftTests.available }
    /// The base, WGS84 (TU Delft campus, Mekelweg).
    static let base = (lon: 4.3737, lat: 52.0003)

    static func configuration(mode: String, baseLayer: String?) -> String {
        var text = DelftTests.configuration(excludeBusways: true, margin: 500) + """

        [care_response]
        mode = "\(mode)"

        """
        if let baseLayer {
            text += """

            [[facilities]]
            source = "layer"
            path = "\(baseLayer)"
            id_field = "id"

            """
        }
        return text
    }

    /// The base layer, written into `directory`.
    static func baseLayer(in directory: String) throws -> String {
        let path = directory + "/zorgposten.geojson"
        try """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"categorie": "zorg_24uur", "id": "Z1"},
         "geometry": {"type": "Point", "coordinates": [\(base.lon), \(base.lat)]}}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.enabled(if: available, "needs ../shared/data/delft"))
    func cyclingResponseTimesFromALayerBase() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let run = try PipelineRun(configuration: Self.configuration(mode: "fiets", baseLayer: try Self.baseLayer(in: directory)), baseDirectory: "/")
        let care = try #require(run.report.aanrijtijden)
        #expect(care.modus == "fiets" && care.snelheid_kmh == 15 && care.uitruktijd_min == 5 && care.ingesteld)
        #expect(care.zorgposten_gelezen == 1 && care.zorgposten_gekoppeld == 1)
        #expect(care.netwerk.ways_bruikbaar > 0 && care.netwerk.ways_bruikbaar < care.netwerk.ways_gelezen)
        let basePoint = try CoordinateTransform(from: CRSDefinition(userInput: "EPSG:4326"), label: "test").transform(Self.base.lon, Self.base.lat)
        let transform = try CoordinateTransform(from: CRSDefinition(userInput: "EPSG:4326"), label: "test")
        var reached = 0
        for dwelling in run.woningen {
            let properties = run.properties(dwelling)
            #expect(properties.keys.contains("aanrijtijd_zorg_24uur_min"))
            guard let minutes = properties["aanrijtijd_zorg_24uur_min"] as? Double else { continue }
            reached += 1
            // Never faster than the dispatch time plus the straight line at 15 km/h (250 m a minute).
            let coordinates = (dwelling["geometry"] as! [String: Any])["coordinates"] as! [Double]
            let straight = transform.transform(coordinates[0], coordinates[1]).distance(to: basePoint)
            #expect(minutes + 0.05 >= 5 + straight / 250, "\(properties["woning_id"]!): \(minutes) min for \(straight) m straight")
            #expect(minutes < 60)
        }
        #expect(reached == care.woningen_bereikt)
        #expect(reached > 7_900, "most of the 8010 dwellings are reached: \(reached)")
        // Per buurt: TU-Campus holds the base; its median is a few minutes after dispatch.
        let campus = try #require(run.buurten.map(run.properties).first { $0["buurtcode"] as? String == "TU-Campus" })
        let median = try #require(campus["mediaan_aanrijtijd_zorg_24uur_min"] as? Double)
        #expect(median > 5 && median < 10)
        #expect(campus["aandeel_aanrijtijd_zorg_24uur_binnen_30min"] as? Double == 1)
        // No CBS figures in this buurten layer: the basis R8 (by dwellings) is judged, R8s (by 65+) is unknown.
        #expect(campus["woonservicegebied_r8_status"] as? String == "voldoet")
        #expect(campus["zonder_mantelzorg_r8s_status"] as? String == "onbekend")
    }

    /// By car one-way streets count, by bike most of them do not (contraflow cycling): the
    /// car network of Delft has more one-way segments than the bike network.
    @Test(.enabled(if: available, "needs ../shared/data/delft"))
    func oneWayStreetsOfDelftByCarAndByBike() throws {
        func oneWaySegments(_ mode: CareResponseSettings.Mode) throws -> (oneWay: Int, segments: Int) {
            let read = try OSMHighwayReader.read(path: "\(DelftTests.delft)/tudelft.osm.pbf", rules: WalkRules(),
                                                 care: CareModeRules(mode: mode, speedKmh: CareResponseSettings.defaultSpeed(mode)))
            let graph = try #require(read.care).build(minimumIslandNodes: 20)
            let oneWay = zip(graph.segmentForwardSeconds, graph.segmentBackwardSeconds).filter { $0.isFinite != $1.isFinite }.count
            return (oneWay, graph.segmentCount)
        }
        let car = try oneWaySegments(.auto), bike = try oneWaySegments(.fiets)
        #expect(car.oneWay > 0)
        #expect(bike.oneWay < car.oneWay, "bike \(bike), car \(car)")
        #expect(car.segments > 0 && bike.segments > 0)
    }

    /// The extract has no 24-hour base: R8 cannot be judged anywhere; it is `onbekend` with the
    /// reason, and the run warns; never `voldoet_niet`.
    @Test(.enabled(if: available, "needs ../shared/data/delft"))
    func withoutCareBasesR8IsUnknown() throws {
        let run = try PipelineRun(configuration: Self.configuration(mode: "auto", baseLayer: nil), baseDirectory: "/")
        let care = try #require(run.report.aanrijtijden)
        #expect(care.zorgposten_gelezen == 0 && care.woningen_bereikt == 0)
        for buurt in run.buurten.map(run.properties) where (buurt["aantal_woningen"] as? Int ?? 0) >= 10 {
            #expect(buurt["woonservicegebied_r8_status"] as? String == "onbekend")
            #expect((buurt["redenen_woonservicegebied"] as? String ?? "").contains("R8_GEEN_ZORGPOSTEN"))
            #expect((buurt["toelichting_woonservicegebied"] as? String ?? "").contains("de invoer bevat geen enkele 24-uurs zorgpost"))
            #expect(buurt["aandeel_aanrijtijd_zorg_24uur_binnen_30min"] as? Double == 0)
        }
        #expect(run.report.waarschuwingen.contains { $0.categorie == "zorg_24uur" && $0.code == "CATEGORIE_ZONDER_VOORZIENINGEN" })
    }
}
