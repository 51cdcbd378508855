import Foundation

/// A synthetic municipality landscape for demos, tests and benchmarks: towns laid out as street
/// grids (100 m blocks, a vertex every 20 m), rural roads between towns with farms along them,
/// footpath dead ends into blocks, dwellings along the block edges, facilities clustered in the
/// town centres and bus stops along the main streets. Buurten are rectangles of blocks; each
/// town is one gemeente and each row of buurten one wijk.
///
/// The same spec gives the same town, bit for bit. Deliberate oddities exercise every path of
/// the tool: shops among the dwellings (filtered out by `gebruiksdoel`), farms outside all
/// buurten, dwellings in a park too far from any path to be routable, a water buurt, a
/// motorway, a private road and steps. For the mobility profiles the first town also has a
/// cobbled main street (`surface=sett`), raised and lowered kerbs on another, and stops with
/// and without `wheelchair_boarding`; these are tags only, so walking distances do not change.
public struct SyntheticTown: Sendable {
    public struct Street: Sendable {
        public var points: [PlanarPoint]
        public var highway: String
        public var foot: String?
        public var access: String?
        /// OSM `surface`, for the mobility profiles (nil: not tagged, as most Dutch streets).
        public var surface: String? = nil
        /// OSM `oneway` and `oneway:bicycle` (for the care mode by bike; walking ignores them).
        public var oneway: String? = nil
        public var onewayBicycle: String? = nil
    }

    /// A network node with OSM tags (a kerb, a barrier) at a street vertex.
    public struct TaggedNode: Sendable {
        public var position: PlanarPoint
        public var tags: [(key: String, value: String)]
    }

    public struct BuurtArea: Sendable {
        public var code: String
        public var name: String
        public var wijkcode: String
        public var gemeentecode: String
        public var area: AreaShape
        public var inhabitants: Int
        public var percentage65Plus: Int
        public var water: Bool
    }

    public struct Address: Sendable {
        public var id: String
        public var position: PlanarPoint
        public var gebruiksdoel: String
        /// The BAG `status` as PDOK delivers it; only the two "in gebruik" values are dwellings
        /// that exist (a planned one is "gevormd", a withdrawn one "ingetrokken").
        public var status: String = Address.inUse
        /// The BAG `oppervlakte` in m², for a layer shaped like PDOK's.
        public var floorArea: Int = 85

        public static let inUse = "Verblijfsobject in gebruik"
        public static let inUseNotMeasured = "Verblijfsobject in gebruik (niet ingemeten)"
        public static let formed = "Verblijfsobject gevormd"
        public static let withdrawn = "Verblijfsobject ingetrokken"

        /// Built and not withdrawn: what the PDOK filter of docs/configuratie.md keeps.
        public var exists: Bool { status == Self.inUse || status == Self.inUseNotMeasured }
        /// A dwelling that exists: what a run must count.
        public var isDwelling: Bool { exists && gebruiksdoel.contains("woonfunctie") }
    }

    public struct Place: Sendable {
        public var id: String
        public var name: String
        public var category: String
        public var position: PlanarPoint
        /// GTFS `wheelchair_boarding` of a stop (1 possible, 2 not, nil not given).
        public var wheelchairBoarding: Int? = nil
    }

    public var streets: [Street] = []
    public var buurten: [BuurtArea] = []
    public var addresses: [Address] = []
    public var facilities: [Place] = []
    public var stops: [Place] = []
    public var taggedNodes: [TaggedNode] = []

    /// - Parameters:
    ///   - dwellings: the number of dwellings (addresses with `woonfunctie`) to place.
    ///   - seed: fixes every random choice.
    public init(dwellings: Int, seed: UInt64 = 1) {
        var random = SeededRandom(seed: seed)
        let perTown = 20_000
        let townCount = max(1, (dwellings + perTown - 1) / perTown)
        let columns = Int(Double(townCount).squareRoot().rounded(.up))
        var remaining = dwellings
        var originX = 120_000.0
        var originY = 440_000.0
        var previousRowTop = originY
        var townEast: [Int: (PlanarPoint, PlanarPoint)] = [:]
        for town in 0..<townCount {
            let share = remaining / (townCount - town)
            remaining -= share
            let column = town % columns
            if column == 0 && town > 0 {
                originX = 120_000
                originY = previousRowTop + 3_000
            }
            let extent = addTown(index: town, dwellings: share, origin: PlanarPoint(x: originX, y: originY), random: &random)
            previousRowTop = max(previousRowTop, extent.maxY)
            // A rural road from the previous town in this row, with farms along it.
            if column > 0, let (west, _) = townEast[town - 1] {
                addRuralRoad(from: west, to: PlanarPoint(x: originX, y: extent.midY), town: town, random: &random)
            }
            townEast[town] = (PlanarPoint(x: extent.maxX, y: extent.midY), PlanarPoint(x: originX, y: extent.midY))
            originX = extent.maxX + 3_000
        }
    }

