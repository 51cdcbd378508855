import Foundation

/// A small, fast reader for the numeric CSV files of a `SearchProblem`: a header line, then
/// rows of `columns` numbers separated by commas. Keeps the bytes and the offset of every field.
struct CSVColumns {
    let path: String
    let rows: Int
    private let bytes: [UInt8]
    private let fieldStart: [Int]
    private let columns: Int

    init(path: String, columns: Int) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError("\(path): cannot read") }
        var bytes = [UInt8](data)
        bytes.append(0) // strtod stops here at the latest
        var starts: [Int] = []
        starts.reserveCapacity(bytes.count / 8)
        var i = 0
        // Skip the header.
        while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { i += 1 }
        i += 1
        var line = 2
        while i < bytes.count - 1 {
            if bytes[i] == UInt8(ascii: "\n") { i += 1; line += 1; continue } // blank line
            var fields = 0
            starts.append(i); fields += 1
            while i < bytes.count - 1 && bytes[i] != UInt8(ascii: "\n") {
                if bytes[i] == UInt8(ascii: ",") { starts.append(i + 1); fields += 1 }
                i += 1
            }
            guard fields == columns else { throw InputError("\(path): line \(line) has \(fields) fields, expected \(columns)") }
            i += 1; line += 1
        }
        self.path = path
        self.bytes = bytes
        self.fieldStart = starts
        self.columns = columns
        rows = starts.count / columns
    }

    /// The field as a whole number; nil when it is not one.
    func integer(_ row: Int, _ column: Int) -> Int? {
        var i = fieldStart[row * columns + column]
        var value = 0, negative = false, digits = 0
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        while bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") && digits < 18 {
            value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            i += 1; digits += 1
        }
        let end = bytes[i]
        guard digits > 0, end == UInt8(ascii: ",") || end == UInt8(ascii: "\n") || end == UInt8(ascii: "\r") || end == 0 else { return nil }
        return negative ? -value : value
    }

    /// The field as a number; nil when it is not one.
    func double(_ row: Int, _ column: Int) -> Double? {
        let start = fieldStart[row * columns + column]
        var end = start
        let value = bytes.withUnsafeBufferPointer { buffer -> Double in
            buffer.baseAddress!.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: 1) { field in
                var stop: UnsafeMutablePointer<CChar>?
                let value = strtod(field, &stop)
                end = start + (stop.map { $0 - UnsafeMutablePointer(mutating: field) } ?? 0)
                return value
            }
        }
        let after = bytes[end]
        guard end > start, after == UInt8(ascii: ",") || after == UInt8(ascii: "\n") || after == UInt8(ascii: "\r") || after == 0 else { return nil }
        return value
    }
}
