import Foundation

/// Small POSIX helpers for files that must reach the disk, with `OutputError`s naming the path.
enum DurableFile {
    /// Whether anything (also a dangling link) is at `path`.
    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    /// Creates or replaces `path` with `data` and fsyncs it.
    static func store(_ data: Data, to path: String) throws {
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard file >= 0 else { throw OutputError(path, "cannot create the file") }
        defer { close(file) }
        try data.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = write(file, raw.baseAddress! + done, raw.count - done)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw OutputError(path, "cannot write", errno: written < 0 ? errno : ENOSPC) }
                done += written
            }
        }
        guard fsync(file) == 0 else { throw OutputError(path, "cannot write") }
    }

    /// fsync of a file or folder, so that what was written or renamed survives a power loss.
    static func sync(_ path: String) throws {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { throw OutputError(path, "cannot open to flush") }
        defer { close(file) }
        // Some file systems cannot fsync a folder (EINVAL); the data itself is then as safe as they make it.
        guard fsync(file) == 0 || errno == EINVAL else { throw OutputError(path, "cannot write") }
    }
}
