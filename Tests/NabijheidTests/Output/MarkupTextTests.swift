import Testing
@testable import Nabijheid

/// `MarkupText.escape`, whose quick return for plain ASCII must give what escaping character by
/// character gives.
@Suite struct MarkupTextTests {
    /// Escaping written out plainly, character by character.
    static func reference(_ text: String) -> String {
        text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            case "\t", "\n": return String(scalar)
            default:
                let v = scalar.value
                let allowed = (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                return allowed ? String(scalar) : "\u{FFFD}"
            }
        }.joined()
    }

    @Test func plainTextIsItsOwnEscape() {
        for text in ["", "BU05031234", "Delft Centrum 12", "1 234 woningen", "~!@#$%^*()_+-=[]{}|;:,./?`"] {
            #expect(MarkupText.escape(text) == text)
        }
    }

    @Test func everyMarkupAndControlCharacterIsReplaced() {
        #expect(MarkupText.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        #expect(MarkupText.escape("tab\there\nnewline") == "tab\there\nnewline")
        #expect(MarkupText.escape("bell\u{07}del\u{7F}") == "bell\u{FFFD}del\u{7F}")
        #expect(MarkupText.escape("Bürgerweg \u{FFFE}") == "Bürgerweg \u{FFFD}")
    }

    @Test func agreesWithEscapingCharacterByCharacter() {
        var random = SeededRandom(seed: 12)
        let alphabet: [Character] = ["a", "Z", "0", " ", "~", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{01}", "\u{7F}",
                                     "é", "ß", "€", "\u{FFFE}", "\u{FFFF}", "🚶"]
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...12, using: &random)
            // Half of them plain ASCII only, to go through the quick return.
            let pool = Bool.random(using: &random) ? Array(alphabet.prefix(5)) : alphabet
            let text = String((0..<length).map { _ in pool.randomElement(using: &random)! })
            #expect(MarkupText.escape(text) == Self.reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
