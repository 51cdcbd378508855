/// Finds the strings of a large list that may occur more than once, cheaply: a 64-bit hash of
/// each (its bytes, eight at a time) goes into an open-addressing table of hashes alone, and a
/// string is a candidate when its hash was there before. Equal strings always are candidates;
/// different strings only when their hashes collide, which a 64-bit hash makes all but
/// impossible at national size (8 M ids: about 2 in 10¹⁸) and which the caller's exact check
/// of the candidates settles anyway.
///
/// Why: checking 8 M BAG ids for duplicates with a `Set<String>` took seconds on one core
/// (SipHash per string, a string comparison per probe); this table holds 8 bytes per slot
/// and compares integers.
enum IDHashFilter {
    /// Per id `0..<count`, whether it may occur more than once (all occurrences of such an id are
    /// marked). `hash(i)` is id `i`'s 64-bit hash, never 0 and equal for equal ids (`hash(_:)` of
    /// a string, `DwellingID.hash64`); the hashes are computed on `threads` threads.
    static func possibleRepeats(count: Int, threads: Int = 1, hash: (Int) -> UInt64) -> [Bool] {
        let hashes = parallelMap(count, threads: threads, hash)
        var capacity = 16
        while capacity < 2 * hashes.count { capacity *= 2 }
        let mask = capacity - 1
        var table = [UInt64](repeating: 0, count: capacity)
        // Hashes seen twice or more; their strings are the candidates.
        var repeated = Set<UInt64>()
        table.withUnsafeMutableBufferPointer { table in
            for hash in hashes {
                var slot = Int(truncatingIfNeeded: hash) & mask
                while true {
                    let held = table[slot]
                    if held == 0 { table[slot] = hash; break }
                    if held == hash { repeated.insert(hash); break }
                    slot = (slot + 1) & mask
                }
            }
        }
        if repeated.isEmpty { return [Bool](repeating: false, count: hashes.count) }
        return hashes.map { repeated.contains($0) }
    }

    /// A 64-bit hash of the UTF-8 bytes, never 0 (0 marks an empty slot).
    static func hash(_ string: String) -> UInt64 {
        var text = string
        let value = text.withUTF8 { bytes -> UInt64 in
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
            var index = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while index + 8 <= bytes.count {
                h = mix(h ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < bytes.count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            return mix(mix(h ^ tail))
        }
        return value == 0 ? 1 : value
    }

    /// The finaliser of MurmurHash3 (fmix64) after a multiply: every input bit reaches every output bit.
    static func mix(_ value: UInt64) -> UInt64 {
        var h = value &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
