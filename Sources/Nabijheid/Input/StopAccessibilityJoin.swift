/// Joins a CHB quay export to the stops read from GTFS or OSM by quay code. CHB's judgement,
/// made from measurements, replaces what the stop's own source says; stops without a code or
/// whose code CHB does not know keep their own value (often unknown).
enum StopAccessibilityJoin {
    /// Sets `accessibility` of every facility whose quay code CHB knows; returns the sentence for
    /// run.json's meldingen with the counts of matched and unmatched stops.
    static func apply(_ quays: CHBQuayReader.Quays, to facilities: inout [Facility], file: String) -> String {
        var withCode = 0, matched = 0
        var counts: [StopAccessibility: Int] = [:]
        for index in facilities.indices {
            guard let code = facilities[index].quayCode else { continue }
            withCode += 1
            guard let accessibility = quays.accessibility[CHBQuayReader.normalized(code)] else { continue }
            matched += 1
            facilities[index].accessibility = accessibility
            facilities[index].accessibilitySource = "chb"
            counts[accessibility, default: 0] += 1
        }
        let judged = StopAccessibility.allCases.compactMap { value in counts[value].map { "\($0) \(value.rawValue)" } }
        return "CHB (\(file)): \(matched) van \(withCode) haltes met een perroncode gekoppeld"
            + (judged.isEmpty ? "" : " (\(judged.joined(separator: ", ")))")
            + "; \(withCode - matched) niet gevonden; \(facilities.count - withCode) voorzieningen zonder perroncode"
    }
}
