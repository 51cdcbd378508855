import CGDAL
import Foundation

/// The file formats the tool writes, each through its GDAL driver.
public enum VectorFormat: String, Sendable, CaseIterable {
    /// RFC 7946: WGS84 longitude/latitude, counter-clockwise outer rings, no `crs` member, 6 decimals.
    case geojson
    /// GeoJSON Text Sequence (RFC 8142), one feature per line, same coordinates as `geojson`.
    case geojsonseq
    /// GeoPackage in RD New (EPSG:28992), written in one transaction. Its `last_change`
    /// timestamps are fixed (`OGR_CURRENT_DATE`, see `VectorLayerWriter`), so the same inputs
    /// give the same bytes.
    case gpkg
    /// FlatGeobuf in RD New (EPSG:28992), with a spatial index.
    case flatgeobuf
    /// GeoJSON in RD New with a `crs` member, the form CBS publishes. Not RFC 7946; used for
    /// generated input files, never for the tool's own layers.
    case geojsonRDNew

    var driver: String {
        switch self {
        case .geojson, .geojsonRDNew: return "GeoJSON"
        case .geojsonseq: return "GeoJSONSeq"
        case .gpkg: return "GPKG"
        case .flatgeobuf: return "FlatGeobuf"
        }
    }

    /// The file extension.
    public var fileExtension: String {
        switch self {
        case .geojson, .geojsonRDNew: return "geojson"
        case .geojsonseq: return "geojsons"
        case .gpkg: return "gpkg"
        case .flatgeobuf: return "fgb"
        }
    }

    var layerOptions: [String] {
        switch self {
        case .geojson: return ["RFC7946=YES", "COORDINATE_PRECISION=6", "SIGNIFICANT_FIGURES=10", "WRITE_NAME=YES"]
        case .geojsonseq: return ["RS=NO", "COORDINATE_PRECISION=6", "SIGNIFICANT_FIGURES=10"]
        case .gpkg: return ["SPATIAL_INDEX=YES"]
        case .flatgeobuf: return ["SPATIAL_INDEX=YES"]
        case .geojsonRDNew: return ["COORDINATE_PRECISION=3", "SIGNIFICANT_FIGURES=10", "WRITE_NAME=YES"]
        }
    }
}

/// Writes one vector layer through GDAL. Features are streamed: the writer holds one feature
/// at a time. Geometries are given in RD New; GeoJSON output is reprojected to WGS84 by GDAL.
/// Owns its `GDALDatasetH`; call `close()` before using the file. Not thread-safe.
final class VectorLayerWriter {
    private var dataset: GDALDatasetH?
    private let layer: OGRLayerH
    private let definition: OGRFeatureDefnH
    private let fields: [FieldDefinition]
    private let spatialReference: OGRSpatialReferenceH
    private let format: VectorFormat
    /// RD New → WGS84 for the RFC 7946 formats; nil when the file stays in RD New. Done here
    /// with one PROJ transformation instead of by the driver, which sets one up per feature.
    private let toFileCRS: CoordinateTransform?
    /// Outer rings counter-clockwise, holes clockwise (RFC 7946 § 3.1.6), done here when the
    /// driver's RFC 7946 mode is off.
    private let orientRings: Bool
    let path: String
    /// Where GDAL writes: `path` itself, or for the GeoJSON drivers a file in GDAL's memory
    /// file system that `close()` copies to `path`. The GeoJSON drivers ignore failed writes
    /// (a full disk gives a truncated file and no error); the copy checks every write.
    private let gdalPath: String

    /// The date GeoPackage files carry as their last change: always the same, so that two runs
    /// give the same bytes.
    static let fixedDate = "2000-01-01T00:00:00.000Z"

