import Foundation

/// An exclusive lock on an output folder, held by one run from before its first write until
/// its files are committed, so that two runs into one folder cannot mix their files or delete
/// each other's staging folder. The second run is refused at once (exit 2) instead of waiting.
///
/// The lock is `flock(2)` on the folder itself, so no lock file is left in it; the kernel
/// releases it when the process ends, also after kill -9, so a crashed run never leaves a
/// stale lock. On a file system without `flock` (some network mounts) the run goes ahead
/// unlocked. Not thread-safe; one per run.
final class OutputLock {
    private let descriptor: Int32

    /// - Throws: `InputError` when another process holds the lock; `OutputError` when the
    ///   folder cannot be opened.
    init(directory: String) throws {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputError(directory, "cannot open the output folder") }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK {
            close(descriptor)
            throw InputError("another nabijheid run is writing to \(directory); wait for it to finish or choose another output folder")
        }
        self.descriptor = descriptor
    }

    /// The open folder, for `fsync` after renames.
    var folderDescriptor: Int32 { descriptor }

    deinit { close(descriptor) }
}
