import Foundation
import Testing
@testable import Nabijheid

/// The mobility profiles on the real Delft extract. What the campus has was counted
/// independently with osmium-tool (`osmium tags-filter tudelft.osm.pbf n/barrier n/kerb`, and
/// which of those nodes highway ways use): on the paths lie 2 kissing gates, 6 of the 7 cycle
/// barriers, 1 node with `barrier=kerb, kerb=raised` and 1 crossing with `kerb=lowered`; there
/// are 49 steps ways.
@Suite struct DelftMobilityTests {
    static func run(reader: String) throws -> PipelineRun {
        let text = DelftTests.configuration(excludeBusways: true, margin: 500)
            .replacingOccurrences(of: "[network]\n", with: "[network]\nreader = \"\(reader)\"\n")
        return try PipelineRun(configuration: text, baseDirectory: "/")
    }

    @Test(.enabled(if: DelftTests.available, "needs ../shared/data/delft"))
    func campusObstaclesAreFoundAndDistancesOnlyGrow() throws {
        let run = try Self.run(reader: "libosmium")
        let profiles = Dictionary(uniqueKeysWithValues: run.report.mobiliteitsprofielen.map { ($0.profiel, $0) })
        let rollator = try #require(profiles["rollator"]), rolstoel = try #require(profiles["rolstoel"])
        // Kissing gates block both; the cycle barriers only the wheelchair; the raised kerb costs
        // the rollator 30 m and blocks the wheelchair.
        #expect(rollator.netwerk.knopen_geblokkeerd == 2)
        #expect(rollator.netwerk.knopen_met_toeslag == 1)
        #expect(rolstoel.netwerk.knopen_geblokkeerd == 2 + 6 + 1)
        #expect(rollator.netwerk.segmenten_geblokkeerd > 0 && rollator.netwerk.lengte_geblokkeerd_km > 0.5)

        let categories = ["dagelijkse_boodschappen", "ontmoeting", "huisarts", "ov_halte"]
        var changed: [String: Int] = [:]
        for dwelling in run.woningen.map(run.properties) {
            for profile in ["rollator", "rolstoel"] {
                var differs = false
                for category in categories {
                    let walking = dwelling["afstand_\(category)_m"] as? Double
                    let aided = dwelling["afstand_\(category)_\(profile)_m"] as? Double
                    if let aided {
                        let walking = try #require(walking, "a \(profile) route exists, so a walking route does")
                        #expect(aided >= walking - 0.1, "\(dwelling["woning_id"]!) \(category) \(profile)")
                        if aided > walking + 0.1 { differs = true }
                    } else if walking != nil {
                        differs = true
                    }
                }
                if differs { changed[profile, default: 0] += 1 }
            }
        }
        // Reported in docs/benchmark.md (mobility profiles on Delft): of 8010 dwellings, this
        // many get a longer route to at least one category.
        #expect(changed["rollator"] == 3_931, "rollator changes \(changed["rollator"] ?? 0) dwellings")
        #expect(changed["rolstoel"] == 3_949, "rolstoel changes \(changed["rolstoel"] ?? 0) dwellings")
        let buurt = try #require(run.buurten.map(run.properties).first { $0["buurtcode"] as? String == "TU-Campus" })
        #expect((buurt["omrijfactor_rollator"] as? Double ?? 0) >= 1)
        #expect(buurt["aandeel_route_onbekend_rollator"] is Double)
    }

