import Foundation
import Testing
@testable import Nabijheid

/// Service-area vertices go to WGS 84 by interpolating between exactly transformed corners of a
/// 100 m grid. Against PROJ itself: within 3e-9° everywhere in the Netherlands, the same
/// result whatever other points are transformed with a point, and PROJ's own result where the
/// grid cannot be used.
@Suite struct InterpolatedTransformTests {
    static func exact() throws -> CoordinateTransform {
        try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: "test")
    }

    /// Outline-like runs of points (steps of 1–15 m) at random places across RD New's area.
    static func outlines(seed: UInt64, runs: Int, length: Int) -> ([Double], [Double]) {
        var random = SeededRandom(seed: seed)
        var xs: [Double] = [], ys: [Double] = []
        for _ in 0..<runs {
            var x = 10_000 + random.unit() * 270_000, y = 305_000 + random.unit() * 315_000
            for _ in 0..<length {
                let angle = random.unit() * 2 * .pi, step = 1 + random.unit() * 14
                x += step * cos(angle); y += step * sin(angle)
                xs.append(x); ys.append(y)
            }
        }
        return (xs, ys)
    }

    static func interpolate(_ xs: [Double], _ ys: [Double], with transform: CoordinateTransform) -> ([Double], [Double]) {
        var xs = xs, ys = ys
        xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in InterpolatedTransform(exact: transform).transform(xs: x, ys: y) }
        }
        return (xs, ys)
    }

    @Test func withinThreeBillionthsOfADegreeOfPROJ() throws {
        let transform = try Self.exact()
        let (xs, ys) = Self.outlines(seed: 5, runs: 400, length: 250)
        var px = xs, py = ys
        transform.transform(xs: &px, ys: &py)
        let (ix, iy) = Self.interpolate(xs, ys, with: transform)
        var worst = 0.0, differing = 0
        for i in xs.indices {
            worst = max(worst, abs(ix[i] - px[i]), abs(iy[i] - py[i]))
            if (ix[i] * 1e6).rounded() != (px[i] * 1e6).rounded() { differing += 1 }
            if (iy[i] * 1e6).rounded() != (py[i] * 1e6).rounded() { differing += 1 }
        }
        #expect(worst < 3e-9, "largest deviation \(worst)°")
        #expect(worst > 0, "interpolated, not PROJ's own result")
        // With 6 decimals, a deviation this small changes the last decimal of few coordinates.
        #expect(Double(differing) / Double(2 * xs.count) < 0.005, "\(differing) of \(2 * xs.count) coordinates")
    }

    @Test func aPointsResultDoesNotDependOnTheOthers() throws {
        let transform = try Self.exact()
        let (xs, ys) = Self.outlines(seed: 8, runs: 20, length: 300)
        let (wholeX, wholeY) = Self.interpolate(xs, ys, with: transform)
        for start in stride(from: 0, to: xs.count, by: 777) {
            let end = min(xs.count, start + 50 + start % 400)
            let (partX, partY) = Self.interpolate(Array(xs[start..<end]), Array(ys[start..<end]), with: transform)
            #expect(partX == Array(wholeX[start..<end]) && partY == Array(wholeY[start..<end]), "points \(start)..<\(end)")
        }
    }

    /// Points spread far apart (no dense grid) get what each would get on its own, and a point
    /// PROJ cannot index (NaN) gets PROJ's own result, without changing the others.
    @Test func scatteredPointsAndUnplaceablePoints() throws {
        let transform = try Self.exact()
        let xs = [20_000.0, 270_000, 150_000], ys = [310_000.0, 610_000, 450_000]
        let (ix, iy) = Self.interpolate(xs, ys, with: transform)
        var px = xs, py = ys
        transform.transform(xs: &px, ys: &py)
        for i in xs.indices {
            let (sx, sy) = Self.interpolate([xs[i]], [ys[i]], with: transform)
            #expect(ix[i] == sx[0] && iy[i] == sy[0], "point \(i)")
            #expect(abs(ix[i] - px[i]) < 3e-9 && abs(iy[i] - py[i]) < 3e-9, "point \(i)")
        }
        let (nx, ny) = Self.interpolate([150_000, .nan], [450_000, 450_000], with: transform)
        let (alone, aloneY) = Self.interpolate([150_000], [450_000], with: transform)
        #expect(nx[0] == alone[0] && ny[0] == aloneY[0])
        #expect(nx[1].isNaN || !nx[1].isFinite || ny[1].isNaN, "NaN stays unplaced")
    }
}
