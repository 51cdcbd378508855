import Foundation

/// Which structure `generate-town` lays out.
public enum SyntheticLandscape: String, Sendable, CaseIterable {
    /// Identical grid towns of about 20 000 dwellings (`SyntheticTown(dwellings:seed:)`); the
    /// committed fixtures depend on it, so it never changes.
    case town
    /// A country: a few large cities, many mid-size towns and many villages of different
    /// density, joined by long rural roads with farms (`NationalLandscape`).
    case national
}

extension SyntheticTown {
    /// The synthetic input of the given structure; `.town` is exactly `init(dwellings:seed:)`.
    public init(dwellings: Int, seed: UInt64, landscape: SyntheticLandscape) {
        switch landscape {
        case .town: self.init(dwellings: dwellings, seed: seed)
        case .national: self = NationalLandscape(dwellings: dwellings, seed: seed).town
        }
    }

    /// An empty town, filled in by `NationalLandscape`.
    init(streets: [Street], buurten: [BuurtArea], addresses: [Address], facilities: [Place], stops: [Place], taggedNodes: [TaggedNode]) {
        self.streets = streets
        self.taggedNodes = taggedNodes
        self.buurten = buurten
        self.addresses = addresses
        self.facilities = facilities
        self.stops = stops
    }
}

/// A synthetic country for national-scale benchmarks, laid out over the RD New range of the
/// Netherlands (within x 10–290 km, y 305–615 km), roughly square, centred on x = 150 km.
///
/// - Settlements: about one per 3 500 dwellings, sizes by a rank-size rule (the k-th largest
///   about 1/k of the largest, with some jitter), so there are a few large cities, many
///   mid-size towns and many villages. Cities have apartment blocks of up to 120 dwellings per
///   100 m block in the centre, thinning to 16 at the edge; towns 40 to 12; villages about 10.
/// - Streets: each settlement is a grid of 100 m blocks with a vertex every 20 m (all
///   coordinates whole metres, so shared vertices are exactly equal); every fourth line is a
///   main street. Blocks get cul-de-sacs (suburbs, villages) or footpaths (centres) that end
///   in the block: dead ends. Rural roads of several kilometres join neighbouring
///   settlements, starting and ending on a street vertex, with farms along them (dwellings
///   outside all buurten).
/// - Buurten: a village is one buurt; a larger settlement is cut into a k × k grid of about
///   2 500–3 000 dwellings per buurt, with narrower cuts where it is denser; each row of
///   buurten is a wijk. Neighbouring settlements are grouped into a gemeente of at least
///   about 15 000 dwellings (or 12 settlements), so a gemeente holds several kernen.
/// - Facilities cluster in the centres (and, in larger towns, in neighbourhood centres
///   pulled towards the main centre: about one shop per 800 dwellings, a GP per 1 600); villages often lack a shop, GP, pharmacy or care
///   facility, so their buurten genuinely fail requirements. Bus stops lie along the main
///   streets; most villages have one.
/// - Kerbs and one-way streets (`SyntheticStreetRules`): raised and lowered kerbs at some
///   inner crossings of the main streets, drawn from the seed and the crossing's position (not
///   from the random stream, so nothing else moves); in towns and cities the side streets
///   within two blocks of the centre are one-way there, some open to cyclists both ways.
/// - The deliberate oddities of `SyntheticTown` appear once, at the first settlement: shops
///   among the dwellings (`winkelfunctie`), a park buurt with unroutable dwellings, a water
///   buurt, a motorway, a private road and steps.
///
/// Exactly `dwellings` addresses have `woonfunctie`. The same dwellings and seed give the same
/// value, bit for bit.
public struct NationalLandscape: Sendable {
    public enum Kind: String, Sendable { case city, town, village }

    /// One settlement (kern).
    public struct Site: Sendable {
        public var name: String
        public var kind: Kind
        public var gemeentecode: String
        /// Dwellings placed in the settlement (farms and the park are not counted here).
        public var dwellings: Int
        /// The main centre: a street crossing in the middle of the grid.
        public var centre: PlanarPoint
        public var minX: Double, minY: Double, maxX: Double, maxY: Double
    }

