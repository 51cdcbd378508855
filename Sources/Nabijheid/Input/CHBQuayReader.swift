import Foundation

/// Reads a CHB (Centraal Halte Bestand) quay export: a JSON list of quays with their IFOPT code
/// (`quaycode`, e.g. `NL:Q:30008086`, the value OSM puts in `ref:IFOPT`) and CHB's own judgement
/// whether a wheelchair or rollator user can board there (`disabledaccessible`, made from the
/// measured kerb height, boarding width, ramp and access route). Quays with `quaystatus`
/// `expired` are left out. CHB is JSON, not a format GDAL reads, so Foundation parses it.
enum CHBQuayReader {
    struct Quays {
        /// Accessibility per quay code.
        var accessibility: [String: StopAccessibility]
        /// Entries left out because CHB marks them expired.
        var expired: Int
    }

    /// - Throws: `InputError` naming the file, the entry and the field: a missing or unreadable
    ///   file, text that is no JSON list, an entry without a `quaycode` text, a code that is not
    ///   an IFOPT quay code, or a `disabledaccessible` that is not true or false.
    static func read(path: String) throws -> Quays {
        try InputPath.checkLocalFile(path)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputError("\(path): cannot read the CHB quay file (\(error.localizedDescription))")
        }
        guard let list = (try? JSONSerialization.jsonObject(with: data)) as? [Any] else {
            throw InputError("\(path): not a CHB quay export; expected a JSON list of quays with 'quaycode' and 'disabledaccessible'")
        }
        var quays = Quays(accessibility: [:], expired: 0)
        for (index, element) in list.enumerated() {
            let entry = "\(path): quay \(index + 1)"
            guard let quay = element as? [String: Any] else { throw InputError("\(entry): expected an object, found \(element)") }
            guard let code = quay["quaycode"] as? String, !code.isEmpty else {
                throw InputError("\(entry): field 'quaycode' must be a text such as \"NL:Q:30008086\", found \(quay["quaycode"].map { "\($0)" } ?? "nothing")")
            }
            guard code.hasPrefix("NL:Q:"), code.count > 5 else {
                throw InputError("\(entry): field 'quaycode' must be an IFOPT quay code (\"NL:Q:…\"), found \"\(code)\"")
            }
            if (quay["quaystatus"] as? String) == "expired" {
                quays.expired += 1
                continue
            }
            switch quay["disabledaccessible"] {
            case let value as Bool: quays.accessibility[code] = value ? .toegankelijk : .niet
            case nil, is NSNull: quays.accessibility[code] = .onbekend
            case let other?: throw InputError("\(entry) (\(code)): field 'disabledaccessible' must be true or false, found \(other)")
            }
        }
        return quays
    }

    /// The code as CHB writes it: feeds often drop the `NL:Q:` prefix.
    static func normalized(_ code: String) -> String {
        code.hasPrefix("NL:Q:") ? code : "NL:Q:\(code)"
    }
}
