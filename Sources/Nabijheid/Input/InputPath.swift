import Foundation

/// Rules for the paths a configuration names. Paths are local files: GDAL's virtual file
/// systems that reach the network (`/vsicurl/`, `/vsis3/`, …) and URLs are refused, so that a
/// configuration from an untrusted branch cannot make the tool fetch anything.
public enum InputPath {
    /// Set by `check --allow-remote` before anything is read: then remote paths are opened.
    nonisolated(unsafe) public static var allowRemote = false

    static let remotePrefixes = ["/vsicurl", "/vsis3", "/vsigs", "/vsiaz", "/vsiadls", "/vsioss", "/vsiswift", "/vsihdfs", "/vsiwebhdfs"]

    public static func isRemote(_ path: String) -> Bool {
        path.contains("://") || remotePrefixes.contains { path.hasPrefix($0) }
            || path.contains("/vsicurl") || path.contains("/vsis3")
    }

    /// - Throws: `InputError` naming the path when it is remote, missing or a folder.
    public static func checkLocalFile(_ path: String) throws {
        if isRemote(path) {
            guard allowRemote else { throw InputError("\(path): remote paths are not read; give a local file (or pass --allow-remote to check)") }
            return
        }
        // GDAL archive paths (/vsizip/…/stops.txt) are checked on their archive.
        var local = path
        for prefix in ["/vsizip/", "/vsigzip/", "/vsitar/"] where local.hasPrefix(prefix) {
            local = String(local.dropFirst(prefix.count - 1))
            if let range = local.range(of: ".zip/") ?? local.range(of: ".tar/") ?? local.range(of: ".gz/") {
                local = String(local[..<range.lowerBound]) + String(local[range].dropLast())
            }
        }
        var status = stat()
        guard stat(local, &status) == 0 else {
            throw InputError("\(path): file not found")
        }
        // Only regular files (and a File Geodatabase folder): a FIFO would block the run
        // forever, a device or socket is no data set.
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            break
        case S_IFDIR:
            if !local.hasSuffix(".gdb") { throw InputError("\(path): is a folder, expected a file") }
        case S_IFIFO:
            throw InputError("\(path): is a named pipe (FIFO), expected a regular file")
        case S_IFSOCK:
            throw InputError("\(path): is a socket, expected a regular file")
        default:
            throw InputError("\(path): is a device or other special file, expected a regular file")
        }
        guard FileManager.default.isReadableFile(atPath: local) else {
            throw InputError("\(path): file is not readable")
        }
    }
}
