/// How many facilities of each category the input has, and how many of them are linked to the
/// network. A category without a single routable facility cannot be judged: every dwelling
/// would be "out of reach", which describes the input, not the buurt. Requirements on such a
/// category become `onbekend` (reason `<id>_GEEN_VOORZIENINGEN`) and the run warns.
public struct FacilityCoverage: Sendable, Equatable {
    /// Facilities read per category (catalog order).
    public var read: [Int]
    /// Of those, linked to the network.
    public var routable: [Int]

    public init(read: [Int], routable: [Int]) {
        self.read = read
        self.routable = routable
    }

    /// Counts `facilities` per category of a catalog with `categoryCount` categories.
    /// - Complexity: O(f) for f facilities.
    public init(categoryCount: Int, facilities: [Facility], links: [NetworkLink]) {
        var read = [Int](repeating: 0, count: categoryCount), routable = read
        for (f, facility) in facilities.enumerated() where facility.category < categoryCount {
            read[facility.category] += 1
            if f < links.count && links[f].isRoutable { routable[facility.category] += 1 }
        }
        self.init(read: read, routable: routable)
    }

    /// Whether the input has no routable facility of `category`.
    public func isEmpty(_ category: Int) -> Bool { category >= routable.count || routable[category] == 0 }

    /// Categories without a routable facility, in catalog order.
    public var emptyCategories: [Int] { routable.indices.filter(isEmpty) }

    /// The target categories when none of them has a routable facility (the nearest of any
    /// target counts, so one that has facilities is enough); nil when the requirement can be judged.
    func missingTargets(_ requirement: Requirement) -> [Int]? {
        // Suitability and inhabitants (R6, R9) have no targets: nothing to miss.
        !requirement.targets.isEmpty && requirement.targets.allSatisfy(isEmpty) ? requirement.targets : nil
    }

    /// For facility requirements (R3): the source categories when the input has no location
    /// of any of them at all (read, routable or not).
    func missingSources(_ requirement: Requirement) -> [Int]? {
        guard case .facilities(let sources) = requirement.population else { return nil }
        return sources.allSatisfy({ $0 >= read.count || read[$0] == 0 }) ? sources : nil
    }

    /// Whether `requirement` cannot be judged anywhere for lack of facilities.
    public func cannotJudge(_ requirement: Requirement) -> Bool {
        missingSources(requirement) != nil || missingTargets(requirement) != nil
    }
}
