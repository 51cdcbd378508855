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
        CPLSetErrorHandler { level, _, message in
            let text = message.map { String(cString: $0) } ?? ""
            GDALDiagnostics.shared.record(level: level, message: text)
        }
    }()

    static func prepare() { _ = once }

    /// The message of the last GDAL error on this thread, or a fallback.
    static func lastError(or fallback: String) -> String {
        let message = String(cString: CPLGetLastErrorMsg())
        return message.isEmpty ? fallback : message
    }
}

/// Warnings GDAL emitted during the run, counted by message so the report stays short.
final class GDALDiagnostics: @unchecked Sendable {
    static let shared = GDALDiagnostics()
    private let lock = NSLock()
    private var warnings: [String: Int] = [:]

    func record(level: CPLErr, message: String) {
        guard level == CE_Warning else { return }
        lock.lock(); defer { lock.unlock() }
        warnings[message, default: 0] += 1
    }

    /// Warnings seen so far, sorted by message, and cleared.
    func drain() -> [(message: String, count: Int)] {
        lock.lock(); defer { lock.unlock() }
        let result = warnings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        warnings.removeAll()
        return result
    }
}