    public private(set) var town: SyntheticTown
    public private(set) var sites: [Site]

    public init(dwellings: Int, seed: UInt64 = 1) {
        var builder = Builder(dwellings: max(1, dwellings), seed: seed)
        builder.build()
        town = SyntheticTown(streets: builder.streets, buurten: builder.buurten, addresses: builder.addresses,
                             facilities: builder.facilities, stops: builder.stops, taggedNodes: builder.taggedNodes)
        sites = builder.sites
    }
}

// MARK: - Building

private let blockSize = 100.0
private let step = 20.0

/// Zero-padded decimal, faster than `String(format:)` for millions of ids.
private func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

private struct Plan {
    var kind: NationalLandscape.Kind
    var dwellings: Int
    var side: Int              // blocks per side
    var buurtGrid: Int         // k × k buurten
    var gap: Double            // rural gap east of this settlement
    var x0 = 0.0, y0 = 0.0     // south-west corner, whole metres
    var row = 0
    var gemeente = 0
    var firstWijk = 0
    var name = ""

    var width: Double { Double(side) * blockSize }
    /// A street vertex: `ix`, `iy` count 20 m steps from the south-west corner.
    func vertex(_ ix: Int, _ iy: Int) -> PlanarPoint { PlanarPoint(x: x0 + Double(ix) * step, y: y0 + Double(iy) * step) }
    var east: PlanarPoint { vertex(5 * side, 5 * (side / 2)) }
    var west: PlanarPoint { vertex(0, 5 * (side / 2)) }
    var north: PlanarPoint { vertex(5 * (side / 2), 5 * side) }
    var south: PlanarPoint { vertex(5 * (side / 2), 0) }
    var centre: PlanarPoint { vertex(5 * (side / 2), 5 * (side / 2)) }
}

/// Dwellings per 100 m block at Chebyshev distance `d` (0 at the centre, 1 at the edge).
private func capacity(_ kind: NationalLandscape.Kind, _ d: Double) -> Int {
    switch kind {
    case .city: return d < 0.15 ? 120 : d < 0.35 ? 60 : d < 0.6 ? 30 : 16
    case .town: return d < 0.2 ? 40 : d < 0.5 ? 20 : 12
    case .village: return d < 0.25 ? 14 : 10
    }
}

/// Twice the Chebyshev distance of a block's centre from the grid centre, in blocks: an
/// integer, so the fill order needs no floating-point ties.
private func ring(_ column: Int, _ row: Int, _ side: Int) -> Int { max(abs(2 * column + 1 - side), abs(2 * row + 1 - side)) }

private func totalCapacity(_ kind: NationalLandscape.Kind, side: Int) -> Int {
    var total = 0
    for row in 0..<side {
        for column in 0..<side { total += capacity(kind, Double(ring(column, row, side)) / Double(side)) }
    }
    return total
}

private struct Builder {
    let dwellings: Int
    let seed: UInt64
    var random: SeededRandom
    var streets: [SyntheticTown.Street] = []
    var buurten: [SyntheticTown.BuurtArea] = []
    var addresses: [SyntheticTown.Address] = []
    var facilities: [SyntheticTown.Place] = []
    var stops: [SyntheticTown.Place] = []
    var taggedNodes: [SyntheticTown.TaggedNode] = []
    var sites: [NationalLandscape.Site] = []
    var plans: [Plan] = []
    var rows: [[Int]] = []
    var facilityCounts: [String: Int] = [:]

    init(dwellings: Int, seed: UInt64) {
        self.dwellings = dwellings
        self.seed = seed
        random = SeededRandom(seed: seed ^ 0x4E41_5449_4F4E_414C)
    }

