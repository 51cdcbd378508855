/// Receives one feature's property values, in the order of the layer's fields. A layer writes
/// its rows once, generically over the sink: into `FieldValue`s for GDAL, or straight into
/// GeoJSON text (`GeoJSONPropertyCursor`) for the large point layer.
protocol PropertySink {
    mutating func real(_ value: Double?)
    mutating func integer(_ value: Int?)
    mutating func string(_ value: String?)
    /// String `index` of `table` (nil: null).
    mutating func string(_ table: JSONStringTable, _ index: Int?)
    /// A dwelling's id, as its text.
    mutating func string(_ id: DwellingID)
    /// A real rounded to one decimal (`Rounding.meters`): metres and minutes.
    mutating func tenths(_ value: Double?)
}

extension PropertySink {
    mutating func tenths(_ value: Double?) { real(Rounding.meters(value)) }
}

extension PropertySink {
    mutating func value(_ value: FieldValue) {
        switch value {
        case .real(let number): real(number)
        case .integer(let number): integer(number)
        case .string(let text): string(text)
        }
    }
}

/// A few strings that many features repeat (facility ids, buurt codes, status codes), each
/// escaped as a JSON string once, so writing one is a copy of its bytes.
struct JSONStringTable: Sendable {
    let strings: [String]
    /// String `i` as JSON (quotes included) is `bytes[ends[i] ..< ends[i + 1]]`.
    private let bytes: [UInt8]
    private let ends: [Int]
    /// The longest entry in bytes (0 when empty).
    let maximumLength: Int

    init(_ strings: [String]) {
        var text = GeoJSONText()
        var ends = [0]
        for string in strings {
            text.append(string: string)
            ends.append(text.count)
        }
        self.strings = strings
        bytes = text.bytes
        self.ends = ends
        maximumLength = zip(ends.dropFirst(), ends).map { $0 - $1 }.max() ?? 0
    }

    func put(_ index: Int, into cursor: inout GeoJSONText.Cursor) {
        bytes.withUnsafeBytes { cursor.put(UnsafeRawBufferPointer(rebasing: $0[ends[index]..<ends[index + 1]])) }
    }
}

/// Collects the values as `FieldValue`s (for GDAL's writers).
struct FieldValueRow: PropertySink {
    var values: [FieldValue] = []

    mutating func real(_ value: Double?) { values.append(.real(value)) }
    mutating func integer(_ value: Int?) { values.append(.integer(value)) }
    mutating func string(_ value: String?) { values.append(.string(value)) }
    mutating func string(_ table: JSONStringTable, _ index: Int?) { values.append(.string(index.map { table.strings[$0] })) }
    mutating func string(_ id: DwellingID) { values.append(.string(id.text)) }
}

/// Writes each value with its key into room made beforehand (`GeoJSONText.write(atMost:)`):
/// the room is the keys' bytes plus `GeoJSONText.maximumNumberLength` per number and the
/// longest possible text per string, which the caller works out.
struct GeoJSONPropertyCursor: PropertySink {
    var cursor: GeoJSONText.Cursor
    private let keyBytes: UnsafeRawBufferPointer
    private let keyEnds: UnsafeBufferPointer<Int>
    /// How many values were written.
    private(set) var field = 0

    init(_ cursor: GeoJSONText.Cursor, keyBytes: UnsafeRawBufferPointer, keyEnds: UnsafeBufferPointer<Int>) {
        self.cursor = cursor
        self.keyBytes = keyBytes
        self.keyEnds = keyEnds
    }

    private mutating func key() {
        precondition(field + 1 < keyEnds.count, "more values than fields")
        cursor.put(UnsafeRawBufferPointer(rebasing: keyBytes[keyEnds[field]..<keyEnds[field + 1]]))
        field += 1
    }

    mutating func real(_ value: Double?) {
        key()
        cursor.put(real: value)
    }

    mutating func integer(_ value: Int?) {
        key()
        cursor.put(integer: value)
    }

    mutating func tenths(_ value: Double?) {
        key()
        cursor.put(tenths: value)
    }

    mutating func string(_ value: String?) {
        key()
        if let value { cursor.put(string: value) } else { cursor.putNull() }
    }

    mutating func string(_ table: JSONStringTable, _ index: Int?) {
        key()
        if let index { table.put(index, into: &cursor) } else { cursor.putNull() }
    }

    mutating func string(_ id: DwellingID) {
        key()
        id.put(into: &cursor)
    }
}
