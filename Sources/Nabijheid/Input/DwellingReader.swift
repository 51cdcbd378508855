import CGDAL
import Dispatch

/// Reads dwellings from a point layer (BAG verblijfsobjecten or similar), optionally keeping
/// only features whose filter field contains a text, with suitability and woonvorm where the
/// layer has them. OSM dwellings come from `OSMFileReader`.
///
/// A large GeoPackage layer (the national BAG: millions of points) is read in `threads` parts
/// at once, each a range of feature ids on its own connection; SQLite returns each range in
/// id order, so the parts joined in order are exactly the sequential result.
enum DwellingReader {
    /// Below this many features one reader is fast enough.
    static let parallelMinimum = 200_000

    static func read(_ input: LayerInput, idField: String?, filterField: String?, filterContains: String?,
                     attributes: DwellingAttributes, threads: Int = 1,
                     parallelMinimum: Int = parallelMinimum, near network: RDExtent? = nil) throws -> (dwellings: [Dwelling], skipped: SkippedFeatures) {
        let read = try readUnchecked(input, idField: idField, filterField: filterField, filterContains: filterContains,
                                     attributes: attributes, threads: threads, parallelMinimum: parallelMinimum)
        return try check(read, near: network, threads: threads)
    }

    /// What `readUnchecked` gives: the dwellings before the checks against the network and
    /// each other, with what `check` needs to name the layer.
    struct Unchecked {
        var dwellings: [Dwelling]
        var skipped: SkippedFeatures
        let label: String
        let crs: String
        let idField: String?
    }

    /// Reads the layer without the checks that need the network (`check`), so that it can be
    /// read while the network is.
    static func readUnchecked(_ input: LayerInput, idField: String?, filterField: String?, filterContains: String?,
                              attributes: DwellingAttributes, threads: Int = 1,
                              parallelMinimum: Int = parallelMinimum) throws -> Unchecked {
        let opened = try OpenedLayer(input, purpose: "dwelling points")
        let settings = Settings(idField: idField, filterField: filterField, filterContains: filterContains, attributes: attributes)
        var read = try readParts(input, opened: opened, settings: settings, threads: threads, parallelMinimum: parallelMinimum)
        read.skipped.excludedByWhere = opened.featuresInLayer - opened.featuresKept
        return Unchecked(dwellings: read.dwellings, skipped: read.skipped, label: opened.label, crs: opened.transform.sourceName, idField: idField)
    }

    /// The layer lies near the network (else its CRS is wrong) and, with an id field, its ids are unique.
    static func check(_ read: Unchecked, near network: RDExtent?, threads: Int = 1) throws -> (dwellings: [Dwelling], skipped: SkippedFeatures) {
        try LayerPlacement.requireLayerNear(read.dwellings.lazy.map(\.position), network: network, label: read.label, crs: read.crs)
        if let idField = read.idField { try requireUniqueIDs(read.dwellings, label: read.label, field: idField, threads: threads) }
        return (read.dwellings, read.skipped)
    }

    /// Plans name dwellings by id (`vervallen_woning`) and outputs are joined on it: an id
    /// that two dwellings share would make both one.
    /// - Throws: `InputError` naming the first few duplicate ids, how often each occurs, and
    ///   how many ids occur more than once.
    static func requireUniqueIDs(_ dwellings: [Dwelling], label: String, field: String, threads: Int = 1) throws {
        // Only ids whose hash repeats can repeat; the exact check below sees only those, in
        // input order, so the message is what checking every id would give.
        let candidates = IDHashFilter.possibleRepeats(count: dwellings.count, threads: threads) { dwellings[$0].identifier.hash64 }
        var seen = Set<String>()
        var duplicates: [String: Int] = [:]
        var order: [String] = []
        for (index, dwelling) in dwellings.enumerated() where candidates[index] && !seen.insert(dwelling.id).inserted {
            if duplicates[dwelling.id] == nil { order.append(dwelling.id) }
            duplicates[dwelling.id, default: 1] += 1
        }
        guard !order.isEmpty else { return }
        let shown = order.prefix(5).map { "'\($0)' (\(duplicates[$0]!)×)" }.joined(separator: ", ")
        let more = order.count > 5 ? ", …" : ""
        throw InputError("\(label): dwelling ids in field '\(field)' must be unique (dwellings.id_field); \(order.count) id\(order.count == 1 ? " occurs" : "s occur") more than once: \(shown)\(more)")
    }

