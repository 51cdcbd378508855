/// OSM tags of a feature read by GDAL's OSM driver: the named columns plus the `other_tags`
/// column, which holds the rest as an hstore text (`"key"=>"value","k2"=>"v2"`).
enum OSMTags {
    /// Columns that are not tags.
    static let bookkeepingFields: Set<String> = ["osm_id", "osm_way_id", "z_order", "other_tags", "all_tags"]

    /// Parses an hstore text. Backslash escapes (`\"`, `\\`) are honoured; malformed input
    /// yields the pairs read so far.
    static func parseHstore(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var iterator = text.utf8.makeIterator()
        var strings: [String] = []
        var current: [UInt8] = []
        var inString = false
        var escaped = false
        while let byte = iterator.next() {
            if inString {
                if escaped {
                    current.append(byte)
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    strings.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                    if strings.count == 2 {
                        result[strings[0]] = strings[1]
                        strings.removeAll(keepingCapacity: true)
                    }
                } else {
                    current.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            }
        }
        return result
    }
}

extension VectorFeature {
    /// Every non-empty field of `fieldNames` as a tag (a network line or node layer, whose
    /// fields are OSM tags).
    func fieldTags(_ fieldNames: [String]) -> [String: String] {
        var tags: [String: String] = [:]
        for (index, name) in fieldNames.enumerated() {
            if let value = string(Int32(index)), !value.isEmpty { tags[name] = value }
        }
        return tags
    }

    /// All OSM tags of the feature (named columns and `other_tags`).
    func osmTags(fieldNames: [String], otherTagsField: Int32) -> [String: String] {
        var tags: [String: String] = [:]
        if otherTagsField >= 0, let other = string(otherTagsField) {
            tags = OSMTags.parseHstore(other)
        }
        for (index, name) in fieldNames.enumerated() where !OSMTags.bookkeepingFields.contains(name) {
            if let value = string(Int32(index)), !value.isEmpty { tags[name] = value }
        }
        return tags
    }
}
