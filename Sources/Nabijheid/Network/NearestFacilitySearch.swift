/// For every dwelling, the walking distance to the nearest facility of one category and which
/// facility that is: one multi-source Dijkstra from all facilities at once, bounded by a cutoff.
///
/// Each facility enters the queue at both ends of its segment, with its connector plus the
/// distance along the segment as start distance. A dwelling's distance is its connector plus
/// the better of its segment's two ends; a facility on the dwelling's own segment is reached
/// directly along it. Distances beyond `cutoff` are reported as unreachable (`.infinity`).
/// Between facilities at exactly the same distance the one listed first wins, so results do
/// not depend on how the nodes are numbered.
///
/// The search state is allocated once per instance and reset only where the last search
/// touched it. The inner loops work on buffer pointers: on Swift arrays held by a class, every
/// element access would otherwise pay an exclusivity check (12 % of the search in a profile).
/// Not thread-safe: use one instance per thread.
public final class NearestFacilitySearch {
    public let graph: WalkGraph
    /// The mobility profile's view of the network, when searching for one: node passage costs
    /// at read-out, and which routes cross parts of unknown accessibility.
    public let mobility: MobilityNetwork?
    /// Distance and facility per node side by side: a relaxation reads and writes both, so
    /// they share a cache line.
    private(set) var state: [NodeState]
    /// Per node (mobility searches only): the route that reached it crosses a segment or
    /// passes a node of unknown accessibility.
    private var unknownVia: [Bool]
    private var touched: [Int32] = []
    private var queue = DistanceQueue()
    /// Set: searches run patch by patch (`SearchPatches`) in `scratch`, and each patch's own
    /// nodes are copied into `state`. The same results as one whole search.
    private var patches: SearchPatches?
    private var scratch: [NodeState] = []
    private var scratchUnknown: [Bool] = []
    private var scratchTouched: [Int32] = []

    /// Marks a node no search has reached.
    static let unreached: Float = .infinity
    /// Marks "no facility".
    public static let noFacility: Int32 = -1

    public convenience init(graph: WalkGraph) {
        self.init(graph: graph, mobility: nil, patches: SearchPatches.forSearch(of: graph))
    }

    /// A search over a mobility profile's network.
    public convenience init(mobility: MobilityNetwork) {
        self.init(graph: mobility.graph, mobility: mobility, patches: SearchPatches.forSearch(of: mobility.graph))
    }

    /// A search over `graph` (a mobility profile's when `mobility` is given), patch by patch
    /// with `patches` (`SearchPatches.forSearch(of:)`, made once for all searches of the graph).
    init(graph: WalkGraph, mobility: MobilityNetwork?, patches: SearchPatches?) {
        self.graph = graph
        self.mobility = mobility
        self.patches = patches
        state = [NodeState](repeating: .unreached, count: graph.nodeCount)
        unknownVia = mobility == nil ? [] : [Bool](repeating: false, count: graph.nodeCount)
    }

    /// Runs the following searches patch by patch (`SearchPatches`), whatever the graph's
    /// size; stays whole if the graph does not allow it. Returns whether it does.
    @discardableResult
    func searchByPatch(side: Double = SearchPatches.side, maxNodes: Int = SearchPatches.maxNodes) -> Bool {
        patches = SearchPatches(graph: graph, side: side, maxNodes: maxNodes)
        return patches != nil
    }

    public struct Result: Sendable, Equatable {
        /// Walking distance in metres per dwelling, `.infinity` when none within the cutoff
        /// or when the dwelling is not routable.
        public var distance: [Float]
        /// Index into the facility list per dwelling, or `noFacility`.
        public var facility: [Int32]
        /// Mobility searches: per dwelling, whether the route to the nearest facility crosses
        /// parts of unknown accessibility; empty otherwise.
        public var routeUnknown: [Bool] = []
    }

    /// - Parameters:
    ///   - facilities: the links of the category's facilities (unroutable ones are skipped).
    ///   - dwellings: the links of the dwellings.
    ///   - cutoff: the largest distance of interest in metres.
    /// - Complexity: O((n' + m') log n') for the n' nodes and m' arcs within the cutoff, plus
    ///   O(d log f) for d dwellings and f facilities.
    public func run(facilities: [NetworkLink], dwellings: [NetworkLink], cutoff: Float) -> Result {
        run(facilities: facilities, targets: [dwellings], cutoff: cutoff)[0]
    }

