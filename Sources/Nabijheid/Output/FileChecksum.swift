import Crypto
import Foundation

/// Size and SHA-256 of an input file, for provenance in `run.json`.
public struct FileChecksum: Codable, Sendable, Equatable {
    public var bytes: Int
    public var sha256: String

    /// Streams the file in 4 MiB pieces, so large inputs are not held in memory.
    public init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError("\(path): file is not readable")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var total = 0
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            total += chunk.count
        }
        bytes = total
        sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
