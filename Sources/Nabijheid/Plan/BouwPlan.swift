/// A bouwplan: the changes a plan makes to the current situation. Read from a vector file by
/// `PlanReader`; the format is documented in docs/plan.md.
public struct BouwPlan: Sendable {
    public enum Change: Sendable, Equatable {
        /// A new dwelling; `clustered` for a geclusterde woonvorm, `suitability` an index into
        /// the configured levels or -1.
        case newDwelling(id: String, position: PlanarPoint, clustered: Bool, suitability: Int8)
        /// An existing dwelling that the plan demolishes or transforms, by its `woning_id`.
        case removedDwelling(id: String)
        /// A new facility (a new stop is a facility of category `ov_halte`).
        case newFacility(id: String, name: String?, category: Int, position: PlanarPoint)
        /// An existing facility that closes (a stop that moves or goes), by `voorziening_id`.
        case closedFacility(id: String)
        /// A change to the network: a path or vertex changed, a new path, a path closed.
        case networkEdit(NetworkEdit)
    }

    /// The plan's changes with the feature they came from (for messages and reports).
    public var changes: [(feature: String, change: Change)]
    public var file: String

    public var newDwellings: [(feature: String, dwelling: Dwelling)] {
        changes.compactMap { item in
            guard case .newDwelling(let id, let position, let clustered, let suitability) = item.change else { return nil }
            return (item.feature, Dwelling(id: id, position: position, suitability: suitability, clustered: clustered))
        }
    }

    public var newFacilities: [(feature: String, facility: Facility)] {
        changes.compactMap { item in
            guard case .newFacility(let id, let name, let category, let position) = item.change else { return nil }
            return (item.feature, Facility(id: id, name: name, category: category, position: position, source: "plan"))
        }
    }

    public var removedDwellingIDs: Set<String> {
        Set(changes.compactMap { if case .removedDwelling(let id) = $0.change { return id } else { return nil } })
    }

    /// The plan's network edits, in plan order.
    public var networkEdits: [NetworkEdit] {
        changes.compactMap { if case .networkEdit(let edit) = $0.change { return edit } else { return nil } }
    }

    public var closedFacilityIDs: Set<String> {
        Set(changes.compactMap { if case .closedFacility(let id) = $0.change { return id } else { return nil } })
    }
}
