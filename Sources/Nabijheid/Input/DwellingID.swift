import Foundation

/// A dwelling's id as it was read, kept without memory of its own where it can be.
///
/// Why: a BAG `identificatie` has 16 digits, one more than a Swift string holds without a heap
/// allocation of its own, so 8 million of them took about 0.5 GB (a 64-byte block each beside
/// the dwelling) and 8 million allocations while the layer was read. An id of at most 19 ASCII
/// digits is kept as their value and count instead (leading zeros included), anything else as
/// its text. The form is chosen from the text alone, so equal ids always have the same form.
public struct DwellingID: Sendable, Hashable {
    private enum Storage: Sendable, Hashable {
        case text(String)
        /// The digits' value and how many there are (1–19).
        case digits(UInt64, count: UInt8)
    }

    private let storage: Storage

    /// At most this many digits are kept as a number (10¹⁹ − 1 < 2⁶⁴).
    static let maximumDigits = 19

    public init(_ text: String) {
        var copy = text
        let digits = copy.withUTF8 { Self.digits(of: UnsafeRawBufferPointer($0)) }
        storage = digits.map { .digits($0.value, count: $0.count) } ?? .text(text)
    }

    /// From a C string, without making a `String` when it is digits.
    init(cString: UnsafePointer<CChar>) {
        let bytes = UnsafeRawBufferPointer(start: cString, count: strlen(cString))
        storage = Self.digits(of: bytes).map { .digits($0.value, count: $0.count) } ?? .text(String(cString: cString))
    }

    /// The value and count of `bytes` when they are 1–19 ASCII digits.
    private static func digits(of bytes: UnsafeRawBufferPointer) -> (value: UInt64, count: UInt8)? {
        guard (1...maximumDigits).contains(bytes.count) else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        return (value, UInt8(bytes.count))
    }

    /// Whether the id is kept as its digits' value (no memory of its own).
    var isStoredAsDigits: Bool {
        if case .digits = storage { return true }
        return false
    }

    /// The id as read.
    public var text: String {
        switch storage {
        case .text(let text):
            return text
        case let .digits(value, count):
            return String(unsafeUninitializedCapacity: Int(count)) { buffer in
                Self.writeDigits(value, count: Int(count), into: buffer.baseAddress!)
                return Int(count)
            }
        }
    }

    /// Writes the `count` digits of `value` (leading zeros included) at `start`.
    private static func writeDigits(_ value: UInt64, count: Int, into start: UnsafeMutablePointer<UInt8>) {
        var rest = value
        for position in stride(from: count - 1, through: 0, by: -1) {
            start[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }

    /// A 64-bit hash, never 0, equal for equal ids (`IDHashFilter`).
    var hash64: UInt64 {
        switch storage {
        case .text(let text):
            return IDHashFilter.hash(text)
        case let .digits(value, count):
            let mixed = IDHashFilter.mix(IDHashFilter.mix(value ^ (UInt64(count) << 59)) ^ 0xD1B5_4A32_D192_ED03)
            return mixed == 0 ? 1 : mixed
        }
    }

    /// The most bytes the id takes as a JSON string, quotes included.
    var maximumJSONLength: Int {
        switch storage {
        case .text(let text): return GeoJSONText.Cursor.maximumLength(of: text)
        case .digits(_, let count): return Int(count) + 2
        }
    }

    /// Writes the id as a JSON string; room for `maximumJSONLength` bytes must have been made.
    func put(into cursor: inout GeoJSONText.Cursor) {
        switch storage {
        case .text(let text):
            cursor.put(string: text)
        case let .digits(value, count):
            // Digits need no escaping.
            var bytes: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &bytes) { raw in
                let start = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                start[0] = UInt8(ascii: "\"")
                Self.writeDigits(value, count: Int(count), into: start + 1)
                start[Int(count) + 1] = UInt8(ascii: "\"")
                cursor.put(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(raw)[0..<(Int(count) + 2)]))
            }
        }
    }
}

extension DwellingID: CustomStringConvertible {
    public var description: String { text }
}
