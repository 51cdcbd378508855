/// A set of integer grid points (`x`, `y`) as one bit each in a table of a power of two bits,
/// at least 32 per point: a clear bit means the point is certainly not in the set, a set one
/// means perhaps. In front of a dictionary that most lookups miss (every vertex of a national
/// network is looked up, a few in a thousand are there), it answers the misses without the
/// dictionary's hashing.
struct GridPresenceFilter {
    private var bits: [UInt64]
    private let shift: UInt64

    init(_ points: some Collection<(x: Int64, y: Int64)>) {
        // 2^16 … 2^28 bits.
        var logBits: UInt64 = 16
        while logBits < 28 && (1 << logBits) < 32 * points.count { logBits += 1 }
        shift = 64 - logBits
        bits = [UInt64](repeating: 0, count: 1 << (logBits - 6))
        for point in points {
            let bit = Self.bit(point.x, point.y, shift)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    @inline(__always)
    func mayContain(_ x: Int64, _ y: Int64) -> Bool {
        let bit = Self.bit(x, y, shift)
        return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// A cheap mix of both coordinates; its high bits choose the bit.
    @inline(__always)
    private static func bit(_ x: Int64, _ y: Int64, _ shift: UInt64) -> Int {
        let mixed = UInt64(bitPattern: x) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: y) &* 0xC2B2_AE3D_27D4_EB4F
        return Int(truncatingIfNeeded: mixed >> shift)
    }
}
