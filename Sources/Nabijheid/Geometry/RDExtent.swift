import Foundation

/// A bounding box in RD New, and the area where RD New coordinates can belong to a Dutch
/// input at all.
public struct RDExtent: Sendable, Equatable {
    public var min: PlanarPoint
    public var max: PlanarPoint

    public init(min: PlanarPoint, max: PlanarPoint) {
        self.min = min
        self.max = max
    }

    /// The bounding box of `points`; nil when there are none.
    /// - Complexity: O(n).
    public init?(_ points: some Sequence<PlanarPoint>) {
        var low = PlanarPoint(x: .infinity, y: .infinity), high = PlanarPoint(x: -.infinity, y: -.infinity)
        for point in points {
            low.x = Swift.min(low.x, point.x); low.y = Swift.min(low.y, point.y)
            high.x = Swift.max(high.x, point.x); high.y = Swift.max(high.y, point.y)
        }
        guard low.x <= high.x, low.y <= high.y else { return nil }
        self.init(min: low, max: high)
    }

    /// RD New's area of use (the Netherlands with its territorial sea, x 0…300 km, y 300…625 km)
    /// with a margin of about 100 km on every side, so that border regions and a Belgian or
    /// German neighbour still count. A point outside lies in another CRS than the one its
    /// layer declares, or is broken (1e20): the readers refuse it, and with it the network
    /// and its segment index never span more than this box.
    public static let areaOfUse = RDExtent(min: PlanarPoint(x: -100_000, y: 200_000), max: PlanarPoint(x: 400_000, y: 750_000))

    /// Whether `point` lies in the box (false for NaN and infinite coordinates).
    public func contains(_ point: PlanarPoint) -> Bool {
        point.x >= min.x && point.x <= max.x && point.y >= min.y && point.y <= max.y
    }

    public func expanded(by margin: Double) -> RDExtent {
        RDExtent(min: PlanarPoint(x: min.x - margin, y: min.y - margin), max: PlanarPoint(x: max.x + margin, y: max.y + margin))
    }

    public func intersects(_ other: RDExtent) -> Bool {
        min.x <= other.max.x && other.min.x <= max.x && min.y <= other.max.y && other.min.y <= max.y
    }

    /// "RD (85000, 445000)–(86000, 446000)" for messages; safe for any value (1e300, inf).
    public var description: String {
        min == max ? Self.describe(min) : "\(Self.describe(min))–\(Self.describe(max).dropFirst(3))"
    }

    /// "RD (85000, 445000)" for messages; never traps, whatever the value.
    public static func describe(_ point: PlanarPoint) -> String {
        "RD (\(whole(point.x)), \(whole(point.y)))"
    }

    private static func whole(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        return abs(value) < 1e12 ? String(format: "%.0f", value) : String(format: "%.3g", value)
    }
}
