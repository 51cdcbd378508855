import ArgumentParser
import Foundation
import Nabijheid

struct SearchBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search-bench",
        abstract: "Export the nearest-facility step as a plain problem (CSV), or solve such a problem and time the search.",
        discussion: """
        --config FILE --export DIR reads the inputs and builds the network as `run` does, puts \
        every routable dwelling and facility on the nearer end node of the segment it links to, \
        and writes DIR/nodes.csv (id,x,y), DIR/edges.csv (from,to,length; every segment once), \
        DIR/sources_<category>.csv, DIR/targets.csv and DIR/problem.json (with the cutoff).

        --problem DIR reads those files, builds the walk graph, runs one bounded multi-source \
        search per category (as `run` does) and writes DIR/nabijheid_<category>.csv (node, \
        distance; empty beyond the cutoff) and DIR/nabijheid_timing.json. The search is timed \
        without reading the CSV files; the time with the graph build is printed too. \
        scripts/compare-tools compares the result with networkx and pandana.
        """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("The TOML configuration to export a problem from.", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Write the problem into this folder.", valueName: "dir"))
    var export: String?

    @Option(help: ArgumentHelp("Solve the problem in this folder.", valueName: "dir"))
    var problem: String?

    @Option(help: "Worker threads (categories run in parallel, as in `run`).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "How often to run the search; the median is reported.")
    var repeats: Int = 5

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1") }
        switch (config, export, problem) {
        case (.some, .some, nil), (nil, nil, .some): break
        default: throw ValidationError("use either --config FILE --export DIR, or --problem DIR")
        }
    }

    func run() throws {
        try reportingErrors {
            if let config, let export {
                try exportProblem(config: config, to: export)
            } else if let problem {
                try solve(problem)
            }
        }
    }

    private func exportProblem(config: String, to directory: String) throws {
        let timer = StageTimer()
        let configuration = try ConfigurationLoader.load(file: config)
        let problem = try SearchProblem.export(configuration: configuration, configurationPath: config, timer: timer, threads: threads)
        try timer.measure("schrijven") { try problem.write(to: directory) }
        let d = problem.description
        print("search-bench: \(d.nodes) nodes, \(d.edges) edges, \(d.targets) targets (\(d.dwellings_not_routable) dwellings not routable), "
            + "\(problem.sources.map(\.count).reduce(0, +)) sources in \(d.categories.count) categories (\(d.facilities_not_routable) facilities not routable), "
            + "cutoff \(d.cutoff_m) m → \(directory) (\(String(format: "%.1f", timer.totalSeconds)) s)")
    }

    private func solve(_ directory: String) throws {
        let timer = StageTimer()
        let problem = try timer.measure("lezen") { try SearchProblem.read(from: directory) }
        let (graph, links) = timer.measure("graaf") { () -> (WalkGraph, (sources: [[NetworkLink]], targets: [NetworkLink])) in
            let graph = problem.graph
            return (graph, problem.links(in: graph))
        }
        var distances: [[Float]] = []
        for _ in 0..<repeats {
            distances = timer.measure("zoeken") {
                SearchProblem.solve(graph: graph, sources: links.sources, targets: links.targets, cutoff: problem.cutoff, threads: threads)
            }
        }
        let readSeconds = timer.stages[0].seconds, buildSeconds = timer.stages[1].seconds
        let searchSeconds = timer.stages.dropFirst(2).map(\.seconds)
        try problem.writeDistances(distances, to: directory)
        let median = searchSeconds.sorted()[searchSeconds.count / 2]
        let reached = distances.map { $0.filter(\.isFinite).count }
        let timing = Timing(threads: threads, categories: problem.categories, nodes: graph.nodeCount, edges: graph.segmentCount,
                            targets: problem.targets.count, cutoff_m: problem.cutoff, read_s: readSeconds, build_s: buildSeconds,
                            search_s: searchSeconds, search_median_s: median, search_min_s: searchSeconds.min()!,
                            build_and_search_s: buildSeconds + median, targets_reached: Dictionary(uniqueKeysWithValues: zip(problem.categories, reached)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try Data(encoder.encode(timing)).write(to: URL(fileURLWithPath: directory + "/nabijheid_timing.json"))
        print("search-bench: \(graph.nodeCount) nodes, \(graph.segmentCount) edges, \(problem.targets.count) targets, \(problem.categories.count) categories, cutoff \(problem.cutoff) m, \(threads) threads")
        print(String(format: "  reading CSV     %8.3f s (not counted)", readSeconds))
        print(String(format: "  graph build     %8.3f s (CSR arrays and node links)", buildSeconds))
        print(String(format: "  search          %8.3f s median of %d (min %.3f s), all categories", median, repeats, searchSeconds.min()!))
        print(String(format: "  build + search  %8.3f s", buildSeconds + median))
        for (name, count) in zip(problem.categories, reached) {
            print("  \(name): \(count) of \(problem.targets.count) targets within the cutoff")
        }
    }

    /// `nabijheid_timing.json`.
    struct Timing: Codable {
        var threads: Int
        var categories: [String]
        var nodes: Int
        var edges: Int
        var targets: Int
        var cutoff_m: Double
        var read_s: Double
        var build_s: Double
        var search_s: [Double]
        var search_median_s: Double
        var search_min_s: Double
        var build_and_search_s: Double
        var targets_reached: [String: Int]
    }
}
