import ArgumentParser
import Foundation
import Nabijheid

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a bouwplan: does it meet the requirements, and does it make any buurt worse?",
        discussion: """
        Computes the current situation and the situation with the plan applied on the same \
        network, then checks every new dwelling and facility against the profile's requirements, \
        every buurt's figures and class, and every closure. Writes check.json, check-junit.xml \
        (one test case per rule) and verschil.geojson to the output folder and a summary to stdout.

        Exit codes: 0 the plan passes; 1 it fails a requirement or makes a buurt worse beyond \
        the tolerance; 2 bad input, plan or configuration, or a refused output folder; 64 wrong \
        usage; 70 internal failure; 74 the reports could not be written (disk full, no \
        permission), never 1. \
        The plan format is described in docs/plan.md.
        """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The bouwplan: a vector file (GeoPackage, GeoJSON) with a 'wijziging' field.", valueName: "file"))
    var plan: String

    @Option(help: ArgumentHelp("The plan's layer (default: the first).", valueName: "name"))
    var planLayer: String?

    @Option(name: .customLong("profile"), help: ArgumentHelp("Profile to check against; repeat for several (default: the first profile).", valueName: "name"))
    var profiles: [String] = []

    @Option(help: "How much a requirement's share may drop (as a fraction, 0.01 = 1 percentage point) before a buurt counts as worse.")
    var tolerance: Double = 0

    @Flag(help: "Allow remote paths (URLs, /vsicurl/ and other network file systems) in the configuration and plan. Off by default: a plan from any branch must not make CI fetch anything.")
    var allowRemote = false


    func run() throws {
        InputPath.allowRemote = allowRemote
        FreedMemoryReuse.enable()
        options.logFormat.configureProgress(timingsRequested: false)
        let report = try reportingErrors { () -> CheckReport in
            let configuration = try options.loadConfiguration()
            return try PlanCheck.run(configuration, options: .init(planPath: plan, planLayer: planLayer, profiles: profiles,
                                                                   tolerance: tolerance, threads: options.workerThreads),
                                     timer: StageTimer())
        }
        if !options.quiet { print(CheckSummary.text(report)) }
        if !report.geslaagd { throw ExitCode(1) }
    }
}

/// The short human summary of a check.
enum CheckSummary {
    static func text(_ report: CheckReport) -> String {
        let failures = report.failures
        var lines = [failures.isEmpty
            ? "nabijheid check: GESLAAGD, \(report.regels.count) regels gecontroleerd (profiel \(report.profielen.joined(separator: ", ")))"
            : "nabijheid check: NIET GESLAAGD, \(failures.count) van \(report.regels.count) regels niet gehaald (profiel \(report.profielen.joined(separator: ", ")))"]
        for rule in failures.prefix(20) { lines.append("  ✗ \(rule.naam): \(rule.melding)") }
        if failures.count > 20 { lines.append("  … en \(failures.count - 20) meer in check.json") }
        for closure in report.sluitingen where closure.woningen_buiten_bereik > 0 {
            lines.append("  sluiting \(closure.voorziening_id): \(closure.woningen_buiten_bereik) woningen verliezen bereik")
        }
        let worse = report.buurten.filter(\.slechter).count
        lines.append("  buurten: \(report.buurten.count) veranderen, \(worse) worden slechter")
        lines.append("  uitvoer: check.json, check-junit.xml, verschil.geojson")
        return lines.joined(separator: "\n")
    }
}
