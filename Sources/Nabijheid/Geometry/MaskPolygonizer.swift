import CGDAL
import CGEOS

/// Turns a grid of 0/1 cells into polygons with GDAL's `GDALPolygonize` (an in-memory raster
/// and layer) and hands them to GEOS. Coordinates are whole cell indices, so the edges of
/// neighbouring tiles coincide exactly and can be dissolved as a coverage.
/// Owns a GEOS context; not thread-safe: one per thread.
final class MaskPolygonizer {
    let context: GEOSContextHandle_t
    private let reader: OpaquePointer

    init() {
        GDALEnvironment.prepare()
        context = GEOS_init_r()
        GEOSContext_setErrorMessageHandler_r(context, { _, _ in }, nil)
        reader = GEOSWKBReader_create_r(context)
    }

    deinit {
        GEOSWKBReader_destroy_r(context, reader)
        GEOS_finish_r(context)
    }

    /// The polygons of the cells set in `mask` (`width × height`, row 0 first), in cell
    /// coordinates: cell (`column`, `row`) covers `originColumn + column … + 1` by
    /// `originRow + row … + 1`. The caller owns the returned GEOS geometries.
    /// - Throws: `LibraryError` with GDAL's message when polygonizing fails.
    func polygons(_ mask: [UInt8], width: Int, height: Int, originColumn: Int, originRow: Int) throws -> [OpaquePointer] {
        guard let rasterDriver = GDALGetDriverByName("MEM"), let vectorDriver = GDALGetDriverByName("Memory") else {
            throw LibraryError(library: "GDAL", message: "the in-memory drivers (MEM, Memory) are not available")
        }
        guard let raster = GDALCreate(rasterDriver, "", Int32(width), Int32(height), 1, GDT_Byte, nil) else {
            throw LibraryError(library: "GDAL", message: "cannot create an in-memory raster of \(width) × \(height): \(GDALEnvironment.lastError(or: "unknown reason"))")
        }
        defer { GDALClose(raster) }
        var transform = [Double(originColumn), 1, 0, Double(originRow), 0, 1]
        GDALSetGeoTransform(raster, &transform)
        let band = GDALGetRasterBand(raster, 1)
        var cells = mask
        let written = cells.withUnsafeMutableBytes {
            GDALRasterIO(band, GF_Write, 0, 0, Int32(width), Int32(height), $0.baseAddress, Int32(width), Int32(height), GDT_Byte, 0, 0)
        }
        guard written == CE_None else {
            throw LibraryError(library: "GDAL", message: "cannot fill the in-memory raster: \(GDALEnvironment.lastError(or: "unknown reason"))")
        }
        guard let vectors = GDALCreate(vectorDriver, "", 0, 0, 0, GDT_Unknown, nil),
              let layer = GDALDatasetCreateLayer(vectors, "cells", nil, wkbPolygon, nil) else {
            throw LibraryError(library: "GDAL", message: "cannot create an in-memory layer: \(GDALEnvironment.lastError(or: "unknown reason"))")
        }
        defer { GDALClose(vectors) }
        let field = OGR_Fld_Create("value", OFTInteger)
        OGR_L_CreateField(layer, field, 1)
        OGR_Fld_Destroy(field)
        // The band is its own mask: cells with 0 yield no polygon.
        guard GDALPolygonize(band, band, layer, 0, nil, nil, nil) == CE_None else {
            throw LibraryError(library: "GDAL", message: "polygonizing a service area failed: \(GDALEnvironment.lastError(or: "unknown reason"))")
        }
        var result: [OpaquePointer] = []
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            guard let geometry = OGR_F_GetGeometryRef(feature) else { continue }
            var wkb = [UInt8](repeating: 0, count: Int(OGR_G_WkbSize(geometry)))
            guard OGR_G_ExportToWkb(geometry, wkbNDR, &wkb) == OGRERR_NONE,
                  let polygon = GEOSWKBReader_read_r(context, reader, wkb, wkb.count) else { continue }
            result.append(polygon)
        }
        return result
    }

    /// One (multi)polygon from polygons that touch at most along edges (a coverage), dissolved
    /// where they share an edge and simplified by `tolerance` cells, read back with `map`
    /// applied to every coordinate. Takes ownership of `parts`.
    ///
    /// A cell outline is a staircase around the cell centres inside, and as such unbiased: a
    /// tolerance up to half a cell only merges collinear vertices and keeps it so. A larger one
    /// keeps the outermost corners and makes a convex area about half a cell too large all round.
    /// With `union` false the parts must already be disjoint; they are only simplified.
    func dissolve(_ parts: [OpaquePointer], tolerance: Double, union: Bool = true, map: (PlanarPoint) -> PlanarPoint) -> AreaShape {
        guard !parts.isEmpty else { return AreaShape(polygons: []) }
        var owned: [OpaquePointer?] = parts
        // Ownership of the parts passes to the collection.
        let collection = owned.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), $0.baseAddress, UInt32($0.count))
        }
        guard let collection else { return AreaShape(polygons: []) }
        defer { GEOSGeom_destroy_r(context, collection) }
        // Coverage union needs edge-matched input, which whole cell coordinates give; the
        // general union is the fallback (NULL signals a GEOS error).
        var dissolved: OpaquePointer?
        if union {
            dissolved = GEOSCoverageUnion_r(context, collection) ?? GEOSUnaryUnion_r(context, collection)
            if dissolved == nil { return AreaShape(polygons: []) }
        }
        defer { if let dissolved { GEOSGeom_destroy_r(context, dissolved) } }
        guard let simplified = GEOSTopologyPreserveSimplify_r(context, dissolved ?? collection, tolerance) else { return AreaShape(polygons: []) }
        defer { GEOSGeom_destroy_r(context, simplified) }
        let polygons = GEOSPolygonReader(context: context).polygons(of: simplified)
        return AreaShape(polygons: polygons.map { PolygonShape(rings: $0.rings.map { $0.map(map) }) })
    }

    /// Whether the envelope of `geometry` reaches the box's edge.
    func touchesEdge(_ geometry: OpaquePointer, minX: Double, minY: Double, maxX: Double, maxY: Double) -> Bool {
        var x0 = 0.0, y0 = 0.0, x1 = 0.0, y1 = 0.0
        // Each getter returns 0 on a GEOS error: then treat it as touching (it gets dissolved).
        guard GEOSGeom_getXMin_r(context, geometry, &x0) == 1, GEOSGeom_getYMin_r(context, geometry, &y0) == 1,
              GEOSGeom_getXMax_r(context, geometry, &x1) == 1, GEOSGeom_getYMax_r(context, geometry, &y1) == 1 else { return true }
        return x0 <= minX || y0 <= minY || x1 >= maxX || y1 >= maxY
    }
}
