import Foundation

/// Writes the layers and `run.json` of a run into the output folder, atomically.
public enum RunWriter {
    /// The files every run writes in the default GeoJSON format; `wijken.geojson` and
    /// `gemeenten.geojson` are added when the buurten carry (or their CBS codes give) wijk and
    /// gemeente codes, `bereikgebieden.geojson`, `rapport.html` and the `.qml` styles unless
    /// switched off in `[outputs]`.
    public static let fileNames = ["buurten.geojson", "woningen.geojson", "voorzieningen.geojson", "run.json"]

    /// Every file name a run may write into its folder, in any format: a folder holding an
    /// input of one of these names is refused (`OutputLocation`).
    public static let possibleFileNames: [String] = {
        let layers = ["buurten", "wijken", "gemeenten", "woningen", "voorzieningen", "bereikgebieden"]
        let extensions = Set(VectorFormat.allCases.map(\.fileExtension) + ["qml"]).sorted()
        return layers.flatMap { layer in extensions.map { "\(layer).\($0)" } } + ["rapport.html", "run.json"]
    }()

    /// Opens the configuration's output folder for a run (checked, created, locked, an
    /// interrupted commit completed); call it before the run reads its inputs.
    public static func openFolder(_ configuration: RunConfiguration) throws -> OutputFolder {
        try OutputFolder(directory: configuration.outputDirectory, names: possibleFileNames, protecting: configuration.inputFiles)
    }