    /// One search, read out for several lists of points (dwellings, and facilities of other
    /// categories): one result per list.
    public func run(facilities: [NetworkLink], targets: [[NetworkLink]], cutoff: Float) -> [Result] {
        reset()
        if let patches {
            searchByPatch(patches, facilities: facilities, cutoff: cutoff)
        } else {
            searchWhole(facilities: facilities, cutoff: cutoff)
        }
        let onSegment = SegmentFacilities(facilities)
        return targets.map { readOut(facilities: facilities, onSegment: onSegment, points: $0, cutoff: cutoff) }
    }

    /// A facility link's end as a starting point of the search.
    struct Seed {
        var node: Int32
        var start: Float
        var origin: Int32
        var unknown: Bool
    }

    /// Both ends of every routable facility link, with the distance to start at.
    func seeds(_ facilities: [NetworkLink]) -> [Seed] {
        Self.seeds(facilities, graph: graph, mobility: mobility)
    }

    /// Both ends of every routable facility link on `graph` (a mobility profile's with `mobility`).
    static func seeds(_ facilities: [NetworkLink], graph: WalkGraph, mobility: MobilityNetwork?) -> [Seed] {
        let segmentUnknown = mobility?.segmentUnknown ?? []
        var seeds: [Seed] = []
        seeds.reserveCapacity(2 * facilities.count)
        for (index, link) in facilities.enumerated() where link.isRoutable {
            let s = Int(link.segment)
            let length = graph.segmentLength[s]
            // A facility on an impassable segment cannot be left along it.
            guard length.isFinite else { continue }
            let unknown = !segmentUnknown.isEmpty && segmentUnknown[s]
            seeds.append(Seed(node: graph.segmentFrom[s], start: link.connector + link.fraction * length, origin: Int32(index), unknown: unknown))
            seeds.append(Seed(node: graph.segmentTo[s], start: link.connector + (1 - link.fraction) * length, origin: Int32(index), unknown: unknown))
        }
        return seeds
    }

    /// One search from every facility at once, straight into `state`.
    private func searchWhole(facilities: [NetworkLink], cutoff: Float) {
        var queue = self.queue
        self.queue = DistanceQueue()
        queue.removeAll()
        var touched = self.touched
        self.touched = []
        var unknownVia = self.unknownVia
        self.unknownVia = []
        let seeds = seeds(facilities)
        state.withUnsafeMutableBufferPointer { state in
            unknownVia.withUnsafeMutableBufferPointer { unknownVia in
                let tracked = unknownVia.isEmpty ? nil : unknownVia
                for seed in seeds {
                    Self.seed(seed.node, at: seed.start, origin: seed.origin, unknown: seed.unknown,
                              state: state, unknownVia: tracked, touched: &touched, queue: &queue)
                }
                settle(queue: &queue, touched: &touched, state: state, unknownVia: tracked, cutoff: cutoff, patch: nil)
            }
        }
        self.unknownVia = unknownVia
        self.queue = queue
        self.touched = touched
    }

    /// The search patch by patch: for each patch, a search in `scratch` from the facilities
    /// within the cutoff of its box, over the nodes that can lie on a route into it; then the
    /// patch's own nodes, whose values are final, are copied into `state`.
    private func searchByPatch(_ patches: SearchPatches, facilities: [NetworkLink], cutoff: Float) {
        if scratch.count != graph.nodeCount {
            scratch = [NodeState](repeating: .unreached, count: graph.nodeCount)
            scratchUnknown = unknownVia.isEmpty ? [] : [Bool](repeating: false, count: graph.nodeCount)
        }
        var queue = self.queue, scratchTouched = self.scratchTouched, touched = self.touched
        var scratchUnknown = self.scratchUnknown, unknownVia = self.unknownVia
        self.queue = DistanceQueue(); self.scratchTouched = []; self.touched = []; self.scratchUnknown = []; self.unknownVia = []
        queue.removeAll()
        // Seeds by x, so that each patch finds those within the cutoff of its box by bisection.
        let nodes = graph.nodes
        let seeds = seeds(facilities).sorted { nodes[Int($0.node)].x < nodes[Int($1.node)].x }
        let seedX = seeds.map { nodes[Int($0.node)].x }
        var scratch = self.scratch
        self.scratch = []
        scratch.withUnsafeMutableBufferPointer { scratch in
            state.withUnsafeMutableBufferPointer { state in
                scratchUnknown.withUnsafeMutableBufferPointer { scratchUnknown in
                    unknownVia.withUnsafeMutableBufferPointer { unknownVia in
                        let tracked = scratchUnknown.isEmpty ? nil : scratchUnknown
                        for patch in patches.patches {
                            Self.search(patch, seeds: seeds, seedX: seedX, cutoff: cutoff, graph: graph, mobility: mobility,
                                        scratch: scratch, scratchUnknown: tracked, touched: &scratchTouched, queue: &queue) { v in
                                state[v] = scratch[v]
                                if let tracked { unknownVia[v] = tracked[v] }
                                touched.append(Int32(v))
                            }
                        }
                    }
                }
            }
        }
        self.scratch = scratch
        self.queue = queue; self.scratchTouched = scratchTouched; self.touched = touched
        self.scratchUnknown = scratchUnknown; self.unknownVia = unknownVia
    }

