import Dispatch
import Foundation

/// Writes a layer of areas (the service areas: a few dozen MultiPolygons with up to millions of
/// vertices each; the buurten, wijken and gemeenten) as GeoJSON, RFC 7946: WGS84 with 6
/// decimals, no `crs` member, every geometry a MultiPolygon (or with `onePartAsPolygon`, an
/// area of one part a Polygon), outer rings counter-clockwise and holes clockwise; vertices
/// are transformed on PROJ's grid (`TransformGrid`, within 1e-12° of PROJ's own result). Rings
/// without points and polygons without rings are left out (GeoJSON has no empty ring).
///
/// GDAL's GeoJSON driver builds a json-c object per coordinate and per property; for the
/// service areas of a 1 000 000-dwelling run (124 MB) that took 36 s, two thirds of all
/// writing, and for the 4 161 buurten of 8 M (113 properties each) 3.4 s. Here the
/// features are written one after the other, and the coordinates of each are transformed and
/// formatted in chunks of `pointsPerChunk` on `threads` threads: one area of the public
/// transport stops can hold a third of all vertices, so a feature per thread left the other
/// threads idle. Chunks are written in order (`SequentialOutputFile`), so the bytes do not
/// depend on the number of threads or the chunk size. Other formats go through GDAL
/// (`VectorLayerWriter`); tests read this layer back with GDAL and compare it with GDAL's own
/// output of the same features.
struct GeoJSONAreaLayerWriter {
    var layerName: String
    var fields: [FieldDefinition]
    var threads: Int
    var pointsPerChunk = 65_536
    /// Writes an area of one polygon as a Polygon (as GDAL's RFC 7946 mode does), the others
    /// as MultiPolygons; by default every area is a MultiPolygon.
    var onePartAsPolygon = false

    /// - Parameter feature: the area (RD New) and values of feature `i`, one value per field.
    func write(count: Int, to path: String, feature: (Int) -> (AreaShape, [FieldValue])) throws {
        let file = try SequentialOutputFile(creating: path)
        var text = GeoJSONText()
        text.append(raw: "{\"type\":\"FeatureCollection\",\"name\":")
        text.append(string: layerName)
        text.append(raw: ",\"features\":[\n")
        try text.withBytes { try file.append($0) }
        let keys = GeoJSONText.PropertyKeys(fields)
        let workers = max(1, threads)
        let transforms = try (0..<workers).map { _ in
            try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: path)
        }
        var buffers = [GeoJSONText](repeating: GeoJSONText(), count: workers)
        let chunk = max(1, pointsPerChunk)
        for index in 0..<count {
            let (area, values) = feature(index)
            precondition(values.count == fields.count, "one value per field")
            text.removeAll()
            if index > 0 { text.append(raw: ",\n") }
            text.append(raw: "{\"type\":\"Feature\",\"properties\":{")
            text.append(properties: values, keys: keys)
            var xs: [Double] = [], ys: [Double] = []
            let rings = RingLayout(area, xs: &xs, ys: &ys)
            // A Polygon's coordinates are its rings; a MultiPolygon's are in one more bracket.
            let polygon = onePartAsPolygon && rings.polygonCount == 1
            text.append(raw: polygon ? "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                                     : "},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[")
            try text.withBytes { try file.append($0) }
            var start = 0
            while start < xs.count {
                let roundStart = start
                let parts = min(workers, (xs.count - roundStart + chunk - 1) / chunk)
                buffers.withUnsafeMutableBufferPointer { buffers in
                    let buffers = buffers
                    xs.withUnsafeMutableBufferPointer { xs in
                        ys.withUnsafeMutableBufferPointer { ys in
                            let (xs, ys) = (xs, ys)
                            DispatchQueue.concurrentPerform(iterations: parts) { part in
                                let first = roundStart + part * chunk
                                let range = first..<min(xs.count, first + chunk)
                                transforms[part].transform(xs: UnsafeMutableBufferPointer(rebasing: xs[range]),
                                                           ys: UnsafeMutableBufferPointer(rebasing: ys[range]))
                                buffers[part].removeAll()
                                rings.format(range, xs: UnsafeBufferPointer(xs), ys: UnsafeBufferPointer(ys), into: &buffers[part])
                            }
                        }
                    }
                }
                for part in 0..<parts { try buffers[part].withBytes { try file.append($0) } }
                start = min(xs.count, roundStart + parts * chunk)
            }
            try file.append(Array((polygon ? "}}" : "]}}").utf8))
        }
        try file.append(Array((count > 0 ? "\n]}\n" : "]}\n").utf8))
        try file.close()
    }

    /// Where the rings and polygons of one area begin and end in its list of vertices.
    private struct RingLayout {
        /// Per ring: its first point, its end (one past its last point), whether it opens a
        /// polygon (and whether that is the feature's first), and whether it closes one.
        var ringStart: [Int] = [], ringEnd: [Int] = []
        var opensPolygon: [Bool] = [], closesPolygon: [Bool] = []
        /// Polygons written (those with an outer ring).
        var polygonCount: Int { opensPolygon.lazy.filter { $0 }.count }

        /// Appends the area's vertices in writing order to `xs` and `ys`: rings closed and oriented in RD New (the transformation keeps east and north, so it
        /// keeps the orientation): outer rings counter-clockwise, holes clockwise.
        init(_ area: AreaShape, xs: inout [Double], ys: inout [Double]) {
            for polygon in area.polygons {
                let rings = polygon.rings.enumerated().filter { !$0.element.isEmpty }
                guard let outer = rings.first, outer.offset == 0 else { continue }
                for (position, (r, ring)) in rings.enumerated() {
                    let closedRing = ring.first == ring.last ? ring : ring + ring.prefix(1)
                    let counterClockwise = GeoJSONAreaLayerWriter.signedArea(closedRing) > 0
                    let reversed = (r == 0) != counterClockwise
                    ringStart.append(xs.count)
                    for point in reversed ? Array(closedRing.reversed()) : closedRing {
                        xs.append(point.x)
                        ys.append(point.y)
                    }
                    ringEnd.append(xs.count)
                    opensPolygon.append(position == 0)
                    closesPolygon.append(position == rings.count - 1)
                }
            }
        }

        /// Points `range` (already transformed) with the brackets and commas that open and
        /// close their rings and polygons.
        func format(_ range: Range<Int>, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>, into text: inout GeoJSONText) {
            // The ring holding the first point: the first whose end lies beyond it.
            var ring = ringEnd.partitioningIndex { $0 > range.lowerBound }
            // A point with the brackets around it takes less than 72 bytes.
            text.write(atMost: 72 * range.count) { text in
                for point in range {
                    while ringEnd[ring] <= point { ring += 1 }
                    if point == ringStart[ring] {
                        if opensPolygon[ring] { text.put(ring == 0 ? "[[[" : ",[[[") } else { text.put(",[[") }
                    } else {
                        text.put(",[")
                    }
                    text.put(coordinate: xs[point], decimals: 6)
                    text.put(UInt8(ascii: ","))
                    text.put(coordinate: ys[point], decimals: 6)
                    text.put(UInt8(ascii: "]"))
                    if point == ringEnd[ring] - 1 { text.put(closesPolygon[ring] ? "]]" : "]") }
                }
            }
        }
    }

    /// Twice the signed area would do; positive for counter-clockwise.
    fileprivate static func signedArea(_ ring: [PlanarPoint]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0.0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) }
    }
}
