import Foundation

/// How someone with a walking aid moves over the pedestrian network: which ways and which
/// node barriers block them, which surfaces slow them down, and which missing tags leave it
/// unknown. `standaard` (anyone on foot) is the network itself; every other profile makes ways
/// longer (a factor) or impassable, and nodes costly or impassable to pass through.
///
/// Shipped as configuration (`DefaultMobilityProfiles`); each rule there names its source or
/// says *aanname*. Missing tags are the normal case in Dutch OSM, so the default for an unknown
/// way or node is passable, counted as unknown.
public struct MobilityProfile: Sendable, Equatable {
    public var name: String
    public var label: String
    /// `highway=steps` is impassable unless `ramp=yes` or `ramp:wheelchair=yes`. (A profile
    /// made with `init(name:label:)` blocks nothing; the configuration's default is to block.)
    public var blocksSteps = false
    /// `wheelchair=no` on a way or node makes it impassable.
    public var respectsWheelchairNo = false
    /// `surface` values that are impassable, and factors (≥ 1) for those that slow down.
    public var blockedSurfaces: Set<String> = []
    public var surfaceFactors: [String: Double] = [:]
    /// `surface` values known to be fine (factor 1); any other value is counted as unknown.
    public var fineSurfaces: Set<String> = []
    /// `smoothness` values that are impassable; other known values are fine.
    public var blockedSmoothness: Set<String> = []
    /// Steeper than this (`incline` in %, either direction) is impassable; nil: no limit.
    public var maximumInclinePercent: Double? = nil
    /// Narrower than this (`width`, `est_width` in metres) is impassable; nil: no limit.
    public var minimumWidth: Double? = nil
    /// `kerb` values that block passage through the node, and those that cost metres.
    public var blockedKerbs: Set<String> = []
    public var kerbPenalties: [String: Double] = [:]
    /// `barrier` values that block passage through the node.
    public var blockedBarriers: Set<String> = []
    /// `highway` values of ways without a `surface` tag whose surface counts as unknown (paths
    /// and tracks); on streets a missing surface is assumed paved.
    public var surfaceUnknownOn: Set<String> = []
    /// A remark on where the rules come from.
    public var source = ""

    /// `standaard`: the network as it is read.
    public static let standaardName = "standaard"

    public init(name: String, label: String) {
        self.name = name
        self.label = label
    }
}

/// What a profile makes of one way or node.
public struct MobilityVerdict: Sendable, Equatable {
    /// Way: factor on its length (≥ 1, `.infinity` when impassable). Node: metres added for
    /// passing through it (0, or `.infinity` when impassable).
    public var cost: Double
    /// The tags do not say whether the profile can pass (missing or unrecognised values).
    public var unknown: Bool
    /// A tag value the rules do not know (`surface=foo`, `incline=steep`), for the run report:
    /// key and value.
    public var unrecognised: (key: String, value: String)?

    public static func == (a: MobilityVerdict, b: MobilityVerdict) -> Bool {
        a.cost == b.cost && a.unknown == b.unknown && a.unrecognised?.key == b.unrecognised?.key
            && a.unrecognised?.value == b.unrecognised?.value
    }

    public var isBlocked: Bool { cost == .infinity }
}

