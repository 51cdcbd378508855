import Foundation
import Testing
@testable import Nabijheid

/// `generate-town --landscape national`: the synthetic country for national-scale benchmarks.
@Suite struct SyntheticLandscapeTests {
    static let size = 60_000
    static let landscape = NationalLandscape(dwellings: size, seed: 3)
    static var town: SyntheticTown { landscape.town }

    static func isBAGDwelling(_ address: SyntheticTown.Address) -> Bool { address.isDwelling }

    static func contains(_ buurt: SyntheticTown.BuurtArea, _ p: PlanarPoint) -> Bool {
        let ring = buurt.area.polygons[0].rings[0]
        let xs = ring.map(\.x), ys = ring.map(\.y)
        return p.x >= xs.min()! && p.x <= xs.max()! && p.y >= ys.min()! && p.y <= ys.max()!
    }

    @Test func sameSeedGivesTheSameValueAndAnotherSeedDoesNot() {
        func fingerprint(_ town: SyntheticTown) -> [String] {
            [town.streets.map { "\($0.highway)\($0.points.map { "\($0.x),\($0.y)" })" }.joined(separator: ";"),
             town.buurten.map { "\($0.code)\($0.name)\($0.inhabitants)\($0.percentage65Plus)\($0.area.polygons[0].rings[0])" }.joined(),
             town.addresses.map { "\($0.id)\($0.position.x),\($0.position.y)\($0.gebruiksdoel)\($0.status)\($0.floorArea)" }.joined(),
             (town.facilities + town.stops).map { "\($0.id)\($0.name)\($0.category)\($0.position.x),\($0.position.y)" }.joined()]
        }
        let a = SyntheticTown(dwellings: 20_000, seed: 11, landscape: .national)
        let b = SyntheticTown(dwellings: 20_000, seed: 11, landscape: .national)
        let c = SyntheticTown(dwellings: 20_000, seed: 12, landscape: .national)
        #expect(fingerprint(a) == fingerprint(b))
        #expect(fingerprint(a) != fingerprint(c))
    }

    @Test func townLandscapeIsTheOriginalGenerator() {
        let original = SyntheticTown(dwellings: 1_000, seed: 7)
        let viaEnum = SyntheticTown(dwellings: 1_000, seed: 7, landscape: .town)
        #expect(original.addresses.map(\.id) == viaEnum.addresses.map(\.id))
        #expect(original.addresses.map(\.position) == viaEnum.addresses.map(\.position))
        #expect(original.streets.map(\.points) == viaEnum.streets.map(\.points))
    }

    @Test(arguments: [1_000, 4_321, 20_000, 60_000])
    func dwellingCountIsExact(dwellings: Int) {
        let town = dwellings == Self.size ? Self.town : SyntheticTown(dwellings: dwellings, seed: 5, landscape: .national)
        #expect(town.addresses.filter(Self.isBAGDwelling).count == dwellings)
        #expect(Set(town.addresses.map(\.id)).count == town.addresses.count, "address ids are unique")
        #expect(town.addresses.contains { $0.gebruiksdoel == "winkelfunctie" }, "shops among the addresses")
    }

    @Test func settlementsDifferInSizeAndDensity() {
        let sizes = Self.landscape.sites.map(\.dwellings).sorted()
        let median = sizes[sizes.count / 2]
        #expect(sizes.count >= 15)
        #expect(sizes.last! >= 4 * median, "largest \(sizes.last!) vs median \(median)")
        let kinds = Set(Self.landscape.sites.map(\.kind))
        #expect(kinds.contains(.village) && kinds.contains(.town))
        // Dwellings per km² of the built grid: the largest settlement is denser than the villages.
        func density(_ site: NationalLandscape.Site) -> Double { Double(site.dwellings) / ((site.maxX - site.minX) * (site.maxY - site.minY) / 1e6) }
        let largest = Self.landscape.sites.max { $0.dwellings < $1.dwellings }!
        let villages = Self.landscape.sites.filter { $0.kind == .village }
        #expect(density(largest) > 1.5 * villages.map(density).reduce(0, +) / Double(villages.count))
        // A block in the largest centre holds many dwellings (apartments).
        var perBlock: [String: Int] = [:]
        for a in Self.town.addresses where Self.isBAGDwelling(a) {
            perBlock["\(Int(a.position.x / 100)),\(Int(a.position.y / 100))", default: 0] += 1
        }
        #expect(perBlock.values.max()! >= 40)
    }

    @Test func buurtCodesAreWellFormedUniqueAndConsistent() {
        let buurten = Self.town.buurten
        #expect(Set(buurten.map(\.code)).count == buurten.count)
        let digits = Set("0123456789")
        for b in buurten {
            #expect(b.code.count == 10 && b.code.hasPrefix("BU") && b.code.dropFirst(2).allSatisfy(digits.contains), "\(b.code)")
            #expect(b.wijkcode == "WK" + b.code.dropFirst(2).prefix(6), "\(b.code) \(b.wijkcode)")
            #expect(b.gemeentecode == "GM" + b.code.dropFirst(2).prefix(4), "\(b.code) \(b.gemeentecode)")
        }
        #expect(buurten.filter(\.water).count == 1)
        // A gemeente holds several settlements.
        let perGemeente = Dictionary(grouping: Self.landscape.sites, by: \.gemeentecode).mapValues(\.count)
        #expect(perGemeente.values.max()! >= 2)
    }

