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

    private func nearest(_ result: RunResult, targets: [Int], dwelling: Int) -> Float {
        targets.reduce(Float.infinity) { min($0, result.distances.perCategory[$1].distance[dwelling]) }
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
                    let name = "woning \(dwelling.id): \(profile.name) \(requirement.id) \(requirement.label)"
                    guard planned.dwellingLinks[index].isRoutable else {
                        rules.append(.init(soort: "nieuwe_woning", naam: name, geslaagd: false,
                                           melding: "\(item.feature): de woning ligt verder dan \(ReasonText.meters(configuration.network.maxSnapMeters)) van elk beloopbaar pad (niet routeerbaar)"))
                        continue
                    }
                    let distance = nearest(planned, targets: requirement.targets, dwelling: index)
                    let passed = Double(distance) < requirement.threshold
                    let measured = distance.isFinite ? "op \(ReasonText.meters(Double((distance * 10).rounded() / 10))) lopen" : "niet binnen de zoekgrens"
                    rules.append(.init(soort: "nieuwe_woning", naam: name, geslaagd: passed,
                                       melding: "\(item.feature): \(ReasonText.targets(requirement, catalog)) \(measured); vereist < \(ReasonText.meters(requirement.threshold))"))
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
                    let distance = Double(planned.distances.nearest(requirement.targets, facility: index))
                    let grade = FacilityLayer.requirementClass(requirement, facility: item.facility, distance: distance) ?? "onvoldoende"
                    let measured = distance.isFinite ? "op \(ReasonText.meters((distance * 10).rounded() / 10)) lopen" : "niet binnen de zoekgrens"
                    rules.append(.init(soort: "nieuwe_voorziening", naam: "voorziening \(item.facility.id): \(profile.name) \(requirement.id) \(requirement.label)",
                                       geslaagd: distance <= requirement.threshold,
                                       melding: "\(item.feature): \(ReasonText.targets(requirement, catalog)) \(measured) (\(grade)); vereist ≤ \(ReasonText.meters(requirement.threshold))"))
                }
            }
        }
        return rules
    }

    /// Dwellings that had a closed facility as their nearest within a requirement's distance and
    /// are out of that distance with the plan.
    func closures() -> [CheckReport.Closure] {
        let closed = plan.closedFacilityIDs
        guard !closed.isEmpty else { return [] }
        let requirements = profiles.flatMap { configuration.assessment.profiles[$0].requirements.filter(\.isDwellingRequirement) }
        var lost: [String: (category: String, buurten: [String: Int], total: Int)] = [:]
        for (d, planIndex) in application.dwellingIndexInPlan.enumerated() {
            guard let planIndex, current.outcomes[d] == .inBuurt else { continue }
            var counted: Set<String> = []
            for requirement in requirements {
                if requirement.population == .clusteredDwellings && !current.dwellings[d].clustered { continue }
                for category in requirement.targets {
                    guard let facility = current.distances.nearestFacility(category: category, dwelling: d) else { continue }
                    let id = current.facilities[facility].id
                    guard closed.contains(id), !counted.contains(id),
                          Double(current.distances.perCategory[category].distance[d]) < requirement.threshold,
                          Double(nearest(planned, targets: requirement.targets, dwelling: planIndex)) >= requirement.threshold else { continue }
                    counted.insert(id)
                    let buurt = current.buurten[Int(current.dwellingBuurt[d])].code
                    var entry = lost[id] ?? (catalog.categories[category].name, [:], 0)
                    entry.buurten[buurt, default: 0] += 1
                    entry.total += 1
                    lost[id] = entry
                }
            }
        }
        let closedInOrder = plan.changes.compactMap { item -> String? in
            if case .closedFacility(let id) = item.change { return id } else { return nil }
        }
        return closedInOrder.map { id in
            let category = current.facilities.first { $0.id == id }.map { catalog.categories[$0.category].name } ?? ""
            let entry = lost[id]
            return CheckReport.Closure(voorziening_id: id, categorie: entry?.category ?? category,
                                       woningen_buiten_bereik: entry?.total ?? 0, per_buurt: entry?.buurten ?? [:])
        }
    }

    private func closureRules() -> [CheckReport.Rule] {
        closures().map { closure in
            let where_ = closure.per_buurt.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            return .init(soort: "sluiting", naam: "sluiting \(closure.voorziening_id) (\(closure.categorie))",
                         geslaagd: closure.woningen_buiten_bereik == 0,
                         melding: closure.woningen_buiten_bereik == 0
                            ? "geen woning verliest bereik"
                            : "\(closure.woningen_buiten_bereik) woningen verliezen bereik (\(where_))")
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
                    if x.status == .voldoet && y.status == .voldoetNiet { worse = true }
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
        buurtChanges().map { change in
            let classes = change.klassen.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value[0]) → \($0.value[1])" }.joined(separator: "; ")
            let shares = change.wijzigingen.filter { $0.eigenschap.hasSuffix("_aandeel") && ($0.plan ?? 0) < ($0.huidig ?? 0) }
                .map { "\($0.eigenschap) \(format($0.huidig)) → \(format($0.plan))" }.joined(separator: ", ")
            return .init(soort: "buurt", naam: "buurt \(change.buurtcode) \(change.buurtnaam)", geslaagd: !change.slechter,
                         melding: change.slechter ? "wordt slechter: \(classes)\(shares.isEmpty ? "" : "; \(shares)")" : "\(classes)")
        }
    }

    private func format(_ value: Double?) -> String {
        value.map { String(format: "%.4f", $0) } ?? "null"
    }
}
