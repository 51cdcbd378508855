import Dispatch
import Foundation

/// Writes a large point layer (the dwellings: up to millions of features) as GeoJSON, in
/// WGS84 with 6 decimals and without a `crs` member, so it is RFC 7946 (points have no ring
/// orientation to fix). Framed as a FeatureCollection or as a GeoJSON Text Sequence (RFC 8142,
/// one feature per line).
///
/// GDAL's GeoJSON drivers build a json-c object tree per feature, about 80 µs of CPU per
/// 22-property feature, which made writing the dwellings 94 % of a 1 000 000-dwelling run (the
/// facilities use this writer too). Here the features are formatted straight into byte buffers, in
/// batches of `batchSize` on `threads` threads; batches are written in order, so the bytes do
/// not depend on the number of threads, and memory holds at most `threads` batches. The other
/// formats (GeoPackage, FlatGeobuf) go through GDAL; tests read this layer back with GDAL and
/// compare it with GDAL's own GeoJSON output of the same features.
struct GeoJSONPointLayerWriter {
    enum Framing {
        case featureCollection
        case sequence
    }

    var layerName: String
    var fields: [FieldDefinition]
    var framing: Framing
    var threads: Int
    /// Features per batch. Small enough that a round of batches (about 12 MB of text for two
    /// threads at 1.4 KB a dwelling) is still in the processor's last-level cache when it is
    /// copied into the file's blocks, and the buffers of both rounds take tens of megabytes,
    /// not hundreds (32 768 per batch: 47 MB each).
    var batchSize = 8_192

    /// - Parameters:
    ///   - valueRoom: the most bytes the values of any one feature take (keys not counted):
    ///     `GeoJSONText.maximumNumberLength` per number, `Cursor.maximumLength(of:)` per string.
    ///   - position: the point of feature `i`, in RD New.
    ///   - properties: writes the values of feature `i`, one per field, into the sink it is
    ///     given (straight into the GeoJSON text: no value is boxed or copied on the way).
    ///   Both closures are called from several threads at once, so they must only read shared state.
    func write(count: Int, to path: String, valueRoom: Int, position: (Int) -> PlanarPoint,
               properties: (Int, inout GeoJSONPropertyCursor) -> Void) throws {
        let file = try SequentialOutputFile(creating: path)
        if framing == .featureCollection {
            var header = GeoJSONText()
            header.append(raw: "{\"type\":\"FeatureCollection\",\"name\":")
            header.append(string: layerName)
            header.append(raw: ",\"features\":[\n")
            try header.withBytes { try file.append($0) }
        }
        ProgressReporter.shared.expect(count)
        let workers = max(1, threads)
        let keys = GeoJSONText.PropertyKeys(fields)
        let transforms = try (0..<workers).map { _ in
            try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: path)
        }
        // Two sets of buffers: the threads format a round into one while the other round's
        // text goes to the file (`SequentialOutputFile` writes to the disk directly, so the
        // writing thread mostly waits for the disk and leaves the cores to the formatting).
        let rounds = [RoundBuffers(workers), RoundBuffers(workers)]
        let writing = DispatchGroup()
        let writer = DispatchQueue(label: "nabijheid.point-layer")
        nonisolated(unsafe) var failure: Error?
        // A collection separates its members with ",\n"; a text sequence ends every feature with "\n".
        let leadingSeparator = framing == .featureCollection
        var start = 0, current = 0
        while start < count {
            let roundStart = start
            let batches = min(workers, (count - roundStart + batchSize - 1) / batchSize)
            let round = rounds[current]
            round.texts.withUnsafeMutableBufferPointer { buffers in
                let buffers = buffers
                DispatchQueue.concurrentPerform(iterations: batches) { batch in
                    let first = roundStart + batch * batchSize
                    let range = first..<min(count, first + batchSize)
                    // In place, so each round reuses the buffer's capacity.
                    buffers[batch].removeAll()
                    Self.format(range, into: &buffers[batch], keys: keys, fieldCount: fields.count, valueRoom: valueRoom,
                                transform: transforms[batch], leadingSeparator: leadingSeparator, position: position,
                                properties: properties)
                }
            }
            // The previous round is in the file (or failed); this one is written in batch order
            // while the next is formatted.
            writing.wait()
            if let failure { throw failure }
            writing.enter()
            writer.async {
                defer { writing.leave() }
                do {
                    for batch in 0..<batches { try round.texts[batch].withBytes { try file.append($0) } }
                } catch {
                    failure = error
                }
            }
            ProgressReporter.shared.advance(min(count, roundStart + batches * batchSize) - roundStart)
            start = min(count, roundStart + batches * batchSize)
            current = 1 - current
        }
        writing.wait()
        if let failure { throw failure }
        if framing == .featureCollection { try file.append(Array((count > 0 ? "\n]}\n" : "]}\n").utf8)) }
        try file.close()
    }

    private static func format(_ range: Range<Int>, into text: inout GeoJSONText, keys: GeoJSONText.PropertyKeys, fieldCount: Int,
                               valueRoom: Int, transform: CoordinateTransform, leadingSeparator: Bool,
                               position: (Int) -> PlanarPoint, properties: (Int, inout GeoJSONPropertyCursor) -> Void) {
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(range.count)
        ys.reserveCapacity(range.count)
        for index in range {
            let point = position(index)
            xs.append(point.x)
            ys.append(point.y)
        }
        transform.transform(xs: &xs, ys: &ys)
        // The frame, two coordinates and the terminator take less than 160 bytes.
        let room = 160 + keys.bytes.count + valueRoom
        keys.bytes.withUnsafeBytes { keyBytes in
            keys.ends.withUnsafeBufferPointer { keyEnds in
                for (offset, index) in range.enumerated() {
                    text.write(atMost: room) { text in
                        if leadingSeparator && index > 0 { text.put(",\n") }
                        text.put("{\"type\":\"Feature\",\"properties\":{")
                        var sink = GeoJSONPropertyCursor(text, keyBytes: keyBytes, keyEnds: keyEnds)
                        properties(index, &sink)
                        precondition(sink.field == fieldCount, "one value per field")
                        text = sink.cursor
                        text.put("},\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
                        text.put(coordinate: xs[offset], decimals: 6)
                        text.put(UInt8(ascii: ","))
                        text.put(coordinate: ys[offset], decimals: 6)
                        text.put("]}}")
                        if !leadingSeparator { text.put(UInt8(ascii: "\n")) }
                    }
                }
            }
        }
    }
}

/// The text of one round of batches, one buffer per worker; a class, so that the thread writing
/// a round to the file holds the round, not copies of its buffers (a copy would make the next
/// round's `GeoJSONText.write` copy the whole buffer before reusing it).
private final class RoundBuffers: @unchecked Sendable {
    var texts: [GeoJSONText]

    init(_ workers: Int) { texts = [GeoJSONText](repeating: GeoJSONText(), count: workers) }
}
