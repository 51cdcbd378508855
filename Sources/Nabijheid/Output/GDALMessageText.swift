import Foundation

/// GDAL's warnings in Dutch for the report. The known messages get a sentence that says what
/// happened to the data and whether the planner must act; unknown ones are shown as GDAL wrote
/// them. `run.json` keeps the original (`meldingen`, and `origineel` beside each warning).
enum GDALMessageText {
    /// A known message: the pattern (a regular expression on GDAL's text) and the sentence;
    /// `$1`… in the sentence are the pattern's groups.
    private static let known: [(pattern: String, dutch: String)] = [
        (#"Non closed ring detected"#,
         "Een vlak in de invoer heeft een ring die niet gesloten is (eerste en laatste punt verschillen); GDAL heeft het vlak toch ingelezen. Controleer de vlakken in de bron."),
        (#"Ring Self-intersection at or near point (\S+) (\S+)"#,
         "Een vlak in de invoer snijdt zichzelf bij punt $1 $2; woningen daar kunnen buiten de buurt vallen. Herstel de geometrie in de bron."),
        (#"Self-intersection at or near point (\S+) (\S+)"#,
         "Een vlak in de invoer snijdt zichzelf bij punt $1 $2; woningen daar kunnen buiten de buurt vallen. Herstel de geometrie in de bron."),
        (#"Too few points in geometry component at or near point (\S+) (\S+)"#,
         "Een vlak in de invoer heeft te weinig punten bij $1 $2 en is ongeldig. Herstel de geometrie in de bron."),
        (#"Value '([^']*)' of field ([^ ]+) parsed incompletely to (integer|real)"#,
         "De waarde '$1' in veld $2 is maar gedeeltelijk als getal gelezen. Controleer het veld in de bron."),
        (#"Integer overflow occurred when trying to set 32bit field"#,
         "Een geheel getal in de invoer was te groot voor het veld en is afgekapt. Controleer de getallen in de bron."),
        (#"Normalized/laundered field name: '([^']*)' to '([^']*)'"#,
         "De veldnaam '$1' is aangepast tot '$2'."),
        (#"Field ([^ ]+) created as (\w+) field, though (\w+) was requested"#,
         "Veld $1 is als $2 opgeslagen in plaats van als $3."),
    ]

    /// The Dutch sentence for a note "GDAL: <message> (N×)", with the count kept; the note
    /// itself when the message is not known.
    static func dutch(_ note: String) -> String {
        var message = note.hasPrefix("GDAL: ") ? String(note.dropFirst(6)) : note
        var count = ""
        if let range = message.range(of: #" \(\d+×\)$"#, options: .regularExpression) {
            count = String(message[range])
            message = String(message[..<range.lowerBound])
        }
        for (pattern, dutch) in known {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) else { continue }
            let sentence = regex.replacementString(for: match, in: message, offset: 0, template: dutch)
            let times = count.filter(\.isNumber)
            return sentence + (times.isEmpty ? "" : " (\(times) keer)")
        }
        return note
    }
}
