import Foundation
@testable import Nabijheid

/// Runs the whole pipeline in-process on a configuration text and reads back the layers.
struct PipelineRun {
    /// The run's folder (configuration, outputs in `out/`); gone after `init` unless `keepingOutput`.
    let directory: String
    let report: RunReport
    let buurten: [[String: Any]]
    let woningen: [[String: Any]]
    let voorzieningen: [[String: Any]]

    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The shared real-data folder: `NABIJHEID_SHARED_DATA`, or `../shared/data` beside the package.
    static var sharedData: String {
        ProcessInfo.processInfo.environment["NABIJHEID_SHARED_DATA"]
            ?? URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared/data").path
    }

    /// A fresh folder under the temporary folder. The caller removes it
    /// (`defer { PipelineRun.remove(directory) }`): test runs must not fill /tmp.
    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "nabijheid-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Removes a folder of `temporaryDirectory()` with everything in it.
    static func remove(_ directory: String) {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// - Parameters:
    ///   - baseDirectory: where relative paths in `configuration` point.
    ///   - keepingOutput: leave the run's folder (`directory`, outputs in `out/`) for the caller
    ///     to read and remove; otherwise it is removed once the layers are read back.
    init(configuration text: String, baseDirectory: String, threads: Int = 2, keepingOutput: Bool = false) throws {
        let directory = Self.temporaryDirectory()
        var read = false
        defer { if !(keepingOutput && read) { Self.remove(directory) } }
        self.directory = directory
        let configFile = "\(directory)/config.toml"
        try text.write(toFile: configFile, atomically: true, encoding: .utf8)
        var configuration = try ConfigurationLoader.parse(text, file: configFile, baseDirectory: baseDirectory,
                                                          outputOverride: "\(directory)/out")
        configuration.file = configFile
        let result = try RunPipeline.run(configuration, timer: StageTimer(), threads: threads)
        report = try RunWriter.write(result, threads: threads)
        buurten = try Self.features("\(directory)/out/buurten.geojson")
        woningen = try Self.features("\(directory)/out/woningen.geojson")
        voorzieningen = try Self.features("\(directory)/out/voorzieningen.geojson")
        read = true
    }

    static func features(_ path: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return object["features"] as! [[String: Any]]
    }

    func properties(_ feature: [String: Any]) -> [String: Any] { feature["properties"] as! [String: Any] }

    func dwelling(_ id: String) -> [String: Any]? {
        woningen.first { properties($0)["woning_id"] as? String == id }.map(properties)
    }
}
