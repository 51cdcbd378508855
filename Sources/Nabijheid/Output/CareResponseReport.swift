/// `run.json` → `aanrijtijden`: how the response times (R8) were computed and what they rest
/// on: the mode and its settings, the care network, and the care bases and dwellings it linked.
extension RunReport {
    public struct CareResponseReport: Codable, Sendable {
        public var modus: String
        public var snelheid_kmh: Double
        public var uitruktijd_min: Double
        public var categorie: String
        /// false: the defaults, because a profile measures `aanrijtijd` without `[care_response]`.
        public var ingesteld: Bool
        public var netwerk: CareResponse.Network
        public var zorgposten_gelezen: Int
        public var zorgposten_gekoppeld: Int
        public var woningen_gekoppeld: Int
        public var woningen_bereikt: Int

        init(_ care: CareResponse, catalog: FacilityCatalog) {
            modus = care.settings.mode.rawValue
            snelheid_kmh = care.settings.speedKmh
            uitruktijd_min = care.settings.dispatchMinutes
            categorie = catalog.categories[care.category].name
            ingesteld = care.settings.configured
            netwerk = care.network
            zorgposten_gelezen = care.basesRead
            zorgposten_gekoppeld = care.basesLinked
            woningen_gekoppeld = care.dwellingsLinked
            woningen_bereikt = care.dwellingsReached
        }
    }
}