    /// - Parameters:
    ///   - path: the file to create (a temporary name; the caller renames it).
    ///   - layerName: the `name` member of the FeatureCollection.
    ///   - format: the file format.
    ///   - pointsOnly: every geometry is a point. GeoJSON points in WGS84 without a `crs`
    ///     member already are RFC 7946, so the driver's RFC 7946 mode (which copies every
    ///     feature to fix ring orientation) is skipped: about 45 % less time for large layers.
    ///   - multiPolygons: every geometry is an area, written as a MultiPolygon even when it has
    ///     one part (the layer's geometry type is MultiPolygon in GeoPackage and FlatGeobuf).
    ///     The driver's RFC 7946 mode would write a one-part MultiPolygon as a Polygon, so for
    ///     GeoJSON it is skipped and the rings are oriented here as RFC 7946 requires.
    init(path: String, layerName: String, fields: [FieldDefinition], format: VectorFormat = .geojson, pointsOnly: Bool = false,
         multiPolygons: Bool = false) throws {
        GDALEnvironment.prepare()
        // The GeoPackage driver stamps gpkg_contents.last_change (and gpkg_metadata) with the
        // current time unless OGR_CURRENT_DATE is set: a fixed date keeps outputs byte-identical
        // between runs on the same inputs (README "Outputs").
        CPLSetConfigOption("OGR_CURRENT_DATE", Self.fixedDate)
        self.path = path
        self.fields = fields
        self.format = format
        let driverName = format.driver
        guard let driver = GDALGetDriverByName(driverName) else {
            throw LibraryError(library: "GDAL", message: "the \(driverName) driver is not available")
        }
        gdalPath = format.driver.hasPrefix("GeoJSON") ? "/vsimem/nabijheid-\(UUID().uuidString)/\(URL(fileURLWithPath: path).lastPathComponent)" : path
        guard let dataset = GDALCreate(driver, gdalPath, 0, 0, 0, GDT_Unknown, nil) else {
            throw OutputError(path, "cannot create output file", cause: GDALEnvironment.lastError(or: "unknown reason"))
        }
        self.dataset = dataset
        let wgs84 = format == .geojson || format == .geojsonseq
        let reference = OSRNewSpatialReference(nil)!
        OSRImportFromEPSG(reference, wgs84 ? 4326 : 28992)
        OSRSetAxisMappingStrategy(reference, OAMS_TRADITIONAL_GIS_ORDER)
        spatialReference = reference
        toFileCRS = wgs84 ? try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: path) : nil
        var options = format.layerOptions
        let ownRFC7946 = (pointsOnly || multiPolygons) && format == .geojson
        if ownRFC7946 { options = options.map { $0 == "RFC7946=YES" ? "RFC7946=NO" : $0 } }
        orientRings = multiPolygons && format == .geojson
        // Without RFC 7946 mode the driver would write a `crs` member for EPSG:4326; with no
        // SRS on the layer it writes none, and the coordinates are WGS84 already.
        let layerReference = ownRFC7946 ? nil : reference
        let geometryType = multiPolygons ? wkbMultiPolygon : wkbUnknown
        let created = withCSLList(options) { GDALDatasetCreateLayer(dataset, layerName, layerReference, geometryType, $0) }
        guard let created else {
            GDALClose(dataset)
            OSRDestroySpatialReference(reference)
            throw LibraryError(library: "GDAL", message: "cannot create layer \(layerName) in \(path): \(GDALEnvironment.lastError(or: "unknown reason"))")
        }
        layer = created
        for field in fields {
            let type: OGRFieldType = switch field.kind {
            case .string: OFTString
            case .integer: OFTInteger64
            case .real: OFTReal
            }
            let fieldDefinition = OGR_Fld_Create(field.name, type)
            defer { OGR_Fld_Destroy(fieldDefinition) }
            guard OGR_L_CreateField(layer, fieldDefinition, 1) == OGRERR_NONE else {
                throw LibraryError(library: "GDAL", message: "cannot create field \(field.name) in \(path)")
            }
        }
        definition = OGR_L_GetLayerDefn(layer)
        if format == .gpkg { _ = GDALDatasetStartTransaction(dataset, 0) }
    }

    deinit {
        if let dataset { GDALClose(dataset) }
        if gdalPath != path { VSIUnlink(gdalPath) }
        OSRDestroySpatialReference(spatialReference)
    }

    func add(_ geometry: OutputGeometry, _ values: [FieldValue]) throws {
        precondition(values.count == fields.count, "one value per field")
        let feature = OGR_F_Create(definition)
        defer { OGR_F_Destroy(feature) }
        for (index, value) in values.enumerated() {
            let field = Int32(index)
            switch value {
            case .string(let text?): OGR_F_SetFieldString(feature, field, text)
            case .integer(let number?): OGR_F_SetFieldInteger64(feature, field, GIntBig(number))
            case .real(let number?) where number.isFinite: OGR_F_SetFieldDouble(feature, field, number)
            default: OGR_F_SetFieldNull(feature, field)
            }
        }
        var fileGeometry = toFileCRS.map { geometry.transformed(by: $0) } ?? geometry
        if orientRings { fileGeometry = fileGeometry.orientedForRFC7946() }
        let ogrGeometry = fileGeometry.makeOGRGeometry(spatialReference: spatialReference)
        // Ownership of the geometry passes to the feature.
        OGR_F_SetGeometryDirectly(feature, ogrGeometry)
        guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else {
            throw OutputError(path, "cannot write a feature", cause: GDALEnvironment.lastError(or: "unknown reason"))
        }
    }

    /// Writes a point layer of `count` features: feature `i` at `position(i)` with the values
    /// `properties` puts for it, one per field (the GDAL counterpart of `GeoJSONPointLayerWriter`).
    static func writePoints(path: String, layerName: String, fields: [FieldDefinition], format: VectorFormat, count: Int,
                            position: (Int) -> PlanarPoint, properties: (Int, inout FieldValueRow) -> Void) throws {
        let writer = try VectorLayerWriter(path: path, layerName: layerName, fields: fields, format: format, pointsOnly: true)
        var row = FieldValueRow()
        for index in 0..<count {
            row.values.removeAll(keepingCapacity: true)
            properties(index, &row)
            try writer.add(.point(position(index)), row.values)
        }
        try writer.close()
    }

    /// Flushes and closes the file.
    func close() throws {
        guard let dataset else { return }
        self.dataset = nil
        CPLErrorReset()
        if format == .gpkg && GDALDatasetCommitTransaction(dataset) != OGRERR_NONE {
            GDALClose(dataset)
            throw OutputError(path, "cannot write", cause: GDALEnvironment.lastError(or: "unknown reason"))
        }
        GDALClose(dataset)
        if CPLGetLastErrorType() == CE_Failure {
            throw OutputError(path, "cannot write", cause: GDALEnvironment.lastError(or: "unknown reason"))
        }
        guard gdalPath != path else { return }
        var length: vsi_l_offset = 0
        // Borrowed: the memory file keeps its buffer until VSIUnlink in deinit.
        guard let buffer = VSIGetMemFileBuffer(gdalPath, &length, 0) else {
            throw LibraryError(library: "GDAL", message: "the written layer \(gdalPath) is missing")
        }
        try DurableFile.store(Data(bytesNoCopy: UnsafeMutableRawPointer(buffer), count: Int(length), deallocator: .none), to: path)
    }
}

