import Foundation

/// `run.json`: what made the outputs (tool version, configuration, input files with size and
/// checksum) and what happened to every input feature. The dwelling counts add up:
/// `gelezen = in_buurt + niet_routeerbaar + buiten_buurten`. No timestamps or timings, so the
/// same inputs give the same bytes.
public struct RunReport: Codable, Sendable {
    public struct Configuration: Codable, Sendable {
        public var bestand: String
        public var sha256: String
        public var tekst: String
    }

    public struct InputFile: Codable, Sendable {
        public var rol: String
        public var pad: String
        public var bytes: Int
        public var sha256: String
    }

    public struct Dwellings: Codable, Sendable {
        public var gelezen: Int
        public var in_buurt: Int
        public var niet_routeerbaar: Int
        public var buiten_buurten: Int
        /// Features skipped before they became dwellings (no geometry), not part of `gelezen`.
        public var overgeslagen_zonder_geometrie: Int
    }

    public struct Facilities: Codable, Sendable {
        public var categorie: String
        public var gelezen: Int
        public var routeerbaar: Int
        public var niet_routeerbaar: Int
    }

    public struct Parameters: Codable, Sendable {
        public var drempels_m: [Double]
        public var zoekgrens_m: Double
        public var max_aansluiting_m: Double
        public var min_eilandknopen: Int
        public var profiel: String
    }

    public struct ProfileTotals: Codable, Sendable {
        public var profiel: String
        public var niveau: String
        /// Class name → number of areas; every class is listed, also with 0.
        public var klassen: [String: Int]
        /// Per requirement: how many judged areas fail it.
        public var niet_voldaan: [String: Int]
    }

    public struct Output: Codable, Sendable {
        public var bestand: String
        public var features: Int
    }

    public var nabijheid_versie: String
    public var configuratie: Configuration
    public var invoer: [InputFile]
    public var parameters: Parameters
    public var netwerk: NetworkSummary
    public var woningen: Dwellings
    public var voorzieningen: [Facilities]
    public var buurten: Int
    /// Per profile and level (buurt, wijk, gemeente): how many areas fall in each class.
    public var beoordeling: [ProfileTotals]
    /// Warnings as GDAL and the run phrased them (GDAL's in English, untranslated).
    public var meldingen: [String]
    public var uitvoer: [Output]
    /// What the input cannot support, structured (see `RunReport.Warning`); also in Dutch at
    /// the top of rapport.html and in the console summary.
    public var waarschuwingen: [Warning] = []
    /// Walking distances beside CBS's road distances, per category compared; nil when the
    /// buurten layer has none of the CBS fields.
    public var cbs_vergelijking: [CBSCategory]? = nil
    /// Response times from 24-hour care bases (R8); nil when not computed.
    public var aanrijtijden: CareResponseReport? = nil
    /// Per mobility profile of the run: what its rules made of the network (blocked, slowed and
    /// unknown segments and nodes, tag values the rules do not know).
    public var mobiliteitsprofielen: [MobilityReport] = []

    public struct MobilityReport: Codable, Sendable {
        public var profiel: String
        public var netwerk: MobilityNetwork.Summary
        /// Routable dwellings in a buurt that reach a category walking but not with this profile.
        public var woningen_onbereikbaar: Int
        /// Median detour ratio over all buurt dwellings and categories reachable both ways.
        public var omrijfactor_mediaan: Double?
        /// 90th percentile (nearest rank) of the same ratios.
        public var omrijfactor_p90: Double?
    }

    /// Per mobility profile, its network and the figures over every dwelling in a buurt
    /// (`RunResult.mobilityTotals`, worked out with the buurten's).
    static func mobilityReports(_ result: RunResult) -> [MobilityReport] {
        zip(result.networks.dropFirst(), result.mobilityTotals).map { network, figures in
            MobilityReport(profiel: network.name, netwerk: network.summary!, woningen_onbereikbaar: figures.lostReach,
                           omrijfactor_mediaan: figures.detourMedian.map { ($0 * 1000).rounded() / 1000 },
                           omrijfactor_p90: figures.detourP90.map { ($0 * 1000).rounded() / 1000 })
        }
    }

    public struct CBSCategory: Codable, Sendable {
        public struct Buurt: Codable, Sendable {
            public var buurtcode: String
            public var cbs_afstand_km: Double?
            public var gemiddelde_loopafstand_m: Double?
            /// Routable dwellings with a facility of the category within the search bound.
            public var woningen_met_voorziening: Int
            public var woningen_routeerbaar: Int
            public var signaal: String?

            /// Unknown values are written as `null`, not left out.
            public func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(buurtcode, forKey: .buurtcode)
                try container.encode(cbs_afstand_km, forKey: .cbs_afstand_km)
                try container.encode(gemiddelde_loopafstand_m, forKey: .gemiddelde_loopafstand_m)
                try container.encode(woningen_met_voorziening, forKey: .woningen_met_voorziening)
                try container.encode(woningen_routeerbaar, forKey: .woningen_routeerbaar)
                try container.encode(signaal, forKey: .signaal)
            }
        }
        public var categorie: String
        public var cbs_veld: String
        public var buurten: [Buurt]
    }

    static func cbsCategories(_ result: RunResult) -> [CBSCategory]? {
        guard let cbs = result.cbs, !cbs.isEmpty else { return nil }
        return cbs.categories.enumerated().map { k, category in
            CBSCategory(categorie: result.configuration.catalog.categories[category].name, cbs_veld: cbs.fields[k],
                        buurten: result.buurten.indices.map { b in
                            let entry = cbs.entries[b][k]
                            return .init(buurtcode: result.buurten[b].code, cbs_afstand_km: entry.cbsKm,
                                         gemiddelde_loopafstand_m: Rounding.meters(entry.walkingMean),
                                         woningen_met_voorziening: entry.reachable, woningen_routeerbaar: entry.routable, signaal: entry.flag?.rawValue)
                        })
        }
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}

extension RunReport.ProfileTotals {
    static func totals(_ areas: [AreaReport], profiles: [RequirementProfile]) -> [RunReport.ProfileTotals] {
        profiles.enumerated().flatMap { p, profile in
            areas.map { report in
                var classes = Dictionary(uniqueKeysWithValues: ProfileOutcome.Class.allCases.map { ($0.rawValue, 0) })
                var failing = Dictionary(uniqueKeysWithValues: profile.requirements.map { ($0.id, 0) })
                for outcome in report.outcomes.map({ $0[p] }) {
                    classes[outcome.classification.rawValue, default: 0] += 1
                    for (r, requirement) in profile.requirements.enumerated() where outcome.isJudged && outcome.requirements[r].status == .voldoetNiet {
                        failing[requirement.id, default: 0] += 1
                    }
                }
                return RunReport.ProfileTotals(profiel: profile.name, niveau: report.level.kind.rawValue, klassen: classes, niet_voldaan: failing)
            }
        }
    }
}

extension RunReport.Dwellings {
    init(outcomes: [DwellingOutcome], skipped: SkippedFeatures) {
        var counts = [Int](repeating: 0, count: DwellingOutcome.allCases.count)
        for outcome in outcomes { counts[Int(outcome.rawValue)] += 1 }
        self.init(gelezen: outcomes.count, in_buurt: counts[0], niet_routeerbaar: counts[1], buiten_buurten: counts[2],
                  overgeslagen_zonder_geometrie: skipped.total)
    }
}
