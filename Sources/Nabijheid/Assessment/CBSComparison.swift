/// nabijheid's walking distances beside CBS's own nabijheid figures (the kerncijfers field
/// `cbsDistanceField` of a category: mean road distance in km from every address to the
/// nearest facility), per buurt and category. It says nothing about the requirements; it tells
/// a planner whether to trust the facility input: a walking distance far shorter than CBS's
/// road distance cannot both be right, and CBS finding a facility nearby where the input has
/// none is the usual sign of missing facilities.
public struct CBSComparison: Sendable, Equatable {
    public enum Flag: String, Sendable {
        /// The mean walking distance is below half of CBS's road distance and at least
        /// `minimumGap` shorter.
        case loopafstandVeelKorter = "loopafstand_veel_korter"
        /// CBS has a facility within `nearbyKm` on average, the input none within the search
        /// bound for any routable dwelling of the buurt.
        case cbsWelInvoerNiet = "cbs_wel_invoer_niet"
    }

    public struct Entry: Sendable, Equatable {
        /// CBS's mean road distance in km; nil when the layer has no figure (or a sentinel).
        public var cbsKm: Double?
        /// Mean walking distance (m) over the routable dwellings with a facility within the
        /// search bound; nil when there is none.
        public var walkingMean: Double?
        /// Routable dwellings, and of those with a facility within the search bound.
        public var routable: Int
        public var reachable: Int
        public var flag: Flag?
    }

    /// CBS within this many km counts as "a facility nearby".
    public static let nearbyKm = 1.0
    /// A walking distance counts as far shorter when below this fraction of CBS's and at least
    /// `minimumGap` metres shorter.
    public static let shorterRatio = 0.5
    public static let minimumGap = 250.0

    /// The categories compared (those whose CBS field the buurten layer has), and the field of each.
    public var categories: [Int]
    public var fields: [String]
    /// `entries[buurt][k]` for `categories[k]`.
    public var entries: [[Entry]]

    public var isEmpty: Bool { categories.isEmpty }

    /// - Parameter cbs: per buurt (input order), per compared category, CBS's figure in km.
    /// - Complexity: O(d · k) for d dwellings and k compared categories.
    public static func compute(categories: [Int], fields: [String], cbs: [[Double?]], buurtCount: Int,
                               dwellingBuurt: [Int32], outcomes: [DwellingOutcome], distances: CategoryDistances) -> CBSComparison {
        var sum = [[Double]](repeating: [Double](repeating: 0, count: categories.count), count: buurtCount)
        var reachable = [[Int]](repeating: [Int](repeating: 0, count: categories.count), count: buurtCount)
        var routable = [Int](repeating: 0, count: buurtCount)
        for (d, buurt) in dwellingBuurt.enumerated() where buurt >= 0 && outcomes[d] == .inBuurt {
            let b = Int(buurt)
            routable[b] += 1
            for (k, category) in categories.enumerated() {
                let distance = distances.perCategory[category].distance[d]
                if distance.isFinite {
                    sum[b][k] += Double(distance)
                    reachable[b][k] += 1
                }
            }
        }
        let entries = (0..<buurtCount).map { b in
            categories.indices.map { k -> Entry in
                let mean = reachable[b][k] > 0 ? sum[b][k] / Double(reachable[b][k]) : nil
                var entry = Entry(cbsKm: cbs[b][k], walkingMean: mean, routable: routable[b], reachable: reachable[b][k], flag: nil)
                if let km = entry.cbsKm, routable[b] > 0 {
                    let road = km * 1000
                    if reachable[b][k] == 0 && km <= nearbyKm {
                        entry.flag = .cbsWelInvoerNiet
                    } else if let mean, mean < road * shorterRatio && road - mean >= minimumGap {
                        entry.flag = .loopafstandVeelKorter
                    }
                }
                return entry
            }
        }
        return CBSComparison(categories: categories, fields: fields, entries: entries)
    }

    /// The Dutch sentence for a flagged entry.
    public static func sentence(_ entry: Entry, category: String) -> String? {
        guard let flag = entry.flag, let km = entry.cbsKm else { return nil }
        let road = ReasonText.meters((km * 1000).rounded())
        switch flag {
        case .cbsWelInvoerNiet:
            return "Het CBS vindt voor \(category) gemiddeld een voorziening op \(road) over de weg, de invoer geen binnen de zoekgrens: ontbreken er voorzieningen in de invoer?"
        case .loopafstandVeelKorter:
            let walk = ReasonText.meters((entry.walkingMean ?? 0).rounded())
            return "Gemiddeld \(walk) lopen voor \(category), terwijl het CBS \(road) over de weg meet: telt de invoer voorzieningen die het CBS niet telt?"
        }
    }
}
