import Dispatch
import Foundation

/// Writes a layer of large areas (the service areas: a few dozen MultiPolygons with up to
/// millions of vertices each) as GeoJSON, RFC 7946: WGS84 with 6 decimals, no `crs` member,
/// every geometry a MultiPolygon, outer rings counter-clockwise and holes clockwise.
///
/// GDAL's GeoJSON driver builds a json-c object per coordinate; for the service areas of a
/// 1 000 000-dwelling run (124 MB) that took 36 s, two thirds of all writing. Here each feature
/// is formatted straight into a byte buffer, `threads` features at a time, and the buffers are
/// written in feature order, so the bytes do not depend on the number of threads. Other
/// formats go through GDAL (`VectorLayerWriter`); tests read this layer back with GDAL and
/// compare it with GDAL's own output of the same features.
struct GeoJSONAreaLayerWriter {
    var layerName: String
    var fields: [FieldDefinition]
    var threads: Int

    /// - Parameter feature: the area (RD New) and values of feature `i`, one value per field;
    ///   called from several threads at once, so it must only read shared state.
    func write(count: Int, to path: String, feature: (Int) -> (AreaShape, [FieldValue])) throws {
        let file = try PositionedOutputFile(creating: path)
        var header = GeoJSONText()
        header.append(raw: "{\"type\":\"FeatureCollection\",\"name\":")
        header.append(string: layerName)
        header.append(raw: ",\"features\":[\n")
        try file.append(header.bytes)
        let keys = GeoJSONText.propertyKeys(fields)
        let workers = max(1, min(threads, count))
        let transforms = try (0..<workers).map { _ in
            try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: path)
        }
        var buffers = [GeoJSONText](repeating: GeoJSONText(), count: workers)
        var start = 0
        while start < count {
            let round = start..<min(count, start + workers)
            buffers.withUnsafeMutableBufferPointer { buffers in
                let buffers = buffers
                DispatchQueue.concurrentPerform(iterations: round.count) { slot in
                    let index = round.lowerBound + slot
                    buffers[slot].removeAll()
                    if index > 0 { buffers[slot].append(raw: ",\n") }
                    let (area, values) = feature(index)
                    precondition(values.count == fields.count, "one value per field")
                    Self.format(area, values, keys: keys, transform: transforms[slot], into: &buffers[slot])
                }
            }
            for slot in 0..<round.count { try file.append(buffers[slot].bytes) }
            start = round.upperBound
        }
        try file.append(Array((count > 0 ? "\n]}\n" : "]}\n").utf8))
        try file.close()
    }

    private static func format(_ area: AreaShape, _ values: [FieldValue], keys: [[UInt8]], transform: CoordinateTransform,
                               into text: inout GeoJSONText) {
        text.append(raw: "{\"type\":\"Feature\",\"properties\":{")
        for (field, value) in values.enumerated() {
            text.append(raw: keys[field])
            text.append(value: value)
        }
        text.append(raw: "},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[")
        // All rings of the feature in one coordinate transformation, oriented in RD New (the
        // transformation keeps east and north, so it keeps the orientation).
        var xs: [Double] = [], ys: [Double] = [], ringEnds: [Int] = [], polygonEnds: [Int] = []
        for polygon in area.polygons {
            for (r, ring) in polygon.rings.enumerated() {
                let closedRing = ring.first == ring.last ? ring : ring + ring.prefix(1)
                let counterClockwise = signedArea(closedRing) > 0
                let reversed = (r == 0) != counterClockwise
                for point in reversed ? Array(closedRing.reversed()) : closedRing {
                    xs.append(point.x)
                    ys.append(point.y)
                }
                ringEnds.append(xs.count)
            }
            polygonEnds.append(ringEnds.count)
        }
        transform.transform(xs: &xs, ys: &ys)
        var ring = 0, point = 0
        for (p, polygonEnd) in polygonEnds.enumerated() {
            text.append(raw: p == 0 ? "[" : ",[")
            var firstRing = true
            while ring < polygonEnd {
                text.append(raw: firstRing ? "[" : ",[")
                firstRing = false
                var firstPoint = true
                while point < ringEnds[ring] {
                    text.append(raw: firstPoint ? "[" : ",[")
                    firstPoint = false
                    text.append(coordinate: xs[point], decimals: 6)
                    text.append(raw: ",")
                    text.append(coordinate: ys[point], decimals: 6)
                    text.append(raw: "]")
                    point += 1
                }
                text.append(raw: "]")
                ring += 1
            }
            text.append(raw: "]")
        }
        text.append(raw: "]}}")
    }

    /// Twice the signed area would do; positive for counter-clockwise.
    private static func signedArea(_ ring: [PlanarPoint]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0.0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) }
    }
}