    mutating func build() {
        planSettlements()
        layOut()
        groupGemeenten()
        addresses.reserveCapacity(dwellings + dwellings / 40 + 16)
        let reserved = addRuralRoads()
        // Farms and the park's dwellings come out of the largest settlement, so the total is exact.
        let largest = plans.indices.max { plans[$0].dwellings < plans[$1].dwellings }!
        plans[largest].dwellings -= reserved + 5
        for order in rows.joined() { addSettlement(order, oddities: order == rows[0][0]) }
    }

    // MARK: Settlements

    mutating func planSettlements() {
        let count = max(1, dwellings / 3_500)
        let weights = (1...count).map { rank in (0.75 + 0.58 * random.unit()) / Double(rank) }
        let sum = weights.reduce(0, +)
        let minimum = min(150, dwellings / count)
        var sizes = weights.map { max(minimum, Int(Double(dwellings) * $0 / sum)) }
        sizes[0] += dwellings - sizes.reduce(0, +)
        for size in sizes {
            let kind: NationalLandscape.Kind = size >= 40_000 ? .city : size >= 4_000 ? .town : .village
            var side = max(2, Int((Double(size) / Double(capacity(kind, 0))).squareRoot()))
            while totalCapacity(kind, side: side) < size { side += max(1, side / 40) }
            let target = kind == .city ? 3_000.0 : 2_500.0
            let grid = size < 2_200 ? 1 : min(side, max(1, Int((Double(size) / target).squareRoot().rounded())))
            let gap = 3_000 * (0.6 + 0.8 * random.unit())
            plans.append(Plan(kind: kind, dwellings: size, side: side, buurtGrid: grid, gap: gap))
        }
    }

    /// Shelf packing: settlements by size into rows 280 km wide, rows shuffled so that cities
    /// are spread north to south, settlements shuffled within a row and jittered within its
    /// band. Gaps shrink until the whole country fits in y 305–615 km.
    mutating func layOut() {
        // Rows about as wide as the country is tall, so the landscape is roughly square and
        // centred on the RD New range of the Netherlands; at most 280 km wide.
        let area = plans.reduce(0.0) { $0 + ($1.width + $1.gap) * ($1.width + $1.gap) }
        let widest = plans.map(\.width).max() ?? 0
        let rowWidth = min(280_000, max(widest + 6_000, 1.15 * area.squareRoot()))
        let xStart = (150_000 - rowWidth / 2).rounded(), xEnd = xStart + rowWidth, yStart = 305_000.0, yEnd = 615_000.0
        var gapScale = 1.0
        while true {
            var layoutRandom = random
            var shelves: [[Int]] = [[]]
            var cursor = 0.0
            for index in plans.indices {  // plans are in descending size order (rank)
                let width = plans[index].width + plans[index].gap * gapScale
                if cursor + plans[index].width > xEnd - xStart - 2_000, !shelves[shelves.count - 1].isEmpty {
                    shelves.append([])
                    cursor = 0
                }
                shelves[shelves.count - 1].append(index)
                cursor += width
            }
            shelves.shuffle(using: &layoutRandom)
            for k in shelves.indices { shelves[k].shuffle(using: &layoutRandom) }
            var y = yStart
            for (rowIndex, shelf) in shelves.enumerated() {
                let band = shelf.map { plans[$0].width }.max() ?? 0
                var x = xStart + (layoutRandom.unit() * 2_000).rounded()
                for index in shelf {
                    plans[index].x0 = x.rounded()
                    plans[index].y0 = (y + layoutRandom.unit() * (band - plans[index].width)).rounded()
                    plans[index].row = rowIndex
                    x += plans[index].width + plans[index].gap * gapScale
                }
                y += band + 3_000 * gapScale * (0.7 + 0.6 * layoutRandom.unit())
            }
            let fits = shelves.allSatisfy { shelf in shelf.allSatisfy { plans[$0].x0 + plans[$0].width <= xEnd } }
            if (y <= yEnd && fits) || gapScale < 0.2 {
                let shift = ((yEnd - y) / 2).rounded()
                for index in plans.indices { plans[index].y0 += max(0, shift) }
                random = layoutRandom
                rows = shelves
                return
            }
            gapScale *= 0.8
        }
    }

