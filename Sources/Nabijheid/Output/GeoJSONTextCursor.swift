extension GeoJSONText {
    /// Writes JSON into room that `GeoJSONText.write(atMost:)` made beforehand. It checks no
    /// bounds: the room is the caller's promise, and `write(atMost:)` stops the program if a
    /// cursor went past it.
    struct Cursor {
        private(set) var next: UnsafeMutablePointer<UInt8>

        init(_ start: UnsafeMutablePointer<UInt8>) { next = start }

        /// The most bytes `put(string:)` writes for `text`: every byte escaped as `\u00XX`, and the quotes.
        static func maximumLength(of text: String) -> Int { 6 * text.utf8.count + 2 }

        mutating func put(_ byte: UInt8) {
            next.pointee = byte
            next += 1
        }

        mutating func put(_ text: StaticString) {
            text.withUTF8Buffer { put(UnsafeRawBufferPointer($0)) }
        }

        mutating func put(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            UnsafeMutableRawPointer(next).copyMemory(from: base, byteCount: bytes.count)
            next += bytes.count
        }

        mutating func putNull() { put("null") }

        /// A JSON string with `"`, `\` and control characters escaped; other characters are
        /// written as UTF-8 as they are (RFC 8259 §7).
        mutating func put(string text: String) {
            var text = text
            text.withUTF8 { utf8 in
                put(UInt8(ascii: "\""))
                var start = 0
                for index in 0..<utf8.count {
                    let byte = utf8[index]
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    put(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[start..<index]))
                    put(UInt8(ascii: "\\"))
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
                    case 0x0A: put(UInt8(ascii: "n"))
                    case 0x0D: put(UInt8(ascii: "r"))
                    case 0x09: put(UInt8(ascii: "t"))
                    default:
                        let hex: StaticString = "0123456789abcdef"
                        put("u00")
                        put(hex.utf8Start[Int(byte >> 4)])
                        put(hex.utf8Start[Int(byte & 0xF)])
                    }
                    start = index + 1
                }
                put(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[start..<utf8.count]))
                put(UInt8(ascii: "\""))
            }
        }

        /// The properties object's members: each field's key and value (room:
        /// `PropertyKeys.maximumLength(with:)`).
        mutating func put(properties values: [FieldValue], keys: PropertyKeys) {
            keys.bytes.withUnsafeBytes { keyBytes in
                keys.ends.withUnsafeBufferPointer { ends in
                    var sink = GeoJSONPropertyCursor(self, keyBytes: keyBytes, keyEnds: ends)
                    for value in values { sink.value(value) }
                    self = sink.cursor
                }
            }
        }

        /// A property value; `null` for a missing one.
        mutating func put(value: FieldValue) {
            switch value {
            case .string(let string): if let string { put(string: string) } else { putNull() }
            case .integer(let number): put(integer: number)
            case .real(let number): put(real: number)
            }
        }

        /// A finite real, as Swift's `description` writes it (the shortest decimal that reads
        /// back as the same double); `null` for nil, NaN or infinity.
        mutating func put(real value: Double?) {
            guard let value, value.isFinite else { return putNull() }
            if putShortDecimal(value) { return }
            var text = value.description
            text.withUTF8 { put(UnsafeRawBufferPointer($0)) }
        }

        /// `value` rounded half away from zero to one decimal (metres, minutes), exactly as
        /// `put(real: Rounding.meters(value))` writes it: for k = round(10 · value), `k / 10` is
        /// written by `description` as k's digits with a point before the last (`0.0` and `-0.0`
        /// for zero), which is how `putShortDecimal` writes it too (`realsAreWrittenAsSwiftDescribesThem`
        /// and `tenthsAreWrittenAsTheRoundedReal` compare them). Without the round trip through
        /// a division and `putShortDecimal`'s search for the number of decimals, which were a
        /// fifth of formatting the dwellings.
        mutating func put(tenths value: Double?) {
            guard let value, value.isFinite else { return putNull() }
            let tenths = Rounding.nearestInteger(value * 10)
            guard abs(tenths) < 1e15 else { return put(real: tenths / 10) }
            if tenths.sign == .minus { put(UInt8(ascii: "-")) }
            let units = UInt(abs(tenths))
            put(digitsOf: units / 10)
            put(UInt8(ascii: "."))
            put(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: units % 10))
        }

        mutating func put(integer value: Int?) {
            guard let value else { return putNull() }
            if value < 0 { put(UInt8(ascii: "-")) }
            put(digitsOf: value.magnitude)
        }

        /// A coordinate rounded half away from zero to `decimals` (at most 9) decimals.
        mutating func put(coordinate value: Double, decimals: Int) {
            precondition(decimals >= 1 && decimals <= 9)
            guard value.isFinite else { return putNull() }
            let scale = GeoJSONText.powersOfTen[decimals]
            let scaled = Rounding.nearestInteger(value * Double(scale))
            guard abs(scaled) < 9e15 else { return put(real: value) }
            let units = Int(scaled)
            if units < 0 { put(UInt8(ascii: "-")) }
            put(fixed: units.magnitude, decimals: decimals)
        }

        /// The written values are rounded to 1–4 decimals (metres, minutes, shares), and
        /// `description` allocates a string per value, which was most of the CPU of writing a
        /// million dwellings. For a value that is the double nearest to k / 10^d (d = 1…4, tried
        /// in that order) and well inside ±10^10, the shortest decimal that reads back as it is
        /// exactly k / 10^d with d decimals: no decimal with fewer decimals does (the smaller d
        /// failed), and no other with d decimals does, since their spacing 10^-d is far above the
        /// double spacing there. That is what `description` writes, without an exponent in this
        /// range; a test compares the two on many values. Returns false for any other value.
        private mutating func putShortDecimal(_ value: Double) -> Bool {
            guard value != 0, abs(value) < 1e10, abs(value) >= 1e-4 else { return false }
            for decimals in 1...4 {
                let power = Double(GeoJSONText.powersOfTen[decimals])
                let scaled = (value * power).rounded()
                guard scaled / power == value else { continue }
                if scaled < 0 { put(UInt8(ascii: "-")) }
                put(fixed: UInt(abs(scaled)), decimals: decimals)
                return true
            }
            return false
        }

        /// `units / 10^decimals` with its integer digits, the point and its decimals without
        /// trailing zeros beyond the first (`52.0`, `0.05`, `4.358123`).
        private mutating func put(fixed units: UInt, decimals: Int) {
            let scale = UInt(GeoJSONText.powersOfTen[decimals])
            put(digitsOf: units / scale)
            put(UInt8(ascii: "."))
            var fraction = units % scale, digits = decimals
            while digits > 1 && fraction % 10 == 0 {
                fraction /= 10
                digits -= 1
            }
            // Right to left, leading zeros included.
            var position = next + digits
            for _ in 0..<digits {
                position -= 1
                position.pointee = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
            }
            next += digits
        }

        /// The decimal digits of `value`, without leading zeros; two at a time from a table of
        /// the pairs 00…99, right to left.
        private mutating func put(digitsOf value: UInt) {
            var digits = 1, bound: UInt = 10
            while value >= bound {
                digits += 1
                if digits == 20 { break }
                bound &*= 10
            }
            // "00", "01", … "99" back to back: the two digits of n at 2n.
            let table: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
            let pairs = table.utf8Start
            var rest = value, position = next + digits
            while rest >= 100 {
                let pair = Int(rest % 100) &* 2
                rest /= 100
                position -= 2
                position[0] = pairs[pair]
                position[1] = pairs[pair &+ 1]
            }
            if rest >= 10 {
                let pair = Int(rest) &* 2
                position[-2] = pairs[pair]
                position[-1] = pairs[pair &+ 1]
            } else {
                position[-1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
            }
            next += digits
        }
    }

    /// 10^0 … 10^9.
    fileprivate static let powersOfTen: [Int] = (0...9).map { power in (0..<power).reduce(1) { value, _ in value * 10 } }
}
