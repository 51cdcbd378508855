/// A change a bouwplan makes to the pedestrian network (docs/plan.md): a path whose tags change
/// (a ramp removed), a new path, a path closed to everyone, or a network vertex whose node tags
/// change (a raised kerb). Lines and points are in RD New.
///
/// Which segments a plan line means is decided by geometry: a segment whose two ends both lie
/// within `tolerance` of the line. Drawing the line over the existing path is enough; a
/// segment that merely crosses the line has at least one end further away (unless the
/// segment itself is shorter than twice the tolerance).
public struct NetworkEdit: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case changedPath = "gewijzigd_pad"
        case newPath = "nieuw_pad"
        case closedPath = "afgesloten_pad"
        case changedNode = "gewijzigd_punt"
    }

    public var kind: Kind
    /// The plan feature (for messages): "feature 3".
    public var feature: String
    /// The line (one point for `changedNode`).
    public var line: [PlanarPoint]
    /// OSM tags the edit sets; they replace the same keys of the existing way or node.
    public var tags: [String: String]

    public init(kind: Kind, feature: String, line: [PlanarPoint], tags: [String: String]) {
        self.kind = kind
        self.feature = feature
        self.line = line
        self.tags = tags
    }

    /// Metres: how far a segment's ends or a vertex may lie from the plan's line or point.
    public static let tolerance = 1.0

    /// The tags a new path has when the plan gives no `highway`: a footway.
    static let newPathDefault = ["highway": "footway"]

    /// `"highway=steps;ramp=no"` → tags; nil when a part is not `key=value` with a non-empty key.
    public static func parseTags(_ text: String) -> [String: String]? {
        var tags: [String: String] = [:]
        for part in text.split(separator: ";", omittingEmptySubsequences: true) {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.isEmpty { continue }
            guard let equals = item.firstIndex(of: "=") else { return nil }
            let key = item[..<equals].trimmingCharacters(in: .whitespaces)
            let value = item[item.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !value.isEmpty, tags[key] == nil else { return nil }
            tags[key] = value
        }
        return tags
    }

    /// The distance from `point` to the line.
    func distance(to point: PlanarPoint) -> Double {
        guard line.count > 1 else { return line.first.map { $0.distance(to: point) } ?? .infinity }
        return zip(line, line.dropFirst()).reduce(Double.infinity) { min($0, NetworkEdit.distance(point, $1.0, $1.1).distance) }
    }

    /// Whether a segment from `a` to `b` lies along the line: both ends within `tolerance`.
    func covers(_ a: PlanarPoint, _ b: PlanarPoint) -> Bool {
        distance(to: a) <= Self.tolerance && distance(to: b) <= Self.tolerance
    }

    /// Distance from `p` to the segment `a`–`b`, and the fraction (0…1) of the nearest point.
    static func distance(_ p: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> (distance: Double, fraction: Double) {
        let dx = b.x - a.x, dy = b.y - a.y
        let squared = dx * dx + dy * dy
        let t = squared == 0 ? 0 : max(0, min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / squared))
        return (p.distance(to: PlanarPoint(x: a.x + t * dx, y: a.y + t * dy)), t)
    }

    /// Where segment `p`–`q` properly crosses segment `a`–`b`: the fraction along `p`–`q`, and
    /// along `a`–`b`; nil when they are parallel or do not cross within both.
    static func crossing(_ p: PlanarPoint, _ q: PlanarPoint, _ a: PlanarPoint, _ b: PlanarPoint) -> (t: Double, u: Double)? {
        let rx = q.x - p.x, ry = q.y - p.y, sx = b.x - a.x, sy = b.y - a.y
        let denominator = rx * sy - ry * sx
        guard abs(denominator) > 1e-12 else { return nil }
        let t = ((a.x - p.x) * sy - (a.y - p.y) * sx) / denominator
        let u = ((a.x - p.x) * ry - (a.y - p.y) * rx) / denominator
        guard t > 0, t < 1, u > 0, u < 1 else { return nil }
        return (t, u)
    }
}

