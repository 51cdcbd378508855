import Foundation

/// Compares the current situation with the plan: each new dwelling and facility against the
/// profiles' requirements, each buurt's figures and class, and what closures cost.
struct PlanComparison {
    let plan: BouwPlan
    let application: PlanApplication
    let current: RunResult
    let planned: RunResult
    /// Indices into the configuration's profiles that the check applies.
    let profiles: [Int]
    /// A requirement share may drop by this much (fraction) before a buurt counts as worse.
    let tolerance: Double

    var configuration: RunConfiguration { current.configuration }
    var catalog: FacilityCatalog { configuration.catalog }

    func rules() -> [CheckReport.Rule] {
        newDwellingRules() + newFacilityRules() + closureRules() + buurtRules()
    }

    private func nearest(_ result: RunResult, _ requirement: Requirement, dwelling: Int) -> Float {
        result.requirementDistances.dwelling(requirement, dwelling)
    }

    private func newDwellingRules() -> [CheckReport.Rule] {
        var rules: [CheckReport.Rule] = []
        for (k, item) in plan.newDwellings.enumerated() {
            let index = application.newDwellingIndices[k]
            let dwelling = item.dwelling
            for p in profiles {
                let profile = configuration.assessment.profiles[p]
                for requirement in profile.requirements where requirement.isDwellingRequirement {
                    if requirement.population == .clusteredDwellings && !dwelling.clustered { continue }
                    // Without a single care base R8 is unknown everywhere, not failed for this dwelling.
                    if requirement.measure == .responseTime && (planned.careResponse?.basesLinked ?? 0) == 0 { continue }
                    let name = "woning \(dwelling.id): \(profile.name) \(requirement.id) \(requirement.label)"
                    if case .suitability(let measure) = requirement.measure {
                        if let rule = suitabilityRule(requirement, measure, dwelling: dwelling, name: name) { rules.append(rule) }
                        continue
                    }
                    guard planned.dwellingLinks[index].isRoutable else {
                        rules.append(.init(soort: "nieuwe_woning", naam: name, geslaagd: false,
                                           melding: "woning \(dwelling.id): de woning ligt verder dan \(ReasonText.meters(configuration.network.maxSnapMeters)) van elk beloopbaar pad (niet routeerbaar)"))
                        continue
                    }
                    let distance = requirement.measure == .responseTime
                        ? planned.careResponse?.minutes[index] ?? .infinity : nearest(planned, requirement, dwelling: index)
                    let passed = Double(distance) < requirement.threshold
                    let measured = !distance.isFinite ? (requirement.measure == .responseTime ? "niet bereikbaar" : "niet binnen de zoekgrens")
                        : requirement.measure == .responseTime ? "op \(ReasonText.number(Double((distance * 10).rounded() / 10))) min aanrijtijd"
                        : "op \(ReasonText.meters(Double((distance * 10).rounded() / 10))) lopen"
                    rules.append(.init(soort: "nieuwe_woning", naam: name, geslaagd: passed,
                                       melding: "woning \(dwelling.id): \(ReasonText.targets(requirement, catalog)) \(measured); \(requirement.id) (\(ReasonText.lowercasedLabel(requirement.label))) vereist < \(ReasonText.limit(requirement))"))
                }
            }
        }
        return rules
    }

    private func newFacilityRules() -> [CheckReport.Rule] {
        var rules: [CheckReport.Rule] = []
        for (k, item) in plan.newFacilities.enumerated() {
            let index = application.newFacilityIndices[k]
            for p in profiles {
                let profile = configuration.assessment.profiles[p]
                for requirement in profile.requirements {
                    guard case .facilities(let sources) = requirement.population, sources.contains(item.facility.category) else { continue }
                    let distance = Double(planned.requirementDistances.facility(requirement, index))
                    let grade = FacilityLayer.requirementClass(requirement, facility: item.facility, distance: distance) ?? "onvoldoende"
                    let measured = distance.isFinite ? "op \(ReasonText.meters((distance * 10).rounded() / 10)) lopen" : "niet binnen de zoekgrens"
                    rules.append(.init(soort: "nieuwe_voorziening", naam: "voorziening \(item.facility.id): \(profile.name) \(requirement.id) \(requirement.label)",
                                       geslaagd: distance <= requirement.threshold,
                                       melding: "voorziening \(item.facility.id): \(ReasonText.targets(requirement, catalog)) \(measured) (\(grade)); \(requirement.id) (\(ReasonText.lowercasedLabel(requirement.label))) vereist ≤ \(ReasonText.meters(requirement.threshold))"))
                }
            }
        }
        return rules
    }

