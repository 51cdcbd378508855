import Foundation
import Testing
@testable import Nabijheid

/// `SearchProblem`: the nearest-facility step exported for other tools (`search-bench`). The
/// files must read back to exactly the same problem, and solving it with points on nodes must
/// give plain node-to-node shortest paths.
@Suite struct SearchProblemTests {
    /// Multi-source Dijkstra in Double with an O(n²) scan: the textbook answer per node.
    static func reference(_ problem: SearchProblem, sources: [Int32]) -> [Double] {
        let n = problem.nodes.count
        var adjacency = [[(Int, Double)]](repeating: [], count: n)
        for s in problem.segmentFrom.indices {
            let a = Int(problem.segmentFrom[s]), b = Int(problem.segmentTo[s]), w = Double(problem.segmentLength[s])
            adjacency[a].append((b, w)); adjacency[b].append((a, w))
        }
        var distance = [Double](repeating: .infinity, count: n)
        var done = [Bool](repeating: false, count: n)
        for s in sources { distance[Int(s)] = 0 }
        while true {
            var best = -1
            for v in 0..<n where !done[v] && distance[v].isFinite && (best < 0 || distance[v] < distance[best]) { best = v }
            guard best >= 0 else { break }
            done[best] = true
            for (w, length) in adjacency[best] where distance[best] + length < distance[w] { distance[w] = distance[best] + length }
        }
        return distance.map { $0 <= problem.cutoff ? $0 : .infinity }
    }

    /// A 4 × 3 lattice with awkward lengths, one isolated node, a parallel segment and a source on
    /// a node of degree one.
    static func lattice() -> SearchProblem {
        var nodes: [PlanarPoint] = [], from: [Int32] = [], to: [Int32] = [], length: [Float] = []
        for r in 0..<3 { for c in 0..<4 { nodes.append(PlanarPoint(x: 1000.125 + Double(c) * 100, y: 2000.5 + Double(r) * 100)) } }
        nodes.append(PlanarPoint(x: 5000, y: 5000)) // 12: isolated
        nodes.append(PlanarPoint(x: 1000.125, y: 2350.5)) // 13: a dead end off node 8
        func add(_ a: Int, _ b: Int, _ meters: Float) { from.append(Int32(a)); to.append(Int32(b)); length.append(meters) }
        for r in 0..<3 { for c in 0..<3 { add(r * 4 + c, r * 4 + c + 1, 100.0 / 3 + Float(r + c)) } }
        for r in 0..<2 { for c in 0..<4 { add(r * 4 + c, (r + 1) * 4 + c, 70.7 + Float(c) * 0.1) } }
        add(0, 1, 20.5) // parallel to the first segment, shorter
        add(13, 8, 250)
        return SearchProblem(nodes: nodes, segmentFrom: from, segmentTo: to, segmentLength: length,
                             categories: ["winkel", "halte", "leeg"], sources: [[13], [0, 11], []],
                             targets: [0, 1, 5, 5, 11, 12, 13], cutoff: 300)
    }

    @Test func filesReadBackToTheSameProblem() throws {
        let problem = Self.lattice()
        let folder = try TestSupport.makeTemporaryDirectory("search-problem")
        defer { try? FileManager.default.removeItem(at: folder) }
        try problem.write(to: folder.path)
        let read = try SearchProblem.read(from: folder.path)
        #expect(read.nodes == problem.nodes)
        #expect(read.segmentFrom == problem.segmentFrom && read.segmentTo == problem.segmentTo)
        #expect(read.segmentLength == problem.segmentLength, "Float lengths survive the text exactly")
        #expect(read.categories == problem.categories)
        #expect(read.sources == problem.sources)
        #expect(read.targets == problem.targets)
        #expect(read.cutoff == 300)
    }

    @Test func pointsOnNodesGiveNodeToNodeShortestPaths() throws {
        let problem = Self.lattice()
        let graph = problem.graph
        let links = problem.links(in: graph)
        #expect(links.targets[5] == .unroutable, "the isolated node has no segment")
        let distances = SearchProblem.solve(graph: graph, sources: links.sources, targets: links.targets, cutoff: problem.cutoff, threads: 2)
        for (c, sources) in problem.sources.enumerated() {
            let expected = Self.reference(problem, sources: sources)
            for (t, node) in problem.targets.enumerated() {
                let want = node == 12 ? Double.infinity : expected[Int(node)]
                if want.isFinite {
                    #expect(abs(Double(distances[c][t]) - want) < 1e-3, "category \(c), target node \(node)")
                } else {
                    #expect(distances[c][t] == .infinity, "category \(c), target node \(node) is beyond the cutoff")
                }
            }
        }
        #expect(distances[1][0] == 0 && distances[1][4] == 0, "a target on a source node is at 0 m")
        #expect(distances[0][6] == 0 && distances[0][1] > 250, "the dead end is reached only through node 8")
    }

    @Test func unreadableFilesNameTheFileAndRow() throws {
        let folder = try TestSupport.makeTemporaryDirectory("search-problem")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.lattice().write(to: folder.path)
        try "from,to,length\n0,1,20\n0,99,5\n".write(to: folder.appendingPathComponent("edges.csv"), atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try SearchProblem.read(from: folder.path) }
        do {
            _ = try SearchProblem.read(from: folder.path)
        } catch let error as InputError {
            #expect(error.message.contains("edges.csv") && error.message.contains("row 3"))
        }
    }

    @Test func exportPutsEveryPointOnANodeOfItsSegment() throws {
        let configuration = try ConfigurationLoader.load(file: TestSupport.townFixture.appendingPathComponent("nabijheid.toml").path)
        let problem = try SearchProblem.export(configuration: configuration, configurationPath: "nabijheid.toml", timer: StageTimer(), threads: 2)
        #expect(problem.cutoff == 1500)
        #expect(problem.description.targets + problem.description.dwellings_not_routable == problem.description.dwellings_read)
        #expect(problem.targets.count == problem.description.targets)
        #expect(problem.categories == configuration.catalog.categories.map(\.name))
        #expect(problem.sources.allSatisfy { !$0.isEmpty })
        let n = Int32(problem.nodes.count)
        #expect(problem.targets.allSatisfy { $0 >= 0 && $0 < n })
        // Solving the exported problem agrees with the textbook search on every category.
        let graph = problem.graph
        let links = problem.links(in: graph)
        let distances = SearchProblem.solve(graph: graph, sources: links.sources, targets: links.targets, cutoff: problem.cutoff, threads: 2)
        for (c, sources) in problem.sources.enumerated() {
            let expected = Self.reference(problem, sources: sources)
            let mismatches = problem.targets.indices.filter { t in
                let want = expected[Int(problem.targets[t])], got = Double(distances[c][t])
                return want.isFinite != got.isFinite || (want.isFinite && abs(want - got) > 0.01)
            }
            #expect(mismatches.isEmpty, "category \(problem.categories[c]): \(mismatches.count) targets differ")
        }
    }
}
