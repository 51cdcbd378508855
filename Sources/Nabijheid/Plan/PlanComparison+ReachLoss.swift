/// What a plan costs the dwellings that stay: per requirement measured per dwelling (a walking
/// distance on its network, standaard or a mobility profile, or a response time, R8), the
/// dwellings within its limit now and not with the plan. New dwellings and facilities only add
/// reach, so each loss comes from a closure or a network edit, and is traced to:
///
/// - a closed facility that was the dwelling's nearest target on the requirement's network
///   (with its accessibility filter) within the distance;
/// - a closed 24-hour care base that alone reached the dwelling within the minutes;
/// - else the plan's network edits (a removed ramp, a closed path).
struct ReachLoss {
    /// The closed facility's `voorziening_id`; empty for the network edits.
    var id: String
    var category: String
    var name: String?
    /// Dwellings that lose reach for at least one requirement, in total and per buurt code.
    var total = 0
    var buurten: [String: Int] = [:]
    /// Requirement (profile, index in it) → dwellings that lose reach for it per buurt, in the
    /// order first met.
    var requirements: [(profile: Int, requirement: Int, dwellings: [String: Int])] = []

    mutating func count(_ buurt: String, profile: Int, requirement: Int, first: Bool) {
        if first {
            buurten[buurt, default: 0] += 1
            total += 1
        }
        if let k = requirements.firstIndex(where: { $0.profile == profile && $0.requirement == requirement }) {
            requirements[k].dwellings[buurt, default: 0] += 1
        } else {
            requirements.append((profile, requirement, [buurt: 1]))
        }
    }
}

extension PlanComparison {
    /// The losses per closed facility (in plan order, every closure even without loss) and, when
    /// the plan edits the network, of the edits.
    func tracedLosses() -> (closures: [ReachLoss], network: ReachLoss?) {
        let closed = plan.closedFacilityIDs
        let edits = !plan.networkEdits.isEmpty
        let responseTimes = current.careResponse != nil && planned.careResponse != nil
        let requirements = profiles.flatMap { p in
            configuration.assessment.profiles[p].requirements.enumerated().filter {
                $0.element.isDwellingRequirement && ($0.element.isDistanceRequirement || ($0.element.measure == .responseTime && responseTimes))
            }.map { (p, $0.offset, $0.element) }
        }
        var lost: [String: ReachLoss] = [:]
        var network = ReachLoss(id: "", category: "")
        if !closed.isEmpty || edits {
            let closedBases = closedBaseMinutes.sorted { $0.key < $1.key }
            for (d, planIndex) in application.dwellingIndexInPlan.enumerated() {
                guard let planIndex, current.outcomes[d] == .inBuurt else { continue }
                let buurt = current.buurten[Int(current.dwellingBuurt[d])].code
                var counted: Set<String> = []
                for (p, r, requirement) in requirements {
                    if requirement.population == .clusteredDwellings && !current.dwellings[d].clustered { continue }
                    let limit = requirement.threshold
                    let (before, after): (Float, Float) = requirement.measure == .responseTime
                        ? (current.careResponse!.minutes[d], planned.careResponse!.minutes[planIndex])
                        : (nearest(current, requirement, dwelling: d), nearest(planned, requirement, dwelling: planIndex))
                    guard Double(before) < limit, !(Double(after) < limit) else { continue }
                    var causes: [(id: String, facility: Int?)] = []
                    if requirement.measure == .responseTime {
                        causes = closedBases.filter { Double($0.value[d]) < limit }.map { id, _ in (id, current.facilities.firstIndex { $0.id == id }) }
                    } else {
                        let distances = current.requirementDistances
                        for category in requirement.targets {
                            guard let f = distances.nearestFacility(requirement, category: category, dwelling: d),
                                  closed.contains(current.facilities[f].id), !causes.contains(where: { $0.id == current.facilities[f].id }),
                                  Double(distances.dwelling(requirement, category: category, d)) < limit else { continue }
                            causes.append((current.facilities[f].id, f))
                        }
                    }
                    if causes.isEmpty {
                        guard edits else { continue }
                        network.count(buurt, profile: p, requirement: r, first: counted.insert("").inserted)
                        continue
                    }
                    for (id, f) in causes {
                        var entry = lost[id] ?? ReachLoss(id: id, category: f.map { catalog.categories[current.facilities[$0].category].name } ?? "",
                                                          name: f.flatMap { current.facilities[$0].name })
                        entry.count(buurt, profile: p, requirement: r, first: counted.insert(id).inserted)
                        lost[id] = entry
                    }
                }
            }
        }
        let closedInOrder = plan.changes.compactMap { item -> String? in
            if case .closedFacility(let id) = item.change { return id } else { return nil }
        }
        let closures = closedInOrder.map { id in
            if let entry = lost[id] { return entry }
            let facility = current.facilities.first { $0.id == id }
            return ReachLoss(id: id, category: facility.map { catalog.categories[$0.category].name } ?? "", name: facility?.name)
        }
        return (closures, edits ? network : nil)
    }

    func closureLosses() -> [ReachLoss] { tracedLosses().closures }

    func networkLoss() -> ReachLoss? { tracedLosses().network }
}
