/// The situation with a plan applied: removed dwellings and closed facilities left out, new ones
/// linked to the network and placed in their buurt. On the same network only the new points are
/// linked; on a network the plan edits (`context` built with its `NetworkEdit`s) every point is
/// linked anew, since segments are numbered differently and a closed path may be gone.
struct PlanApplication {
    /// The situation with the plan.
    var situation: Situation
    /// For each dwelling of the current situation its index in the plan situation, or nil when
    /// the plan removes it.
    var dwellingIndexInPlan: [Int?]
    /// Index in the plan situation of the plan's new dwellings and facilities, in plan order.
    var newDwellingIndices: [Int]
    var newFacilityIndices: [Int]

    /// - Throws: `InputError` naming the plan feature when it removes a dwelling or facility
    ///   that does not exist.
    init(plan: BouwPlan, current: Situation, context: RunContext, relinking: Bool = false) throws {
        let removedDwellings = Set(plan.removedDwellingIDs.map(DwellingID.init))
        let closedFacilities = plan.closedFacilityIDs
        let dwellingIDs = Set(current.dwellings.map(\.identifier)), facilityIDs = Set(current.facilities.map(\.id))
        for (feature, change) in plan.changes {
            switch change {
            case .removedDwelling(let id) where !dwellingIDs.contains(DwellingID(id)):
                throw InputError("\(plan.file): \(feature): removes dwelling '\(id)', which is not among the current dwellings (woning_id)")
            case .closedFacility(let id) where !facilityIDs.contains(id):
                throw InputError("\(plan.file): \(feature): closes facility '\(id)', which is not among the current facilities (voorziening_id)")
            case .newDwelling(let id, _, _, _) where dwellingIDs.contains(DwellingID(id)):
                throw InputError("\(plan.file): \(feature): new dwelling id '\(id)' is already used by a current dwelling")
            default: break
            }
        }
        var situation = Situation(dwellings: [], dwellingLinks: [], dwellingBuurt: [], facilities: [], facilityLinks: [], facilityBuurt: [])
        var indexInPlan = [Int?](repeating: nil, count: current.dwellings.count)
        for d in current.dwellings.indices where !removedDwellings.contains(current.dwellings[d].identifier) {
            indexInPlan[d] = situation.dwellings.count
            situation.dwellings.append(current.dwellings[d])
            situation.dwellingLinks.append(current.dwellingLinks[d])
            situation.dwellingBuurt.append(current.dwellingBuurt[d])
        }
        for f in current.facilities.indices where !closedFacilities.contains(current.facilities[f].id) {
            situation.facilities.append(current.facilities[f])
            situation.facilityLinks.append(current.facilityLinks[f])
            situation.facilityBuurt.append(current.facilityBuurt[f])
        }
        let newDwellings = plan.newDwellings.map(\.dwelling), newFacilities = plan.newFacilities.map(\.facility)
        newDwellingIndices = Array(situation.dwellings.count..<(situation.dwellings.count + newDwellings.count))
        situation.dwellings += newDwellings
        situation.dwellingLinks += context.link(newDwellings.map(\.position))
        situation.dwellingBuurt += context.buurt(of: newDwellings.map(\.position))
        newFacilityIndices = Array(situation.facilities.count..<(situation.facilities.count + newFacilities.count))
        situation.facilities += newFacilities
        situation.facilityLinks += context.link(newFacilities.map(\.position))
        situation.facilityBuurt += context.buurt(of: newFacilities.map(\.position))
        if relinking {
            situation.dwellingLinks = context.link(situation.dwellings.map(\.position))
            situation.facilityLinks = context.link(situation.facilities.map(\.position))
        }
        situation.dwellingsSkipped = current.dwellingsSkipped
        situation.facilitiesSkipped = current.facilitiesSkipped
        self.situation = situation
        dwellingIndexInPlan = indexInPlan
    }
}
