import Foundation

/// Which output folders a run may write to. Checked before anything is created or written;
/// every refusal is an `InputError` (exit 2):
///
/// - a URL (`http://…`, `s3://…`) or a GDAL virtual file system (`/vsis3/…`, `/vsimem/…`):
///   results are written to local folders only, also with `--allow-remote`;
/// - a folder where a file the run writes would replace one of its inputs (the configuration,
///   a layer, the network, the plan), e.g. `output_dir = "."` beside `buurten.geojson`. Paths
///   are compared after resolving symbolic links and `..`, so a link to the input folder is
///   caught too.
public enum OutputLocation {
    /// - Parameters:
    ///   - directory: the output folder as configured.
    ///   - names: every file name the run may write into it.
    ///   - inputs: every file the run reads.
    public static func check(_ directory: String, names: [String], inputs: [String]) throws {
        if isRemote(directory) {
            throw InputError("\(directory): the output folder must be a local folder; URLs and GDAL virtual file systems (/vsi…) are not written to")
        }
        let folder = resolved(directory)
        let outputs = Set(names.map { "\(folder)/\($0)" })
        for input in inputs where !InputPath.isRemote(input) && !input.hasPrefix("/vsi") {
            // The input's own path (a link there would be replaced by the rename) and the file it
            // finally is (a link to the input folder, `..`).
            let absolute = URL(fileURLWithPath: input).standardizedFileURL
            let forms = [resolved(absolute.deletingLastPathComponent().path) + "/" + absolute.lastPathComponent, resolved(input)]
            if let clash = forms.first(where: outputs.contains) {
                throw InputError("\(directory): the output folder holds the input \(input)\(clash == forms[0] ? "" : " (as \(clash))"), which the run would overwrite; choose another output_dir or --output")
            }
            if forms.contains(where: { folder == $0 || folder.hasPrefix($0 + "/") }) {
                throw InputError("\(directory): the output folder is, or lies inside, the input \(input); choose another output_dir or --output")
            }
        }
    }

    /// URLs (also `http:/x`, the form `http://x` takes when a path is standardized) and GDAL's
    /// virtual file systems.
    static func isRemote(_ path: String) -> Bool {
        if path.hasPrefix("/vsi") || InputPath.isRemote(path) { return true }
        let first = path.split(separator: "/").first.map(String.init) ?? ""
        return first.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:$", options: .regularExpression) != nil
    }

    /// `path` made absolute with every symbolic link and `..` resolved; the part that does not
    /// exist yet is taken as written.
    static func resolved(_ path: String) -> String {
        var existing = URL(fileURLWithPath: path).standardizedFileURL.path
        var rest: [String] = []
        while !existing.isEmpty && existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                existing = String(cString: real)
                break
            }
            let (parent, name) = split(existing)
            rest.insert(name, at: 0)
            existing = parent ?? "/"
        }
        return ([existing == "/" ? "" : existing] + rest).joined(separator: "/")
    }

    /// The folder above `path` (nil for a relative single name) and its last component. Written
    /// out because NSString's `deletingLastPathComponent` traps on one-letter names on Linux.
    static func split(_ path: String) -> (parent: String?, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return (nil, String(trimmed)) }
        let parent = trimmed[..<slash]
        return (parent.isEmpty ? "/" : String(parent), String(trimmed[trimmed.index(after: slash)...]))
    }
}

extension RunConfiguration {
    /// Every file a run reads: the configuration, the layers, the network and the facility sources.
    public var inputFiles: [String] {
        [file, buurten.input.path, dwellings.input.path, network.input.path] + facilities.map(\.path) + [chbQuayFile].compactMap { $0 }
    }
}
