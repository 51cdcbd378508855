/// A bouwplan's network edits applied to the pedestrian network before its graph is built, so
/// that `standaard` and every mobility profile see them (docs/plan.md):
///
/// - `gewijzigd_pad`: the segments along the line get their way's tags with the plan's tags
///   over them; a segment the walk rules no longer allow (`foot=no`, `access=no`) is removed.
/// - `nieuw_pad`: a new line, joined where it comes within the tolerance of a vertex or a
///   segment and where it crosses a segment (`EditableNetwork.join`); without `highway` a footway.
/// - `afgesloten_pad`: the segments along the line are removed.
/// - `gewijzigd_punt`: the nearest vertex within the tolerance gets its node tags with the
///   plan's over them.
extension WalkGraphBuilder: EditableNetwork {
    mutating func split(_ s: Int, at node: Int32) {
        let end = to[s]
        let position = vertices.positions[Int(node)]
        to[s] = node
        length[s] = Float(vertices.positions[Int(from[s])].distance(to: position))
        from.append(node); to.append(end); segmentWay.append(segmentWay[s])
        length.append(Float(position.distance(to: vertices.positions[Int(end)])))
    }

    /// Applies the edits in order.
    /// - Throws: `InputError` naming the plan file and feature when a changed or closed path
    ///   lies along no segment, or a changed point is on no vertex.
    public mutating func apply(_ edits: [NetworkEdit], rules: WalkRules, file: String) throws {
        for edit in edits {
            switch edit.kind {
            case .changedPath, .closedPath:
                let along = segments(along: edit)
                guard !along.isEmpty else {
                    throw InputError("\(file): \(edit.feature) (\(edit.kind.rawValue)): the line lies along no segment of the walking network; draw it over the existing path (each segment's ends within \(ReasonText.meters(NetworkEdit.tolerance)) of the line)")
                }
                var removed = Set<Int>()
                if edit.kind == .closedPath {
                    removed = Set(along)
                } else {
                    for s in along {
                        let merged = wayTags.sets[Int(segmentWay[s])].merging(edit.tags) { _, new in new }
                        if rules.isWalkable(merged) { segmentWay[s] = wayTags.intern(MobilityTags.wayPart(merged)) } else { removed.insert(s) }
                    }
                }
                removeSegments(removed)
            case .newPath:
                let tags = edit.tags["highway"] == nil ? edit.tags.merging(NetworkEdit.newPathDefault) { old, _ in old } : edit.tags
                guard rules.isWalkable(tags) else { continue }
                let way = wayTags.intern(MobilityTags.wayPart(tags))
                let nodes = join(edit.line)
                for (a, b) in zip(nodes, nodes.dropFirst()) {
                    let meters = Float(vertices.positions[Int(a)].distance(to: vertices.positions[Int(b)]))
                    if meters > 0 { from.append(a); to.append(b); length.append(meters); segmentWay.append(way) }
                }
            case .changedNode:
                guard let point = edit.line.first, let node = networkVertex(near: point) else {
                    throw InputError("\(file): \(edit.feature) (\(edit.kind.rawValue)): the point lies on no vertex of the walking network (within \(ReasonText.meters(NetworkEdit.tolerance)))")
                }
                let merged = currentNodeTags(node).merging(edit.tags) { _, new in new }
                nodeTagsOfVertex[node] = nodeTags.intern(merged.filter { MobilityTags.nodeKeys.contains($0.key) })
            }
        }
    }

    /// The node tags a vertex has now: set by an earlier edit, or read with the network.
    private func currentNodeTags(_ node: Int32) -> NetworkAttributes.Tags {
        if let tags = nodeTagsOfVertex[node] { return nodeTags.sets[Int(tags)] }
        let coordinate = vertices.sources[Int(node)]
        let x = Double(bitPattern: coordinate.x), y = Double(bitPattern: coordinate.y)
        guard abs(x) <= 180, abs(y) <= 90, let tags = nodeTagsAt[OSMGridCoordinate(x, y)] else { return [:] }
        return nodeTags.sets[Int(tags)]
    }

    private mutating func removeSegments(_ removed: Set<Int>) {
        guard !removed.isEmpty else { return }
        let kept = from.indices.filter { !removed.contains($0) }
        from = kept.map { from[$0] }; to = kept.map { to[$0] }
        length = kept.map { length[$0] }; segmentWay = kept.map { segmentWay[$0] }
    }
}
