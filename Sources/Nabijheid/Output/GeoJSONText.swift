import Foundation

/// A growing UTF-8 buffer with the few JSON productions a GeoJSON feature needs: escaped
/// strings, numbers and `null`. The number formats are fixed here, so output bytes never change
/// with a formatting library:
/// - reals: Swift's shortest representation that reads back as the same `Double` (`523.4`,
///   `15.0`, `1e-05`), which is a valid JSON number for every finite value;
/// - coordinates: at most `decimals` decimals, trailing zeros dropped (`4.358123`, `52.0`).
///
/// Bytes are written through a `Cursor` into room made beforehand (`write(atMost:)`), not
/// appended one at a time to an array: an array append checks capacity and uniqueness for each
/// byte, and with digits written one by one that was half the CPU of writing the dwellings.
struct GeoJSONText {
    /// The text is the first `count` bytes of `storage`.
    private var storage = Storage()
    private(set) var count = 0

    /// The most bytes a number takes: a coordinate (sign, 16 integer digits, point, 9
    /// decimals) or a real as `description` writes it (at most 24: `-1.7976931348623157e+308`).
    static let maximumNumberLength = 32

    init(capacity: Int = 0) {
        if capacity > 0 { storage.grow(to: capacity) }
    }

    /// A copy of the text.
    var bytes: [UInt8] { withBytes { Array($0) } }

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: storage.base, count: count))
    }

    /// Empties the text and keeps its room.
    mutating func removeAll() { count = 0 }

    /// Runs `body` with a cursor that may write up to `maximum` bytes after the text.
    mutating func write(atMost maximum: Int, _ body: (inout Cursor) -> Void) {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(count: count) }
        if storage.capacity - count < maximum { storage.grow(to: max(2 * storage.capacity, count + maximum, 256)) }
        let start = storage.base!.assumingMemoryBound(to: UInt8.self) + count
        var cursor = Cursor(start)
        body(&cursor)
        let written = cursor.next - start
        precondition(written <= maximum, "wrote past the room made for it")
        count += written
    }

    /// The bytes, grown with `realloc`: no zero-filling, and the pages of a large buffer are
    /// moved rather than copied; only what is written is ever touched.
    private final class Storage {
        private(set) var base: UnsafeMutableRawPointer?
        private(set) var capacity = 0

        deinit { free(base) }

        func grow(to newCapacity: Int) {
            guard newCapacity > capacity else { return }
            guard let grown = realloc(base, newCapacity) else { fatalError("out of memory for \(newCapacity) bytes of GeoJSON") }
            base = grown
            capacity = newCapacity
        }

        func copy(count: Int) -> Storage {
            let copy = Storage()
            copy.grow(to: max(capacity, 1))
            if count > 0 { copy.base!.copyMemory(from: base!, byteCount: count) }
            return copy
        }
    }

    mutating func append(raw text: StaticString) {
        write(atMost: text.utf8CodeUnitCount) { $0.put(text) }
    }

    mutating func append(raw text: [UInt8]) {
        text.withUnsafeBytes { text in write(atMost: text.count) { $0.put(text) } }
    }

    mutating func appendNull() { append(raw: "null") }

    /// A JSON string with `"`, `\` and control characters escaped; other characters are
    /// written as UTF-8 as they are (RFC 8259 §7).
    mutating func append(string text: String) {
        write(atMost: Cursor.maximumLength(of: text)) { $0.put(string: text) }
    }

    /// `"name":` per field, with the comma before every one but the first, all in one buffer:
    /// an array per key cost a retain and a release per property written (a sixth of writing
    /// the dwellings).
    struct PropertyKeys: Sendable {
        let bytes: [UInt8]
        /// Key `i` is `bytes[ends[i] ..< ends[i + 1]]`.
        let ends: [Int]

        init(_ fields: [FieldDefinition]) {
            var text = GeoJSONText()
            var ends = [0]
            for (index, field) in fields.enumerated() {
                if index > 0 { text.append(raw: ",") }
                text.append(string: field.name)
                text.append(raw: ":")
                ends.append(text.count)
            }
            bytes = text.bytes
            self.ends = ends
        }

        /// The most bytes the keys and `values` take together.
        func maximumLength(with values: [FieldValue]) -> Int {
            var length = bytes.count
            for value in values {
                switch value {
                case .string(let string?): length += Cursor.maximumLength(of: string)
                default: length += GeoJSONText.maximumNumberLength
                }
            }
            return length
        }
    }

    /// The properties object's members: each field's key and value.
    mutating func append(properties values: [FieldValue], keys: PropertyKeys) {
        write(atMost: keys.maximumLength(with: values)) { $0.put(properties: values, keys: keys) }
    }

    /// A property value; `null` for a missing one.
    mutating func append(value: FieldValue) {
        switch value {
        case .string(let string?): append(string: string)
        default: write(atMost: Self.maximumNumberLength) { $0.put(value: value) }
        }
    }

    /// A finite real, as Swift's `description` writes it (the shortest decimal that reads back
    /// as the same double); `null` for nil, NaN or infinity.
    mutating func append(real value: Double?) {
        write(atMost: Self.maximumNumberLength) { $0.put(real: value) }
    }

    /// A real rounded to one decimal, as `append(real: Rounding.meters(value))` writes it.
    mutating func append(tenths value: Double?) {
        write(atMost: Self.maximumNumberLength) { $0.put(tenths: value) }
    }

    mutating func append(integer value: Int?) {
        write(atMost: Self.maximumNumberLength) { $0.put(integer: value) }
    }

    /// A coordinate rounded half away from zero to `decimals` (at most 9) decimals.
    mutating func append(coordinate value: Double, decimals: Int) {
        write(atMost: Self.maximumNumberLength) { $0.put(coordinate: value, decimals: decimals) }
    }
}
