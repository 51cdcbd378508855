import CGDAL
import Foundation

/// Records the errors (`CE_Failure`, `CE_Fatal`) GDAL raises on the current thread while a
/// layer is read, so that a damaged file (a GeoPackage with garbage in the middle, a truncated
/// PBF) ends the run instead of yielding the features read before the damage. GDAL reports
/// such damage by calling the error handler and then returning NULL from `GetNextFeature`, as
/// it does at the end of a healthy layer: only the handler tells the two apart.
///
/// Warnings raised meanwhile go on to the run's `GDALWarnings` collector, if there is one.
/// One instance per read loop and thread; not thread-safe.
final class GDALReadFailures {
    /// GDAL's message of the first error, nil while there is none.
    private(set) var message: String?
    private let warnings: GDALWarnings?
    private let opening: Bool

    private init(warnings: GDALWarnings?, opening: Bool) {
        self.warnings = warnings
        self.opening = opening
    }

    /// Runs `body` (a read loop) with GDAL's errors on this thread recorded; `body` calls
    /// `check` after every feature it fetches, and the scope checks once more at the end.
    /// - Throws: `InputError` naming `label`, the last feature read and GDAL's message.
    ///   With `opening`, the message says the layer cannot be opened (a VRT whose source GDAL
    ///   may not open) instead of naming a feature.
    static func reading<T>(_ label: String, opening: Bool = false, _ body: (GDALReadFailures) throws -> T) throws -> T {
        GDALEnvironment.prepare()
        let scope = GDALReadFailures(warnings: GDALWarnings.current, opening: opening)
        let box = Unmanaged.passRetained(scope).toOpaque()
        CPLErrorReset()
        CPLPushErrorHandlerEx({ level, _, message in
            guard let user = CPLGetErrorHandlerUserData() else { return }
            let scope = Unmanaged<GDALReadFailures>.fromOpaque(user).takeUnretainedValue()
            let text = message.map { String(cString: $0) } ?? ""
            if level == CE_Warning {
                scope.warnings?.record(text)
            } else if (level == CE_Failure || level == CE_Fatal) && scope.message == nil {
                // Some messages print a huge coordinate in full; one line must stay readable.
                scope.message = text.isEmpty ? "unknown GDAL error" : (text.count > 300 ? text.prefix(300) + "…" : text)
            }
        }, box)
        defer {
            CPLPopErrorHandler()
            Unmanaged<GDALReadFailures>.fromOpaque(box).release()
        }
        let value = try body(scope)
        try scope.check(label, after: scope.lastFeature)
        if scope.message == nil, CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            scope.message = GDALEnvironment.lastError(or: "unknown GDAL error")
            try scope.check(label, after: scope.lastFeature)
        }
        return value
    }

    /// The id of the last feature read, for the message.
    var lastFeature: Int64?

    /// - Throws: `InputError` when GDAL has raised an error since the scope began.
    ///   `label` is only worked out then: this runs once per feature.
    func check(_ label: @autoclosure () -> String, after feature: Int64?) throws {
        guard let message else { return }
        let label = label()
        if opening {
            let remote = InputPath.allowRemote ? "" : " (only local files are opened: a source that needs a server, such as PG:, MYSQL: or a web service, is refused; check --allow-remote allows it)"
            throw InputError("\(label): GDAL cannot open the layer: \(message)\(remote)")
        }
        let position = feature.map { "after feature \($0)" } ?? "before the first feature"
        throw InputError("\(label): GDAL could not read the layer (stopped \(position)): \(message); the file is damaged or incomplete")
    }
}
