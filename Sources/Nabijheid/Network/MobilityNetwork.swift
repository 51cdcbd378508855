/// The walk graph as one mobility profile sees it: the same nodes and segments, with each
/// segment's length multiplied by the profile's factor (`.infinity` when impassable), the cost
/// of passing through each node, and which segments and nodes the tags leave unknown.
///
/// Passing through a node means leaving it along any segment: its cost is added to every arc
/// leaving it and, when a point is read out at the end of a segment, to that end. A barrier
/// therefore blocks the passage through its vertex, not the ways that meet there.
public struct MobilityNetwork: Sendable {
    public let profile: MobilityProfile
    /// Same topology as the standaard graph; `segmentLength` and `arcLength` are the profile's.
    public let graph: WalkGraph
    /// Metres added for passing through each node (empty when no node costs anything).
    public let passage: [Float]
    /// Per arc: the arc's segment or its start node is of unknown accessibility.
    public let arcUnknown: [Bool]
    /// Per segment and per node: unknown accessibility.
    public let segmentUnknown: [Bool]
    public let nodeUnknown: [Bool]
    public let summary: Summary

    /// What the profile made of the network, for the run report.
    public struct Summary: Codable, Sendable, Equatable {
        public var segmenten_geblokkeerd: Int
        public var segmenten_vertraagd: Int
        public var segmenten_onbekend: Int
        public var lengte_geblokkeerd_km: Double
        public var lengte_onbekend_km: Double
        public var knopen_geblokkeerd: Int
        public var knopen_met_toeslag: Int
        public var knopen_onbekend: Int
        /// Tag values the rules do not know, as `key=value` with how many ways or nodes had them.
        public var onbekende_waarden: [String: Int]
    }

    public init(base: WalkGraph, attributes: NetworkAttributes, profile: MobilityProfile) {
        precondition(attributes.segmentWay.count == base.segmentCount, "attributes belong to this graph")
        self.profile = profile
        let wayVerdicts = attributes.wayTags.map(profile.way)
        let nodeVerdicts = attributes.nodeTags.map(profile.node)
        var unrecognised: [String: Int] = [:]
        var segmentLength = base.segmentLength
        var segmentUnknown = [Bool](repeating: false, count: base.segmentCount)
        var blockedSegments = 0, slowed = 0, unknownSegments = 0, blockedLength = 0.0, unknownLength = 0.0
        var wayUses = [Int](repeating: 0, count: wayVerdicts.count)
        for s in 0..<base.segmentCount {
            let way = Int(attributes.segmentWay[s])
            let verdict = wayVerdicts[way]
            wayUses[way] += 1
            segmentLength[s] = verdict.isBlocked ? .infinity : Float(Double(base.segmentLength[s]) * verdict.cost)
            segmentUnknown[s] = verdict.unknown
            if verdict.isBlocked { blockedSegments += 1; blockedLength += Double(base.segmentLength[s]) }
            else if verdict.cost > 1 { slowed += 1 }
            if verdict.unknown { unknownSegments += 1; unknownLength += Double(base.segmentLength[s]) }
        }
        for (way, verdict) in wayVerdicts.enumerated() where wayUses[way] > 0 {
            if let value = verdict.unrecognised { unrecognised["\(value.key)=\(value.value)", default: 0] += wayUses[way] }
        }
        var passage: [Float] = []
        var nodeUnknown = [Bool](repeating: false, count: base.nodeCount)
        var blockedNodes = 0, penalised = 0, unknownNodes = 0
        for (node, tags) in attributes.taggedNodes {
            let verdict = nodeVerdicts[Int(tags)]
            if verdict.cost > 0 {
                if passage.isEmpty { passage = [Float](repeating: 0, count: base.nodeCount) }
                passage[Int(node)] = Float(verdict.cost)
                if verdict.isBlocked { blockedNodes += 1 } else { penalised += 1 }
            }
            if verdict.unknown { nodeUnknown[Int(node)] = true; unknownNodes += 1 }
            if let value = verdict.unrecognised { unrecognised["\(value.key)=\(value.value)", default: 0] += 1 }
        }
        let graph = WalkGraph(sharingTopologyOf: base, segmentLength: segmentLength, passage: passage)
        var arcUnknown = [Bool](repeating: false, count: graph.arcTarget.count)
        for (arc, segment) in graph.arcSegments().enumerated() {
            arcUnknown[arc] = segmentUnknown[Int(segment)]
        }
        for v in 0..<base.nodeCount where nodeUnknown[v] {
            for arc in Int(graph.firstArc[v])..<Int(graph.firstArc[v + 1]) { arcUnknown[arc] = true }
        }
        self.graph = graph
        self.passage = passage
        self.arcUnknown = arcUnknown
        self.segmentUnknown = segmentUnknown
        self.nodeUnknown = nodeUnknown
        summary = Summary(segmenten_geblokkeerd: blockedSegments, segmenten_vertraagd: slowed, segmenten_onbekend: unknownSegments,
                          lengte_geblokkeerd_km: (blockedLength / 100).rounded() / 10, lengte_onbekend_km: (unknownLength / 100).rounded() / 10,
                          knopen_geblokkeerd: blockedNodes, knopen_met_toeslag: penalised, knopen_onbekend: unknownNodes,
                          onbekende_waarden: unrecognised)
    }
}

extension WalkGraph {
    /// The same nodes, segments and arc order with other segment lengths, and `passage[v]`
    /// added to every arc leaving node `v` (`passage` empty: nothing added). The arrays that do
    /// not change are shared, not copied.
    init(sharingTopologyOf base: WalkGraph, segmentLength: [Float], passage: [Float]) {
        var arcLength = [Float](repeating: 0, count: base.arcTarget.count)
        for (arc, segment) in base.arcSegments().enumerated() { arcLength[arc] = segmentLength[Int(segment)] }
        if !passage.isEmpty {
            for v in 0..<base.nodeCount where passage[v] > 0 {
                for arc in Int(base.firstArc[v])..<Int(base.firstArc[v + 1]) { arcLength[arc] += passage[v] }
            }
        }
        self.init(nodes: base.nodes, firstArc: base.firstArc, arcTarget: base.arcTarget, arcLength: arcLength,
                  segmentFrom: base.segmentFrom, segmentTo: base.segmentTo, segmentLength: segmentLength)
    }

    /// The segment of every arc, in arc order (as `init(nodes:segmentFrom:segmentTo:segmentLength:)` lays them out).
    func arcSegments() -> [Int32] {
        var next = Array(firstArc.dropLast())
        var segment = [Int32](repeating: 0, count: arcTarget.count)
        for s in 0..<segmentCount {
            let a = Int(segmentFrom[s]), b = Int(segmentTo[s])
            segment[Int(next[a])] = Int32(s); next[a] += 1
            segment[Int(next[b])] = Int32(s); next[b] += 1
        }
        return segment
    }
}