    /// Neighbouring settlements (in row order) form a gemeente until it has about 15 000
    /// dwellings, 12 settlements or 90 wijken.
    mutating func groupGemeenten() {
        var gemeente = 1, total = 0, members = 0, wijken = 0
        var villages = 0, towns = 0, cities = 0
        for index in rows.joined() {
            let wijkCount = plans[index].buurtGrid
            if members > 0 && (total >= 15_000 || members >= 12 || wijken + wijkCount > 90) {
                gemeente += 1
                total = 0; members = 0; wijken = 0
            }
            plans[index].gemeente = gemeente
            plans[index].firstWijk = wijken
            switch plans[index].kind {
            case .city: cities += 1; plans[index].name = "Stad \(cities)"
            case .town: towns += 1; plans[index].name = "Plaats \(towns)"
            case .village: villages += 1; plans[index].name = "Dorp \(villages)"
            }
            total += plans[index].dwellings; members += 1; wijken += wijkCount
        }
    }

    // MARK: Rural roads

    /// East–west roads between neighbours in a row, and roads north to the row above (from
    /// the first settlement of a row and from about a third of the others). Returns the
    /// number of farms placed along them.
    mutating func addRuralRoads() -> Int {
        let largest = plans.map(\.dwellings).max() ?? 0
        var farms = 0
        let farmLimit = max(0, largest / 4 - 10)
        func addRoad(_ corners: [PlanarPoint], wobble: Bool, gemeente: Int, builder: inout Builder) {
            var points: [PlanarPoint] = [corners[0]]
            for (a, b) in zip(corners, corners.dropFirst()) where a != b {
                let steps = max(1, Int(a.distance(to: b) / 200))
                for k in 1...steps {
                    let t = Double(k) / Double(steps)
                    var p = PlanarPoint(x: (a.x + t * (b.x - a.x)).rounded(), y: (a.y + t * (b.y - a.y)).rounded())
                    if k == steps { p = b }
                    if wobble && k < steps { p.y += ((builder.random.unit() - 0.5) * 60).rounded() }
                    points.append(p)
                }
            }
            builder.streets.append(SyntheticTown.Street(points: points, highway: "unclassified"))
            guard points.count > 6 else { return }
            for k in 3..<(points.count - 3) where builder.random.unit() < 0.12 && farms < farmLimit {
                builder.addresses.append(SyntheticTown.Address(
                    id: padded(gemeente, 4) + "02" + padded(builder.addresses.count, 10),
                    position: PlanarPoint(x: points[k].x + 35, y: points[k].y + 35), gebruiksdoel: "woonfunctie"))
                farms += 1
            }
        }
        for (rowIndex, row) in rows.enumerated() {
            for (a, b) in zip(row, row.dropFirst()) {
                addRoad([plans[a].east, plans[b].west], wobble: true, gemeente: plans[a].gemeente, builder: &self)
            }
            guard rowIndex > 0 else { continue }
            let below = rows[rowIndex - 1]
            let bandTop = below.map { plans[$0].y0 + plans[$0].width }.max()!
            let nextBottom = row.map { plans[$0].y0 }.min()!
            var joined: Set<Int> = []
            for (position, upper) in row.enumerated() where position == 0 || random.unit() < 0.35 {
                let x = plans[upper].south.x
                let lower = below.min { abs(plans[$0].north.x - x) < abs(plans[$1].north.x - x) }!
                // One road north from each settlement, so no two roads run on top of each other.
                guard joined.insert(lower).inserted else { continue }
                let from = plans[lower].north, to = plans[upper].south
                let middle = (bandTop + (nextBottom - bandTop) * (0.3 + 0.4 * random.unit())).rounded()
                addRoad([from, PlanarPoint(x: from.x, y: middle), PlanarPoint(x: to.x, y: middle), to],
                        wobble: false, gemeente: plans[upper].gemeente, builder: &self)
            }
        }
        return farms
    }

