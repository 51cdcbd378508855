import Dispatch
import Foundation

/// `O_DIRECT` from <fcntl.h>, which Swift's Glibc module leaves out (it needs `_GNU_SOURCE`);
/// the value differs between architectures. 0 (no direct I/O) where it is not known.
#if os(Linux) && arch(x86_64)
private let directIO: Int32 = 0o40000
#elseif os(Linux) && arch(arm64)
private let directIO: Int32 = 0o200000
#else
private let directIO: Int32 = 0
#endif

/// An output file written front to back, for the layers that run to gigabytes (the dwellings:
/// 11 GB at 8 million with every profile on). Bytes are gathered in aligned blocks of
/// `blockSize`; a full block is written by a background queue while the caller formats the
/// next one, and where the file system allows it the file is opened with `O_DIRECT`, so the
/// blocks go to the disk without being copied into the page cache.
///
/// Why: on this kind of machine copying into a page cache that is already full of other files
/// costs more kernel CPU than formatting the bytes (`dd` of 1.4 GB: 7 s of system time
/// buffered, 0.24 s with `O_DIRECT`), and it is the same two cores the formatting needs.
/// File systems without `O_DIRECT` (tmpfs, some network mounts) get ordinary buffered writes;
/// so does the last, partial block. Every failure is an `OutputError` naming the path and the
/// system's reason; the first one is thrown by the next `append` or by `close`.
final class SequentialOutputFile: @unchecked Sendable {
    let path: String
    /// The size of the blocks handed to the disk; a multiple of every logical block size
    /// (512 B, 4 KiB) that `O_DIRECT` may require of lengths, offsets and buffer addresses.
    static let blockSize = 8 << 20
    private static let alignment = 4096

    private let descriptor: Int32
    private var direct: Bool
    private var isOpen = true
    /// Two blocks: the caller fills one while the queue writes the other.
    private var blocks: [UnsafeMutableRawPointer]
    private var filling = 0
    private var filled = 0
    /// Where the block being filled starts in the file.
    private var offset = 0
    private let queue = DispatchQueue(label: "nabijheid.output")
    private let group = DispatchGroup()
    private let failureLock = NSLock()
    private var failure: Error?

    /// Bytes appended so far.
    var count: Int { offset + filled }

    init(creating path: String) throws {
        self.path = path
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | directIO, 0o644)
        direct = descriptor >= 0 && directIO != 0
        if descriptor < 0 && errno == EINVAL {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { throw OutputError(path, "cannot create output file", errno: errno) }
        self.descriptor = descriptor
        blocks = []
        for _ in 0..<2 {
            var block: UnsafeMutableRawPointer?
            guard posix_memalign(&block, Self.alignment, Self.blockSize) == 0, let block else {
                blocks.forEach { free($0) }
                Foundation.close(descriptor)
                throw OutputError(path, "cannot allocate the write buffer", errno: ENOMEM)
            }
            blocks.append(block)
        }
    }

    deinit {
        group.wait()
        if isOpen { Foundation.close(descriptor) }
        blocks.forEach { free($0) }
    }

    func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            let room = Self.blockSize - filled
            let piece = min(room, rest.count)
            (blocks[filling] + filled).copyMemory(from: rest.baseAddress!, byteCount: piece)
            filled += piece
            rest = UnsafeRawBufferPointer(rebasing: rest[piece...])
            if filled == Self.blockSize { try handOver() }
        }
    }

    /// Writes everything appended, closes the file and reports the first failure.
    func close() throws {
        group.wait()
        try throwFailure()
        // The whole blocks of the tail may still go direct; the remainder goes buffered.
        let aligned = direct ? filled / Self.alignment * Self.alignment : 0
        if aligned > 0 { try write(UnsafeRawBufferPointer(start: blocks[filling], count: aligned), at: offset) }
        if filled > aligned {
            try leaveDirectMode()
            try write(UnsafeRawBufferPointer(start: blocks[filling] + aligned, count: filled - aligned), at: offset + aligned)
        }
        offset += filled
        filled = 0
        isOpen = false
        guard Foundation.close(descriptor) == 0 else { throw OutputError(path, "cannot write", errno: errno) }
    }

    /// Queues the full block for writing and continues in the other one once its write is done.
    private func handOver() throws {
        nonisolated(unsafe) let block = UnsafeRawBufferPointer(start: blocks[filling], count: filled)
        let at = offset
        group.wait()
        try throwFailure()
        group.enter()
        queue.async { [self] in
            defer { group.leave() }
            do { try write(block, at: at) } catch { failureLock.withLock { if failure == nil { failure = error } } }
        }
        offset += filled
        filled = 0
        filling = 1 - filling
    }

    private func throwFailure() throws {
        if let failure = failureLock.withLock({ failure }) { throw failure }
    }

    /// All of `bytes` at `offset`. A direct write the file system turns down (`EINVAL`) is
    /// repeated buffered, and the rest of the file is written buffered too.
    private func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        var done = 0
        while done < bytes.count {
            let written = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if written < 0 && errno == EINTR { continue }
            if written < 0 && errno == EINVAL && direct {
                try leaveDirectMode()
                continue
            }
            guard written > 0 else { throw OutputError(path, "cannot write", errno: written < 0 ? errno : ENOSPC) }
            done += written
        }
    }

    private func leaveDirectMode() throws {
        guard direct else { return }
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~directIO) == 0 else {
            throw OutputError(path, "cannot write", errno: errno)
        }
        direct = false
    }
}
