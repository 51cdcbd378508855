import Foundation

/// Which OSM ways a carer may use to answer an alarm (R8), in which direction, and how fast.
///
/// - fiets: roads and cycleways open to bikes; not motorway or trunk; footway, pedestrian,
///   steps and bridleway only with `bicycle=yes|designated`; never `bicycle=no`; `access=no|private`
///   only with `bicycle=yes|designated|permissive`. `oneway` holds unless `oneway:bicycle=no`
///   or a contraflow cycleway (`cycleway=opposite*`). One speed everywhere.
/// - auto: motorway … living_street, service and `road`; footway, cycleway, path, pedestrian,
///   steps, track and bridleway only with `motor_vehicle=yes` or `motorcar=yes`; never
///   `motor_vehicle=no` or `motorcar=no`; `access=no|private` only with a motor vehicle
///   permission. `oneway=yes|1|true|-1` holds, motorways and roundabouts are one-way unless
///   `oneway=no`. Speed from `maxspeed` or `defaultCarSpeeds`, at most `speedKmh`.
///
/// The rules follow OSM's tagging conventions for the Netherlands; the default car speeds are
/// assumptions (a care worker drives at or below the limit; most Dutch residential streets are 30 km/h zones).
public struct CareModeRules: Sendable, Equatable {
    public var mode: CareResponseSettings.Mode
    /// fiets: the speed; auto: the cap.
    public var speedKmh: Double

    public init(mode: CareResponseSettings.Mode, speedKmh: Double) {
        self.mode = mode
        self.speedKmh = speedKmh
    }

    /// How a way may be used: in its drawing direction, against it, and at what speed.
    public struct Passage: Sendable, Equatable {
        public var forward: Bool
        public var backward: Bool
        public var speedKmh: Double
    }

    /// The keys `passage` reads.
    static let keys: Set<String> = [
        "highway", "bicycle", "access", "oneway", "oneway:bicycle", "cycleway", "junction", "motor_vehicle", "motorcar", "maxspeed",
    ]

    /// `highway` values never used by bike.
    static let noBicycleHighways: Set<String> = [
        "motorway", "motorway_link", "trunk", "trunk_link", "construction", "proposed", "raceway", "bus_guideway",
        "abandoned", "busway", "razed", "disused", "platform", "elevator", "escalator", "corridor",
    ]
    /// `highway` values a bike may use only when `bicycle=yes|designated` says so.
    static let bicycleOnlyWhenSigned: Set<String> = ["footway", "pedestrian", "steps", "bridleway"]
    /// `highway` values of car roads, with the speed (km/h) assumed when `maxspeed` is absent.
    public static let defaultCarSpeeds: [String: Double] = [
        "motorway": 100, "motorway_link": 60, "trunk": 80, "trunk_link": 50,
        "primary": 50, "primary_link": 40, "secondary": 50, "secondary_link": 40,
        "tertiary": 50, "tertiary_link": 40, "unclassified": 40, "road": 30,
        "residential": 30, "living_street": 15, "service": 20,
    ]
    /// `highway` values a car may use only with `motor_vehicle=yes` or `motorcar=yes`.
    static let carOnlyWhenSigned: [String: Double] = [
        "footway": 15, "cycleway": 15, "path": 15, "pedestrian": 15, "steps": 5, "track": 20, "bridleway": 15,
    ]

    /// nil when the way is not usable in this mode.
    public func passage(_ tags: [String: String]) -> Passage? {
        guard let highway = tags["highway"], !highway.isEmpty else { return nil }
        switch mode {
        case .fiets: return cycling(highway, tags)
        case .auto: return driving(highway, tags)
        }
    }

    private func cycling(_ highway: String, _ tags: [String: String]) -> Passage? {
        if Self.noBicycleHighways.contains(highway) { return nil }
        let bicycle = tags["bicycle"]
        let signed = bicycle == "yes" || bicycle == "designated"
        if bicycle == "no" || bicycle == "dismount" && !signed { return nil }
        if Self.bicycleOnlyWhenSigned.contains(highway) && !signed { return nil }
        if let access = tags["access"], access == "no" || access == "private", !(signed || bicycle == "permissive") { return nil }
        var (forward, backward) = Self.oneway(tags, implied: tags["junction"] == "roundabout")
        let contraflow = tags["oneway:bicycle"] == "no" || (tags["cycleway"]?.hasPrefix("opposite") ?? false)
        if contraflow { forward = true; backward = true }
        return Passage(forward: forward, backward: backward, speedKmh: speedKmh)
    }

    private func driving(_ highway: String, _ tags: [String: String]) -> Passage? {
        let motorVehicle = tags["motor_vehicle"], motorcar = tags["motorcar"]
        let allowed: Set<String> = ["yes", "designated", "permissive", "destination"]
        let signed = motorVehicle.map(allowed.contains) == true || motorcar.map(allowed.contains) == true
        let standard: Double
        if let speed = Self.defaultCarSpeeds[highway] {
            standard = speed
        } else if let speed = Self.carOnlyWhenSigned[highway], motorVehicle == "yes" || motorcar == "yes" {
            standard = speed
        } else {
            return nil
        }
        if motorVehicle == "no" || motorcar == "no" { return nil }
        if let access = tags["access"], access == "no" || access == "private", !signed { return nil }
        let implied = highway == "motorway" || highway == "motorway_link" || tags["junction"] == "roundabout"
        let (forward, backward) = Self.oneway(tags, implied: implied)
        let speed = tags["maxspeed"].flatMap(Self.maxspeed) ?? standard
        return Passage(forward: forward, backward: backward, speedKmh: min(speed, speedKmh))
    }

    /// Directions from `oneway`: yes, 1, true → forward only; -1 → backward only; no → both;
    /// absent → `implied` decides.
    static func oneway(_ tags: [String: String], implied: Bool) -> (forward: Bool, backward: Bool) {
        switch tags["oneway"] {
        case "yes", "1", "true": return (true, false)
        case "-1", "reverse": return (false, true)
        case "no", "0", "false": return (true, true)
        default: return (true, !implied)
        }
    }

    /// km/h from an OSM `maxspeed`: "50", "50 km/h", "30 mph", "NL:urban" (50), "NL:rural" (80),
    /// "NL:zone30" (30), "NL:motorway" (130), "walk" (6, stapvoets); nil for anything else
    /// ("none", "signals", a typo), which falls back to the highway default.
    static func maxspeed(_ text: String) -> Double? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        let named: [String: Double] = ["nl:urban": 50, "nl:rural": 80, "nl:zone30": 30, "nl:zone60": 60, "nl:motorway": 130,
                                       "nl:trunk": 100, "nl:living_street": 15, "walk": 6]
        if let speed = named[value] { return speed }
        var number = value
        var factor = 1.0
        if number.hasSuffix("mph") { number.removeLast(3); factor = 1.609_344 }
        else if number.hasSuffix("km/h") { number.removeLast(4) }
        guard let speed = Double(number.trimmingCharacters(in: .whitespaces)), speed > 0, speed.isFinite else { return nil }
        return speed * factor
    }
}
