import Dispatch
import Foundation

/// The nearest-facility step of a run as a stand-alone problem, so that other search engines
/// (networkx, pandana) can solve exactly the same one: the walk graph, and per category the
/// nodes of the facilities and the nodes of the dwellings.
///
/// To make the problem identical for every tool, every point sits ON A NODE: a routable
/// dwelling or facility is placed on the nearer end node of the segment it links to (no
/// connector, no split segment). Unroutable points are left out. The distances therefore differ
/// slightly from those of `nabijheid run`; they are node-to-node shortest paths.
///
/// Files (`write(to:)`, `read(from:)`): `nodes.csv` (id,x,y in RD New), `edges.csv`
/// (from,to,length: every undirected segment once, the length as the `Float` the search uses),
/// `sources_<category>.csv` (node), `targets.csv` (node, one row per dwelling) and `problem.json`.
public struct SearchProblem: Sendable {
    public var nodes: [PlanarPoint]
    public var segmentFrom: [Int32]
    public var segmentTo: [Int32]
    public var segmentLength: [Float]
    /// Category names in configuration order.
    public var categories: [String]
    /// `sources[c]`: the node of every routable facility of category `c`.
    public var sources: [[Int32]]
    /// The node of every routable dwelling.
    public var targets: [Int32]
    /// The search bound in metres (largest threshold plus margin).
    public var cutoff: Double
    public var description: Description

    /// `problem.json`.
    public struct Description: Codable, Sendable, Equatable {
        public var cutoff_m: Double
        public var categories: [String]
        public var nodes: Int
        public var edges: Int
        public var targets: Int
        public var sources: [String: Int]
        public var dwellings_read: Int
        public var dwellings_not_routable: Int
        public var facilities_not_routable: Int
        public var placement: String
        public var configuration: String
    }

    public init(nodes: [PlanarPoint], segmentFrom: [Int32], segmentTo: [Int32], segmentLength: [Float],
                categories: [String], sources: [[Int32]], targets: [Int32], cutoff: Double, description: Description? = nil) {
        self.nodes = nodes
        self.segmentFrom = segmentFrom
        self.segmentTo = segmentTo
        self.segmentLength = segmentLength
        self.categories = categories
        self.sources = sources
        self.targets = targets
        self.cutoff = cutoff
        self.description = description ?? Description(
            cutoff_m: cutoff, categories: categories, nodes: nodes.count, edges: segmentFrom.count, targets: targets.count,
            sources: Dictionary(uniqueKeysWithValues: zip(categories, sources.map(\.count))),
            dwellings_read: targets.count, dwellings_not_routable: 0, facilities_not_routable: 0,
            placement: Self.placement, configuration: "")
    }

    static let placement = "every routable point on the nearer end node of its linked segment (fraction < 0.5: from-node, else to-node)"

    // MARK: Export

    /// Reads the inputs of a configuration, builds the network as `nabijheid run` does, links
    /// every point and places it on the nearer end node of its segment.
    public static func export(configuration: RunConfiguration, configurationPath: String, timer: StageTimer, threads: Int) throws -> SearchProblem {
        let inputs = try timer.measure("lezen") { try RunInputs.read(configuration, threads: threads) }
        let context = try RunContext(configuration: configuration, inputs: inputs, timer: timer, threads: threads)
        let graph = context.graph
        let (dwellingLinks, facilityLinks) = timer.measure("koppelen") {
            (context.link(inputs.dwellings.map(\.position)), context.link(inputs.facilities.map(\.position)))
        }
        func node(_ link: NetworkLink) -> Int32 {
            link.fraction < 0.5 ? graph.segmentFrom[Int(link.segment)] : graph.segmentTo[Int(link.segment)]
        }
        let categories = configuration.catalog.categories.map(\.name)
        var sources = [[Int32]](repeating: [], count: categories.count)
        for (facility, link) in zip(inputs.facilities, facilityLinks) where link.isRoutable {
            sources[facility.category].append(node(link))
        }
        let targets = dwellingLinks.filter(\.isRoutable).map(node)
        let description = Description(
            cutoff_m: configuration.distances.cutoff, categories: categories, nodes: graph.nodeCount, edges: graph.segmentCount,
            targets: targets.count, sources: Dictionary(uniqueKeysWithValues: zip(categories, sources.map(\.count))),
            dwellings_read: inputs.dwellings.count, dwellings_not_routable: inputs.dwellings.count - targets.count,
            facilities_not_routable: facilityLinks.filter { !$0.isRoutable }.count, placement: placement,
            configuration: configurationPath)
        return SearchProblem(nodes: graph.nodes, segmentFrom: graph.segmentFrom, segmentTo: graph.segmentTo,
                             segmentLength: graph.segmentLength, categories: categories, sources: sources, targets: targets,
                             cutoff: configuration.distances.cutoff, description: description)
    }

    // MARK: Files

    public func write(to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var text = "id,x,y\n"
        for (v, p) in nodes.enumerated() { text += "\(v),\(p.x),\(p.y)\n" }
        try Self.save(text, directory, "nodes.csv")
        text = "from,to,length\n"
        for s in segmentFrom.indices { text += "\(segmentFrom[s]),\(segmentTo[s]),\(segmentLength[s])\n" }
        try Self.save(text, directory, "edges.csv")
        for (c, name) in categories.enumerated() {
            try Self.save("node\n" + sources[c].map { "\($0)\n" }.joined(), directory, "sources_\(name).csv")
        }
        try Self.save("node\n" + targets.map { "\($0)\n" }.joined(), directory, "targets.csv")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try Self.save(String(decoding: try encoder.encode(description), as: UTF8.self) + "\n", directory, "problem.json")
    }

