import Foundation

/// The nearest-facility searches of several facility groups (the categories) over one large
/// graph together, patch by patch (`SearchPatches`) with the groups inside: for each patch the
/// search of every group runs back to back, and the patches are shared out between the threads.
///
/// Why: searched one group after another, every patch's part of the graph (the patch and the
/// cutoff around it, some megabytes) is read from memory again for each group, and the threads
/// each take whole groups, so the one with the last large group finishes alone. Here the part
/// around a patch is still in the caches for the next group, and there are hundreds of patches
/// to share out.
///
/// Why the results are those of `NearestFacilitySearch.run`, bit for bit: each patch's search is
/// the same function as there (`NearestFacilitySearch.search`, the same seeds in the same order), and a
/// patch's values do not depend on any other patch, so neither the order of the patches nor
/// the number of threads changes anything.
final class GroupedPatchSearch {
    let graph: WalkGraph
    let mobility: MobilityNetwork?
    let patches: SearchPatches
    /// Per group, the search value of every node (distance and facility), filled patch by patch.
    private var states: [UnsafeMutableBufferPointer<NodeState>] = []
    /// Per group (mobility searches only): whether the route that reached a node crosses parts
    /// of unknown accessibility.
    private var unknownVia: [UnsafeMutableBufferPointer<Bool>] = []

    init(graph: WalkGraph, mobility: MobilityNetwork?, patches: SearchPatches) {
        self.graph = graph
        self.mobility = mobility
        self.patches = patches
    }

    deinit { release() }

    private func release() {
        for state in states { state.deallocate() }
        for flags in unknownVia { flags.deallocate() }
        states = []
        unknownVia = []
    }

    /// One worker's search buffers, kept from patch to patch.
    private struct Worker {
        var scratch: [NodeState]
        var scratchUnknown: [Bool]
        var touched: [Int32] = []
        var queue = DistanceQueue()
    }

    /// Searches from the facilities of every group (`groups[g]`: the links of group `g`'s
    /// facilities) up to `cutoff`, on `threads` threads. Read the results with `readOut` and
    /// `reached`.
    func run(groups: [[NetworkLink]], cutoff: Float, threads: Int) {
        release()
        let graph = self.graph, mobility = self.mobility
        let nodeCount = graph.nodeCount
        let tracksUnknown = mobility != nil
        for _ in groups {
            states.append(.allocate(capacity: nodeCount))
            states[states.count - 1].initialize(repeating: .unreached)
            unknownVia.append(.allocate(capacity: tracksUnknown ? nodeCount : 0))
            unknownVia[unknownVia.count - 1].initialize(repeating: false)
        }
        // Seeds by x, so that each patch finds those within the cutoff of its box by bisection.
        let nodes = graph.nodes
        let seeds = groups.map { links in
            NearestFacilitySearch.seeds(links, graph: graph, mobility: mobility).sorted { nodes[Int($0.node)].x < nodes[Int($1.node)].x }
        }
        let seedX = seeds.map { $0.map { nodes[Int($0.node)].x } }
        let patchList = patches.patches
        let states = self.states, unknownVia = self.unknownVia
        var next = 0
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, patchList.count))) { _ in
            var worker = Worker(scratch: [NodeState](repeating: .unreached, count: nodeCount),
                                scratchUnknown: [Bool](repeating: false, count: tracksUnknown ? nodeCount : 0))
            while true {
                let index: Int? = lock.withLock {
                    defer { next += 1 }
                    return next < patchList.count ? next : nil
                }
                guard let index else { return }
                for g in states.indices {
                    Self.search(patchList[index], seeds: seeds[g], seedX: seedX[g], cutoff: cutoff, graph: graph,
                                mobility: mobility, worker: &worker, state: states[g], unknownVia: tracksUnknown ? unknownVia[g] : nil)
                }
            }
        }
    }

    /// One group's search for one patch in the worker's scratch; the patch's own nodes, whose
    /// values are final, are copied into `state` (as `NearestFacilitySearch` does per patch).
    private static func search(_ patch: SearchPatches.Patch, seeds: [NearestFacilitySearch.Seed], seedX: [Double],
                               cutoff: Float, graph: WalkGraph, mobility: MobilityNetwork?, worker: inout Worker,
                               state: UnsafeMutableBufferPointer<NodeState>, unknownVia: UnsafeMutableBufferPointer<Bool>?) {
        var queue = worker.queue, touched = worker.touched
        worker.queue = DistanceQueue(); worker.touched = []
        queue.removeAll()
        worker.scratch.withUnsafeMutableBufferPointer { scratch in
            worker.scratchUnknown.withUnsafeMutableBufferPointer { scratchUnknown in
                let tracked = scratchUnknown.isEmpty ? nil : scratchUnknown
                NearestFacilitySearch.search(patch, seeds: seeds, seedX: seedX, cutoff: cutoff, graph: graph, mobility: mobility,
                                             scratch: scratch, scratchUnknown: tracked, touched: &touched, queue: &queue) { v in
                    state[v] = scratch[v]
                    if let tracked, let unknownVia { unknownVia[v] = tracked[v] }
                }
            }
        }
        worker.queue = queue
        worker.touched = touched
    }

    /// Group `g`'s distances from `points` to its nearest facility (`facilities`: the links the
    /// group was searched from), as `NearestFacilitySearch.run` reads them out.
    func readOut(group g: Int, facilities: [NetworkLink], onSegment: SegmentFacilities, points: [NetworkLink],
                 cutoff: Float) -> NearestFacilitySearch.Result {
        NearestFacilitySearch.readOut(graph: graph, mobility: mobility, state: UnsafeBufferPointer(states[g]),
                                      unknownVia: UnsafeBufferPointer(unknownVia[g]), facilities: facilities,
                                      onSegment: onSegment, points: points, cutoff: cutoff)
    }

    /// What group `g`'s search reached within `limit` (`NearestFacilitySearch.reached`).
    func reached(group g: Int, facilities: [NetworkLink], limit: Float) -> ReachedNetwork {
        NearestFacilitySearch.reached(graph: graph, state: UnsafeBufferPointer(states[g]), facilities: facilities, limit: limit)
    }
}