extension MobilityProfile {
    /// The verdict on a way with these tags (only the keys of `MobilityTags.wayKeys` matter).
    public func way(_ tags: [String: String]) -> MobilityVerdict {
        var verdict = MobilityVerdict(cost: 1, unknown: false, unrecognised: nil)
        let wheelchair = tags["wheelchair"]
        if respectsWheelchairNo && wheelchair == "no" { return MobilityVerdict(cost: .infinity, unknown: false, unrecognised: nil) }
        let highway = tags["highway"] ?? ""
        if highway == "steps" && blocksSteps {
            let ramp = tags["ramp"] == "yes" || tags["ramp:wheelchair"] == "yes"
            if !ramp { return MobilityVerdict(cost: .infinity, unknown: false, unrecognised: nil) }
        }
        // `wheelchair=yes` is a survey of exactly this question: passable, whatever the surface.
        if wheelchair == "yes" { return verdict }
        if let surface = tags["surface"] {
            if blockedSurfaces.contains(surface) { return MobilityVerdict(cost: .infinity, unknown: false, unrecognised: nil) }
            if let factor = surfaceFactors[surface] {
                verdict.cost *= factor
            } else if !fineSurfaces.contains(surface) {
                verdict.unknown = true
                verdict.unrecognised = ("surface", surface)
            }
        } else if surfaceUnknownOn.contains(highway) {
            verdict.unknown = true
        }
        if let smoothness = tags["smoothness"] {
            if blockedSmoothness.contains(smoothness) { return MobilityVerdict(cost: .infinity, unknown: false, unrecognised: nil) }
            if !Self.smoothnessValues.contains(smoothness) {
                verdict.unknown = true
                verdict.unrecognised = verdict.unrecognised ?? ("smoothness", smoothness)
            }
        }
        if let limit = maximumInclinePercent, let incline = tags["incline"] {
            if let percent = Self.inclinePercent(incline) {
                if abs(percent) > limit { return MobilityVerdict(cost: .infinity, unknown: false, unrecognised: nil) }
            } else if incline != "up" && incline != "down" {
                verdict.unknown = true
                verdict.unrecognised = verdict.unrecognised ?? ("incline", incline)
            } else {
                // A slope of unknown steepness.
                verdict.unknown = true
            }
        }
        if let limit = minimumWidth, let text = tags["width"] ?? tags["est_width"] {
            if let width = Self.meters(text) {
                if width < limit { return MobilityVerdict(cost: .infinity, unknown: false, unrecognised: nil) }
            } else {
                verdict.unknown = true
                verdict.unrecognised = verdict.unrecognised ?? (tags["width"] != nil ? "width" : "est_width", text)
            }
        }
        if wheelchair == "limited" && respectsWheelchairNo { verdict.unknown = true }
        return verdict
    }

    /// The verdict on passing through a node with these tags (`MobilityTags.nodeKeys`).
    public func node(_ tags: [String: String]) -> MobilityVerdict {
        let passable = MobilityVerdict(cost: 0, unknown: false, unrecognised: nil)
        let blocked = MobilityVerdict(cost: .infinity, unknown: false, unrecognised: nil)
        if tags["wheelchair"] == "yes" { return passable }
        if respectsWheelchairNo && tags["wheelchair"] == "no" { return blocked }
        if let barrier = tags["barrier"], barrier != "kerb" {
            return blockedBarriers.contains(barrier) ? blocked : passable
        }
        let isKerb = tags["barrier"] == "kerb" || tags["kerb"] != nil
        let isCrossing = tags["highway"] == "crossing"
        guard isKerb || isCrossing else { return passable }
        guard let kerb = tags["kerb"] else {
            // A kerb or crossing whose kerb height nobody mapped.
            return MobilityVerdict(cost: 0, unknown: !blockedKerbs.isEmpty || !kerbPenalties.isEmpty, unrecognised: nil)
        }
        if blockedKerbs.contains(kerb) { return blocked }
        if let penalty = kerbPenalties[kerb] { return MobilityVerdict(cost: penalty, unknown: false, unrecognised: nil) }
        if Self.levelKerbs.contains(kerb) { return passable }
        return MobilityVerdict(cost: 0, unknown: true, unrecognised: ("kerb", kerb))
    }

    /// OSM's `smoothness` scale.
    static let smoothnessValues: Set<String> = [
        "excellent", "good", "intermediate", "bad", "very_bad", "horrible", "very_horrible", "impassable",
    ]
    /// `kerb` values that are no obstacle.
    static let levelKerbs: Set<String> = ["lowered", "flush", "no"]

    /// `incline=8%`, `-5 %`, `0`; nil for `up`, `down` or text.
    static func inclinePercent(_ text: String) -> Double? {
        var value = text.trimmingCharacters(in: .whitespaces)
        if value.hasSuffix("%") { value = String(value.dropLast()).trimmingCharacters(in: .whitespaces) }
        return Double(value.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? $0 : nil }
    }

    /// `width=1.2`, `1,2`, `1.2 m`, `120 cm`; nil otherwise.
    static func meters(_ text: String) -> Double? {
        var value = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        var scale = 1.0
        if value.hasSuffix("cm") { value = String(value.dropLast(2)); scale = 0.01 }
        else if value.hasSuffix("m") { value = String(value.dropLast()) }
        return Double(value.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite && $0 >= 0 ? $0 * scale : nil }
    }
}
