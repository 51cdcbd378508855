import Foundation
import Testing
@testable import Nabijheid

/// WGS 84 ↔ RD New on the grid against PROJ itself (`exact: true`): within 1e-7 m (and
/// 1e-12°) everywhere in the Netherlands; PROJ's own result, to the bit, abroad, at absurd
/// coordinates and for NaN; the same in batches as one at a time; no grid where it cannot hold.
@Suite("Transform grid")
struct TransformGridTests {
    private static let wgs84 = CRSDefinition(userInput: "EPSG:4326")

    @Test func withinATenthOfAMicrometreOfPROJAcrossTheNetherlands() throws {
        let fast = try CoordinateTransform(from: Self.wgs84, label: "grid")
        let exact = try CoordinateTransform(from: Self.wgs84, label: "PROJ", exact: true)
        let grid = try #require(fast.grid, "WGS 84 → RD New has a grid")
        #expect(exact.grid == nil)
        var random = SeededRandom(seed: 2026)
        var worst = 0.0, gridded = 0
        for _ in 0..<100_000 {
            // The whole area of use and a little beyond (3.2–7.22° E, 50.75–53.7° N).
            let lon = 3.1 + random.unit() * 4.2, lat = 50.65 + random.unit() * 3.15
            let a = fast.transform(lon, lat), b = exact.transform(lon, lat)
            if grid.interpolate(lon, lat) != nil {
                gridded += 1
                worst = max(worst, abs(a.x - b.x), abs(a.y - b.y))
            } else {
                #expect(a.x.bitPattern == b.x.bitPattern && a.y.bitPattern == b.y.bitPattern, "off the grid PROJ decides: \(lon), \(lat)")
            }
        }
        #expect(worst < 1e-7, "largest deviation \(worst) m")
        // The area of use is on the grid (about 92 % of this box); the band around it is not.
        #expect(gridded > 85_000 && gridded < 95_000)
    }

    @Test func delftAndItsBorderRegionsAreOnTheGrid() throws {
        let grid = try #require(try CoordinateTransform(from: Self.wgs84, label: "grid").grid)
        for (lon, lat) in [(4.3571, 52.0116), (3.37, 51.37), (7.2, 53.3), (5.7, 50.76), (6.1, 53.69), (3.21, 51.6)] {
            #expect(grid.interpolate(lon, lat) != nil, "\(lon), \(lat)")
        }
    }

    @Test func farAndBrokenPointsArePROJsOwn() throws {
        let fast = try CoordinateTransform(from: Self.wgs84, label: "grid")
        let exact = try CoordinateTransform(from: Self.wgs84, label: "PROJ", exact: true)
        let points: [(Double, Double)] = [(174.8, -41.3), (0, 0), (1e15, 52), (4.3, 1e300), (.nan, 52), (4.3, .infinity),
                                          (-.infinity, 52), (3.2, 50.75), (7.22, 53.7), (2.9, 51.5)]
        var xs = points.map(\.0), ys = points.map(\.1)
        fast.transform(xs: &xs, ys: &ys)
        for (i, point) in points.enumerated() {
            let one = fast.transform(point.0, point.1), reference = exact.transform(point.0, point.1)
            // NaN compares by pattern: the same NaN or both not finite in the same way.
            #expect(one.x.bitPattern == reference.x.bitPattern && one.y.bitPattern == reference.y.bitPattern, "\(point)")
            #expect(xs[i].bitPattern == reference.x.bitPattern && ys[i].bitPattern == reference.y.bitPattern, "\(point) in a batch")
        }
    }

    @Test func batchesGiveEveryPointItsOwnResult() throws {
        let transform = try CoordinateTransform(from: Self.wgs84, label: "grid")
        var random = SeededRandom(seed: 7)
        var xs: [Double] = [], ys: [Double] = []
        for _ in 0..<5_000 {
            xs.append(3.0 + random.unit() * 4.5)
            ys.append(50.5 + random.unit() * 3.5)
        }
        let singles = xs.indices.map { transform.transform(xs[$0], ys[$0]) }
        var bx = xs, by = ys
        transform.transform(xs: &bx, ys: &by)
        #expect(singles.map(\.x.bitPattern) == bx.map(\.bitPattern) && singles.map(\.y.bitPattern) == by.map(\.bitPattern))
    }

    /// RD New → WGS 84, for the output layers: within 1e-12° (0.1 µm) of PROJ over RD New's
    /// area of use and a little beyond, PROJ's own result off the grid.
    @Test func rdNewToWGS84WithinATrillionthOfADegree() throws {
        let fast = try CoordinateTransform(from: .rdNew, to: Self.wgs84, label: "grid")
        let exact = try CoordinateTransform(from: .rdNew, to: Self.wgs84, label: "PROJ", exact: true)
        let grid = try #require(fast.grid, "RD New → WGS 84 has a grid")
        var random = SeededRandom(seed: 28992)
        var worst = 0.0, gridded = 0, differing = 0
        for _ in 0..<100_000 {
            let x = -20_000 + random.unit() * 340_000, y = 280_000 + random.unit() * 360_000
            let a = fast.transform(x, y), b = exact.transform(x, y)
            if grid.interpolate(x, y) != nil {
                gridded += 1
                worst = max(worst, abs(a.x - b.x), abs(a.y - b.y))
                // Written with 6 decimals (the output layers), the same text but by a rare tie.
                if (a.x * 1e6).rounded() != (b.x * 1e6).rounded() || (a.y * 1e6).rounded() != (b.y * 1e6).rounded() { differing += 1 }
            } else {
                #expect(a.x.bitPattern == b.x.bitPattern && a.y.bitPattern == b.y.bitPattern, "off the grid PROJ decides: \(x), \(y)")
            }
        }
        #expect(worst < 1e-12, "largest deviation \(worst)°")
        // The grid spans RD New's area of use, x 0.6–284 km, y 307–637 km: 76 % of this box.
        #expect(gridded > 70_000)
        #expect(differing <= 2, "\(differing) of \(gridded) points written differently")
    }

    /// Between two projected CRSs (ETRS89 / UTM 31N → RD New), two geographic ones (ETRS89 →
    /// WGS 84: the world's area of use) and for the identity there is no grid.
    @Test func onlyBetweenAGeographicAndAProjectedCRS() throws {
        #expect(try CoordinateTransform(from: CRSDefinition(userInput: "EPSG:25831"), label: "utm").grid == nil)
        #expect(try CoordinateTransform(from: CRSDefinition(userInput: "EPSG:4258"), to: Self.wgs84, label: "geographic").grid == nil)
        #expect(try CoordinateTransform(from: .rdNew, label: "same").grid == nil)
    }

    /// ETRS89 (EPSG:4258), the other geographic CRS Dutch data come in, gets its own grid,
    /// checked like WGS 84's.
    @Test func etrs89HasItsOwnGrid() throws {
        let etrs89 = CRSDefinition(userInput: "EPSG:4258")
        let fast = try CoordinateTransform(from: etrs89, label: "grid")
        let exact = try CoordinateTransform(from: etrs89, label: "PROJ", exact: true)
        var random = SeededRandom(seed: 4258)
        var worst = 0.0
        for _ in 0..<20_000 {
            let lon = 3.4 + random.unit() * 3.7, lat = 50.9 + random.unit() * 2.6
            let a = fast.transform(lon, lat), b = exact.transform(lon, lat)
            worst = max(worst, abs(a.x - b.x), abs(a.y - b.y))
        }
        #expect(worst < 1e-7, "largest deviation \(worst) m")
    }
}