    /// Walking over every link of a point (see `PointLinks`) against walking over the nearest
    /// segments alone, on the same Delft situation: never longer, shorter for the few dwellings
    /// and facilities next to steps whose rollator link is the better way in. The counts are
    /// reported in docs/configuratie.md (Linking).
    @Test(.enabled(if: DelftTests.available, "needs ../shared/data/delft"))
    func walkingOverEveryLinkChangesFewDistancesAndOnlyShortensThem() throws {
        let text = DelftTests.configuration(excludeBusways: true, margin: 500)
            .replacingOccurrences(of: "[network]\n", with: "[network]\nreader = \"libosmium\"\n")
        let configuration = try ConfigurationLoader.parse(text, file: "/delft.toml", baseDirectory: "/")
        let inputs = try RunInputs.read(configuration, threads: 2)
        let context = try RunContext(configuration: configuration, inputs: inputs, timer: StageTimer(), threads: 2)
        let situation = context.situation(dwellings: inputs.dwellings, facilities: inputs.facilities, timer: StageTimer())
        let result = try context.assess(situation, timer: StageTimer(), serviceAreas: false)
        let nearestOnly = CategoryDistances.compute(graph: context.graph, categoryCount: configuration.catalog.categories.count,
                                                    facilities: situation.facilities, facilityLinks: situation.facilityLinks,
                                                    dwellingLinks: situation.dwellingLinks, cutoff: configuration.distances.cutoff, threads: 2)
        var pairs = 0, dwellings = Set<Int>(), facilityPairs = 0, otherFacility = 0, largest: Float = 0
        for c in nearestOnly.perCategory.indices {
            let now = result.distances.perCategory[c], before = nearestOnly.perCategory[c]
            for d in now.distance.indices {
                #expect(now.distance[d] <= before.distance[d], "dwelling \(d) category \(c)")
                guard now.distance[d] < before.distance[d] else { continue }
                pairs += 1
                dwellings.insert(d)
                largest = max(largest, before.distance[d] - now.distance[d])
                if now.facility[d] != before.facility[d] { otherFacility += 1 }
            }
            let nowF = result.distances.facilityToCategory[c].distance, beforeF = nearestOnly.facilityToCategory[c].distance
            for f in nowF.indices {
                #expect(nowF[f] <= beforeF[f], "facility \(f) category \(c)")
                if nowF[f] < beforeF[f] { facilityPairs += 1 }
            }
        }
        // Dwellings nearest to steps get 4 further links (rollator and rolstoel); for one dwelling,
        // node/2596097917, such a link is the better way in: 4 categories, each 10.8 m shorter, to the
        // same facilities (dagelijkse_boodschappen 712.0 → 701.2 m; the rollator's 701.2 m was
        // raised to 712.0 m by the clamp this replaces). No facility lies nearest to steps.
        let links = context.profileLinks(situation)
        #expect(links.dwellings.standaard.extra.count == 4)
        #expect(links.facilities.standaard.extra.isEmpty)
        #expect(pairs == 4)
        #expect(dwellings.map { situation.dwellings[$0].id } == ["node/2596097917"])
        #expect(otherFacility == 0)
        #expect(abs(largest - 10.8) < 0.05)
        #expect(facilityPairs == 0)
    }

    /// GDAL's OSM driver (points layer for the nodes) and libosmium find the same obstacles and
    /// give the same distances for every profile.
    @Test(.enabled(if: DelftTests.available, "needs ../shared/data/delft"))
    func gdalAndLibosmiumAgree() throws {
        let osmium = try Self.run(reader: "libosmium"), gdal = try Self.run(reader: "gdal")
        for (a, b) in zip(osmium.report.mobiliteitsprofielen, gdal.report.mobiliteitsprofielen) {
            #expect(a.profiel == b.profiel)
            #expect(a.netwerk == b.netwerk)
            #expect(a.woningen_onbereikbaar == b.woningen_onbereikbaar)
        }
        for (a, b) in zip(osmium.woningen.map(osmium.properties), gdal.woningen.map(gdal.properties)) {
            for key in a.keys where key.hasSuffix("_rollator_m") || key.hasSuffix("_rolstoel_m") {
                #expect(a[key] as? Double == b[key] as? Double, "\(a["woning_id"]!) \(key)")
            }
        }
    }
}

/// A run lets go of which facility is nearest on the mobility profiles' networks (only a plan
/// check asks for it); everything else is the same as an assessment that keeps it.
@Suite struct ProfileFacilitiesTests {
    @Test(.enabled(if: DelftTests.available, "needs ../shared/data/delft"))
    func runKeepsDistancesButNotTheProfilesNearestFacilities() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let text = DelftTests.configuration(excludeBusways: true, margin: 500)
        let configuration = try ConfigurationLoader.parse(text, file: "\(directory)/config.toml", baseDirectory: "/",
                                                          outputOverride: "\(directory)/out")
        let timer = StageTimer()
        let inputs = try RunInputs.read(configuration, threads: 2)
        let context = try RunContext(configuration: configuration, inputs: inputs, timer: timer, threads: 2)
        let situation = context.situation(dwellings: inputs.dwellings, facilities: inputs.facilities, timer: timer)
        let kept = try context.assess(situation, timer: timer, serviceAreas: false)
        let dropped = try context.assess(situation, timer: timer, serviceAreas: false, profileFacilities: false)
        #expect(kept.networks.count >= 3, "standaard and the default profiles rollator and rolstoel")
        for (keep, drop) in zip(kept.networks, dropped.networks) {
            for (k, d) in zip(keep.categories.perCategory, drop.categories.perCategory) {
                #expect(k.distance == d.distance && k.routeUnknown == d.routeUnknown, "\(keep.name)")
                #expect(k.facility.count == k.distance.count)
                // Walking keeps its nearest facilities (woningen.geojson names them); the profiles do not.
                #expect(d.facility == (keep.name == MobilityProfile.standaardName ? k.facility : []), "\(keep.name)")
            }
        }
        #expect(kept.distances.perCategory == dropped.distances.perCategory)
        let reached = kept.networks.dropFirst().flatMap { $0.categories.perCategory }.filter { $0.distance.contains { $0.isFinite } }
        #expect(!reached.isEmpty, "the profiles reach facilities in Delft")
    }
}
