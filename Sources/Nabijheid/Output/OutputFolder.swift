import Foundation

/// The output folder of one run, opened before the run reads anything and committed at its end.
///
/// Opening it refuses folders the run must not write to (`OutputLocation`: URLs, `/vsi…`, a
/// folder where an input would be overwritten), creates the folder, takes its lock
/// (`OutputLock`: a second run into the same folder is refused), and finishes a commit that an
/// earlier run left interrupted (`CommitJournal`) before anything else.
///
/// Files are written to a hidden staging folder `.nabijheid-staging-<pid>` inside the output
/// folder; only when every file is complete are they renamed into place, all or nothing, under
/// a journal (see `CommitJournal`). After a failure no output file has changed and the staging
/// folder is removed; after a crash the next run completes or removes it. Not thread-safe.
public final class OutputFolder {
    public let directory: String
    private let lock: OutputLock
    /// Whether this run created the (then empty) output folder; it is removed again when the
    /// run fails before committing, so a refused run leaves nothing behind.
    private let createdDirectory: Bool
    private var stagingFolder: String?
    private var staged: [String] = []
    /// Set when the staging folder may hold earlier results and must be left for recovery.
    private var keepStaging = false
    private var committed = false

    /// - Parameters:
    ///   - directory: the output folder.
    ///   - names: every file name the run may write (to refuse a folder holding an input of that name).
    ///   - inputs: every file the run reads.
    /// - Throws: `InputError` (exit 2) for a refused folder or one another run is writing to;
    ///   `OutputError` (exit 74) when the folder cannot be created or an interrupted commit cannot be completed.
    public init(directory: String, names: [String] = [], protecting inputs: [String] = []) throws {
        try OutputLocation.check(directory, names: names, inputs: inputs)
        self.directory = directory
        createdDirectory = try Self.createFolder(directory)
        lock = try OutputLock(directory: directory)
        try recoverInterruptedCommits()
    }

    deinit {
        if let stagingFolder, !committed, !keepStaging { try? FileManager.default.removeItem(atPath: stagingFolder) }
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
                throw InputError(directory, "cannot create the output folder", errno: code, explanation: "a part of the path is a file")
            }
            throw OutputError(directory, "cannot create the output folder", errno: code)
        }
        return true
    }

    /// Before anything else: a staging folder with a journal is an interrupted commit, which is
    /// completed; one without is an unfinished run, which is removed. (The lock is held, so no
    /// other run is using any of them.)
    private func recoverInterruptedCommits() throws {
        let manager = FileManager.default
        for entry in ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).sorted() where entry.hasPrefix(".nabijheid-staging-") {
            let path = "\(directory)/\(entry)"
            if let journal = try CommitJournal.read(from: path) {
                try journal.complete(staging: path, directory: directory)
                try CommitJournal.remove(from: path)
            }
            try? manager.removeItem(atPath: path)
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

    /// Moves every staged file to its final name, all or nothing (see `CommitJournal`): every
    /// staged file is flushed to disk, the journal is written, then for each name the earlier
    /// file is moved aside into the staging folder and the new one into place. If a rename
    /// fails, the moves are undone and the folder holds the earlier results again.
    public func commit() throws {
        let staging = try staging()
        for name in staged {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(directory)/\(name)", isDirectory: &isDirectory), isDirectory.boolValue {
                throw InputError("\(directory)/\(name): is a folder; expected a file the run may replace")
            }
        }
        for name in staged { try DurableFile.sync("\(staging)/\(name)") }
        let journal = CommitJournal(names: staged, direction: .forward)
        try journal.write(into: staging)
        keepStaging = true
        CommitJournal.renamed(count: 0)
        var renames = 0
        func move(_ from: String, _ to: String) throws {
            guard rename(from, to) == 0 else { throw OutputError(to, "cannot move the finished file into place") }
            renames += 1
            CommitJournal.renamed(count: renames)
        }
        do {
            for name in staged {
                let target = "\(directory)/\(name)"
                if DurableFile.exists(target) { try move(target, "\(staging)/\(CommitJournal.earlierName(name))") }
                try move("\(staging)/\(name)", target)
            }
            try DurableFile.sync(directory)
        } catch {
            // Undo under a `back` journal; if even that fails, the staging folder stays for the next run.
            let back = CommitJournal(names: staged, direction: .back)
            if (try? back.write(into: staging)) != nil, (try? back.complete(staging: staging, directory: directory)) != nil,
               (try? CommitJournal.remove(from: staging)) != nil {
                keepStaging = false
            }
            throw error
        }
        committed = true
        // Done; a journal left behind by a failure here only makes the next run remove the folder.
        try? CommitJournal.remove(from: staging)
        try? FileManager.default.removeItem(atPath: staging)
    }
}
