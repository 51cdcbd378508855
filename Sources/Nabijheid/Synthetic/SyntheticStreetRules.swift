/// The kerbs and one-way streets of the synthetic national landscape, as a Dutch town has them:
/// at some crossings of a main street a raised kerb (a wheelchair cannot pass, a rollator at a
/// cost) or a lowered one, and in a town centre a few one-way streets, on part of which cyclists
/// may ride both ways (`oneway:bicycle=no`).
///
/// Each kerb is drawn from the seed and the crossing's position, not from the landscape's random
/// stream, so everything else the landscape draws stays as it was.
enum SyntheticStreetRules {
    /// Of the inner crossings of a main street, about this share gets a raised kerb…
    static let raisedShare = 0.15
    /// …and about this share a lowered one (no obstacle, but mapped).
    static let loweredShare = 0.35

    /// The `kerb` value at a crossing, or nil for none.
    static func kerb(at crossing: PlanarPoint, seed: UInt64) -> String? {
        // Whole-metre coordinates: the crossing's position is its identity.
        let x = UInt64(bitPattern: Int64(crossing.x.rounded())), y = UInt64(bitPattern: Int64(crossing.y.rounded()))
        var random = SeededRandom(seed: seed ^ 0x4B45_5242_5354_454E ^ (x &* 0x9E37_79B9_7F4A_7C15) ^ (y &* 0xC2B2_AE3D_27D4_EB4F))
        let u = random.unit()
        return u < raisedShare ? "raised" : u < raisedShare + loweredShare ? "lowered" : nil
    }

    /// `street` cut at vertices `from` and `to` (indices into its points), the part between them
    /// one-way: in the street's direction on even `line`s, against it (points reversed) on odd
    /// ones, so that neighbouring one-way streets run opposite ways; on every third line
    /// cyclists may ride both ways.
    static func oneWayInCentre(_ street: SyntheticTown.Street, line: Int, from: Int, to: Int) -> [SyntheticTown.Street] {
        precondition(0 < from && from < to && to < street.points.count - 1, "the one-way part lies inside the street")
        var before = street, centre = street, after = street
        before.points = Array(street.points[...from])
        centre.points = Array(street.points[from...to])
        after.points = Array(street.points[to...])
        if line % 2 == 1 { centre.points.reverse() }
        centre.oneway = "yes"
        if line % 3 == 0 { centre.onewayBicycle = "no" }
        return [before, centre, after]
    }
}