    // MARK: One settlement

    mutating func addSettlement(_ index: Int, oddities: Bool) {
        let plan = plans[index]
        let side = plan.side
        let gemeente = padded(plan.gemeente, 4)

        // Streets: every grid line; every fourth line (and a village's middle line) is a main street.
        // In a town or city the side streets within two blocks of the centre are one-way there.
        func isMain(_ line: Int) -> Bool { plan.kind == .village ? line == side / 2 : line % 4 == 0 }
        let middle = side / 2
        let oneWay = plan.kind == .village || side < 8 ? [] : Set((middle - 2)...(middle + 2)).filter { !isMain($0) }
        for line in 0...side {
            let highway = isMain(line) ? "tertiary" : "residential"
            for street in [SyntheticTown.Street(points: (0...(5 * side)).map { plan.vertex($0, 5 * line) }, highway: highway),
                           SyntheticTown.Street(points: (0...(5 * side)).map { plan.vertex(5 * line, $0) }, highway: highway)] {
                if oneWay.contains(line) {
                    streets += SyntheticStreetRules.oneWayInCentre(street, line: line, from: 5 * (middle - 2), to: 5 * (middle + 2))
                } else {
                    streets.append(street)
                }
            }
        }
        // Kerbs at the inner crossings of the main streets (none on the edge, where rural roads join).
        for row in 1..<side {
            for column in 1..<side where isMain(row) || isMain(column) {
                let crossing = plan.vertex(5 * column, 5 * row)
                if let kerb = SyntheticStreetRules.kerb(at: crossing, seed: seed) {
                    taggedNodes.append(SyntheticTown.TaggedNode(position: crossing, tags: [("barrier", "kerb"), ("kerb", kerb)]))
                }
            }
        }

        // Dwellings per block: fill from the centre outwards, densest first.
        var order = Array(0..<(side * side))
        order.sort { (ring($0 % side, $0 / side, side), $0) < (ring($1 % side, $1 / side, side), $1) }
        var counts = [Int](repeating: 0, count: side * side)
        var remaining = plan.dwellings
        for block in order where remaining > 0 {
            let c = min(remaining, capacity(plan.kind, Double(ring(block % side, block / side, side)) / Double(side)))
            counts[block] = c
            remaining -= c
        }

        // Buurten: k × k, cut where the cumulative dwellings per column (row) reach j/k.
        let k = plan.buurtGrid
        func cuts(_ sums: [Int]) -> [Int] {
            let total = max(1, sums.reduce(0, +))
            var bounds = [0]
            var cumulative = 0, position = 0
            for j in 1..<k {
                let target = total * j / k
                while position < side && cumulative + sums[position] <= target { cumulative += sums[position]; position += 1 }
                let cut = min(side - (k - j), max(bounds[j - 1] + 1, position))
                bounds.append(cut)
            }
            bounds.append(side)
            return bounds
        }
        var columnSums = [Int](repeating: 0, count: side), rowSums = [Int](repeating: 0, count: side)
        for block in 0..<(side * side) { columnSums[block % side] += counts[block]; rowSums[block / side] += counts[block] }
        let columnCuts = k == 1 ? [0, side] : cuts(columnSums)
        let rowCuts = k == 1 ? [0, side] : cuts(rowSums)
        var columnGroup = [Int](repeating: 0, count: side), rowGroup = [Int](repeating: 0, count: side)
        for j in 0..<k {
            for c in columnCuts[j]..<columnCuts[j + 1] { columnGroup[c] = j }
            for r in rowCuts[j]..<rowCuts[j + 1] { rowGroup[r] = j }
        }
        let firstBuurt = buurten.count
        var buurtCentres: [PlanarPoint] = []
        for row in 0..<k {
            let wijk = padded(plan.firstWijk + row, 2)
            for column in 0..<k {
                let c0 = columnCuts[column], c1 = columnCuts[column + 1], r0 = rowCuts[row], r1 = rowCuts[row + 1]
                let ring = [plan.vertex(5 * c0, 5 * r0), plan.vertex(5 * c1, 5 * r0), plan.vertex(5 * c1, 5 * r1),
                            plan.vertex(5 * c0, 5 * r1), plan.vertex(5 * c0, 5 * r0)]
                let old = plan.kind == .village ? 15 : 10
                buurten.append(SyntheticTown.BuurtArea(
                    code: "BU\(gemeente)\(wijk)\(padded(column, 2))",
                    name: k == 1 ? plan.name : "\(plan.name) \(row + 1)-\(column + 1)",
                    wijkcode: "WK\(gemeente)\(wijk)", gemeentecode: "GM\(gemeente)",
                    area: AreaShape(polygons: [PolygonShape(rings: [ring])]),
                    inhabitants: 0, percentage65Plus: old + Int(random.unit() * 25), water: false))
                buurtCentres.append(plan.vertex((5 * (c0 + c1)) / 2, (5 * (r0 + r1)) / 2))
            }
        }

        // Dwellings: up to 12 places around the inside of a block, 15 m from the street;
        // apartment blocks stack several dwellings a metre or two apart at each place.
        let slots: [(Double, Double)] = [(12.5, 15), (37.5, 15), (62.5, 15), (87.5, 15), (12.5, 85), (37.5, 85),
                                         (62.5, 85), (87.5, 85), (15, 37.5), (15, 62.5), (85, 37.5), (85, 62.5)]
        var buurtDwellings = [Int](repeating: 0, count: k * k)
        var shops = 0
        for block in 0..<(side * side) where counts[block] > 0 {
            let column = block % side, row = block / side
            let corner = plan.vertex(5 * column, 5 * row)
            for j in 0..<counts[block] {
                let slot = slots[j % 12], level = j / 12
                let position = PlanarPoint(x: corner.x + slot.0 + Double(level % 4) * 1.5, y: corner.y + slot.1 + Double(level / 4) * 1.5)
                // BAG as PDOK delivers it: some dwellings are "in gebruik (niet ingemeten)", floor
                // areas vary; both by position in the block, not by the random stream.
                addresses.append(SyntheticTown.Address(id: gemeente + "01" + padded(addresses.count, 10), position: position,
                                                       gebruiksdoel: "woonfunctie",
                                                       status: (block + j) % 37 == 0 ? SyntheticTown.Address.inUseNotMeasured : SyntheticTown.Address.inUse,
                                                       floorArea: 45 + (block * 7 + j * 13) % 110))
            }
            // Dwellings that do not exist (yet, or any more): a planned one in one block of 40, a
            // withdrawn one in another. The BAG layer has them; a run must not count them, and OSM
            // (the PBF) does not map them.
            if block % 40 == 7 || block % 40 == 27 {
                addresses.append(SyntheticTown.Address(id: gemeente + "01" + padded(addresses.count, 10),
                                                       position: PlanarPoint(x: corner.x + 50, y: corner.y + 85), gebruiksdoel: "woonfunctie",
                                                       status: block % 40 == 7 ? SyntheticTown.Address.formed : SyntheticTown.Address.withdrawn))
            }
            buurtDwellings[rowGroup[row] * k + columnGroup[column]] += counts[block]
            let d = Double(ring(column, row, side)) / Double(side)
            // Shops (not dwellings) in the centre: filtered out by gebruiksdoel.
            if d < 0.4 && (block % 3 == 0 || shops == 0) {
                addresses.append(SyntheticTown.Address(id: gemeente + "01" + padded(addresses.count, 10),
                                                       position: PlanarPoint(x: corner.x + 50, y: corner.y + 15), gebruiksdoel: "winkelfunctie"))
                shops += 1
            }
            // Dead ends, starting on a vertex of the block's edge so they join the network.
            let u = random.unit()
            if u < 0.3 && (plan.kind == .village || d >= 0.5) {
                streets.append(SyntheticTown.Street(points: (0...3).map { plan.vertex(5 * column + 3, 5 * row + $0) }, highway: "residential"))
            } else if u < 0.3 {
                // Footpaths into the blocks: paved, setts (kinderkopjes), gravel or untagged, by block
                // (not by the random stream, so the rest of the landscape stays as it was).
                // Every eleventh is a flight of steps.
                let surface = [nil, "paving_stones", "sett", "gravel", nil][block % 5]
                streets.append(SyntheticTown.Street(points: (0...2).map { plan.vertex(5 * column + $0, 5 * row + 2) },
                                                    highway: block % 11 == 5 ? "steps" : "footway", surface: surface))
            }
        }
        for b in 0..<(k * k) { buurten[firstBuurt + b].inhabitants = buurtDwellings[b] * 2 + (buurtDwellings[b] / 10) }

        // Facilities: about one per 1 500–5 000 dwellings per category; in a settlement of
        // several buurten most sit in a neighbourhood centre pulled towards the main centre.
        let centre = plan.centre
        // (category, id prefix, name, dwellings per facility in a town, in a village, extra chance in a village)
        let rates: [(String, String, String, Int, Int, Double)] = [
            ("dagelijkse_boodschappen", "W", "Winkel", 800, 1_500, 0), ("ontmoeting", "O", "Buurthuis", 1_500, 3_000, 0.45),
            ("huisarts", "H", "Huisarts", 1_600, 2_500, 0), ("apotheek", "A", "Apotheek", 4_000, 5_000, 0), ("zorg", "Z", "Zorgcentrum", 3_500, 5_000, 0),
        ]
        let cumulative = buurtDwellings.reduce(into: [Int]()) { $0.append(($0.last ?? 0) + $1) }
        let firstFacility = facilities.count
        let placed = max(1, cumulative.last ?? 0)
        for (category, prefix, label, perInTown, perInVillage, villageBonus) in rates {
            let village = plan.kind == .village
            var count = Int(Double(plan.dwellings) / Double(village ? perInVillage : perInTown) + (village ? villageBonus : 0) + random.unit())
            if plan.kind != .village { count = max(1, count) }
            for n in 0..<count {
                var base = centre
                var spread = min(Double(side) * blockSize / 5, 600)
                if k > 1 && n > 0 && random.unit() < 0.75 {
                    let pick = Int(random.unit() * Double(placed))
                    let buurt = cumulative.firstIndex { $0 > pick } ?? 0
                    let local = buurtCentres[buurt]
                    base = PlanarPoint(x: centre.x + 0.85 * (local.x - centre.x), y: centre.y + 0.85 * (local.y - centre.y))
                    spread = 250
                }
                let angle = random.unit() * 2 * Double.pi
                let radius = spread * (random.unit() + random.unit()) / 2 * (n == 0 ? 0.2 : 1)
                let x = min(plan.x0 + plan.width - 5, max(plan.x0 + 5, (base.x + radius * cos(angle)).rounded()))
                let y = min(plan.y0 + plan.width - 5, max(plan.y0 + 5, (base.y + radius * sin(angle)).rounded()))
                let number = (facilityCounts[prefix] ?? 0) + 1
                facilityCounts[prefix] = number
                facilities.append(SyntheticTown.Place(id: "\(prefix)\(number)", name: "\(label) \(number)", category: category,
                                                      position: PlanarPoint(x: x, y: y)))
            }
        }
        // Every other zorgcentrum is also a 24-hour care base (R8), at the same place; no random
        // draw, so the rest of the landscape does not change.
        let zorg = facilities[firstFacility...].filter { $0.category == "zorg" }
        for (k, place) in zorg.enumerated() where k % 2 == 0 {
            let number = (facilityCounts["Z24"] ?? 0) + 1
            facilityCounts["Z24"] = number
            facilities.append(SyntheticTown.Place(id: "Z24_\(number)", name: "Zorgpost 24 uur \(number)", category: "zorg_24uur",
                                                  position: place.position))
        }

        // Bus stops every 400 m along the main streets, 5 m off the kerb; most villages have one.
        if plan.kind == .village {
            if random.unit() < 0.8 { addStop(PlanarPoint(x: centre.x + 50, y: centre.y + 5)) }
        } else {
            for line in stride(from: 0, through: side, by: 4) {
                for column in stride(from: 2, to: side, by: 4) {
                    addStop(PlanarPoint(x: plan.x0 + Double(column) * blockSize, y: plan.y0 + Double(line) * blockSize + 5))
                }
            }
        }

        if oddities { addOddities(plan) }
        sites.append(NationalLandscape.Site(name: plan.name, kind: plan.kind, gemeentecode: "GM\(gemeente)",
                                            dwellings: plan.dwellings, centre: centre,
                                            minX: plan.x0, minY: plan.y0, maxX: plan.x0 + plan.width, maxY: plan.y0 + plan.width))
    }

