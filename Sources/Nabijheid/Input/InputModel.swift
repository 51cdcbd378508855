/// A CBS buurt (or any statistical area) in RD New.
public struct Buurt: Sendable {
    public var code: String
    public var name: String
    public var area: AreaShape
}

/// A dwelling (woning) at a point in RD New.
public struct Dwelling: Sendable {
    /// `identificatie` from BAG, an OSM id ("node/123"), or the feature id.
    public var id: String
    public var position: PlanarPoint
}

/// A voorziening of one category at a point in RD New.
public struct Facility: Sendable {
    public var id: String
    public var name: String?
    /// Index into the run's `FacilityCatalog`.
    public var category: Int
    public var position: PlanarPoint
    /// Which input it came from ("osm", "gtfs", "layer"), for the output layer.
    public var source: String
}

/// Features an input had that could not be used, by reason, for the run report.
public struct SkippedFeatures: Sendable, Equatable, Codable {
    public var withoutGeometry = 0
    public var wrongGeometry = 0
    public init() {}
    public var total: Int { withoutGeometry + wrongGeometry }
}
