import Foundation

/// The result of `nabijheid check`: every rule checked, every buurt's change, and what each
/// closure costs. Written as `check.json`, `check-junit.xml` and a summary; deterministic.
public struct CheckReport: Codable, Sendable {
    public struct Rule: Codable, Sendable, Equatable {
        /// `nieuwe_woning`, `nieuwe_voorziening`, `sluiting`, `netwerk` or `buurt`: the JUnit class name.
        public var soort: String
        public var naam: String
        public var geslaagd: Bool
        /// Why it failed, or what was measured.
        public var melding: String
    }

    public struct FigureChange: Codable, Sendable, Equatable {
        public var eigenschap: String
        public var huidig: Double?
        public var plan: Double?

        /// Unknown values are written as `null`, not left out.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(eigenschap, forKey: .eigenschap)
            try container.encode(huidig, forKey: .huidig)
            try container.encode(plan, forKey: .plan)
        }
    }

    public struct BuurtChange: Codable, Sendable, Equatable {
        public var buurtcode: String
        public var buurtnaam: String
        public var slechter: Bool
        /// Per profile: class now and with the plan.
        public var klassen: [String: [String]]
        /// Figures that change (shares, counts), in schema order.
        public var wijzigingen: [FigureChange]
    }

    public struct Closure: Codable, Sendable, Equatable {
        public var voorziening_id: String
        public var categorie: String
        /// Dwellings that were within a requirement's limit through this facility (their nearest
        /// within the distance, or a 24-hour base that alone reached them in time) and are not
        /// any more with the plan.
        public var woningen_buiten_bereik: Int
        /// The same per buurt code.
        public var per_buurt: [String: Int]
    }

    public var nabijheid_versie: String
    public var plan: String
    public var plan_sha256: String
    public var profielen: [String]
    public var tolerantie: Double
    public var geslaagd: Bool
    public var regels: [Rule]
    public var buurten: [BuurtChange]
    public var sluitingen: [Closure]

    public var failures: [Rule] { regels.filter { !$0.geslaagd } }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
