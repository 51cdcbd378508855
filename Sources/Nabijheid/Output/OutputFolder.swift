import Foundation

/// The output folder of one run, opened before the run reads anything and committed at its end.
///
/// Opening it refuses folders the run must not write to (`OutputLocation`: URLs, `/vsi…`, a
/// folder where an input would be overwritten), creates the folder and takes its lock
/// (`OutputLock`: a second run into the same folder is refused).
///
/// Files are written to a hidden staging folder `.nabijheid-staging-<pid>` inside the output
/// folder; only when every file is complete are they renamed into place. After a failure no
/// output file has changed and the staging folder is removed; a stale staging folder from a
/// crash is removed by the next run. Not thread-safe.
public final class OutputFolder {
    public let directory: String
    private let lock: OutputLock
    /// Whether this run created the (then empty) output folder; it is removed again when the
    /// run fails before committing, so a refused run leaves nothing behind.
    private let createdDirectory: Bool
    private var stagingFolder: String?
    private var staged: [String] = []
    private var committed = false

    /// - Parameters:
    ///   - directory: the output folder.
    ///   - names: every file name the run may write (to refuse a folder holding an input of that name).
    ///   - inputs: every file the run reads.
    /// - Throws: `InputError` (exit 2) for a refused folder or one another run is writing to;
    ///   `OutputError` (exit 74) when the folder cannot be created.
    public init(directory: String, names: [String] = [], protecting inputs: [String] = []) throws {
        try OutputLocation.check(directory, names: names, inputs: inputs)
        self.directory = directory
        createdDirectory = try Self.createFolder(directory)
        lock = try OutputLock(directory: directory)
        removeStaleStaging()
    }

    deinit {
        if let stagingFolder, !committed { try? FileManager.default.removeItem(atPath: stagingFolder) }
        if createdDirectory && !committed { rmdir(directory) }
    }

    /// Creates `directory` and missing parents; returns whether it did not exist yet.
    private static func createFolder(_ directory: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw InputError("\(directory): cannot create the output folder (a file of that name exists)")
            }
            return false
        }
        var status = stat()
        if let parent = OutputLocation.split(directory).parent, parent != directory, stat(parent, &status) != 0 && errno == ENOENT {
            _ = try createFolder(parent)
        }
        guard mkdir(directory, 0o755) == 0 || errno == EEXIST else {
            let code = errno
            if code == ENOTDIR {
                throw InputError("\(directory): cannot create the output folder (\(String(cString: strerror(code))): a part of the path is a file)")
            }
            throw OutputError(directory, "cannot create the output folder", errno: code)
        }
        return true
    }

    /// A staging folder left by a run that crashed holds unfinished files only: removed. (The
    /// lock is held, so no other run is using any of them.)
    private func removeStaleStaging() {
        let manager = FileManager.default
        for entry in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] where entry.hasPrefix(".nabijheid-staging-") {
            try? manager.removeItem(atPath: "\(directory)/\(entry)")
        }
    }

    private func staging() throws -> String {
        if let stagingFolder { return stagingFolder }
        let path = "\(directory)/.nabijheid-staging-\(ProcessInfo.processInfo.processIdentifier)"
        guard mkdir(path, 0o755) == 0 else { throw OutputError(path, "cannot create the staging folder") }
        stagingFolder = path
        return path
    }

    /// The staging path for an output file name such as `buurten.geojson`.
    public func stagingPath(for name: String) throws -> String {
        precondition(!name.contains("/") && !name.hasPrefix("."), "output names are plain file names")
        staged.append(name)
        return "\(try staging())/\(name)"
    }

    public func write(_ data: Data, to name: String) throws {
        try DurableFile.store(data, to: try stagingPath(for: name))
    }

    /// Moves every staged file to its final name, all or nothing: earlier results are first
    /// moved aside, and if any rename fails, the new files are taken back and the earlier ones
    /// restored, so the folder holds either the complete new results or the old ones.
    public func commit() throws {
        let staging = try staging()
        let manager = FileManager.default
        for name in staged {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: "\(directory)/\(name)", isDirectory: &isDirectory), isDirectory.boolValue {
                throw InputError("\(directory)/\(name): is a folder; expected a file the run may replace")
            }
        }
        var movedAside: [String] = []
        var placed: [String] = []
        func move(_ from: String, _ to: String) throws {
            guard rename(from, to) == 0 else { throw OutputError(to, "cannot move the finished file into place") }
        }
        do {
            for name in staged {
                let target = "\(directory)/\(name)"
                if manager.fileExists(atPath: target) {
                    try move(target, "\(staging)/.earlier-\(name)")
                    movedAside.append(name)
                }
                try move("\(staging)/\(name)", target)
                placed.append(name)
            }
        } catch {
            for name in placed.reversed() { _ = rename("\(directory)/\(name)", "\(staging)/\(name)") }
            for name in movedAside { _ = rename("\(staging)/.earlier-\(name)", "\(directory)/\(name)") }
            throw error
        }
        committed = true
        try? manager.removeItem(atPath: staging)
    }
}
