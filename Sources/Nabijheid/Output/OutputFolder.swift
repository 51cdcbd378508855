import Foundation

/// Writes a run's files atomically: everything goes to a hidden staging folder inside the
/// output folder, and only when every file is complete are they renamed into place (rename
/// within one file system is atomic). After a failure or a crash no half-written file carries
/// a final name; a stale staging folder from a crash is removed by the next run.
public final class OutputFolder {
    public let directory: String
    let staging: String
    private var staged: [String] = []
    private var committed = false

    /// - Parameters:
    ///   - directory: the output folder.
    ///   - names: every file name the run may write (to refuse a folder holding an input of that name).
    ///   - inputs: every file the run reads.
    /// - Throws: `InputError` for a folder the run must not write to (`OutputLocation`).
    public init(directory: String, names: [String] = [], protecting inputs: [String] = []) throws {
        try OutputLocation.check(directory, names: names, inputs: inputs)
        self.directory = directory
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError("\(directory): cannot create the output folder (\(error.localizedDescription))")
        }
        for entry in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] where entry.hasPrefix(".nabijheid-staging-") {
            try? manager.removeItem(atPath: "\(directory)/\(entry)")
        }
        staging = "\(directory)/.nabijheid-staging-\(ProcessInfo.processInfo.processIdentifier)"
        try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// The staging path for an output file name such as `buurten.geojson`.
    public func stagingPath(for name: String) -> String {
        precondition(!name.contains("/"), "output names are plain file names")
        staged.append(name)
        return "\(staging)/\(name)"
    }

    public func write(_ data: Data, to name: String) throws {
        try data.write(to: URL(fileURLWithPath: stagingPath(for: name)))
    }

    /// Moves every staged file to its final name, all or nothing: earlier results are first
    /// moved aside, and if any rename fails, the new files are taken back and the earlier ones
    /// restored, so the folder holds either the complete new results or the old ones.
    public func commit() throws {
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
            guard rename(from, to) == 0 else {
                throw InputError("\(to): cannot move the finished file into place (\(String(cString: strerror(errno))))")
            }
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
