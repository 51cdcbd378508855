import Foundation
import Testing
@testable import Nabijheid

/// The big layers are written through `SequentialOutputFile`: aligned blocks, written in the
/// background, `O_DIRECT` where the file system has it. Whatever the pieces, the file must
/// hold exactly the bytes appended, on a disk file system and on tmpfs (no `O_DIRECT`).
@Suite struct SequentialOutputFileTests {
    /// Seeded pieces from empty to larger than a block, so pieces end inside, on and across
    /// block boundaries, and the file ends with a partial block of odd size.
    static func pieces(seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        var pieces: [[UInt8]] = [[], [1]]
        var total = 1
        while total < 2 * SequentialOutputFile.blockSize + 12_345 {
            let size = random.unit() < 0.1 ? Int(random.unit() * Double(SequentialOutputFile.blockSize) * 1.3) : Int(random.unit() * 70_000)
            pieces.append((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ pieces.count) })
            total += size
        }
        pieces.append(Array(repeating: 7, count: 4_097))
        return pieces
    }

    @Test(arguments: ["disk", "tmpfs"]) func holdsExactlyTheBytesAppended(_ where: String) throws {
        let folder: String
        if `where` == "tmpfs" {
            guard FileManager.default.fileExists(atPath: "/dev/shm") else { return }
            folder = "/dev/shm/nabijheid-test-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } else {
            folder = PipelineRun.temporaryDirectory()
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pieces = Self.pieces(seed: 11)
        let path = "\(folder)/layer.geojson"
        let file = try SequentialOutputFile(creating: path)
        for piece in pieces { try file.append(piece) }
        #expect(file.count == pieces.reduce(0) { $0 + $1.count })
        try file.close()
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == Data(pieces.joined()))
    }

    @Test func anEmptyFileIsEmpty() throws {
        let folder = PipelineRun.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try SequentialOutputFile(creating: "\(folder)/empty")
        try file.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/empty")).isEmpty)
    }

    @Test func aFolderThatDoesNotExistIsNamed() throws {
        let path = "/nonexistent-\(UUID().uuidString)/woningen.geojson"
        #expect(throws: OutputError(path, "cannot create output file", errno: ENOENT)) { try SequentialOutputFile(creating: path) }
    }

    /// A full disk: /dev/full takes no byte; the failure names the file and the reason.
    @Test func aFullDiskIsReported() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let file = try SequentialOutputFile(creating: "/dev/full")
        let block = [UInt8](repeating: 1, count: SequentialOutputFile.blockSize)
        var failure: OutputError?
        do {
            for _ in 0..<3 { try file.append(block) }
            try file.close()
        } catch let error as OutputError {
            failure = error
        }
        #expect(failure == OutputError("/dev/full", "cannot write", errno: ENOSPC))
    }
}
