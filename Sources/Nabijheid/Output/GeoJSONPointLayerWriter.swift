import Dispatch
import Foundation

/// Writes a large point or line layer with several threads. Each thread serialises a contiguous
/// range of features through GDAL's GeoJSONSeq driver (one feature per line); the parts are then
/// joined in order, either framed as a FeatureCollection (the bytes GDAL's GeoJSON driver would
/// write) or as a GeoJSON Text Sequence (RFC 8142). The result does not depend on the number of
/// threads. GDAL still serialises every feature; this type only frames and concatenates.
struct ParallelLayerWriter {
    enum Framing {
        case featureCollection
        case sequence
    }

    var layerName: String
    var fields: [FieldDefinition]
    var framing: Framing
    var threads: Int

    /// - Parameter feature: the geometry (RD New) and values of feature `i`; called from several
    ///   threads at once, so it must only read shared state.
    func write(count: Int, to path: String, feature: (Int) -> (OutputGeometry, [FieldValue])) throws {
        ProgressReporter.shared.expect(count)
        let workers = max(1, min(threads, count / 10_000 + 1))
        let chunk = (count + workers - 1) / workers
        let parts = (0..<workers).map { "\(path).part\($0)" }
        defer { parts.forEach { try? FileManager.default.removeItem(atPath: $0) } }
        var failures = [Error?](repeating: nil, count: workers)
        failures.withUnsafeMutableBufferPointer { failure in
            let failure = failure
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                do {
                    let writer = try VectorLayerWriter(path: parts[worker], layerName: layerName, fields: fields, format: .geojsonseq)
                    for index in (worker * chunk)..<min(count, (worker + 1) * chunk) {
                        let (geometry, values) = feature(index)
                        try writer.add(geometry, values)
                        if index % 16_384 == 16_383 { ProgressReporter.shared.advance(16_384) }
                    }
                    try writer.close()
                } catch {
                    failure[worker] = error
                }
            }
        }
        if let error = failures.compactMap({ $0 }).first { throw error }
        try join(parts, into: path)
    }

    private func join(_ parts: [String], into path: String) throws {
        guard let output = fopen(path, "wb") else { throw InputError("\(path): cannot create output file") }
        defer { fclose(output) }
        func put(_ text: String) { _ = text.withCString { fputs($0, output) } }
        if framing == .featureCollection {
            put("{\n\"type\": \"FeatureCollection\",\n\"name\": \"\(layerName)\",\n\"features\": [\n")
        }
        var first = true
        let blockSize = 8 << 20
        var block = [UInt8](repeating: 0, count: blockSize)
        for part in parts {
            guard let input = fopen(part, "rb") else { throw InputError("\(part): cannot read a written part") }
            defer { fclose(input) }
            var endsWithNewline = true
            while true {
                let read = block.withUnsafeMutableBytes { fread($0.baseAddress, 1, blockSize, input) }
                if read == 0 { break }
                try block.withUnsafeBytes { raw in
                    let base = raw.baseAddress!
                    guard framing == .featureCollection else {
                        guard fwrite(base, 1, read, output) == read else { throw InputError("\(path): write failed") }
                        return
                    }
                    // Each feature ends with "\n"; members of the collection are separated by ",\n".
                    var offset = 0
                    while offset < read {
                        if endsWithNewline && !first { put(",\n") }
                        let rest = read - offset
                        if let newline = memchr(base + offset, Int32(UInt8(ascii: "\n")), rest) {
                            let length = base.distance(to: UnsafeRawPointer(newline)) - offset
                            fwrite(base + offset, 1, length, output)
                            offset += length + 1
                            endsWithNewline = true
                            first = false
                        } else {
                            fwrite(base + offset, 1, rest, output)
                            offset = read
                            endsWithNewline = false
                        }
                    }
                }
            }
            if !endsWithNewline { throw LibraryError(library: "GDAL", message: "\(part) does not end with a newline") }
        }
        if framing == .featureCollection { put(first ? "]\n}\n" : "\n]\n}\n") }
        guard ferror(output) == 0 else { throw InputError("\(path): write failed (disk full?)") }
    }
}
