/// A position in RD New (EPSG:28992), metres. All distance work happens in this system.
public struct PlanarPoint: Hashable, Sendable, Codable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Straight-line distance in metres.
    @inlinable
    public func distance(to other: PlanarPoint) -> Double {
        let dx = x - other.x, dy = y - other.y
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// A polygon with holes: `rings[0]` is the outer ring, the rest are holes. Rings are closed
/// (first point repeated last), in whatever orientation the source had.
public struct PolygonShape: Sendable, Equatable {
    public var rings: [[PlanarPoint]]
    public init(rings: [[PlanarPoint]]) { self.rings = rings }
}

/// A (multi)polygon area such as a buurt, in RD New.
public struct AreaShape: Sendable, Equatable {
    public var polygons: [PolygonShape]
    public init(polygons: [PolygonShape]) { self.polygons = polygons }

    public var isEmpty: Bool { polygons.isEmpty }
}
