import Testing
@testable import Nabijheid

/// Holes go to the outer ring around them, found by the nearest outline to the left of each
/// hole: islands of several kilometres (so the rays cross many buckets of the edge index),
/// holes beside holes (the nearest outline is another hole), and islands in holes with holes
/// of their own, against the structure they were built with.
@Suite("Contour assembler")
struct ContourAssemblerTests {
    /// A square ring, counter-clockwise (outer) or clockwise (hole), closed.
    private func square(_ x: Int32, _ y: Int32, _ size: Int32, outer: Bool) -> [ContourPoint] {
        let ring = [ContourPoint(x: x, y: y), ContourPoint(x: x + size, y: y), ContourPoint(x: x + size, y: y + size),
                    ContourPoint(x: x, y: y + size), ContourPoint(x: x, y: y)]
        return outer ? ring : ring.reversed()
    }

    @Test func everyHoleGoesToTheRingAroundIt() {
        var random = SeededRandom(seed: 1234)
        for round in 0..<8 {
            var pieces = ContourPieces()
            // Expected: per outer ring (by its first point) the first points of its holes.
            var expected: [ContourPoint: Set<ContourPoint>] = [:]
            func add(_ ring: [ContourPoint]) { pieces.rings.append(ring) }
            // Islands on a jittered lattice of 8 000 half cells (20 km on 5 m cells).
            for gx in 0..<4 {
                for gy in 0..<4 where random.unit() < 0.8 {
                    let size = Int32(400 + random.unit() * 3000)
                    let x = Int32(gx * 8000) + Int32(random.unit() * 2000) - 1000 * Int32(round % 2)
                    let y = Int32(gy * 8000) + Int32(random.unit() * 2000) - 3000
                    let shell = square(x, y, size, outer: true)
                    add(shell)
                    var holes = Set<ContourPoint>()
                    if random.unit() < 0.5 {
                        // Two holes side by side: the right one's ray meets the left one first.
                        let h = size / 4
                        let left = square(x + h / 2, y + h, h, outer: false), right = square(x + 2 * h, y + h, h, outer: false)
                        add(left); add(right)
                        holes.insert(left[0]); holes.insert(right[0])
                    } else {
                        // A hole with an island in it, which has a hole of its own.
                        let hole = square(x + size / 4, y + size / 4, size / 2, outer: false)
                        add(hole)
                        holes.insert(hole[0])
                        if size / 2 > 40 {
                            let inner = square(x + size / 4 + size / 8, y + size / 4 + size / 8, size / 4, outer: true)
                            let innerHole = square(x + size / 4 + size / 8 + size / 16, y + size / 4 + size / 8 + size / 16, size / 8, outer: false)
                            add(inner); add(innerHole)
                            expected[inner[0]] = [innerHole[0]]
                        }
                    }
                    expected[shell[0]] = holes
                }
            }
            // The assembler's order must not matter: shuffle the rings.
            pieces.rings.shuffle(using: &random)
            let area = ContourAssembler().assemble(pieces, cell: 2)
            // With cell 2 a half cell is 1 m: RD coordinates equal the ring coordinates.
            func point(_ p: PlanarPoint) -> ContourPoint { ContourPoint(x: Int32(p.x), y: Int32(p.y)) }
            var found: [ContourPoint: Set<ContourPoint>] = [:]
            for polygon in area.polygons {
                found[point(polygon.rings[0][0])] = Set(polygon.rings.dropFirst().map { point($0[0]) })
            }
            #expect(found == expected, "round \(round)")
        }
    }
}