    private static func readParts(_ input: LayerInput, opened: OpenedLayer, settings: Settings, threads: Int,
                                  parallelMinimum: Int) throws -> (dwellings: [Dwelling], skipped: SkippedFeatures) {
        // Ranges of feature ids cover the whole layer, whatever `where` keeps.
        let count = opened.featuresInLayer
        let driver = GDALGetDatasetDriver(opened.dataset.handle).map { String(cString: GDALGetDriverShortName($0)) }
        let parts = (threads > 1 && driver == "GPKG" && count >= parallelMinimum) ? threads : 1
        guard parts > 1 else { return try readPart(opened, settings, expected: opened.featuresKept) }

        // Part k holds the ids in [bounds[k], bounds[k + 1]); ids are usually 1…count, and the
        // first and last parts are open-ended, so no feature is missed whatever the ids are.
        let bounds = (0...parts).map { 1 + $0 * count / parts }
        var results = [Result<([Dwelling], SkippedFeatures), Error>?](repeating: nil, count: parts)
        let warnings = GDALWarnings.current
        results.withUnsafeMutableBufferPointer { results in
            let results = results
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                results[part] = Result {
                    try GDALWarnings.joining(warnings) {
                        let layer = part == 0 ? opened : try OpenedLayer(input, purpose: "dwelling points", counted: opened)
                        var conditions: [String] = []
                        if part > 0 { conditions.append("FID >= \(bounds[part])") }
                        if part < parts - 1 { conditions.append("FID < \(bounds[part + 1])") }
                        try layer.restrict(to: conditions.joined(separator: " AND "))
                        defer { try? layer.restrict(to: nil) }
                        // The kept share of the whole layer, of this part's range of ids; the first part
                        // makes room for all, so that the others are appended to it in place.
                        let expected = part == 0 ? opened.featuresKept
                            : Int(Double(bounds[part + 1] - bounds[part]) * Double(opened.featuresKept) / Double(max(1, count)))
                        let read = try readPart(layer, settings, expected: expected)
                        return (read.dwellings, read.skipped)
                    }
                }
            }
        }
        var dwellings: [Dwelling] = []
        var skipped = SkippedFeatures()
        for result in results {
            let (part, partSkipped) = try result!.get()
            // The first part has room for every dwelling (at 8 M a copy of 4 M dwellings into fresh pages saved).
            if dwellings.isEmpty { dwellings = part } else { dwellings += part }
            skipped.withoutGeometry += partSkipped.withoutGeometry
        }
        return (dwellings, skipped)
    }

    private struct Settings {
        var idField: String?
        var filterField: String?
        var filterContains: String?
        var attributes: DwellingAttributes
    }

    /// - Parameter expected: about how many dwellings the part holds; room for them is made at
    ///   once (grown by doubling, the array's earlier copies were a third of the memory the
    ///   dwellings took when read).
    private static func readPart(_ opened: OpenedLayer, _ settings: Settings, expected: Int) throws -> (dwellings: [Dwelling], skipped: SkippedFeatures) {
        let attributes = settings.attributes
        let id = try settings.idField.map { try opened.layer.fieldIndex($0, purpose: "dwelling id, set dwellings.id_field") }
        let filter = try settings.filterField.map { try opened.layer.fieldIndex($0, purpose: "dwelling filter, set dwellings.filter_field") }
        let suitability = try attributes.suitabilityField.map { try opened.layer.fieldIndex($0, purpose: "suitability level, set dwellings.suitability_field") }
        let woonvorm = try attributes.woonvormField.map { try opened.layer.fieldIndex($0, purpose: "woonvorm, set dwellings.woonvorm_field") }
        try opened.readOnly([settings.idField, settings.filterField, attributes.suitabilityField, attributes.woonvormField])
        let levels = Dictionary(uniqueKeysWithValues: attributes.suitabilityLevels.enumerated().map { ($1.lowercased(), Int8($0)) })
        let clusteredValues = Set(attributes.clusteredValues.map { $0.lowercased() })
        let needle = settings.filterContains.map { Array($0.lowercased().utf8) }
        var dwellings: [Dwelling] = []
        dwellings.reserveCapacity(max(0, expected))
        var skipped = SkippedFeatures()
        try opened.layer.forEachFeature { feature in
            if let filter, let needle {
                guard let value = feature.string(filter), Self.contains(value, needle) else { return }
            }
            guard let position = try opened.position(of: feature) else {
                skipped.withoutGeometry += 1
                return
            }
            let identifier = id.flatMap { feature.identifier($0) } ?? DwellingID("fid/\(feature.fid)")
            var dwelling = Dwelling(identifier: identifier, position: position)
            if let suitability, let value = feature.string(suitability)?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                guard let level = levels[value.lowercased()] else {
                    throw InputError("\(opened.label): dwelling '\(identifier)' has \"\(value)\" in field '\(attributes.suitabilityField!)'; expected one of \(attributes.suitabilityLevels.joined(separator: ", ")) (dwellings.suitability_levels) or empty")
                }
                dwelling.suitability = level
            }
            if let woonvorm, let value = feature.string(woonvorm) {
                dwelling.clustered = clusteredValues.contains(value.trimmingCharacters(in: .whitespaces).lowercased())
            }
            dwellings.append(dwelling)
        }
        return (dwellings, skipped)
    }

    /// Whether `text`, lower-cased, contains `needle` (lower-case UTF-8). Runs once per feature,
    /// so it compares bytes instead of going through Foundation's string search.
    static func contains(_ text: String, _ needle: [UInt8]) -> Bool {
        if needle.isEmpty { return true }
        var text = text.lowercased()
        return text.withUTF8 { haystack in
            guard haystack.count >= needle.count else { return false }
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                var k = 1
                while k < needle.count && haystack[start + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            return false
        }
    }
}
