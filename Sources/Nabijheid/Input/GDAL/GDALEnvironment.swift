import CGDAL
import Foundation

/// Process-wide GDAL set-up: drivers registered once, and GDAL's messages captured instead of
/// printed, so that warnings reach the run report and errors become typed Swift errors.
enum GDALEnvironment {
    private static let once: Void = {
        GDALAllRegister()
        // Traditional GIS order everywhere: longitude before latitude.
        CPLSetConfigOption("OSR_DEFAULT_AXIS_MAPPING_STRATEGY", "TRADITIONAL_GIS_ORDER")
        // The OSM driver keeps its node store and way database in temporary files: in the
        // system's temporary folder (not the working directory, GDAL's default), with node
        // coordinates compressed (real extracts have sparse node ids, which otherwise grow
        // the node file many times over).
        if getenv("CPL_TMPDIR") == nil {
            CPLSetConfigOption("CPL_TMPDIR", FileManager.default.temporaryDirectory.path)
        }
        if getenv("OSM_COMPRESS_NODES") == nil {
            CPLSetConfigOption("OSM_COMPRESS_NODES", "YES")
        }
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
            // Only drivers that read local files stay: a database or web-service driver (PG,
            // MySQL, WFS, …) would open a socket even for a source nested in a local VRT.
            for index in stride(from: GDALGetDriverCount() - 1, through: 0, by: -1) {
                guard let driver = GDALGetDriver(index) else { continue }
                if !localDrivers.contains(String(cString: GDALGetDriverShortName(driver))) { GDALDeregisterDriver(driver) }
            }
        }
        // Outside a capture GDAL's messages are dropped: failures are read back with
        // CPLGetLastErrorMsg and thrown; warnings matter only while inputs are read.
        CPLSetErrorHandler { _, _, _ in }
    }()

    static func prepare() { _ = once }

    /// The GDAL drivers that may open inputs (and write outputs) without `--allow-remote`:
    /// formats that live in local files, and GDAL's in-memory formats. Every other driver is
    /// deregistered at set-up, so that no input, nor a source nested in it, reaches a server.
    static let localDrivers: Set<String> = [
        "GPKG", "GeoJSON", "GeoJSONSeq", "ESRIJSON", "TopoJSON", "ESRI Shapefile", "FlatGeobuf", "CSV", "OSM",
        "OpenFileGDB", "GML", "KML", "LIBKML", "SQLite", "OGR_VRT", "MapInfo File", "DXF", "GPX", "ODS", "XLSX",
        "LVBAG", "JML", "GeoRSS", "PGDUMP", "Parquet", "Arrow", "MVT", "PMTiles", "Memory", "MEM",
    ]

    /// `localDrivers` as a list for `GDALOpenEx`, or nil (every driver) with `--allow-remote`.
    static var openDrivers: [String]? {
        InputPath.allowRemote ? nil : localDrivers.sorted()
    }

    /// The message of the last GDAL error on this thread, or a fallback.
    static func lastError(or fallback: String) -> String {
        let message = String(cString: CPLGetLastErrorMsg())
        return message.isEmpty ? fallback : message
    }
}

/// Collects GDAL's warnings while `body` runs, counted by message, so each run reports its own
/// warnings even when several runs share a process. GDAL's error handlers are per thread:
/// `capturing` installs one on the current thread; work it hands to other threads joins the
/// same collector with `GDALWarnings.current?.collect { … }` (or `GDALWarnings.joining`).
final class GDALWarnings {
    private var counts: [String: Int] = [:]
    private let lock = NSLock()

    static func capturing<T>(_ body: () throws -> T) rethrows -> (T, [String]) {
        let collector = GDALWarnings()
        let value = try collector.collect(body)
        let lines = collector.lock.withLock { collector.counts }.sorted { $0.key < $1.key }.map { "GDAL: \($0.key) (\($0.value)×)" }
        return (value, lines)
    }

    /// The collector active on this thread, if any.
    static var current: GDALWarnings? {
        Thread.current.threadDictionary[threadKey] as? GDALWarnings
    }

    /// Runs `body` with the warnings of this thread going to `collector` (when there is one).
    /// For work that `capturing` code hands to another thread.
    static func joining<T>(_ collector: GDALWarnings?, _ body: () throws -> T) rethrows -> T {
        guard let collector else { return try body() }
        return try collector.collect(body)
    }

    private static let threadKey = "nabijheid.gdal-warnings"

    /// Counts one warning; for handlers that stand in for this collector's (`GDALReadFailures`).
    func record(_ message: String) {
        lock.withLock { counts[message, default: 0] += 1 }
    }

    /// Counts the warnings raised on the current thread while `body` runs; safe to use from
    /// several threads at once.
    func collect<T>(_ body: () throws -> T) rethrows -> T {
        GDALEnvironment.prepare()
        let box = Unmanaged.passRetained(self).toOpaque()
        CPLPushErrorHandlerEx({ level, _, message in
            guard level == CE_Warning, let user = CPLGetErrorHandlerUserData() else { return }
            let collector = Unmanaged<GDALWarnings>.fromOpaque(user).takeUnretainedValue()
            let text = message.map { String(cString: $0) } ?? ""
            collector.lock.withLock { collector.counts[text, default: 0] += 1 }
        }, box)
        let dictionary = Thread.current.threadDictionary
        let outer = dictionary[Self.threadKey]
        dictionary[Self.threadKey] = self
        defer {
            dictionary[Self.threadKey] = outer
            CPLPopErrorHandler()
            Unmanaged<GDALWarnings>.fromOpaque(box).release()
        }
        return try body()
    }
}
