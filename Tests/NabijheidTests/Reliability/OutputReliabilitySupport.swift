import Foundation
import Testing
@testable import Nabijheid

// Helpers for the output-side reliability tests (issue 10): checksums of an output folder,
// the refusal contract of README "Guarantees", and configurations written beside the town copy.

enum OutputSnapshot {
    /// SHA-256 of every regular file directly inside `folder`, by name; hidden entries (a staging
    /// folder) are listed separately by `hiddenEntries`.
    static func checksums(_ folder: URL) throws -> [String: String] {
        var sums: [String: String] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !entry.hasPrefix(".") {
            let path = folder.appendingPathComponent(entry).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                sums[entry] = try FileChecksum(path: path).sha256
            }
        }
        return sums
    }

    /// Entries starting with a dot: a staging folder left behind, a stray journal.
    static func hiddenEntries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(".") }.sorted()
    }
}

extension CLIResult {
    /// The refusal contract: exit `status`, exactly one `nabijheid: error: …` line on stderr
    /// holding every fragment, nothing on stdout.
    func expectRefusal(status: Int32, mentions fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(exited(status), "expected exit status \(status)\n\(self)", sourceLocation: sourceLocation)
        #expect(stderr.hasPrefix("nabijheid: error: "), "\(self)", sourceLocation: sourceLocation)
        #expect(stderr.split(separator: "\n").count == 1, "one line of error\n\(self)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(stderr.contains(fragment), "stderr should mention \(fragment)\n\(self)", sourceLocation: sourceLocation)
        }
        #expect(stdout.isEmpty, "no summary after a failure\n\(self)", sourceLocation: sourceLocation)
    }
}

extension TownCopy {
    /// Writes a variant of the town's configuration as `name` and returns its URL.
    @discardableResult
    func writeConfig(_ name: String, replacing replacements: [(String, String)] = [], appending extra: String = "",
                     sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        var text = try read("nabijheid.toml")
        for (old, new) in replacements {
            #expect(text.contains(old), "'\(old)' does not occur in the fixture configuration", sourceLocation: sourceLocation)
            text = text.replacingOccurrences(of: old, with: new)
        }
        try write(text + extra, to: name)
        return url(name)
    }

    /// `nabijheid run --config <config> --output <output>` in the copy, with `environment`.
    func run(config: URL, output: URL, environment: [String: String] = [:], timeout: Double = 60) throws -> CLIResult {
        try TestSupport.run(["run", "--config", config.path, "--output", output.path], in: directory, timeout: timeout,
                            environment: environment)
    }
}