    @Test func buurtCountIsPlausible() {
        let living = Self.town.buurten.filter { !$0.water && $0.name != "Stadspark" }
        // Between about 800 and 3 000 dwellings per buurt on average.
        #expect((Self.size / 3_000...Self.size / 800).contains(living.count), "\(living.count) buurten")
        // Every dwelling of a settlement lies in exactly one buurt; farms and the park lie in none of the settlements' buurten.
        let inBuurt = Self.town.addresses.filter { a in Self.isBAGDwelling(a) && living.contains { Self.contains($0, a.position) } }.count
        #expect(inBuurt == Self.landscape.sites.map(\.dwellings).reduce(0, +))
        #expect(inBuurt < Self.size, "farms lie outside all buurten")
    }

    @Test func facilitiesClusterNearerTheCentresThanDwellings() {
        let centres = Self.landscape.sites.map(\.centre)
        func nearest(_ p: PlanarPoint) -> Double { centres.map { $0.distance(to: p) }.min()! }
        let facilities = Self.town.facilities.map { nearest($0.position) }
        let dwellings = Self.town.addresses.filter(Self.isBAGDwelling).map { nearest($0.position) }
        let facilityMean = facilities.reduce(0, +) / Double(facilities.count)
        let dwellingMean = dwellings.reduce(0, +) / Double(dwellings.count)
        #expect(facilityMean < 0.8 * dwellingMean, "facilities \(facilityMean) m, dwellings \(dwellingMean) m")
        // Some villages lack a category, so some buurten genuinely fail.
        let categories = Set(FacilityCatalog.standard.categories.map(\.name)).subtracting(["ov_halte"])
        let lacking = Self.landscape.sites.filter { site in
            let present = Set(Self.town.facilities.filter { $0.position.x >= site.minX && $0.position.x <= site.maxX && $0.position.y >= site.minY && $0.position.y <= site.maxY }.map(\.category))
            return !categories.isSubset(of: present)
        }
        #expect(!lacking.isEmpty)
        #expect(Self.town.stops.count > Self.landscape.sites.count)
        #expect(Self.town.facilities.allSatisfy { $0.id.count <= 6 && $0.name.count <= 18 })
    }

    @Test func streetGraphHasDeadEndsAndLongRuralRoads() {
        var degree: [PlanarPoint: Int] = [:]
        for street in Self.town.streets where street.highway != "motorway" {
            for (a, b) in zip(street.points, street.points.dropFirst()) {
                degree[a, default: 0] += 1
                degree[b, default: 0] += 1
            }
        }
        let deadEnds = degree.values.filter { $0 == 1 }.count
        #expect(deadEnds >= 1_000, "\(deadEnds) dead ends")
        func length(_ street: SyntheticTown.Street) -> Double { zip(street.points, street.points.dropFirst()).map { $0.distance(to: $1) }.reduce(0, +) }
        let rural = Self.town.streets.filter { $0.highway == "unclassified" }
        #expect(rural.filter { length($0) > 2_000 }.count >= 5)
        // Every rural road starts and ends on a vertex shared with a settlement's street grid.
        for road in rural {
            #expect(degree[road.points.first!]! >= 3 && degree[road.points.last!]! >= 3, "rural road ends join the grid")
        }
        // Dead-end footpaths and cul-de-sacs start on a street vertex.
        for street in Self.town.streets where street.highway == "footway" || (street.highway == "residential" && street.points.count == 4) {
            #expect(degree[street.points[0]]! >= 3)
        }
    }

    @Test func everythingLiesInTheDutchRDRange() {
        let points = Self.town.streets.flatMap(\.points) + Self.town.addresses.map(\.position) + Self.town.facilities.map(\.position)
            + Self.town.buurten.flatMap { $0.area.polygons[0].rings[0] }
        #expect(points.allSatisfy { (0...300_000).contains($0.x) && (300_000...620_000).contains($0.y) })
        #expect(points.allSatisfy { $0.x == $0.x.rounded() || ($0.x * 2) == ($0.x * 2).rounded() })
    }

    /// Settlements keep at least 500 m of countryside between them.
    @Test func sitesDoNotOverlap() {
        let sites = Self.landscape.sites
        for (i, a) in sites.enumerated() {
            for b in sites[(i + 1)...] {
                #expect(a.maxX + 500 < b.minX || b.maxX + 500 < a.minX || a.maxY + 500 < b.minY || b.maxY + 500 < a.minY, "\(a.name) and \(b.name) overlap")
            }
        }
    }
}
