/// The Dutch message of a buurt rule in `nabijheid check`: the cause first. A requirement that
/// newly fails (also one that was n.v.t., as R4 when a first geclusterde woning is planned too
/// far from care) comes before the class change, and share drops that still pass come last,
/// each with the requirement's id, label and percentages.
enum BuurtChangeText {
    static func sentence(before: [ProfileOutcome], after: [ProfileOutcome], profiles: [RequirementProfile], indices: [Int],
                         worse: Bool, tolerance: Double, catalog: FacilityCatalog) -> String {
        var failing: [String] = [], classes: [String] = [], drops: [String] = [], stillPassing: [String] = []
        for (k, profile) in profiles.enumerated() {
            let x = before[indices[k]], y = after[indices[k]]
            let prefix = profiles.count > 1 ? "\(profile.name) " : ""
            for (r, requirement) in profile.requirements.enumerated() {
                let was = x.requirements[r], now = y.requirements[r]
                let name = prefix + ReasonText.named(requirement)
                if was.status != .voldoetNiet && now.status == .voldoetNiet {
                    failing.append("\(name) voldoet niet meer (was \(statusText(was.status))): \(now.reason ?? "")")
                } else if was.status == .voldoet && now.status == .onbekend {
                    failing.append("\(name) voldoet niet zeker meer (was voldoet): \(now.reason ?? "")")
                } else if let s0 = was.share, let s1 = now.share, s1 < s0 {
                    let text = "\(name) daalt van \(percentages(s0, s1)); vereist is \(ReasonText.percent(requirement.share))"
                    if now.status == .voldoetNiet {
                        drops.append(text + ", voldeed al niet.")
                    } else if s0 - s1 > tolerance + 1e-9 {
                        drops.append(text + (tolerance > 0 ? ", meer dan de tolerantie van \(ReasonText.percent(tolerance)); voldoet nog." : "; voldoet nog."))
                    } else {
                        stillPassing.append(text + ", binnen de tolerantie; voldoet nog.")
                    }
                }
            }
            if x.classification != y.classification || !worse {
                classes.append("Klasse \(profile.name): \(classText(x.classification)) → \(classText(y.classification)).")
            }
        }
        let parts = failing + classes + drops + stillPassing
        return (worse ? "Wordt slechter. " : "Niet slechter. ") + parts.joined(separator: " ")
    }

    static func statusText(_ status: RequirementOutcome.Status) -> String {
        switch status {
        case .voldoet: return "voldoet"
        case .voldoetNiet: return "voldoet niet"
        case .nietVanToepassing: return "n.v.t."
        case .onbekend: return "onbekend"
        }
    }

    static func classText(_ klasse: ProfileOutcome.Class) -> String {
        HTMLReport.classLabel(klasse).lowercased()
    }

    /// "96 % naar 80 %"; with one decimal when the whole percentages are equal ("96,1 % naar 96,0 %").
    static func percentages(_ a: Double, _ b: Double) -> String {
        let whole = (ReasonText.percent(a), ReasonText.percent(b))
        if whole.0 != whole.1 { return "\(whole.0) naar \(whole.1)" }
        func tenths(_ share: Double) -> String {
            let value = (share * 1000 + 1e-9).rounded(.down) / 10
            return String(format: "%.1f %%", value).replacingOccurrences(of: ".", with: ",")
        }
        return "\(tenths(a)) naar \(tenths(b))"
    }
}