    /// Writes the run's files into `folder` (by default the configuration's, opened here) and commits them.
    /// `fileTime` hears how long each file took (for `--timings`); the commit counts as `commit`.
    @discardableResult
    public static func write(_ result: RunResult, into folder: OutputFolder? = nil, threads: Int = 1,
                             fileTime: ((String, Double) -> Void)? = nil) throws -> RunReport {
        let configuration = result.configuration
        let settings = configuration.outputs
        let format = settings.format
        let folder = try folder ?? openFolder(configuration)
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let (value, seconds) = try measured(body)
            fileTime?(name, seconds)
            return value
        }
        // The inputs' checksums for run.json are read while the layers are written: writing
        // leaves a core partly idle, and at national size hashing the inputs takes a second.
        let paths = Set(inputFiles(configuration).map(\.path) + [configuration.file]).sorted()
        let checksums = BackgroundWork { try Dictionary(uniqueKeysWithValues: paths.map { ($0, try FileChecksum(path: $0)) }) }
        // A write error is not reported while the inputs are still being read on the other thread.
        defer { _ = try? checksums.value() }
        var outputs: [RunReport.Output] = []
        func layer(_ name: String, _ write: (String) throws -> Int) throws {
            outputs.append(.init(bestand: name, features: try timed(name) { try write(folder.stagingPath(for: name)) }))
        }
        // The dwellings (gigabytes at national size) are written beside the other layers:
        // their text goes to the disk about as fast as it is formatted, which leaves a core
        // partly idle, and the area layers and the facilities are GDAL's work on one core (at
        // 8 M: 4 s of 20, the service areas 3 s more). Each file is written by one thread
        // alone; the list of outputs in run.json and the bytes keep their order. On one thread
        // the files are written in turn.
        let dwellings = "woningen." + (settings.dwellingsAsSequence ? VectorFormat.geojsonseq.fileExtension : format.fileExtension)
        let dwellingsPath = try folder.stagingPath(for: dwellings)
        let writeDwellings = {
            try measured {
                try DwellingLayer.write(result, to: dwellingsPath, format: format, sequence: settings.dwellingsAsSequence, threads: threads)
            }
        }
        let dwellingWork = threads < 2 ? nil : BackgroundWork(writeDwellings)
        // Every way out waits for the dwellings' thread (see `BackgroundWork`).
        defer { _ = try? dwellingWork?.value() }
        for report in result.areas {
            try layer("\(report.level.kind.layerName).\(format.fileExtension)") { try AreaLayer.write(result, report: report, to: $0, format: format) }
        }
        let facilities = "voorzieningen.\(format.fileExtension)"
        let facilitiesWritten = try timed(facilities) { try FacilityLayer.write(result, to: folder.stagingPath(for: facilities), format: format) }
        // Service areas may still be being drawn beside the writing so far (`RunResult.withServiceAreas`).
        let result = result.serviceAreaWork == nil ? result : try timed("wacht: bereikgebieden") { try result.withServiceAreas() }
        var serviceAreas: RunReport.Output?
        if !result.distances.serviceAreas.isEmpty {
            let name = "bereikgebieden.\(format.fileExtension)"
            serviceAreas = .init(bestand: name, features: try timed(name) {
                try ServiceAreaLayer.write(result, to: folder.stagingPath(for: name), format: format, threads: threads)
            })
        }
        // The dwelling layer has a feature per dwelling: the report and rapport.html, which list
        // the outputs, are made while its last gigabytes go to the disk (at national size the
        // disk is then the bottleneck and a core is free).
        outputs.append(.init(bestand: dwellings, features: result.dwellings.count))
        outputs.append(.init(bestand: facilities, features: facilitiesWritten))
        if let serviceAreas { outputs.append(serviceAreas) }
        try timed("stijlen en schema's") {
            if settings.qgisStyles { try writeStyles(result, outputs: outputs, folder: folder) }
            try LayerSchemaFile.write(configuration, outputs: outputs.map(\.bestand), folder: folder)
        }
        if settings.htmlReport { outputs.append(.init(bestand: "rapport.html", features: result.buurten.count)) }
        let report = try makeReport(result, outputs: outputs, checksums: try checksums.value())
        let html = settings.htmlReport ? timed("rapport.html") { Data(HTMLReport.render(result, report: report).utf8) } : nil
        let dwellingsWritten = try dwellingWork?.value() ?? writeDwellings()
        fileTime?(dwellings, dwellingsWritten.seconds)
        precondition(dwellingsWritten.value == result.dwellings.count, "one feature per dwelling")
        if let html { try folder.write(html, to: "rapport.html") }
        try folder.write(try report.encoded(), to: "run.json")
        try timed("commit") { try folder.commit() }
        return report
    }

    /// `body`'s value and how long it took, in seconds (for `--timings`).
    private static func measured<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let begin = DispatchTime.now()
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - begin.uptimeNanoseconds) / 1e9)
    }

    /// A `.qml` next to every layer, with the layer's base name, so QGIS opens it styled.
    static func writeStyles(_ result: RunResult, outputs: [RunReport.Output], folder: OutputFolder) throws {
        for output in outputs {
            let base = String(output.bestand.prefix { $0 != "." })
            if let style = QGISStyle.style(forLayer: base, result.configuration) { try folder.write(Data(style.utf8), to: "\(base).qml") }
        }
    }

    /// The input files of a run with their role in `run.json`, each (role, path) once.
    static func inputFiles(_ configuration: RunConfiguration) -> [(role: String, path: String)] {
        var roles: [(String, String)] = [("buurten", configuration.buurten.input.path), ("netwerk", configuration.network.input.path),
                                          ("woningen", configuration.dwellings.input.path)]
        roles += configuration.facilities.map { ("voorzieningen", $0.path) }
        if let chb = configuration.chbQuayFile { roles.append(("chb_perrons", chb)) }
        if let nodes = configuration.network.nodes, nodes.path != configuration.network.input.path { roles.append(("netwerk_knopen", nodes.path)) }
        var seen: Set<String> = []
        return roles.filter { seen.insert("\($0.0)|\($0.1)").inserted }.map { (role: $0.0, path: $0.1) }
    }

    /// `checksums`: of every path of `inputFiles` and of the configuration file.
    static func makeReport(_ result: RunResult, outputs: [RunReport.Output], checksums: [String: FileChecksum]) throws -> RunReport {
        let configuration = result.configuration
        let base = URL(fileURLWithPath: configuration.file).deletingLastPathComponent().standardizedFileURL.path
        func relative(_ path: String) -> String {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        }
        func checksum(_ path: String) throws -> FileChecksum {
            guard let checksum = checksums[path] else { return try FileChecksum(path: path) }
            return checksum
        }
        let inputs = try inputFiles(configuration).map { input in
            let sum = try checksum(input.path)
            return RunReport.InputFile(rol: input.role, pad: relative(input.path), bytes: sum.bytes, sha256: sum.sha256)
        }
        let configurationChecksum = try checksum(configuration.file)
        let facilities = configuration.catalog.categories.indices.map { category -> RunReport.Facilities in
            let members = result.facilities.indices.filter { result.facilities[$0].category == category }
            let routable = members.filter { result.facilityLinks[$0].isRoutable }.count
            return .init(categorie: configuration.catalog.categories[category].name, gelezen: members.count,
                         routeerbaar: routable, niet_routeerbaar: members.count - routable)
        }
        let warnings = result.notes
        return RunReport(
            nabijheid_versie: NabijheidVersion.current,
            configuratie: .init(bestand: URL(fileURLWithPath: configuration.file).lastPathComponent,
                                sha256: configurationChecksum.sha256, tekst: configuration.text),
            invoer: inputs,
            parameters: .init(drempels_m: configuration.distances.thresholds, zoekgrens_m: configuration.distances.cutoff,
                              max_aansluiting_m: configuration.network.maxSnapMeters,
                              min_eilandknopen: configuration.network.minimumIslandNodes,
                              profiel: configuration.network.rules.profile.rawValue),
            netwerk: result.network,
            woningen: .init(outcomes: result.outcomes, skipped: result.dwellingsSkipped),
            voorzieningen: facilities,
            buurten: result.buurten.count,
            beoordeling: RunReport.ProfileTotals.totals(result.areas, profiles: configuration.assessment.profiles),
            meldingen: warnings,
            uitvoer: outputs, waarschuwingen: RunReport.warnings(for: result), cbs_vergelijking: RunReport.cbsCategories(result),
            aanrijtijden: result.careResponse.map { RunReport.CareResponseReport($0, catalog: configuration.catalog) },
            mobiliteitsprofielen: RunReport.mobilityReports(result))
    }
}
