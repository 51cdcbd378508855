import CGEOS

/// Finds the buurt that contains a point: GEOS prepared polygons behind an STR-tree.
/// A point on a shared boundary belongs to the buurt that comes first in input order (the
/// lowest index), so every point gets exactly one answer. Owns its GEOS context; not
/// thread-safe. Most points are answered by a `BuurtRingIndex` shared between the indexes of
/// all threads (`BuurtIndex.perThread`), with the same answers; GEOS decides the rest.
final class BuurtIndex {
    private let context: GEOSContextHandle_t
    private var geometries: [OpaquePointer] = []
    private var prepared: [OpaquePointer] = []
    private let tree: OpaquePointer
    /// Boxed indices handed to the tree as item pointers; kept alive here.
    private var items: UnsafeMutablePointer<Int>
    /// Per buurt, whether its polygon was not valid to GEOS (then its rings are not what is tested).
    private(set) var repaired: [Bool] = []
    private var rings: BuurtRingIndex?

    /// `count` indexes, one per thread, sharing one `BuurtRingIndex`.
    /// - Throws: `InputError` naming the buurt whose polygon GEOS cannot build.
    static func perThread(_ count: Int, areas: [AreaShape], names: [String]) throws -> [BuurtIndex] {
        let indexes = try (0..<max(1, count)).map { _ in try BuurtIndex(areas: areas, names: names) }
        let rings = BuurtRingIndex(areas: areas, geosOnly: indexes[0].repaired)
        for index in indexes { index.rings = rings }
        return indexes
    }

    /// An index that asks GEOS for every point.
    /// - Throws: `InputError` naming the buurt whose polygon GEOS cannot build.
    init(areas: [AreaShape], names: [String]) throws {
        context = GEOS_init_r()
        GEOSContext_setErrorMessageHandler_r(context, { _, _ in }, nil)
        tree = GEOSSTRtree_create_r(context, 10)!
        items = UnsafeMutablePointer<Int>.allocate(capacity: max(areas.count, 1))
        for (index, area) in areas.enumerated() {
            items[index] = index
            guard var geometry = GEOSGeometryBuilder.multiPolygon(area, context: context) else {
                throw InputError("buurt '\(names[index])': the polygon cannot be built (too few points in a ring?)")
            }
            // Not valid (repaired or, when GEOS cannot, tested as it is): the rings alone do not say what GEOS tests.
            let valid = GEOSisValid_r(context, geometry) == 1
            if !valid, let repaired = GEOSMakeValid_r(context, geometry) {
                GEOSGeom_destroy_r(context, geometry)
                geometry = repaired
            }
            repaired.append(!valid)
            geometries.append(geometry)
            prepared.append(GEOSPrepare_r(context, geometry))
            GEOSSTRtree_insert_r(context, tree, geometry, items + index)
        }
    }

    deinit {
        GEOSSTRtree_destroy_r(context, tree)
        for geometry in prepared { GEOSPreparedGeom_destroy_r(context, geometry) }
        for geometry in geometries { GEOSGeom_destroy_r(context, geometry) }
        items.deallocate()
        GEOS_finish_r(context)
    }

    /// The index of the buurt covering `point`, or nil when it lies outside all buurten.
    /// - Complexity: O(log b) for the tree plus one prepared test per candidate.
    func buurt(containing point: PlanarPoint) -> Int? {
        switch rings?.locate(point) {
        case .buurt(let index)?: return index
        case .outside?: return nil
        case .undecided?, nil: return geosBuurt(containing: point)
        }
    }

    /// `buurt(containing:)` as GEOS answers it.
    func geosBuurt(containing point: PlanarPoint) -> Int? {
        guard let geosPoint = GEOSGeom_createPointFromXY_r(context, point.x, point.y) else { return nil }
        defer { GEOSGeom_destroy_r(context, geosPoint) }
        var candidates: [Int] = []
        withUnsafeMutablePointer(to: &candidates) { sink in
            GEOSSTRtree_query_r(context, tree, geosPoint, { item, userdata in
                let index = item!.assumingMemoryBound(to: Int.self).pointee
                userdata!.assumingMemoryBound(to: [Int].self).pointee.append(index)
            }, sink)
        }
        for index in candidates.sorted() {
            // GEOS predicates return 2 on error; only 1 means "covers".
            if GEOSPreparedCovers_r(context, prepared[index], geosPoint) == 1 { return index }
        }
        return nil
    }
}

/// Builds GEOS geometries from plain coordinates.
enum GEOSGeometryBuilder {
    static func multiPolygon(_ area: AreaShape, context: GEOSContextHandle_t) -> OpaquePointer? {
        var parts: [OpaquePointer?] = []
        for polygon in area.polygons {
            guard let part = self.polygon(polygon, context: context) else {
                parts.forEach { GEOSGeom_destroy_r(context, $0) }
                return nil
            }
            parts.append(part)
        }
        // Ownership of the parts passes to the collection.
        return parts.withUnsafeMutableBufferPointer {
            GEOSGeom_createCollection_r(context, Int32(GEOS_MULTIPOLYGON.rawValue), $0.baseAddress, UInt32($0.count))
        }
    }

    static func polygon(_ polygon: PolygonShape, context: GEOSContextHandle_t) -> OpaquePointer? {
        var rings: [OpaquePointer] = []
        for ring in polygon.rings {
            guard let made = linearRing(ring, context: context) else {
                rings.forEach { GEOSGeom_destroy_r(context, $0) }
                return nil
            }
            rings.append(made)
        }
        guard let shell = rings.first else { return nil }
        var holes: [OpaquePointer?] = rings.dropFirst().map { $0 }
        // Ownership of the shell and holes passes to the polygon.
        return holes.withUnsafeMutableBufferPointer {
            GEOSGeom_createPolygon_r(context, shell, $0.baseAddress, UInt32($0.count))
        }
    }

    static func linearRing(_ ring: [PlanarPoint], context: GEOSContextHandle_t) -> OpaquePointer? {
        var closed = ring
        if let first = ring.first, first != ring.last { closed.append(first) }
        guard closed.count >= 4 else { return nil }
        var buffer = [Double]()
        buffer.reserveCapacity(closed.count * 2)
        for point in closed { buffer.append(point.x); buffer.append(point.y) }
        guard let sequence = GEOSCoordSeq_copyFromBuffer_r(context, buffer, UInt32(closed.count), 0, 0) else { return nil }
        // Ownership of the sequence passes to the ring.
        return GEOSGeom_createLinearRing_r(context, sequence)
    }
}
