import Foundation
import Testing
@testable import Nabijheid

/// `RawKeySet` finds exactly the keys a `Set<String>` of the same keys holds: seeded keys made
/// of few letters (so that many share a first byte or are prefixes of each other), and the
/// cases by hand.
@Suite("Raw tag key set")
struct RawKeySetTests {
    @Test func byHand() {
        let set = RawKeySet(["amenity", "addr:housenumber", "shop", ""])
        func has(_ key: String) -> Bool { key.withCString { set.contains($0) } }
        #expect(has("amenity") && has("addr:housenumber") && has("shop") && has(""))
        #expect(!has("addr:street") && !has("addr:housenumber2") && !has("amenit") && !has("shops") && !has("building"))
        #expect(!RawKeySet([]).contains("a"))
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func matchesSet(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        func key() -> String {
            String((0..<Int.random(in: 0...4, using: &random)).map { _ in "ab:é".randomElement(using: &random)! })
        }
        let keys = (0..<Int.random(in: 0...12, using: &random)).map { _ in key() }
        let set = RawKeySet(keys), reference = Set(keys)
        for _ in 0..<2_000 {
            let probe = key()
            #expect(probe.withCString { set.contains($0) } == reference.contains(probe), "\(probe) in \(keys)")
        }
    }
}