    /// What one closure costs: dwellings out of reach in total and per buurt, and per
    /// requirement (a dwelling can count for several).
    struct ClosureLoss {
        var id: String
        var category: String
        var name: String?
        var total = 0
        var buurten: [String: Int] = [:]
        /// Requirement (profile, index in it) → dwellings that lose reach for it, in profile order.
        var requirements: [(profile: Int, requirement: Int, dwellings: [String: Int])] = []
    }

    /// Dwellings that had a closed facility as their nearest within a requirement's distance and
    /// are out of that distance with the plan.
    func closureLosses() -> [ClosureLoss] {
        let closed = plan.closedFacilityIDs
        guard !closed.isEmpty else { return [] }
        let requirements = profiles.flatMap { p in
            // Response times (R8) are not traced to one base; a closed 24-hour base shows in the buurt shares.
            configuration.assessment.profiles[p].requirements.enumerated().filter { $0.element.isDwellingRequirement && $0.element.isDistanceRequirement }.map { (p, $0.offset, $0.element) }
        }
        var lost: [String: ClosureLoss] = [:]
        for (d, planIndex) in application.dwellingIndexInPlan.enumerated() {
            guard let planIndex, current.outcomes[d] == .inBuurt else { continue }
            var counted: Set<String> = []
            for (p, r, requirement) in requirements {
                if requirement.population == .clusteredDwellings && !current.dwellings[d].clustered { continue }
                var countedForRequirement: Set<String> = []
                for category in requirement.targets {
                    guard let facility = current.distances.nearestFacility(category: category, dwelling: d) else { continue }
                    let id = current.facilities[facility].id
                    guard closed.contains(id), !countedForRequirement.contains(id),
                          Double(current.distances.perCategory[category].distance[d]) < requirement.threshold,
                          Double(nearest(planned, requirement, dwelling: planIndex)) >= requirement.threshold else { continue }
                    countedForRequirement.insert(id)
                    let buurt = current.buurten[Int(current.dwellingBuurt[d])].code
                    var entry = lost[id] ?? ClosureLoss(id: id, category: catalog.categories[category].name, name: current.facilities[facility].name)
                    if counted.insert(id).inserted {
                        entry.buurten[buurt, default: 0] += 1
                        entry.total += 1
                    }
                    if let k = entry.requirements.firstIndex(where: { $0.profile == p && $0.requirement == r }) {
                        entry.requirements[k].dwellings[buurt, default: 0] += 1
                    } else {
                        entry.requirements.append((p, r, [buurt: 1]))
                    }
                    lost[id] = entry
                }
            }
        }
        let closedInOrder = plan.changes.compactMap { item -> String? in
            if case .closedFacility(let id) = item.change { return id } else { return nil }
        }
        return closedInOrder.map { id in
            if let entry = lost[id] { return entry }
            let facility = current.facilities.first { $0.id == id }
            return ClosureLoss(id: id, category: facility.map { catalog.categories[$0.category].name } ?? "", name: facility?.name)
        }
    }

    func closures() -> [CheckReport.Closure] {
        closureLosses().map { loss in
            CheckReport.Closure(voorziening_id: loss.id, categorie: loss.category, woningen_buiten_bereik: loss.total, per_buurt: loss.buurten)
        }
    }

    /// "Buurt 1-1-1 (BU00010000)".
    private func buurtName(_ code: String) -> String {
        guard let buurt = current.buurten.first(where: { $0.code == code }) else { return code }
        return buurt.name == code ? code : "\(buurt.name) (\(code))"
    }

    private func closureRules() -> [CheckReport.Rule] {
        closureLosses().map { loss in
            let facility = loss.name.map { "\($0) (\(loss.id))" } ?? loss.id
            let melding: String
            if loss.total == 0 {
                melding = "Na sluiting van \(facility) verliest geen woning het bereik van een eis."
            } else {
                let parts = loss.requirements.map { item -> String in
                    let requirement = configuration.assessment.profiles[item.profile].requirements[item.requirement]
                    let count = item.dwellings.values.reduce(0, +)
                    let where_ = item.dwellings.sorted { $0.key < $1.key }.map { "\(buurtName($0.key)) \($0.value)" }.joined(separator: ", ")
                    return "\(requirement.id) (\(ReasonText.lowercasedLabel(requirement.label))): \(count) \(count == 1 ? "woning ligt" : "woningen liggen") "
                        + "niet meer binnen \(ReasonText.meters(requirement.threshold)) lopen van \(ReasonText.targets(requirement, catalog)), in \(where_)"
                }
                melding = "Na sluiting van \(facility) verliezen \(loss.total) \(loss.total == 1 ? "woning" : "woningen") bereik. " + parts.joined(separator: "; ") + "."
            }
            return .init(soort: "sluiting", naam: "sluiting \(loss.id) (\(loss.category))", geslaagd: loss.total == 0, melding: melding)
        }
    }