    private struct Extent { var maxX: Double; var maxY: Double; var midY: Double }

    private mutating func addTown(index town: Int, dwellings: Int, origin: PlanarPoint, random: inout SeededRandom) -> Extent {
        let block = 100.0
        let perBlock = 8
        let blocksPerBuurt = 7
        // A few addresses are shops, so leave room for 2 % more.
        let blocksNeeded = max(4, (dwellings + dwellings / 50 + perBlock) / perBlock)
        let side = max(2, Int(Double(blocksNeeded).squareRoot().rounded(.up)))
        let gemeente = String(format: "%04d", 1 + town)
        let x0 = origin.x, y0 = origin.y
        func point(_ column: Double, _ row: Double) -> PlanarPoint { PlanarPoint(x: x0 + column * block, y: y0 + row * block) }

        // Streets: every grid line, a vertex every 20 m; every fourth line is a main street.
        for line in 0...side {
            let main = line % 4 == 0
            let highway = main ? "tertiary" : "residential"
            let horizontal = (0...(side * 5)).map { point(Double($0) / 5, Double(line)) }
            let vertical = (0...(side * 5)).map { point(Double(line), Double($0) / 5) }
            streets.append(Street(points: horizontal, highway: highway))
            streets.append(Street(points: vertical, highway: highway))
        }

        // Buurten: squares of blocks; a row of buurten is a wijk.
        let buurtCount = (side + blocksPerBuurt - 1) / blocksPerBuurt
        var buurtOf: [Int: Int] = [:]
        for row in 0..<buurtCount {
            for column in 0..<buurtCount {
                let c0 = Double(column * blocksPerBuurt), c1 = Double(min(side, (column + 1) * blocksPerBuurt))
                let r0 = Double(row * blocksPerBuurt), r1 = Double(min(side, (row + 1) * blocksPerBuurt))
                let ring = [point(c0, r0), point(c1, r0), point(c1, r1), point(c0, r1), point(c0, r0)]
                let wijk = String(format: "%02d", row)
                buurtOf[row * buurtCount + column] = buurten.count
                buurten.append(BuurtArea(code: "BU\(gemeente)\(wijk)\(String(format: "%02d", column))",
                                         name: "Buurt \(town + 1)-\(row + 1)-\(column + 1)",
                                         wijkcode: "WK\(gemeente)\(wijk)", gemeentecode: "GM\(gemeente)",
                                         area: AreaShape(polygons: [PolygonShape(rings: [ring])]),
                                         inhabitants: 0, percentage65Plus: 10 + Int(random.unit() * 25), water: false))
            }
        }

        // Dwellings along the inside of each block, 15 m from the street; some blocks get a
        // footpath dead end into the block.
        var placed = 0
        var blockIndex = 0
        while placed < dwellings {
            let column = blockIndex % side, row = (blockIndex / side) % side
            let corner = point(Double(column), Double(row))
            let count = min(perBlock, dwellings - placed)
            for k in 0..<count {
                let along = 12.5 + Double(k % 4) * 25
                let position = k < 4
                    ? PlanarPoint(x: corner.x + along, y: corner.y + 15)
                    : PlanarPoint(x: corner.x + along, y: corner.y + block - 15)
                let shop = (placed + k) % 97 == 0
                addresses.append(Address(id: String(format: "%04d01%010d", town + 1, addresses.count),
                                         position: position, gebruiksdoel: shop ? "winkelfunctie" : "woonfunctie"))
                if !shop {
                    placed += 1
                    let bc = min(buurtCount - 1, column / blocksPerBuurt), br = min(buurtCount - 1, row / blocksPerBuurt)
                    if let b = buurtOf[br * buurtCount + bc] { buurten[b].inhabitants += 2 }
                }
            }
            if random.unit() < 0.3 {
                // Starts on a vertex of the street (40 m along it), so it joins the network.
                let start = point(Double(column), Double(5 * row + 2) / 5)
                streets.append(Street(points: [start, PlanarPoint(x: start.x + 20, y: start.y), PlanarPoint(x: start.x + 40, y: start.y)],
                                      highway: "footway"))
            }
            blockIndex += 1
            if blockIndex >= side * side { blockIndex = 0 }
        }

        // Facilities cluster around the centre: about one per 400–5000 dwellings per category.
        let centre = point(Double(side) / 2, Double(side) / 2)
        let rates: [(String, String, Int)] = [
            ("dagelijkse_boodschappen", "Supermarkt", 1_500), ("ontmoeting", "Buurthuis", 3_000),
            ("huisarts", "Huisartsenpraktijk", 2_500), ("apotheek", "Apotheek", 5_000), ("zorg", "Zorgcentrum", 5_000),
        ]
        let spread = Double(side) * block / 5
        for (category, label, per) in rates {
            for k in 0..<max(1, dwellings / per) {
                let angle = random.unit() * 2 * Double.pi
                let radius = spread * (random.unit() + random.unit()) / 2 * (k == 0 ? 0.2 : 1)
                var position = PlanarPoint(x: centre.x + radius * cos(angle), y: centre.y + radius * sin(angle))
                position.x = min(x0 + Double(side) * block - 5, max(x0 + 5, position.x))
                position.y = min(y0 + Double(side) * block - 5, max(y0 + 5, position.y))
                facilities.append(Place(id: "\(category)-\(town + 1)-\(k + 1)", name: "\(label) \(town + 1).\(k + 1)",
                                        category: category, position: position))
            }
        }
        // Every other zorgcentrum is also a 24-hour care base (R8), at the same place; no random
        // draw, so the rest of the town does not change.
        for (k, place) in facilities.filter({ $0.category == "zorg" && $0.id.hasPrefix("zorg-\(town + 1)-") }).enumerated() where k % 2 == 0 {
            facilities.append(Place(id: "zorg_24uur-\(town + 1)-\(k / 2 + 1)", name: "Zorgpost 24 uur \(town + 1).\(k / 2 + 1)",
                                    category: "zorg_24uur", position: place.position))
        }

        // Bus stops every 400 m along the main streets, 5 m off the kerb.
        for line in stride(from: 0, through: side, by: 4) {
            for step in stride(from: 2, to: side * 1, by: 4) {
                let position = PlanarPoint(x: x0 + Double(step) * block, y: y0 + Double(line) * block + 5)
                stops.append(Place(id: "stop-\(town + 1)-\(stops.count + 1)", name: "Halte \(town + 1).\(stops.count + 1)",
                                   category: "ov_halte", position: position))
            }
        }

        if town == 0 {
            addOddities(x0: x0, y0: y0, side: side, block: block, gemeente: gemeente)
            addAccessibility(x0: x0, y0: y0, side: side, block: block)
        }
        return Extent(maxX: x0 + Double(side) * block, maxY: y0 + Double(side) * block, midY: y0 + Double(side / 2) * block)
    }