    mutating func addStop(_ position: PlanarPoint) {
        let number = stops.count + 1
        stops.append(SyntheticTown.Place(id: "h\(number)", name: "Halte \(number)", category: "ov_halte", position: position))
    }

    /// The same oddities as `SyntheticTown`, south and west of the first settlement, where no
    /// rural road runs: a motorway, a private road and steps, a park buurt whose dwellings are
    /// beyond the snapping distance, and a lake buurt.
    mutating func addOddities(_ plan: Plan) {
        let gemeente = padded(plan.gemeente, 4)
        let x0 = plan.x0, y0 = plan.y0, east = plan.x0 + plan.width, top = plan.y0 + plan.width
        streets.append(SyntheticTown.Street(points: [PlanarPoint(x: x0 - 500, y: y0 - 1_500), PlanarPoint(x: east + 500, y: y0 - 1_500)], highway: "motorway"))
        streets.append(SyntheticTown.Street(points: [plan.vertex(0, 0), PlanarPoint(x: x0, y: y0 - 150)], highway: "service", access: "private"))
        streets.append(SyntheticTown.Street(points: [plan.vertex(5, 0), PlanarPoint(x: x0 + blockSize, y: y0 - 40)], highway: "steps"))
        let park = [PlanarPoint(x: x0, y: y0 - 1_100), PlanarPoint(x: x0 + 1_000, y: y0 - 1_100), PlanarPoint(x: x0 + 1_000, y: y0 - 100),
                    PlanarPoint(x: x0, y: y0 - 100), PlanarPoint(x: x0, y: y0 - 1_100)]
        buurten.append(SyntheticTown.BuurtArea(code: "BU\(gemeente)9800", name: "Stadspark", wijkcode: "WK\(gemeente)98", gemeentecode: "GM\(gemeente)",
                                               area: AreaShape(polygons: [PolygonShape(rings: [park])]), inhabitants: 10, percentage65Plus: -99995, water: false))
        for k in 0..<5 {
            addresses.append(SyntheticTown.Address(id: gemeente + "01" + padded(addresses.count, 10),
                                                   position: PlanarPoint(x: x0 + 400 + Double(k) * 40, y: y0 - 700), gebruiksdoel: "woonfunctie"))
        }
        let lake = [PlanarPoint(x: x0 - 800, y: y0), PlanarPoint(x: x0 - 100, y: y0), PlanarPoint(x: x0 - 100, y: top),
                    PlanarPoint(x: x0 - 800, y: top), PlanarPoint(x: x0 - 800, y: y0)]
        buurten.append(SyntheticTown.BuurtArea(code: "BU\(gemeente)9900", name: "Plas", wijkcode: "WK\(gemeente)99", gemeentecode: "GM\(gemeente)",
                                               area: AreaShape(polygons: [PolygonShape(rings: [lake])]), inhabitants: 0, percentage65Plus: -99995, water: true))
    }
}