    public static func read(from directory: String) throws -> SearchProblem {
        let description: Description
        do {
            description = try JSONDecoder().decode(Description.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/problem.json")))
        } catch {
            throw InputError("\(directory)/problem.json: cannot read (\(error)); write the problem with search-bench --export")
        }
        let nodeTable = try CSVColumns(path: directory + "/nodes.csv", columns: 3)
        let edgeTable = try CSVColumns(path: directory + "/edges.csv", columns: 3)
        let n = nodeTable.rows
        var nodes = [PlanarPoint](repeating: PlanarPoint(x: 0, y: 0), count: n)
        for row in 0..<n {
            guard nodeTable.integer(row, 0) == row else { throw InputError("\(directory)/nodes.csv: ids must be 0, 1, 2, … in order (row \(row + 2))") }
            guard let x = nodeTable.double(row, 1), let y = nodeTable.double(row, 2) else {
                throw InputError("\(directory)/nodes.csv: row \(row + 2) has no numeric x and y")
            }
            nodes[row] = PlanarPoint(x: x, y: y)
        }
        func nodeID(_ value: Int?, _ file: String, row: Int) throws -> Int32 {
            guard let value, value >= 0 && value < n else {
                throw InputError("\(directory)/\(file): row \(row + 2) names no node of nodes.csv")
            }
            return Int32(value)
        }
        var from = [Int32](), to = [Int32](), length = [Float]()
        from.reserveCapacity(edgeTable.rows); to.reserveCapacity(edgeTable.rows); length.reserveCapacity(edgeTable.rows)
        for row in 0..<edgeTable.rows {
            from.append(try nodeID(edgeTable.integer(row, 0), "edges.csv", row: row))
            to.append(try nodeID(edgeTable.integer(row, 1), "edges.csv", row: row))
            let meters = Float(edgeTable.double(row, 2) ?? .nan)
            guard meters > 0 else { throw InputError("\(directory)/edges.csv: row \(row + 2) has length \(meters); lengths must be positive") }
            length.append(meters)
        }
        func nodeList(_ file: String) throws -> [Int32] {
            let table = try CSVColumns(path: directory + "/" + file, columns: 1)
            return try (0..<table.rows).map { try nodeID(table.integer($0, 0), file, row: $0) }
        }
        let sources = try description.categories.map { try nodeList("sources_\($0).csv") }
        let targets = try nodeList("targets.csv")
        return SearchProblem(nodes: nodes, segmentFrom: from, segmentTo: to, segmentLength: length, categories: description.categories,
                             sources: sources, targets: targets, cutoff: description.cutoff_m, description: description)
    }

    private static func save(_ text: String, _ directory: String, _ name: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name))
        } catch {
            throw InputError("\(directory)/\(name): cannot write (\(error))")
        }
    }

    // MARK: Solving

    public var graph: WalkGraph {
        WalkGraph(nodes: nodes, segmentFrom: segmentFrom, segmentTo: segmentTo, segmentLength: segmentLength)
    }

    /// Per node, a link that puts a point exactly on it: a segment incident to the node at
    /// fraction 0 (its from-node) or 1 (its to-node), connector 0. Isolated nodes are unroutable.
    public static func nodeLinks(_ graph: WalkGraph) -> [NetworkLink] {
        var links = [NetworkLink](repeating: .unroutable, count: graph.nodeCount)
        for s in (0..<graph.segmentCount).reversed() {
            links[Int(graph.segmentTo[s])] = NetworkLink(segment: Int32(s), fraction: 1, connector: 0)
            links[Int(graph.segmentFrom[s])] = NetworkLink(segment: Int32(s), fraction: 0, connector: 0)
        }
        return links
    }

    /// The links of the sources per category and of the targets, all on their nodes.
    public func links(in graph: WalkGraph) -> (sources: [[NetworkLink]], targets: [NetworkLink]) {
        let atNode = Self.nodeLinks(graph)
        return (sources.map { $0.map { atNode[Int($0)] } }, targets.map { atNode[Int($0)] })
    }

    /// The nearest-facility step: one bounded multi-source search per category, categories
    /// spread over `threads` workers as in `CategoryDistances`. `result[c][t]` is the distance
    /// from target `t` to the nearest source of category `c`, `.infinity` beyond the cutoff.
    public static func solve(graph: WalkGraph, sources: [[NetworkLink]], targets: [NetworkLink], cutoff: Double, threads: Int) -> [[Float]] {
        let categoryCount = sources.count
        var results = [[Float]](repeating: [], count: categoryCount)
        let lock = NSLock()
        CategoryScheduler.run(categories: categoryCount, threads: threads, weight: { sources[$0].count },
                              makeWorker: { NearestFacilitySearch(graph: graph) }) { search, category in
            let distances = search.run(facilities: sources[category], dwellings: targets, cutoff: Float(cutoff)).distance
            lock.withLock { results[category] = distances }
        }
        return results
    }

    /// `nabijheid_<category>.csv`: node,distance per target in `targets.csv` order; the
    /// distance is empty beyond the cutoff.
    public func writeDistances(_ distances: [[Float]], to directory: String, prefix: String = "nabijheid") throws {
        for (c, name) in categories.enumerated() {
            var text = "node,distance\n"
            text.reserveCapacity(targets.count * 16)
            for (t, node) in targets.enumerated() {
                let d = distances[c][t]
                text += d.isFinite ? "\(node),\(d)\n" : "\(node),\n"
            }
            try Self.save(text, directory, "\(prefix)_\(name).csv")
        }
    }
}