/// A network while it is being read, as the plan's edits see it: vertices with positions and
/// undirected segments between them. `WalkGraphBuilder` and `TravelTimeGraphBuilder` conform,
/// so a new path joins both in the same places.
protocol EditableNetwork {
    var vertices: VertexTable { get set }
    /// The ends of every segment.
    var from: [Int32] { get }
    var to: [Int32] { get }
    /// Splits segment `s` at vertex `node`: `s` ends at `node`, a new segment of the same way
    /// continues from `node` to the old end.
    mutating func split(_ s: Int, at node: Int32)
}

extension EditableNetwork {
    /// A vertex at `point` (a new one unless a vertex has exactly this position already).
    mutating func vertex(at point: PlanarPoint) -> Int32 {
        vertices.node(source: (point.x, point.y), planar: point)
    }

    /// The segments that lie along `edit`'s line.
    func segments(along edit: NetworkEdit) -> [Int] {
        let positions = vertices.positions, (from, to) = (self.from, self.to)
        let box = Box(edit.line, margin: NetworkEdit.tolerance)
        return from.indices.filter { s in
            let a = positions[Int(from[s])], b = positions[Int(to[s])]
            return box.contains(a) && box.contains(b) && edit.covers(a, b)
        }
    }

    /// The vertex nearest to `point` within the tolerance that lies on a segment; nil when none.
    func networkVertex(near point: PlanarPoint) -> Int32? {
        let positions = vertices.positions, (from, to) = (self.from, self.to)
        var best: (Int32, Double)?
        for node in from + to {
            let d = positions[Int(node)].distance(to: point)
            if d <= NetworkEdit.tolerance && (best == nil || d < best!.1 || (d == best!.1 && node < best!.0)) { best = (node, d) }
        }
        return best?.0
    }

    /// The vertices a new path runs through, in order: its own vertices and where it crosses
    /// existing segments. Each joins an existing vertex within the tolerance, or splits an
    /// existing segment within the tolerance, or else is a new vertex.
    mutating func join(_ line: [PlanarPoint]) -> [Int32] {
        var points: [PlanarPoint] = []
        for (p, q) in zip(line, line.dropFirst()) {
            points.append(p)
            let positions = vertices.positions, (from, to) = (self.from, self.to)
            let crossings = from.indices.compactMap { s -> Double? in
                NetworkEdit.crossing(p, q, positions[Int(from[s])], positions[Int(to[s])])?.t
            }
            for t in Set(crossings).sorted() { points.append(PlanarPoint(x: p.x + t * (q.x - p.x), y: p.y + t * (q.y - p.y))) }
        }
        if let last = line.last { points.append(last) }
        var nodes: [Int32] = []
        for point in points {
            let node: Int32
            if let existing = networkVertex(near: point) {
                node = existing
            } else {
                let positions = vertices.positions, (from, to) = (self.from, self.to)
                let nearest = from.indices.map { s in (s, NetworkEdit.distance(point, positions[Int(from[s])], positions[Int(to[s])])) }
                    .filter { $0.1.distance <= NetworkEdit.tolerance }
                    .min { ($0.1.distance, $0.0) < ($1.1.distance, $1.0) }
                if let (s, place) = nearest {
                    let a = positions[Int(from[s])], b = positions[Int(to[s])]
                    node = vertex(at: PlanarPoint(x: a.x + place.fraction * (b.x - a.x), y: a.y + place.fraction * (b.y - a.y)))
                    split(s, at: node)
                } else {
                    node = vertex(at: point)
                }
            }
            if nodes.last != node { nodes.append(node) }
        }
        return nodes
    }
}

/// A bounding box with a margin, to skip segments far from a plan line quickly.
private struct Box {
    var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity

    init(_ points: [PlanarPoint], margin: Double) {
        for p in points {
            minX = min(minX, p.x - margin); maxX = max(maxX, p.x + margin)
            minY = min(minY, p.y - margin); maxY = max(maxY, p.y + margin)
        }
    }

    func contains(_ p: PlanarPoint) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
}
