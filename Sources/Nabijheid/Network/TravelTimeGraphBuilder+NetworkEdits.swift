/// A bouwplan's network edits applied to the care mode's network (R8) before its graph is
/// built. The carer uses roads and, by bike, cycleways; a plan's footpath edits change that
/// network only where the care mode may use the way (docs/plan.md):
///
/// - `gewijzigd_pad`: the care segments along the line are judged again by `CareModeRules`
///   with the plan's tags over their way's; one the mode may no longer use is removed.
/// - `nieuw_pad`: added (joined as on the walking network) when the mode may use it, so a new
///   footway without `bicycle=yes` does not change the cycling network.
/// - `afgesloten_pad`: the care segments along the line are removed.
/// - `gewijzigd_punt`: no effect: the care network has no node barriers.
///
/// A line that lies along no care segment is not an error here: a footpath is often on the
/// walking network only (`WalkGraphBuilder.apply` checks the line against that network).
extension TravelTimeGraphBuilder: EditableNetwork {
    mutating func split(_ s: Int, at node: Int32) {
        let end = to[s]
        let position = vertices.positions[Int(node)]
        let whole = length[s]
        let first = Float(vertices.positions[Int(from[s])].distance(to: position))
        let second = Float(position.distance(to: vertices.positions[Int(end)]))
        let (forwardSeconds, backwardSeconds) = (forward[s], backward[s])
        to[s] = node
        length[s] = first
        forward[s] = forwardSeconds.isFinite ? forwardSeconds * first / whole : .infinity
        backward[s] = backwardSeconds.isFinite ? backwardSeconds * first / whole : .infinity
        from.append(node); to.append(end); length.append(second); segmentWay.append(segmentWay[s])
        forward.append(forwardSeconds.isFinite ? forwardSeconds * second / whole : .infinity)
        backward.append(backwardSeconds.isFinite ? backwardSeconds * second / whole : .infinity)
    }

    public mutating func apply(_ edits: [NetworkEdit]) {
        for edit in edits {
            switch edit.kind {
            case .closedPath:
                removeSegments(Set(segments(along: edit)))
            case .changedPath:
                var removed = Set<Int>()
                for s in segments(along: edit) {
                    let merged = wayTags.sets[Int(segmentWay[s])].merging(edit.tags) { _, new in new }
                    guard let passage = rules.passage(merged) else { removed.insert(s); continue }
                    let metresPerSecond = Float(passage.speedKmh / 3.6)
                    segmentWay[s] = wayTags.intern(merged.filter { CareModeRules.keys.contains($0.key) })
                    forward[s] = passage.forward ? length[s] / metresPerSecond : .infinity
                    backward[s] = passage.backward ? length[s] / metresPerSecond : .infinity
                }
                removeSegments(removed)
            case .newPath:
                let tags = edit.tags["highway"] == nil ? edit.tags.merging(NetworkEdit.newPathDefault) { old, _ in old } : edit.tags
                guard let passage = rules.passage(tags) else { continue }
                let metresPerSecond = Float(passage.speedKmh / 3.6)
                let way = wayTags.intern(tags.filter { CareModeRules.keys.contains($0.key) })
                let nodes = join(edit.line)
                for (a, b) in zip(nodes, nodes.dropFirst()) {
                    let meters = Float(vertices.positions[Int(a)].distance(to: vertices.positions[Int(b)]))
                    guard meters > 0 else { continue }
                    from.append(a); to.append(b); length.append(meters); segmentWay.append(way)
                    forward.append(passage.forward ? meters / metresPerSecond : .infinity)
                    backward.append(passage.backward ? meters / metresPerSecond : .infinity)
                }
            case .changedNode:
                break
            }
        }
    }

    private mutating func removeSegments(_ removed: Set<Int>) {
        guard !removed.isEmpty else { return }
        let kept = from.indices.filter { !removed.contains($0) }
        from = kept.map { from[$0] }; to = kept.map { to[$0] }; length = kept.map { length[$0] }
        forward = kept.map { forward[$0] }; backward = kept.map { backward[$0] }; segmentWay = kept.map { segmentWay[$0] }
    }
}
