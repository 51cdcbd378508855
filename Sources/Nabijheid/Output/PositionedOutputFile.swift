import Foundation

/// An output file written front to back, in pieces that may be written from several threads
/// at once: `reserve` hands out the offset of the next piece, `write(_:at:)` puts it there with
/// checked positioned writes (a short write resumes, a failed one throws naming the path and
/// the system's reason). The GeoJSON layer writers serialise through it; the descriptor is
/// closed by `close()`, which checks it, or on deinit after an error.
final class PositionedOutputFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private var isOpen = true
    /// Where the next reserved piece starts.
    private(set) var end = 0

    init(creating path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path, "cannot create output file") }
        self.path = path
    }

    deinit { if isOpen { Foundation.close(descriptor) } }

    /// The offset of a piece of `count` bytes after everything reserved so far.
    func reserve(_ count: Int) -> Int {
        defer { end += count }
        return end
    }

    /// Reserves room for `bytes` and writes them there.
    func append(_ bytes: [UInt8]) throws {
        try write(bytes, at: reserve(bytes.count))
    }

    /// Writes all of `bytes` at `offset`; safe from several threads for disjoint pieces.
    func write(_ bytes: [UInt8], at offset: Int) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw OutputError(path, "cannot write", errno: written < 0 ? errno : ENOSPC) }
                done += written
            }
        }
    }

    func close() throws {
        isOpen = false
        guard Foundation.close(descriptor) == 0 else { throw OutputError(path, "cannot write") }
    }
}
