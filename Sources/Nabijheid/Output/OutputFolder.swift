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

    public init(directory: String) throws {
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

    /// Moves every staged file to its final name.
    public func commit() throws {
        for name in staged {
            let target = "\(directory)/\(name)"
            guard rename("\(staging)/\(name)", target) == 0 else {
                throw InputError("\(target): cannot move the finished file into place (\(String(cString: strerror(errno))))")
            }
        }
        committed = true
        try? FileManager.default.removeItem(atPath: staging)
    }
}
