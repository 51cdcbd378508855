import Foundation

/// A vector file and, optionally, which layer and which CRS to assume when it declares none.
public struct LayerInput: Sendable, Equatable {
    public var path: String
    public var layer: String?
    public var crs: String?
    /// An OGR SQL condition (`where`): only the features matching it are read; applied by GDAL.
    public var whereClause: String? = nil
    /// The configuration section that named it (`buurten`, `facilities[1]`), for messages only;
    /// not part of equality.
    public var section: String = ""

    public static func == (a: LayerInput, b: LayerInput) -> Bool {
        a.path == b.path && a.layer == b.layer && a.crs == b.crs && a.whereClause == b.whereClause
    }
}

public struct BuurtenInput: Sendable, Equatable {
    public var input: LayerInput
    public var codeField: String
    public var nameField: String
    /// Optional CBS fields. A field named explicitly in the configuration must exist; the CBS
    /// default names are used when present and otherwise read as unknown.
    public var wijkField: OptionalField = .standard("wijkcode")
    public var gemeenteField: OptionalField = .standard("gemeentecode")
    public var inhabitantsField: OptionalField = .standard("aantal_inwoners")
    public var share65Field: OptionalField = .standard("percentage_personen_65_jaar_en_ouder")
    public var waterField: OptionalField = .standard("water")
}

/// A field that may be absent: `.standard` names the conventional field, used only when the
/// layer has it; `.required` was named by the user and must exist; `.none` is switched off.
public enum OptionalField: Sendable, Equatable {
    case standard(String)
    case required(String)
    case none
}

/// Dwelling attributes a corporatie or BAG extract may carry (R6, R10).
public struct DwellingAttributes: Sendable, Equatable {
    /// Field with the suitability level, and its values from least to most suitable.
    public var suitabilityField: String?
    public var suitabilityLevels: [String] = ["beugels", "nultreden", "rolstoelgeschikt"]
    /// Field naming the woonvorm, and the values that mean "geclusterd".
    public var woonvormField: String?
    public var clusteredValues: [String] = ["geclusterd"]

    public init() {}
}

/// Where dwellings come from.
public enum DwellingSource: Sendable, Equatable {
    /// A point (or polygon) layer such as BAG verblijfsobjecten, optionally filtered on a field
    /// containing a text (`gebruiksdoel` containing `woonfunctie`).
    case layer(idField: String?, filterField: String?, filterContains: String?)
    /// OSM address nodes (`addr:housenumber`) that are not a shop, office or other facility.
    case osmAddresses
    /// OSM buildings with one of these `building` values, at a point inside the building.
    case osmBuildings(buildingValues: [String])
}

public struct DwellingsInput: Sendable, Equatable {
    public var input: LayerInput
    public var source: DwellingSource
    public var attributes = DwellingAttributes()
}

public enum NetworkFormat: String, Sendable, Equatable {
    /// The `lines` layer of an OSM file read with GDAL's OSM driver; tags from `other_tags`.
    case osm
    /// Any line layer with a `highway` field (and optionally `foot`, `access`).
    case layer
}

public struct NetworkInput: Sendable, Equatable {
    public var input: LayerInput
    public var format: NetworkFormat
    public var rules: WalkRules
    /// A point farther than this from every walkable segment is not routable.
    public var maxSnapMeters: Double
    /// Fragments of the network with fewer nodes are removed.
    public var minimumIslandNodes: Int
    /// Which library reads an OSM network file.
    public var reader: OSMReader = .automatic
    /// For `format = "layer"`: a point layer of barriers, kerbs and crossings whose fields are
    /// OSM node tags (`network.nodes_layer`, `network.nodes_path`); nil: no node rules.
    public var nodes: LayerInput? = nil
}

/// `network.reader`: who reads the ways of an OSM network file.
public enum OSMReader: String, Sendable, Equatable, CaseIterable {
    /// libosmium for `.osm.pbf`, GDAL's OSM driver for OSM XML.
    case automatic = "auto"
    /// libosmium: only highway ways and their node locations, no temporary files.
    case libosmium
    /// GDAL's OSM driver (the reference; reads every layer of the file).
    case gdal

    /// Whether libosmium reads the network file at `path`.
    func usesLibosmium(path: String) -> Bool {
        switch self {
        case .libosmium: return true
        case .gdal: return false
        case .automatic: return path.lowercased().hasSuffix(".pbf")
        }
    }
}

/// A source of facilities.
public enum FacilitySource: Sendable, Equatable {
    /// OSM points and areas, matched against the catalogue's tags.
    case osm(LayerInput)
    /// A layer with a category field whose values are category names.
    case layer(LayerInput, categoryField: String, idField: String?, nameField: String?)
    /// GTFS `stops.txt`: every stop or platform (location_type 0 or empty) becomes a facility
    /// of `category`.
    case gtfs(path: String, category: String, quayField: String? = nil)

    public var path: String {
        switch self {
        case .osm(let input), .layer(let input, _, _, _): return input.path
        case .gtfs(let path, _, _): return path
        }
    }
}

public struct DistanceSettings: Sendable, Equatable {
    /// Thresholds in metres for the "share within" figures, ascending.
    public var thresholds: [Double]
    /// The search runs to the largest threshold plus this margin; farther is "unreachable".
    public var searchMargin: Double

    /// Distances the requirements need beyond the thresholds; set when profiles are read.
    public var requirementDistances: [Double] = []

    /// The search bound: the largest threshold or requirement distance plus the margin.
    public var cutoff: Double { max(thresholds.last ?? 0, requirementDistances.max() ?? 0) + searchMargin }
}

/// What a run writes besides the standard layers, and in which formats.
public struct OutputSettings: Sendable, Equatable {
    /// Format of every layer: GeoJSON (RFC 7946), GeoPackage or FlatGeobuf.
    public var format: VectorFormat = .geojson
    /// The dwelling layer as a GeoJSON Text Sequence (RFC 8142, `woningen.geojsons`) when the
    /// format is GeoJSON: easier on memory for readers of very large layers.
    public var dwellingsAsSequence = false
    /// Service areas per category and threshold (`bereikgebieden`); nil: not set, made (the
    /// default at every network size).
    public var serviceAreas: Bool? = nil
    /// Metres added around reachable paths: the last stretch from path to front door.
    public var serviceAreaBuffer = 25.0
    /// A QGIS style (.qml) next to each layer.
    public var qgisStyles = true
    /// The self-contained `rapport.html`.
    public var htmlReport = true

    public init() {}
}

/// Everything one run needs, read from a TOML file. Relative paths are relative to the folder
/// of the configuration file.
public struct RunConfiguration: Sendable {
    /// The configuration file as given and its full text (kept for provenance).
    public var file: String
    public var text: String
    public var outputDirectory: String
    public var buurten: BuurtenInput
    public var dwellings: DwellingsInput
    public var network: NetworkInput
    public var facilities: [FacilitySource]
    public var catalog: FacilityCatalog
    public var distances: DistanceSettings
    public var assessment: AssessmentSettings
    public var outputs = OutputSettings()
    /// `[stop_accessibility] chb`: a CHB quay export whose judgement of every quay is joined to
    /// the stops by quay code (OSM `ref:IFOPT`, GTFS `quay_field`).
    public var chbQuayFile: String? = nil
    /// The mobility profiles computed besides `standaard` (`network.mobility_profiles`), each
    /// with its own distances.
    public var mobilityProfiles: [MobilityProfile] = []
    /// `[care_response]` (R8), or its defaults when a profile measures `aanrijtijd`; nil: no
    /// response times.
    public var careResponse: CareResponseSettings? = nil
}
