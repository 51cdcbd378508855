/// A growing UTF-8 buffer with the few JSON productions a GeoJSON point feature needs: escaped
/// strings, numbers and `null`. The number formats are fixed here, so output bytes never change
/// with a formatting library:
/// - reals: Swift's shortest representation that reads back as the same `Double` (`523.4`,
///   `15.0`, `1e-05`), which is a valid JSON number for every finite value;
/// - coordinates: at most `decimals` decimals, trailing zeros dropped (`4.358123`, `52.0`).
struct GeoJSONText {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(raw text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(raw text: [UInt8]) { bytes.append(contentsOf: text) }

    mutating func appendNull() { append(raw: "null") }

    /// A JSON string with `"`, `\` and control characters escaped; other characters are
    /// written as UTF-8 as they are (RFC 8259 §7).
    mutating func append(string text: String) {
        var text = text
        text.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
            bytes.append(UInt8(ascii: "\""))
        }
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
                ends.append(text.bytes.count)
            }
            bytes = text.bytes
            self.ends = ends
        }
    }

    /// The properties object's members: each field's key and value.
    mutating func append(properties values: [FieldValue], keys: PropertyKeys) {
        keys.bytes.withUnsafeBufferPointer { keyBytes in
            keys.ends.withUnsafeBufferPointer { ends in
                values.withUnsafeBufferPointer { values in
                    for field in values.indices {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: keyBytes[ends[field]..<ends[field + 1]]))
                        append(value: values[field])
                    }
                }
            }
        }
    }

    /// A property value; `null` for a missing one.
    mutating func append(value: FieldValue) {
        switch value {
        case .string(let string): if let string { append(string: string) } else { appendNull() }
        case .integer(let number): append(integer: number)
        case .real(let number): append(real: number)
        }
    }

    /// A finite real, as Swift's `description` writes it (the shortest decimal that reads back
    /// as the same double); `null` for nil, NaN or infinity.
    mutating func append(real value: Double?) {
        guard let value, value.isFinite else { return appendNull() }
        if appendShortDecimal(value) { return }
        var text = value.description
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    private static let powersOfTen: [Double] = [10, 100, 1_000, 10_000]

    /// The written values are rounded to 1–4 decimals (metres, minutes, shares), and
    /// `description` allocates a string per value, which was most of the CPU of writing a
    /// million dwellings. For a value that is the double nearest to k / 10^d (d = 1…4, tried
    /// in that order) and well inside ±10^10, the shortest decimal that reads back as it is
    /// exactly k / 10^d with d decimals: no decimal with fewer decimals does (the smaller d
    /// failed), and no other with d decimals does, since their spacing 10^-d is far above the
    /// double spacing there. That is what `description` writes, without an exponent in this
    /// range; a test compares the two on many values. Returns false for any other value.
    private mutating func appendShortDecimal(_ value: Double) -> Bool {
        guard value != 0, abs(value) < 1e10, abs(value) >= 1e-4 else { return false }
        for (index, power) in Self.powersOfTen.enumerated() {
            let scaled = (value * power).rounded()
            guard scaled / power == value else { continue }
            var units = Int(scaled)
            if units < 0 {
                bytes.append(UInt8(ascii: "-"))
                units = -units
            }
            let unit = Int(power)
            append(decimal: units / unit)
            bytes.append(UInt8(ascii: "."))
            // Leading zeros of the fraction, then its digits without the trailing ones beyond the first.
            var fraction = units % unit, digits = index + 1
            while digits > 1 && fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            var width = 1, probe = fraction
            while probe >= 10 { probe /= 10; width += 1 }
            for _ in 0..<(digits - width) { bytes.append(UInt8(ascii: "0")) }
            append(decimal: fraction)
            return true
        }
        return false
    }

    mutating func append(integer value: Int?) {
        guard let value else { return appendNull() }
        append(decimal: value)
    }

    /// A coordinate rounded half away from zero to `decimals` (at most 9) decimals.
    mutating func append(coordinate value: Double, decimals: Int) {
        precondition(decimals >= 1 && decimals <= 9)
        guard value.isFinite else { return appendNull() }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * Double(scale)).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9e15 else { return append(real: value) }
        var units = Int(scaled)
        if units < 0 {
            bytes.append(UInt8(ascii: "-"))
            units = -units
        }
        append(decimal: units / scale)
        bytes.append(UInt8(ascii: "."))
        var fraction = units % scale
        var digits = decimals
        while digits > 1 && fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / divisor % 10))
            divisor /= 10
        }
    }

    private mutating func append(decimal value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            // Int.min has no positive counterpart; its digits come from the description.
            if value == Int.min { return bytes.append(contentsOf: String(value).utf8.dropFirst()) }
            return append(decimal: -value)
        }
        if value >= 10 { append(decimal: value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
