/// A CBS buurt (or any statistical area) in RD New.
public struct Buurt: Sendable {
    public var code: String
    public var name: String
    public var area: AreaShape
    /// CBS figures where the layer has them; nil for unknown (CBS's negative sentinels such as
    /// -99995 are read as unknown, never as numbers).
    public var wijkcode: String? = nil
    public var gemeentecode: String? = nil
    public var inhabitants: Double? = nil
    public var percentage65Plus: Double? = nil
    /// `water = JA`: the buurt is (mostly) water and is not judged.
    public var isWater = false
    /// CBS's own nabijheid figures (km) by field name, where the layer has them and they are
    /// known (for `CBSComparison`).
    public var cbsFigures: [String: Double] = [:]
}

/// A dwelling (woning) at a point in RD New.
public struct Dwelling: Sendable {
    /// `identificatie` from BAG, an OSM id ("node/123"), or the feature id.
    public var identifier: DwellingID
    public var position: PlanarPoint
    /// Index into the configured suitability levels (grab rails < nultrede < rolstoelgeschikt),
    /// or -1 when unknown.
    public var suitability: Int8 = -1
    /// Part of a geclusterde woonvorm.
    public var clustered = false

    public init(id: String, position: PlanarPoint, suitability: Int8 = -1, clustered: Bool = false) {
        self.init(identifier: DwellingID(id), position: position, suitability: suitability, clustered: clustered)
    }

    public init(identifier: DwellingID, position: PlanarPoint, suitability: Int8 = -1, clustered: Bool = false) {
        self.identifier = identifier
        self.position = position
        self.suitability = suitability
        self.clustered = clustered
    }

    /// The id as read (`identifier` keeps it compactly).
    public var id: String {
        get { identifier.text }
        set { identifier = DwellingID(newValue) }
    }
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
    /// Usable with a wheelchair or rollator, and who says so ("chb", "gtfs", "osm"; nil: nobody).
    public var accessibility: StopAccessibility = .onbekend
    public var accessibilitySource: String? = nil
    /// The CHB quay code (IFOPT, `NL:Q:…`) the input gives for a stop: OSM `ref:IFOPT`, or the
    /// GTFS column named by `quay_field`; used to look the stop up in a CHB quay export.
    public var quayCode: String? = nil
}

/// Features an input had that could not be used, by reason, for the run report.
public struct SkippedFeatures: Sendable, Equatable, Codable {
    public var withoutGeometry = 0
    public var wrongGeometry = 0
    /// Features the input's `where` left out on purpose (not part of `total`).
    public var excludedByWhere = 0
    public init() {}
    public var total: Int { withoutGeometry + wrongGeometry }
}
