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
    /// Per closed 24-hour care base, the minutes from it alone to every current dwelling: a
    /// response time lost after its closure is traced to the bases that reached the dwelling in time.
    var closedBaseMinutes: [String: [Float]] = [:]

    var configuration: RunConfiguration { current.configuration }
    var catalog: FacilityCatalog { configuration.catalog }

    func rules() -> [CheckReport.Rule] {
        newDwellingRules() + newFacilityRules() + closureRules() + networkRules() + buurtRules()
    }

    func nearest(_ result: RunResult, _ requirement: Requirement, dwelling: Int) -> Float {
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
            let melding = loss.total == 0 ? "Na sluiting van \(facility) verliest geen woning het bereik van een eis."
                : "Na sluiting van \(facility) verliezen \(loss.total) \(loss.total == 1 ? "woning" : "woningen") bereik. " + lossParts(loss) + "."
            return .init(soort: "sluiting", naam: "sluiting \(loss.id) (\(loss.category))", geslaagd: loss.total == 0, melding: melding)
        }
    }

    /// One rule for all the plan's network edits: the dwellings that lose reach and whose loss
    /// no closure explains.
    private func networkRules() -> [CheckReport.Rule] {
        guard let loss = networkLoss() else { return [] }
        let features = plan.networkEdits.map(\.feature).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let edits = "de netwerkwijzigingen (\(features.joined(separator: ", ")))"
        let melding = loss.total == 0 ? "Na \(edits) verliest geen woning het bereik van een eis."
            : "Na \(edits) verliezen \(loss.total) \(loss.total == 1 ? "woning" : "woningen") bereik. " + lossParts(loss) + "."
        return [.init(soort: "netwerk", naam: "netwerk: \(features.joined(separator: ", "))", geslaagd: loss.total == 0, melding: melding)]
    }

    /// "R1 (…): 2 woningen liggen niet meer binnen 500 m lopen van een supermarkt, in Buurt A (BU…) 2 (5 %); R8 …".
    private func lossParts(_ loss: ReachLoss) -> String {
        let dwellingsNow = current.areas[0].figures.map(\.dwellings)
        let buurtIndex = Dictionary(current.buurten.indices.map { (current.buurten[$0].code, $0) }, uniquingKeysWith: { a, _ in a })
        return loss.requirements.map { item -> String in
            let requirement = configuration.assessment.profiles[item.profile].requirements[item.requirement]
            let count = item.dwellings.values.reduce(0, +)
            let where_ = item.dwellings.sorted { $0.key < $1.key }.map { code, lost -> String in
                let total = buurtIndex[code].map { dwellingsNow[$0] } ?? 0
                return "\(buurtName(code)) \(lost)" + (total > 0 ? " (\(ReasonText.percent(Double(lost) / Double(total))))" : "")
            }.joined(separator: ", ")
            let what = requirement.measure == .responseTime
                ? "\(count == 1 ? "woning wordt" : "woningen worden") niet meer binnen \(ReasonText.minutes(requirement.threshold)) bereikt vanaf een \(ReasonText.targets(requirement, catalog))"
                : "\(count == 1 ? "woning ligt" : "woningen liggen") niet meer binnen \(ReasonText.meters(requirement.threshold)) \(ReasonText.walking(requirement)) van \(ReasonText.targets(requirement, catalog))"
            return "\(ReasonText.named(requirement)): \(count) \(what), in \(where_)"
        }.joined(separator: "; ")
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
