import TOMLKit

/// Reads one TOML table with errors that name the file, the dotted key, what was expected and
/// what was found. Keys nobody asked for are reported by `rejectUnknownKeys()`, so a typo
/// (`max_snap = 250`) is an error instead of a silently ignored setting.
final class ConfigTable {
    let file: String
    let path: String
    private let table: TOMLTable
    private var used: Set<String> = []

    init(_ table: TOMLTable, file: String, path: String = "") {
        self.table = table
        self.file = file
        self.path = path
    }

    static func parse(_ text: String, file: String) throws -> ConfigTable {
        do {
            return ConfigTable(try TOMLTable(string: text), file: file)
        } catch let error as TOMLParseError {
            throw InputError("\(file): line \(error.source.begin.line), column \(error.source.begin.column): not valid TOML: \(error.description)")
        }
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { table[key] != nil }

    private func value(_ key: String) -> TOMLValueConvertible? {
        used.insert(key)
        return table[key]
    }

    func wrongType(_ key: String, expected: String, found value: TOMLValueConvertible) -> InputError {
        InputError("\(file): key '\(keyPath(key))' must be \(expected), found \(describe(value))")
    }

    private func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "the text \"\(value.string ?? "")\""
        case .int: return "the integer \(value.int ?? 0)"
        case .double: return "the number \(value.double ?? 0)"
        default: return "a \(value.type.description)"
        }
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.string else { throw wrongType(key, expected: "text", found: value) }
        return text
    }

    func string(_ key: String, default fallback: String) throws -> String {
        try string(key) ?? fallback
    }

    func requiredString(_ key: String) throws -> String {
        guard let text = try string(key), !text.isEmpty else {
            throw InputError("\(file): key '\(keyPath(key))' is required (text)")
        }
        return text
    }

    /// An integer or floating-point number.
    func number(_ key: String) throws -> Double? {
        guard let value = value(key) else { return nil }
        if let integer = value.int { return Double(integer) }
        if let double = value.double { return double }
        throw wrongType(key, expected: "a number", found: value)
    }

    func integer(_ key: String) throws -> Int? {
        guard let value = value(key) else { return nil }
        guard let integer = value.int else { throw wrongType(key, expected: "an integer", found: value) }
        return integer
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.bool else { throw wrongType(key, expected: "true or false", found: value) }
        return flag
    }

    func strings(_ key: String) throws -> [String]? {
        guard let value = value(key) else { return nil }
        guard let array = value.array else { throw wrongType(key, expected: "a list of texts", found: value) }
        return try array.enumerated().map { index, element in
            guard let text = element.string else {
                throw InputError("\(file): key '\(keyPath(key))[\(index)]' must be text, found \(describe(element))")
            }
            return text
        }
    }

    func numbers(_ key: String) throws -> [Double]? {
        guard let value = value(key) else { return nil }
        guard let array = value.array else { throw wrongType(key, expected: "a list of numbers", found: value) }
        return try array.enumerated().map { index, element in
            if let integer = element.int { return Double(integer) }
            if let double = element.double { return double }
            throw InputError("\(file): key '\(keyPath(key))[\(index)]' must be a number, found \(describe(element))")
        }
    }

    func table(_ key: String) throws -> ConfigTable? {
        guard let value = value(key) else { return nil }
        guard let table = value.table else { throw wrongType(key, expected: "a table ([\(keyPath(key))])", found: value) }
        return ConfigTable(table, file: file, path: keyPath(key))
    }

    /// An array of tables (`[[key]]`).
    func tables(_ key: String) throws -> [ConfigTable]? {
        guard let value = value(key) else { return nil }
        guard let array = value.array else { throw wrongType(key, expected: "a list of tables ([[\(keyPath(key))]])", found: value) }
        return try array.enumerated().map { index, element in
            guard let table = element.table else {
                throw InputError("\(file): key '\(keyPath(key))[\(index)]' must be a table, found \(describe(element))")
            }
            return ConfigTable(table, file: file, path: "\(keyPath(key))[\(index)]")
        }
    }

    /// The keys of the table, sorted (for tables whose keys are data, such as surface factors).
    var keys: [String] { table.keys.sorted() }

    func rejectUnknownKeys() throws {
        let unknown = table.keys.filter { !used.contains($0) }.sorted()
        if let first = unknown.first {
            throw InputError("\(file): unknown key '\(keyPath(first))'")
        }
    }
}