    /// One patch's search in `scratch`, from the seeds (sorted by x, `seedX` their x) within the
    /// cutoff of its box; `keep` is then called with each of the patch's own nodes that was
    /// reached (its value is final), and `scratch` is left unreached again.
    @inline(__always)
    static func search(_ patch: SearchPatches.Patch, seeds: [Seed], seedX: [Double], cutoff: Float, graph: WalkGraph,
                       mobility: MobilityNetwork?, scratch: UnsafeMutableBufferPointer<NodeState>,
                       scratchUnknown tracked: UnsafeMutableBufferPointer<Bool>?, touched: inout [Int32], queue: inout DistanceQueue,
                       keep: (Int) -> Void) {
        let nodes = graph.nodes
        let reach = Double(cutoff) + SearchPatches.slack
        var k = seedX.partitioningIndex(where: { $0 >= patch.minX - reach })
        while k < seeds.count && seedX[k] <= patch.maxX + reach {
            let seed = seeds[k]
            k += 1
            guard patch.isWithin(reach - Double(seed.start), of: nodes[Int(seed.node)]) else { continue }
            Self.seed(seed.node, at: seed.start, origin: seed.origin, unknown: seed.unknown,
                      state: scratch, unknownVia: tracked, touched: &touched, queue: &queue)
        }
        guard !queue.isEmpty else { return }
        settle(graph: graph, mobility: mobility, queue: &queue, touched: &touched, state: scratch, unknownVia: tracked,
               cutoff: cutoff, patch: patch)
        for v in patch.first..<patch.end where scratch[v].distance != unreached { keep(v) }
        for v in touched {
            scratch[Int(v)] = .unreached
            tracked?[Int(v)] = false
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// `settle` with the graph's arrays.
    private func settle(queue: inout DistanceQueue, touched: inout [Int32], state: UnsafeMutableBufferPointer<NodeState>,
                        unknownVia: UnsafeMutableBufferPointer<Bool>?, cutoff: Float, patch: SearchPatches.Patch?) {
        Self.settle(graph: graph, mobility: mobility, queue: &queue, touched: &touched, state: state, unknownVia: unknownVia,
                    cutoff: cutoff, patch: patch)
    }

    /// `settle` with the arrays of `graph` (a mobility profile's with `mobility`).
    static func settle(graph: WalkGraph, mobility: MobilityNetwork?, queue: inout DistanceQueue, touched: inout [Int32],
                       state: UnsafeMutableBufferPointer<NodeState>, unknownVia: UnsafeMutableBufferPointer<Bool>?,
                       cutoff: Float, patch: SearchPatches.Patch?) {
        (mobility?.arcUnknown ?? []).withUnsafeBufferPointer { arcUnknown in
            graph.firstArc.withUnsafeBufferPointer { firstArc in
                graph.arcTarget.withUnsafeBufferPointer { arcTarget in
                    graph.arcLength.withUnsafeBufferPointer { arcLength in
                        graph.nodes.withUnsafeBufferPointer { nodes in
                            Self.settle(queue: &queue, touched: &touched, state: state, unknownVia: unknownVia, arcUnknown: arcUnknown,
                                        firstArc: firstArc, arcTarget: arcTarget, arcLength: arcLength, cutoff: cutoff,
                                        patch: patch, nodes: nodes)
                        }
                    }
                }
            }
        }
    }

    static func seed(_ node: Int32, at start: Float, origin facility: Int32, unknown: Bool,
                             state: UnsafeMutableBufferPointer<NodeState>, unknownVia: UnsafeMutableBufferPointer<Bool>?,
                             touched: inout [Int32], queue: inout DistanceQueue) {
        let v = Int(node)
        let known = state[v]
        if start == known.distance && facility < known.origin { state[v].origin = facility }
        guard start < known.distance else { return }
        if known.distance == unreached { touched.append(node) }
        state[v] = NodeState(distance: start, origin: facility)
        unknownVia?[v] = unknown
        queue.insert(distance: start, node: node)
    }

    /// The Dijkstra loop. A static function of `inout` and buffer arguments, so that no access
    /// needs a run-time exclusivity check (captured variables of a closure would).
    /// `unknownVia` (mobility searches): each improved node inherits the flag of the node it was
    /// reached from, or-ed with the arc's. On a tie between facilities the flag stays that of the
    /// path found first.
    static func settle(queue: inout DistanceQueue, touched: inout [Int32], state: UnsafeMutableBufferPointer<NodeState>,
                               unknownVia: UnsafeMutableBufferPointer<Bool>?, arcUnknown: UnsafeBufferPointer<Bool>,
                               firstArc: UnsafeBufferPointer<Int32>,
                               arcTarget: UnsafeBufferPointer<Int32>, arcLength: UnsafeBufferPointer<Float>, cutoff: Float,
                               patch: SearchPatches.Patch?, nodes: UnsafeBufferPointer<PlanarPoint>) {
        let reach = Double(cutoff) + SearchPatches.slack
        while let (reached, node) = queue.popMin() {
            if reached > cutoff { break }
            let v = Int(node)
            // Stale entry: a shorter way to v was found after this one was queued.
            if reached > state[v].distance { continue }
            let from = state[v].origin
            for arc in Int(firstArc[v])..<Int(firstArc[v + 1]) {
                let w = Int(arcTarget[arc])
                let candidate = reached + arcLength[arc]
                let known = state[w]
                if candidate < known.distance && candidate <= cutoff {
                    // Searching one patch: a node farther from its box than the rest of the cutoff is on no route into it.
                    // The patch's own nodes lie in its box: no need to load their position.
                    if let patch, w < patch.first || w >= patch.end, !patch.isWithin(reach - Double(candidate), of: nodes[w]) { continue }
                    if known.distance == unreached { touched.append(Int32(w)) }
                    state[w] = NodeState(distance: candidate, origin: from)
                    if let unknownVia { unknownVia[w] = unknownVia[v] || arcUnknown[arc] }
                    queue.insert(distance: candidate, node: Int32(w))
                } else if candidate == known.distance && from < known.origin {
                    // A tie: the facility listed first wins, whatever the node numbering.
                    // w is not settled yet (segments have positive length), so it passes
                    // the new origin on.
                    state[w].origin = from
                }
            }
        }
    }

    private func readOut(facilities: [NetworkLink], onSegment: SegmentFacilities, points dwellings: [NetworkLink], cutoff: Float) -> Result {
        state.withUnsafeBufferPointer { state in
            unknownVia.withUnsafeBufferPointer { unknownVia in
                Self.readOut(graph: graph, mobility: mobility, state: state, unknownVia: unknownVia, facilities: facilities,
                             onSegment: onSegment, points: dwellings, cutoff: cutoff)
            }
        }
    }

    /// Each point's distance to the nearest facility, from the search values of the nodes
    /// (`state`, and `unknownVia` for a mobility profile's network).
    static func readOut(graph: WalkGraph, mobility: MobilityNetwork?, state: UnsafeBufferPointer<NodeState>, unknownVia: UnsafeBufferPointer<Bool>,
                        facilities: [NetworkLink], onSegment: SegmentFacilities, points dwellings: [NetworkLink], cutoff: Float) -> Result {
        var resultDistance = [Float](repeating: .infinity, count: dwellings.count)
        var resultFacility = [Int32](repeating: Self.noFacility, count: dwellings.count)
        var resultUnknown = [Bool](repeating: false, count: mobility == nil ? 0 : dwellings.count)
        let passage = mobility?.passage ?? []
        for (d, link) in dwellings.enumerated() where link.isRoutable {
            let s = Int(link.segment)
            let length = graph.segmentLength[s]
            // On an impassable segment (steps, for a rollator) nothing reaches the point.
            guard length.isFinite else { continue }
            let a = Int(graph.segmentFrom[s]), b = Int(graph.segmentTo[s])
            // Coming from a segment end means passing through that node.
            let passA = passage.isEmpty ? 0 : passage[a], passB = passage.isEmpty ? 0 : passage[b]
            var best = state[a].distance + passA + link.fraction * length
            var bestOrigin = state[a].origin
            var bestEnd = a
            let viaB = state[b].distance + passB + (1 - link.fraction) * length
            if viaB < best || (viaB == best && state[b].origin < bestOrigin) { best = viaB; bestOrigin = state[b].origin; bestEnd = b }
            for f in onSegment.facilities(on: link.segment) {
                let direct = abs(facilities[Int(f)].fraction - link.fraction) * length + facilities[Int(f)].connector
                if direct < best || (direct == best && f < bestOrigin) { best = direct; bestOrigin = f; bestEnd = -1 }
            }
            let total = best + link.connector
            if total <= cutoff {
                resultDistance[d] = total
                resultFacility[d] = bestOrigin
                if let mobility {
                    resultUnknown[d] = mobility.segmentUnknown[s]
                        || (bestEnd >= 0 && (unknownVia[bestEnd] || mobility.nodeUnknown[bestEnd]))
                }
            }
        }
        return Result(distance: resultDistance, facility: resultFacility, routeUnknown: resultUnknown)
    }

    /// The distance of a node in the last search (`.infinity` when not reached).
    func nodeDistance(_ node: Int32) -> Float { state[Int(node)].distance }

    private func reset() {
        state.withUnsafeMutableBufferPointer { state in
            for v in touched { state[Int(v)] = .unreached }
        }
        if !unknownVia.isEmpty {
            for v in touched { unknownVia[Int(v)] = false }
        }
        touched.removeAll(keepingCapacity: true)
    }
}

/// The search state of one node.
struct NodeState {
    var distance: Float
    var origin: Int32
    static let unreached = NodeState(distance: .infinity, origin: NearestFacilitySearch.noFacility)
}

/// The facilities of one category by the segment they are linked to, for the read-out: a
/// dwelling on the same segment as a facility reaches it directly along it. Most dwellings
/// share no segment with a facility; a bit per segment up to the highest linked one answers
/// those without a search.
///
/// Why a bit per segment: a hashed filter of 64 Kibit let through a third of all dwellings for
/// a category of 20 000 stops (one bit per stop's segment), each then a binary search among the
/// stops' segments; a bit per segment has no false answers and costs one bit per segment of
/// the network (850 kB at national size) for the category being read out.
struct SegmentFacilities {
    /// The linked segment of every routable facility, sorted; `facilities[i]` is the facility
    /// of `segments[i]` (by index within a segment).
    private let segments: [Int32]
    private let facilities: [Int32]
    /// Bit `s` set: segment `s` has a facility (segments beyond the words have none).
    private let linked: [UInt64]

    init(_ links: [NetworkLink]) {
        let pairs = links.enumerated().filter { $0.element.isRoutable }
            .map { (segment: $0.element.segment, facility: Int32($0.offset)) }
            .sorted { ($0.segment, $0.facility) < ($1.segment, $1.facility) }
        segments = pairs.map(\.segment)
        facilities = pairs.map(\.facility)
        var linked = [UInt64](repeating: 0, count: segments.last.map { Int($0) >> 6 + 1 } ?? 0)
        for segment in segments { linked[Int(segment) >> 6] |= 1 << UInt64(segment & 63) }
        self.linked = linked
    }

    /// The facilities linked to `segment`, in index order.
    func facilities(on segment: Int32) -> ArraySlice<Int32> {
        let word = Int(segment) >> 6
        guard segment >= 0, word < linked.count, linked[word] >> UInt64(segment & 63) & 1 != 0 else { return [] }
        return facilities[segments.equalRange(of: segment)]
    }
}
