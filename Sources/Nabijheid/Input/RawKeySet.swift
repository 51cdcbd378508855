import Foundation

/// A few tag keys to look for among the raw keys (C strings) the OSM reader hands over, without
/// making Swift strings of them. Most keys are turned down on their first byte (an address
/// node's `addr:*` keys meet only the keys that start with `a`); the others are compared.
final class RawKeySet {
    private let keys: [UnsafeMutablePointer<CChar>]
    /// Per first byte, whether one of `keys` starts with it.
    private let first: [Bool]

    init(_ keys: [String]) {
        self.keys = keys.map { strdup($0)! }
        var first = [Bool](repeating: false, count: 256)
        for key in keys { first[Int(key.utf8.first ?? 0)] = true }
        self.first = first
    }

    deinit { keys.forEach { free($0) } }

    func contains(_ key: UnsafePointer<CChar>) -> Bool {
        guard first[Int(UInt8(bitPattern: key[0]))] else { return false }
        return keys.contains { strcmp($0, key) == 0 }
    }
}