extension OutputGeometry {
    /// Areas with outer rings counter-clockwise and holes clockwise; other geometries unchanged.
    func orientedForRFC7946() -> OutputGeometry {
        guard case .area(let area) = self else { return self }
        func signedArea(_ ring: [PlanarPoint]) -> Double {
            zip(ring, ring.dropFirst()).reduce(0.0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) } / 2
        }
        return .area(AreaShape(polygons: area.polygons.map { polygon in
            PolygonShape(rings: polygon.rings.enumerated().map { index, ring in
                let counterClockwise = signedArea(ring) > 0
                return counterClockwise == (index == 0) ? ring : ring.reversed()
            })
        }))
    }

    func transformed(by transform: CoordinateTransform) -> OutputGeometry {
        func convert(_ points: [PlanarPoint]) -> [PlanarPoint] { transform.transform(points.map { ($0.x, $0.y) }) }
        switch self {
        case .point(let point): return .point(transform.transform(point.x, point.y))
        case .line(let points): return .line(convert(points))
        case .area(let area):
            return .area(AreaShape(polygons: area.polygons.map { PolygonShape(rings: $0.rings.map(convert)) }))
        }
    }

    func makeOGRGeometry(spatialReference: OGRSpatialReferenceH) -> OGRGeometryH {
        let geometry: OGRGeometryH
        switch self {
        case .point(let point):
            geometry = OGR_G_CreateGeometry(wkbPoint)
            OGR_G_SetPoint_2D(geometry, 0, point.x, point.y)
        case .line(let points):
            geometry = OGR_G_CreateGeometry(wkbLineString)
            var xs = points.map(\.x), ys = points.map(\.y)
            OGR_G_SetPoints(geometry, Int32(points.count), &xs, Int32(MemoryLayout<Double>.stride), &ys, Int32(MemoryLayout<Double>.stride), nil, 0)
        case .area(let area):
            geometry = OGR_G_CreateGeometry(wkbMultiPolygon)
            for polygon in area.polygons {
                let part = OGR_G_CreateGeometry(wkbPolygon)
                for ring in polygon.rings {
                    let linearRing = OGR_G_CreateGeometry(wkbLinearRing)
                    var xs = ring.map(\.x), ys = ring.map(\.y)
                    OGR_G_SetPoints(linearRing, Int32(ring.count), &xs, Int32(MemoryLayout<Double>.stride), &ys, Int32(MemoryLayout<Double>.stride), nil, 0)
                    // Ownership of the ring passes to the polygon.
                    OGR_G_AddGeometryDirectly(part, linearRing)
                }
                OGR_G_AddGeometryDirectly(geometry, part)
            }
        }
        OGR_G_AssignSpatialReference(geometry, spatialReference)
        return geometry
    }
}
