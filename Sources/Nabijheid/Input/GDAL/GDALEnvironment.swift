import CGDAL
import Foundation

/// Process-wide GDAL set-up: drivers registered once, and GDAL's messages captured instead of
/// printed, so that warnings reach the run report and errors become typed Swift errors.
enum GDALEnvironment {
    private static let once: Void = {
        GDALAllRegister()
        // Traditional GIS order everywhere: longitude before latitude.
        CPLSetConfigOption("OSR_DEFAULT_AXIS_MAPPING_STRATEGY", "TRADITIONAL_GIS_ORDER")
        // Never reach out to the network on behalf of a path, not even one nested in a local
        // file (a VRT naming a URL): every HTTP request GDAL would make goes to a proxy on a
        // closed local port and fails at once; /vsicurl/ accepts no extension; the HTTP
        // driver is removed.
        if !InputPath.allowRemote {
            CPLSetConfigOption("GDAL_HTTP_PROXY", "127.0.0.1:9")
            CPLSetConfigOption("GDAL_HTTPS_PROXY", "127.0.0.1:9")
            CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1")
            CPLSetConfigOption("GDAL_HTTP_MAX_RETRY", "0")
            CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".nabijheid-no-network")
            if let http = GDALGetDriverByName("HTTP") { GDALDeregisterDriver(http) }
        }
        // Outside a capture GDAL's messages are dropped: failures are read back with
        // CPLGetLastErrorMsg and thrown; warnings matter only while inputs are read.
        CPLSetErrorHandler { _, _, _ in }
    }()

    static func prepare() { _ = once }

    /// The message of the last GDAL error on this thread, or a fallback.
    static func lastError(or fallback: String) -> String {
        let message = String(cString: CPLGetLastErrorMsg())
        return message.isEmpty ? fallback : message
    }
}

/// Collects GDAL's warnings on the current thread while `body` runs (a thread-local error
/// handler), counted by message, so each run reports its own warnings even when several runs
/// share a process.
final class GDALWarnings {
    private(set) var counts: [String: Int] = [:]

    static func capturing<T>(_ body: () throws -> T) rethrows -> (T, [String]) {
        GDALEnvironment.prepare()
        let collector = GDALWarnings()
        let box = Unmanaged.passRetained(collector).toOpaque()
        CPLPushErrorHandlerEx({ level, _, message in
            guard level == CE_Warning, let user = CPLGetErrorHandlerUserData() else { return }
            let collector = Unmanaged<GDALWarnings>.fromOpaque(user).takeUnretainedValue()
            collector.counts[message.map { String(cString: $0) } ?? "", default: 0] += 1
        }, box)
        defer {
            CPLPopErrorHandler()
            Unmanaged<GDALWarnings>.fromOpaque(box).release()
        }
        let value = try body()
        let lines = collector.counts.sorted { $0.key < $1.key }.map { "GDAL: \($0.key) (\($0.value)×)" }
        return (value, lines)
    }
}