    /// Features that exercise the walking rules and the dwelling bookkeeping.
    private mutating func addOddities(x0: Double, y0: Double, side: Int, block: Double, gemeente: String) {
        let south = y0 - 600, top = y0 + Double(side) * block
        // A motorway south of the town (not walkable) with a private road and steps beside it.
        streets.append(Street(points: [PlanarPoint(x: x0 - 500, y: south), PlanarPoint(x: x0 + Double(side) * block + 500, y: south)], highway: "motorway"))
        streets.append(Street(points: [PlanarPoint(x: x0, y: y0), PlanarPoint(x: x0, y: y0 - 150)], highway: "service", access: "private"))
        streets.append(Street(points: [PlanarPoint(x: x0 + block, y: y0), PlanarPoint(x: x0 + block, y: y0 - 40)], highway: "steps"))
        // A park buurt north of the town with dwellings far from any path: not routable.
        let park = [PlanarPoint(x: x0, y: top), PlanarPoint(x: x0 + 1_000, y: top), PlanarPoint(x: x0 + 1_000, y: top + 1_000),
                    PlanarPoint(x: x0, y: top + 1_000), PlanarPoint(x: x0, y: top)]
        buurten.append(BuurtArea(code: "BU\(gemeente)9000", name: "Stadspark", wijkcode: "WK\(gemeente)90", gemeentecode: "GM\(gemeente)",
                                 area: AreaShape(polygons: [PolygonShape(rings: [park])]), inhabitants: 10, percentage65Plus: -99995, water: false))
        for k in 0..<5 {
            addresses.append(Address(id: "\(gemeente)01" + String(format: "%010d", 9_000_000 + k),
                                     position: PlanarPoint(x: x0 + 400 + Double(k) * 40, y: top + 600), gebruiksdoel: "woonfunctie"))
        }
        // A lake west of the town: a water buurt without dwellings.
        let lake = [PlanarPoint(x: x0 - 800, y: y0), PlanarPoint(x: x0 - 100, y: y0), PlanarPoint(x: x0 - 100, y: top),
                    PlanarPoint(x: x0 - 800, y: top), PlanarPoint(x: x0 - 800, y: y0)]
        buurten.append(BuurtArea(code: "BU\(gemeente)9100", name: "Plas", wijkcode: "WK\(gemeente)91", gemeentecode: "GM\(gemeente)",
                                 area: AreaShape(polygons: [PolygonShape(rings: [lake])]), inhabitants: 0, percentage65Plus: -99995, water: true))
        // Farms on a road east of the town, outside all buurten.
        let east = x0 + Double(side) * block
        let junction = PlanarPoint(x: east, y: y0 + (Double(2) / 5) * block)
        streets.append(Street(points: stride(from: east, through: east + 1_200, by: 200).map { PlanarPoint(x: $0, y: junction.y) }, highway: "unclassified"))
        for k in 0..<3 {
            addresses.append(Address(id: "\(gemeente)01" + String(format: "%010d", 9_100_000 + k),
                                     position: PlanarPoint(x: east + 400 + Double(k) * 300, y: junction.y + 20), gebruiksdoel: "woonfunctie"))
        }
    }

