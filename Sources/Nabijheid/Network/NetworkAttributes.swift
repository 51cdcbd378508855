/// What the mobility profiles need to know of the network beyond its geometry: per segment the
/// accessibility tags of the way it came from, and per node the tags of a barrier, kerb or
/// crossing on it. Tag sets repeat (thousands of `highway=residential` ways), so each distinct
/// set is stored once and segments and nodes refer to it by index.
///
/// Kept beside `WalkGraph` rather than in it: the default search never looks at it.
public struct NetworkAttributes: Sendable {
    /// The tags of a way or node that the mobility rules read (`MobilityTags.wayKeys`,
    /// `MobilityTags.nodeKeys`); other tags are dropped when the network is read.
    public typealias Tags = [String: String]

    /// Distinct way tag sets; `wayTags[segmentWay[s]]` are the tags of segment `s`'s way.
    public var wayTags: [Tags]
    public var segmentWay: [Int32]
    /// Distinct node tag sets, and the nodes that carry one, sorted by node.
    public var nodeTags: [Tags]
    public var taggedNodes: [(node: Int32, tags: Int32)]

    public init(wayTags: [Tags], segmentWay: [Int32], nodeTags: [Tags], taggedNodes: [(node: Int32, tags: Int32)]) {
        self.wayTags = wayTags
        self.segmentWay = segmentWay
        self.nodeTags = nodeTags
        self.taggedNodes = taggedNodes.sorted { $0.node < $1.node }
    }

    /// No tags at all: every segment of way class 0 (empty tags), no tagged node.
    public static func untagged(segmentCount: Int) -> NetworkAttributes {
        NetworkAttributes(wayTags: [[:]], segmentWay: [Int32](repeating: 0, count: segmentCount), nodeTags: [], taggedNodes: [])
    }

    /// The same attributes after the graph's nodes were renumbered (`newIndex[old]`).
    func renumberingNodes(_ newIndex: [Int32]) -> NetworkAttributes {
        NetworkAttributes(wayTags: wayTags, segmentWay: segmentWay, nodeTags: nodeTags,
                          taggedNodes: taggedNodes.map { (newIndex[Int($0.node)], $0.tags) })
    }
}

/// The OSM keys the mobility rules read (docs/configuratie.md, `[[mobility_profiles]]`).
public enum MobilityTags {
    public static let wayKeys: Set<String> = [
        "highway", "surface", "smoothness", "incline", "width", "est_width", "wheelchair", "ramp", "ramp:wheelchair",
    ]
    public static let nodeKeys: Set<String> = ["barrier", "kerb", "highway", "wheelchair", "crossing"]

    /// The way tags the rules read; `nil` keys are left out.
    static func wayPart(_ tags: [String: String]) -> NetworkAttributes.Tags {
        tags.filter { wayKeys.contains($0.key) }
    }

    /// The node tags the rules read, or nil when the node is no barrier, kerb or crossing.
    static func nodePart(_ tags: [String: String]) -> NetworkAttributes.Tags? {
        guard tags["barrier"] != nil || tags["kerb"] != nil || tags["highway"] == "crossing" || tags["wheelchair"] != nil else {
            return nil
        }
        return tags.filter { nodeKeys.contains($0.key) }
    }
}

/// Interns tag sets while the network is read.
struct TagInterner {
    private(set) var sets: [NetworkAttributes.Tags] = []
    private var index: [NetworkAttributes.Tags: Int32] = [:]

    mutating func intern(_ tags: NetworkAttributes.Tags) -> Int32 {
        if let known = index[tags] { return known }
        let id = Int32(sets.count)
        sets.append(tags)
        index[tags] = id
        return id
    }
}