    /// voldoet 3, voldoet_deels 2, voldoet_niet 1; the others are not ranked.
    private static func rank(_ value: ProfileOutcome.Class) -> Int? {
        switch value {
        case .voldoet: return 3
        case .voldoetDeels: return 2
        case .voldoetNiet: return 1
        default: return nil
        }
    }

    func buurtChanges() -> [CheckReport.BuurtChange] {
        let now = current.areas[0], then = planned.areas[0]
        var changes: [CheckReport.BuurtChange] = []
        for b in current.buurten.indices {
            var worse = false
            var classes: [String: [String]] = [:]
            var figures: [CheckReport.FigureChange] = []
            func compare(_ name: String, _ a: Double?, _ b: Double?) {
                if a != b { figures.append(.init(eigenschap: name, huidig: a, plan: b)) }
            }
            compare("aantal_woningen", Double(now.figures[b].dwellings), Double(then.figures[b].dwellings))
            for (c, category) in catalog.categories.enumerated() {
                for (t, threshold) in configuration.distances.thresholds.enumerated() {
                    compare(PropertyNames.share(category.name, within: threshold),
                            Rounding.share(now.figures[b].categories[c].shareWithin[t]), Rounding.share(then.figures[b].categories[c].shareWithin[t]))
                }
                compare(PropertyNames.median(category.name), Rounding.meters(now.figures[b].categories[c].median),
                        Rounding.meters(then.figures[b].categories[c].median))
            }
            for p in profiles {
                let profile = configuration.assessment.profiles[p]
                let before = now.outcomes[b][p], after = then.outcomes[b][p]
                classes[profile.name] = [before.classification.rawValue, after.classification.rawValue]
                if let r0 = Self.rank(before.classification), let r1 = Self.rank(after.classification), r1 < r0 { worse = true }
                for (r, requirement) in profile.requirements.enumerated() {
                    let x = before.requirements[r], y = after.requirements[r]
                    compare("\(PropertyNames.requirement(profile, requirement))_aandeel", Rounding.share(x.share), Rounding.share(y.share))
                    // A requirement that newly fails (also from n.v.t., e.g. a first geclusterde woning).
                    if x.status != .voldoetNiet && y.status == .voldoetNiet { worse = true }
                    // Met before, undecidable now (R6: new dwellings pushed the known suitable share below it).
                    if x.status == .voldoet && y.status == .onbekend { worse = true }
                    if let s0 = x.share, let s1 = y.share, s0 - s1 > tolerance + 1e-9 { worse = true }
                }
            }
            if !figures.isEmpty || classes.values.contains(where: { $0[0] != $0[1] }) {
                changes.append(.init(buurtcode: current.buurten[b].code, buurtnaam: current.buurten[b].name, slechter: worse,
                                     klassen: classes, wijzigingen: figures))
            }
        }
        // Buurten that get worse first, then by code.
        return changes.sorted { ($0.slechter ? 0 : 1, $0.buurtcode) < ($1.slechter ? 0 : 1, $1.buurtcode) }
    }

    private func buurtRules() -> [CheckReport.Rule] {
        let now = current.areas[0], then = planned.areas[0]
        let index = Dictionary(current.buurten.indices.map { (current.buurten[$0].code, $0) }, uniquingKeysWith: { a, _ in a })
        return buurtChanges().map { change in
            let name = "buurt \(change.buurtcode) \(change.buurtnaam)"
            guard let b = index[change.buurtcode] else { return .init(soort: "buurt", naam: name, geslaagd: !change.slechter, melding: "") }
            let melding = BuurtChangeText.sentence(before: now.outcomes[b], after: then.outcomes[b], profiles: profiles.map { configuration.assessment.profiles[$0] },
                                                   indices: profiles, worse: change.slechter, tolerance: tolerance, catalog: catalog)
            return .init(soort: "buurt", naam: name, geslaagd: !change.slechter, melding: melding)
        }
    }
}
