import ArgumentParser
import Foundation
import Nabijheid

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Compute walking distances and per-buurt figures and write the GeoJSON layers.",
        discussion: """
        Reads the buurten, dwellings, facilities and the pedestrian network named in the \
        configuration (any vector format GDAL reads; OSM .pbf for the network), links every \
        point to the nearest walkable segment, runs one bounded multi-source search per \
        facility category, judges every buurt, wijk and gemeente against the requirement \
        profiles and writes to the output folder buurten.geojson, wijken.geojson, \
        gemeenten.geojson, woningen.geojson, voorzieningen.geojson and bereikgebieden.geojson \
        (or .gpkg / .fgb, see [outputs]), a QGIS style (.qml) beside each, rapport.html and \
        run.json. Files appear only when all of them are complete. docs/schema.md describes \
        every property.
        """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print the time and peak memory of every stage to stderr.")
    var timings = false

    func run() throws {
        options.logFormat.configureProgress(timingsRequested: timings)
        FreedMemoryReuse.enable()
        let timer = StageTimer { stage in
            guard timings else { return }
            // 20 characters: the longest stage name, `mobiliteitsnetwerken`, whole.
            let line = stage.name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %8.2f s  %8.0f MB peak  %7.2f s cpu", stage.seconds, stage.peakMemoryMB, stage.cpuSeconds)
            FileHandle.standardError.write(Data("\(line)\n".utf8))
        }
        let report = try reportingErrors { () -> RunReport in
            let configuration = try options.loadConfiguration()
            let folder = try RunWriter.openFolder(configuration)
            let result = try RunPipeline.run(configuration, timer: timer, threads: options.workerThreads)
            ResultKeptUntilExit.result = result
            return try timer.measure("schrijven") {
                try RunWriter.write(result, into: folder, threads: options.workerThreads) { file, seconds in
                    // Indented under the stage that follows: what each file of `schrijven` took.
                    guard timings else { return }
                    FileHandle.standardError.write(Data(("  " + file).padding(toLength: 24, withPad: " ", startingAt: 0).appending(String(format: " %8.2f s\n", seconds)).utf8))
                }
            }
        }
        if timings {
            FileHandle.standardError.write(Data(String(format: "totaal               %8.2f s  %8.0f MB peak  %7.2f s cpu\n", timer.totalSeconds, StageTimer.peakMemoryMB(), StageTimer.cpuSeconds()).utf8))
        }
        if !options.quiet { print(RunSummary.text(report)) }
    }
}

/// The run's result, kept until the process exits instead of freed when `run` returns: freeing
/// millions of dwellings and the per-category arrays one by one took 0.3 s at the very end of
/// an 8 M run, on one core, while the kernel takes the pages back at exit at once.
private enum ResultKeptUntilExit {
    nonisolated(unsafe) static var result: RunResult?
}

/// The short summary printed after a run.
enum RunSummary {
    static func text(_ report: RunReport) -> String {
        let w = report.woningen
        var lines = [
            "nabijheid \(report.nabijheid_versie): \(report.buurten) buurten, \(w.gelezen) woningen, netwerk \(report.netwerk.knopen) knopen / \(report.netwerk.lengte_km) km",
            "  woningen: \(w.in_buurt) in een buurt, \(w.niet_routeerbaar) niet routeerbaar, \(w.buiten_buurten) buiten alle buurten"
                + (w.overgeslagen_zonder_geometrie > 0 ? ", \(w.overgeslagen_zonder_geometrie) features zonder geometrie overgeslagen" : ""),
        ]
        for facility in report.voorzieningen {
            lines.append("  \(facility.categorie): \(facility.gelezen) voorzieningen (\(facility.niet_routeerbaar) niet routeerbaar)")
        }
        lines.append("  uitvoer: " + report.uitvoer.map { "\($0.bestand) (\($0.features))" }.joined(separator: ", ") + ", run.json")
        // What the input cannot support, last so that it is what the eye lands on.
        for warning in report.waarschuwingen where warning.code != "GDAL" {
            lines.append("LET OP: \(warning.melding)")
        }
        let gdal = report.waarschuwingen.filter { $0.code == "GDAL" }.count
        if gdal > 0 { lines.append("  \(gdal) \(gdal == 1 ? "melding" : "meldingen") van GDAL bij het lezen: zie run.json en rapport.html") }
        return lines.joined(separator: "\n")
    }
}
