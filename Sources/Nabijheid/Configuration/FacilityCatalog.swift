/// One OSM tag condition: `key=value`, or `key=*` for any value; optionally joined with more
/// conditions that must hold as well, written with `&`:
/// `social_facility=nursing_home&opening_hours=24/7` (a 24-hour care base). The catalogue lists
/// matches as alternatives ("any of"); `&` is the only way to say "tag A and tag B".
public struct OSMTagMatch: Sendable, Equatable, CustomStringConvertible {
    public var key: String
    /// nil matches any value.
    public var value: String?
    /// Further conditions that must all hold too (from `&`); empty for a single tag.
    public var alsoRequired: [OSMTagMatch] = []

    /// Parses "shop=supermarket", "shop=*" or "a=b&c=d"; nil when the text is not of that form.
    public init?(_ text: String) {
        let conditions = text.split(separator: "&", omittingEmptySubsequences: false).map(String.init)
        if conditions.count > 1 {
            guard var first = OSMTagMatch(conditions[0]) else { return nil }
            var rest: [OSMTagMatch] = []
            for condition in conditions.dropFirst() {
                guard let match = OSMTagMatch(condition) else { return nil }
                rest.append(match)
            }
            first.alsoRequired = rest
            self = first
            return
        }
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        key = parts[0]
        value = parts[1] == "*" ? nil : parts[1]
    }

    public func matches(_ tags: [String: String]) -> Bool {
        guard let found = tags[key] else { return false }
        if let value {
            // OSM allows several values separated by ';' (shop=bakery;butcher). Split only then:
            // splitting and trimming every other shop's value was 3 % of reading a national PBF.
            guard found == value || (found.utf8.contains(UInt8(ascii: ";"))
                && found.split(separator: ";").contains(where: { $0.trimmingCharacters(in: .whitespaces) == value })) else { return false }
        }
        return alsoRequired.allSatisfy { $0.matches(tags) }
    }

    public var description: String { ([self.single] + alsoRequired.map(\.single)).joined(separator: "&") }
    private var single: String { "\(key)=\(value ?? "*")" }
}

/// A kind of voorziening the tool measures distances to, e.g. daily shops.
public struct FacilityCategory: Sendable, Equatable {
    /// snake_case key used in property names, e.g. `dagelijkse_boodschappen`.
    public var name: String
    /// Readable Dutch label for reports.
    public var label: String
    /// OSM features matching any of these belong to the category.
    public var osmTags: [OSMTagMatch]
    /// The CBS kerncijfers field with CBS's own mean road distance (km) to this kind of
    /// facility, e.g. `huisartsenpraktijk_gemiddelde_afstand_in_km`; used, when the buurten
    /// layer has it, to cross-check the walking distances (`CBSComparison`). nil: none.
    public var cbsDistanceField: String?

    public init(name: String, label: String, osmTags: [OSMTagMatch], cbsDistanceField: String? = nil) {
        self.name = name
        self.label = label
        self.osmTags = osmTags
        self.cbsDistanceField = cbsDistanceField
    }
}

/// The categories of a run, in configuration order (which is also the order of output
/// properties). The configuration owns it; `standard` is the starting catalogue of the domain
/// notes, used when a configuration names no categories.
public struct FacilityCatalog: Sendable, Equatable {
    public var categories: [FacilityCategory]

    public init(categories: [FacilityCategory]) { self.categories = categories }

    public func index(of name: String) -> Int? { categories.firstIndex { $0.name == name } }

    /// The categories with a CBS distance field, and that field.
    public var cbsDistanceFields: [(category: Int, field: String)] {
        categories.indices.compactMap { c in categories[c].cbsDistanceField.map { (c, $0) } }
    }

    /// Indices of the categories whose OSM tags match.
    public func categories(matching tags: [String: String]) -> [Int] {
        categories.indices.filter { categories[$0].osmTags.contains { $0.matches(tags) } }
    }

    public static let standard = FacilityCatalog(categories: [
        category("dagelijkse_boodschappen", "Dagelijkse boodschappen",
                 ["shop=supermarket", "shop=convenience", "shop=greengrocer", "shop=bakery", "shop=butcher"],
                 cbs: "grote_supermarkt_gemiddelde_afstand_in_km"),
        category("ontmoeting", "Ontmoeting en activiteiten",
                 ["amenity=community_centre", "amenity=social_centre", "amenity=library"]),
        category("huisarts", "Huisarts", ["amenity=doctors", "healthcare=doctor"], cbs: "huisartsenpraktijk_gemiddelde_afstand_in_km"),
        category("apotheek", "Apotheek", ["amenity=pharmacy", "healthcare=pharmacy"], cbs: "apotheek_gemiddelde_afstand_in_km"),
        category("zorg", "Zorgvoorziening",
                 ["amenity=nursing_home", "social_facility=nursing_home", "social_facility=assisted_living"]),
        category("ov_halte", "OV-halte",
                 ["highway=bus_stop", "public_transport=platform", "railway=station", "railway=halt", "railway=tram_stop"]),
        category("zorg_24uur", "24-uurs zorgpost",
                 ["social_facility=nursing_home&opening_hours=24/7", "social_facility=assisted_living&opening_hours=24/7",
                  "amenity=nursing_home&opening_hours=24/7"]),
    ])

    private static func category(_ name: String, _ label: String, _ tags: [String], cbs: String? = nil) -> FacilityCategory {
        FacilityCategory(name: name, label: label, osmTags: tags.compactMap(OSMTagMatch.init), cbsDistanceField: cbs)
    }

    /// The CBS field of a standard category, for `[[categories]]` that reuse a standard name
    /// without saying `cbs_afstand_field`.
    static func standardCBSField(_ name: String) -> String? {
        standard.categories.first { $0.name == name }?.cbsDistanceField
    }
}
