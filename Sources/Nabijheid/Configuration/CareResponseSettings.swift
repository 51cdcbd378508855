/// `[care_response]`: how a carer travels from a 24-hour care base to an alarm (R8). The
/// response time of a dwelling is `dispatch_min` plus the travel time over the mode's network
/// from the nearest base in time. docs/configuratie.md describes the keys.
public struct CareResponseSettings: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        /// By bicycle: cycleways and roads bikes may use, one speed everywhere.
        case fiets
        /// By car: car roads, `oneway` respected, speed from `maxspeed` or a per-highway default.
        case auto
    }

    public var mode: Mode
    /// fiets: the speed on every way; auto: the highest speed used (caps `maxspeed`). Also the
    /// speed on the connector between a point and the network.
    public var speedKmh: Double
    /// Minutes between the alarm and the carer leaving the base. Default 5: an assumption
    /// (the RIGO table gives the response time, not how it splits).
    public var dispatchMinutes: Double
    /// The catalogue category of the care bases.
    public var category: String
    /// False when the run uses the defaults because a profile measures `aanrijtijd` and the
    /// configuration has no `[care_response]`.
    public var configured: Bool

    public static let defaultCategory = "zorg_24uur"
    public static let defaultDispatchMinutes = 5.0

    /// Default speed per mode: fiets 15 km/h (an ordinary cyclist; aanname), auto at most 80 km/h (aanname).
    public static func defaultSpeed(_ mode: Mode) -> Double { mode == .fiets ? 15 : 80 }

    public init(mode: Mode = .fiets, speedKmh: Double? = nil, dispatchMinutes: Double = CareResponseSettings.defaultDispatchMinutes,
                category: String = CareResponseSettings.defaultCategory, configured: Bool = true) {
        self.mode = mode
        self.speedKmh = speedKmh ?? Self.defaultSpeed(mode)
        self.dispatchMinutes = dispatchMinutes
        self.category = category
        self.configured = configured
    }

    public var rules: CareModeRules { CareModeRules(mode: mode, speedKmh: speedKmh) }

    /// Reads `[care_response]`; without it, the defaults when a profile measures `aanrijtijd`,
    /// else nil (no care network is built). Checks that every `aanrijtijd` requirement is about
    /// the care category.
    static func load(_ root: ConfigTable, catalog: FacilityCatalog, assessment: AssessmentSettings, file: String) throws -> CareResponseSettings? {
        let measured = assessment.profiles.flatMap(\.requirements).filter { $0.measure == .responseTime }
        var settings: CareResponseSettings
        if let table = try root.table("care_response") {
            let modeName = try table.string("mode", default: Mode.fiets.rawValue)
            guard let mode = Mode(rawValue: modeName) else {
                throw InputError("\(file): key 'care_response.mode' must be one of \(Mode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(modeName)\"")
            }
            let speed = try table.number("speed_kmh") ?? defaultSpeed(mode)
            guard speed > 0, speed <= 200 else {
                throw InputError("\(file): key 'care_response.speed_kmh' must be a positive speed in km/h, at most 200, found \(speed)")
            }
            let dispatch = try table.number("dispatch_min") ?? defaultDispatchMinutes
            guard dispatch >= 0, dispatch <= 240 else {
                throw InputError("\(file): key 'care_response.dispatch_min' must be zero or a positive number of minutes, at most 240, found \(dispatch)")
            }
            let category = try table.string("category", default: defaultCategory)
            guard catalog.index(of: category) != nil else {
                throw InputError("\(file): key 'care_response.category' names unknown category \"\(category)\"; categories are \(catalog.categories.map(\.name).joined(separator: ", "))")
            }
            try table.rejectUnknownKeys()
            settings = CareResponseSettings(mode: mode, speedKmh: speed, dispatchMinutes: dispatch, category: category)
        } else if !measured.isEmpty {
            settings = CareResponseSettings(configured: false)
        } else {
            return nil
        }
        let careCategory = catalog.index(of: settings.category)
        for requirement in measured where requirement.targets != [careCategory] {
            let names = requirement.targets.map { catalog.categories[$0].name }.joined(separator: ", ")
            throw InputError("\(file): requirement \"\(requirement.id)\" measures aanrijtijd to \(names), but response times are computed to the care category \"\(settings.category)\" (care_response.category); set to = [\"\(settings.category)\"]")
        }
        return settings
    }
}
