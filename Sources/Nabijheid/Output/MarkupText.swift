/// Text for XML and HTML (JUnit reports, QGIS styles, the HTML report).
enum MarkupText {
    /// Escapes markup characters for element text and attribute values. Characters XML 1.0 does
    /// not allow (controls other than tab and newline, U+FFFE, U+FFFF) become U+FFFD: ids and
    /// names come from input files and plans anyone may push.
    static func escape(_ text: String) -> String {
        // Most texts (codes, numbers, names) are printable ASCII without markup characters:
        // those are their own escape (rapport.html escapes some hundred thousand texts at 8 M).
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) && !Self.markup.contains($0) }) { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return result
    }

    /// The ASCII characters `escape` replaces.
    private static let markup: [UInt8] = Array("&<>\"'".utf8)
}
