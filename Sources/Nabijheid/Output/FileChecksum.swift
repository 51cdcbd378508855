import Crypto
import Foundation

/// Size and SHA-256 of an input file, for provenance in `run.json`.
public struct FileChecksum: Codable, Sendable, Equatable {
    public var bytes: Int
    public var sha256: String

    /// How much is read and hashed at a time: one buffer, used again for every piece, small
    /// enough to stay in the core's cache between the copy out of the page cache and the hash
    /// (4 MiB pieces in fresh `Data` were read back from memory: a national run hashes 1.5 GB).
    static let pieceSize = 256 << 10

    /// Streams the file piece by piece, so large inputs are not held in memory.
    public init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw InputError(path, "file is not readable") }
        defer { close(descriptor) }
        var hasher = SHA256()
        var total = 0
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.pieceSize, alignment: 64)
        defer { piece.deallocate() }
        while true {
            let count = read(descriptor, piece.baseAddress, piece.count)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw InputError(path, "cannot read") }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: piece[0..<count]))
            total += count
        }
        bytes = total
        sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
