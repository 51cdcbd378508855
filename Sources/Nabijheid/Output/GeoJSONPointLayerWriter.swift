import Dispatch
import Foundation

/// Writes a large point layer (the dwellings: up to millions of features) as GeoJSON, in
/// WGS84 with 6 decimals and without a `crs` member, so it is RFC 7946 (points have no ring
/// orientation to fix). Framed as a FeatureCollection or as a GeoJSON Text Sequence (RFC 8142,
/// one feature per line).
///
/// This is the one layer not serialised by GDAL: its GeoJSON drivers build a json-c object
/// tree per feature, about 80 µs of CPU per 22-property feature, which made writing 94 % of a
/// 1 000 000-dwelling run. Here the features are formatted straight into byte buffers, in
/// batches of `batchSize` on `threads` threads; batches are written in order, so the bytes do
/// not depend on the number of threads, and memory holds at most `threads` batches. Every other
/// layer and format (GeoPackage, FlatGeobuf) goes through GDAL; tests read this layer back
/// with GDAL and compare it with GDAL's own GeoJSON output of the same features.
struct GeoJSONPointLayerWriter {
    enum Framing {
        case featureCollection
        case sequence
    }

    var layerName: String
    var fields: [FieldDefinition]
    var framing: Framing
    var threads: Int
    var batchSize = 32_768

    /// - Parameter feature: the point (RD New) and values of feature `i`, one value per field;
    ///   called from several threads at once, so it must only read shared state.
    func write(count: Int, to path: String, feature: (Int) -> (PlanarPoint, [FieldValue])) throws {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard file >= 0 else { throw OutputError(path, "cannot create output file") }
        var closed = false
        defer { if !closed { close(file) } }
        var offset = 0
        func put(_ bytes: [UInt8]) throws {
            try Self.write(bytes, to: file, at: offset, path: path)
            offset += bytes.count
        }
        if framing == .featureCollection {
            var header = GeoJSONText()
            header.append(raw: "{\"type\":\"FeatureCollection\",\"name\":")
            header.append(string: layerName)
            header.append(raw: ",\"features\":[\n")
            try put(header.bytes)
        }
        ProgressReporter.shared.expect(count)
        let workers = max(1, threads)
        let keys = GeoJSONText.propertyKeys(fields)
        let transforms = try (0..<workers).map { _ in
            try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: path)
        }
        var buffers = [GeoJSONText](repeating: GeoJSONText(), count: workers)
        // A collection separates its members with ",\n"; a text sequence ends every feature with "\n".
        let leadingSeparator = framing == .featureCollection
        let terminator: [UInt8] = leadingSeparator ? [] : Array("\n".utf8)
        var start = 0
        while start < count {
            let roundStart = start
            let batches = min(workers, (count - roundStart + batchSize - 1) / batchSize)
            buffers.withUnsafeMutableBufferPointer { buffers in
                let buffers = buffers
                DispatchQueue.concurrentPerform(iterations: batches) { batch in
                    let first = roundStart + batch * batchSize
                    let range = first..<min(count, first + batchSize)
                    // In place, so each round reuses the buffer's capacity.
                    buffers[batch].removeAll()
                    Self.format(range, into: &buffers[batch], keys: keys, fields: fields, transform: transforms[batch],
                                leadingSeparator: leadingSeparator, terminator: terminator, feature: feature)
                }
            }
            // Copying into the page cache costs as much CPU as formatting at this size, so every
            // batch is written by its own thread, at the offset the batches before it leave.
            var offsets = [Int](repeating: 0, count: batches)
            for batch in 0..<batches {
                offsets[batch] = offset
                offset += buffers[batch].bytes.count
            }
            var failures = [Error?](repeating: nil, count: batches)
            failures.withUnsafeMutableBufferPointer { failures in
                let failures = failures
                DispatchQueue.concurrentPerform(iterations: batches) { batch in
                    do { try Self.write(buffers[batch].bytes, to: file, at: offsets[batch], path: path) } catch { failures[batch] = error }
                }
            }
            if let failure = failures.compactMap({ $0 }).first { throw failure }
            ProgressReporter.shared.advance(min(count, roundStart + batches * batchSize) - roundStart)
            start = min(count, roundStart + batches * batchSize)
        }
        if framing == .featureCollection { try put(Array((count > 0 ? "\n]}\n" : "]}\n").utf8)) }
        closed = true
        guard close(file) == 0 else { throw OutputError(path, "cannot write") }
    }

    /// Writes all of `bytes` at `offset`, resuming after partial writes.
    static func write(_ bytes: [UInt8], to file: Int32, at offset: Int, path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = pwrite(file, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw OutputError(path, "cannot write", errno: written < 0 ? errno : ENOSPC) }
                done += written
            }
        }
    }

    private static func format(_ range: Range<Int>, into text: inout GeoJSONText, keys: [[UInt8]], fields: [FieldDefinition],
                               transform: CoordinateTransform, leadingSeparator: Bool, terminator: [UInt8], feature: (Int) -> (PlanarPoint, [FieldValue])) {
        var rows: [[FieldValue]] = []
        rows.reserveCapacity(range.count)
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(range.count)
        ys.reserveCapacity(range.count)
        for index in range {
            let (point, values) = feature(index)
            precondition(values.count == fields.count, "one value per field")
            rows.append(values)
            xs.append(point.x)
            ys.append(point.y)
        }
        transform.transform(xs: &xs, ys: &ys)
        for (row, values) in rows.enumerated() {
            if leadingSeparator && range.lowerBound + row > 0 { text.append(raw: ",\n") }
            text.append(raw: "{\"type\":\"Feature\",\"properties\":{")
            for (field, value) in values.enumerated() {
                text.append(raw: keys[field])
                text.append(value: value)
            }
            text.append(raw: "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[")
            text.append(coordinate: xs[row], decimals: 6)
            text.append(raw: ",")
            text.append(coordinate: ys[row], decimals: 6)
            text.append(raw: "]}}")
            text.append(raw: terminator)
        }
    }
}