    /// Tags for the mobility profiles, without a random draw and without new geometry: the
    /// horizontal main street nearest the centre is cobbled (sett: a detour or a longer route
    /// for rollator and wheelchair), the vertical one has a raised kerb midway along every
    /// other block (passable with a rollator at a cost, blocked in a wheelchair) and lowered
    /// kerbs in between, and the stops alternate between step-free, not step-free and unknown.
    private mutating func addAccessibility(x0: Double, y0: Double, side: Int, block: Double) {
        let centreLine = Double(4 * max(1, (side / 2 + 2) / 4))
        guard centreLine <= Double(side) else { return }
        for index in streets.indices where streets[index].highway == "tertiary" {
            let points = streets[index].points
            if points.allSatisfy({ $0.y == y0 + centreLine * block }) { streets[index].surface = "sett" }
        }
        for row in 0..<side {
            // The vertex 40 m along the block on the vertical centre main street.
            let position = PlanarPoint(x: x0 + centreLine * block, y: y0 + (Double(row) + 0.4) * block)
            let kerb = row % 2 == 0 ? "raised" : "lowered"
            taggedNodes.append(TaggedNode(position: position, tags: [("barrier", "kerb"), ("kerb", kerb)]))
        }
        for index in stops.indices { stops[index].wheelchairBoarding = [2, 1, nil][index % 3] }
    }

    private mutating func addRuralRoad(from west: PlanarPoint, to east: PlanarPoint, town: Int, random: inout SeededRandom) {
        let steps = max(1, Int(west.distance(to: east) / 200))
        let points = (0...steps).map { k -> PlanarPoint in
            let t = Double(k) / Double(steps)
            let wobble = (k == 0 || k == steps) ? 0 : (random.unit() - 0.5) * 60
            return PlanarPoint(x: west.x + t * (east.x - west.x), y: west.y + t * (east.y - west.y) + wobble)
        }
        streets.append(Street(points: points, highway: "unclassified"))
        if points.count > 4 {
            let farm = points[points.count / 2]
            addresses.append(Address(id: String(format: "%04d02%010d", town + 1, addresses.count),
                                     position: PlanarPoint(x: farm.x, y: farm.y + 40), gebruiksdoel: "woonfunctie"))
        }
    }
}
