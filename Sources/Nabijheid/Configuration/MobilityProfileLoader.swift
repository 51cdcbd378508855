import Foundation

/// Reads `[[mobility_profiles]]` and `network.mobility_profiles`. The shipped profiles
/// (`DefaultMobilityProfiles.toml`) are always defined; a user's profile of the same name
/// replaces the shipped one. Without `network.mobility_profiles` every defined profile runs.
enum MobilityProfileLoader {
    static func load(_ root: ConfigTable, selected: [String]?, file: String) throws -> [MobilityProfile] {
        let shipped = try ConfigTable.parse(DefaultMobilityProfiles.toml, file: "(standaard mobiliteitsprofielen)")
        var profiles = try (shipped.tables("mobility_profiles") ?? []).map { try profile($0, file: "(standaard mobiliteitsprofielen)") }
        var ownNames: Set<String> = []
        for table in try root.tables("mobility_profiles") ?? [] {
            let own = try profile(table, file: file)
            guard ownNames.insert(own.name).inserted else {
                throw InputError("\(file): mobility profile \"\(own.name)\" is defined twice in [[mobility_profiles]]")
            }
            if let index = profiles.firstIndex(where: { $0.name == own.name }) { profiles[index] = own } else { profiles.append(own) }
        }
        guard let selected else { return profiles }
        var seen: Set<String> = []
        return try selected.map { name in
            guard seen.insert(name).inserted else { throw InputError("\(file): key 'network.mobility_profiles' names \"\(name)\" twice") }
            guard let profile = profiles.first(where: { $0.name == name }) else {
                throw InputError("\(file): key 'network.mobility_profiles' names unknown mobility profile \"\(name)\"; defined are \(profiles.map(\.name).joined(separator: ", ")) (and \(MobilityProfile.standaardName), the network itself)")
            }
            return profile
        }
    }

    private static func profile(_ table: ConfigTable, file: String) throws -> MobilityProfile {
        let name = try table.requiredString("name")
        guard name.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil, name != MobilityProfile.standaardName else {
            throw InputError("\(file): key '\(table.keyPath("name"))' must be snake_case (a-z, 0-9, _) and not \"\(MobilityProfile.standaardName)\", found \"\(name)\"")
        }
        var profile = MobilityProfile(name: name, label: try table.string("label", default: name))
        func choice(_ key: String, _ options: [String: Bool], default fallback: Bool) throws -> Bool {
            guard let text = try table.string(key) else { return fallback }
            guard let value = options[text] else {
                throw InputError("\(file): key '\(table.keyPath(key))' must be one of \(options.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")), found \"\(text)\"")
            }
            return value
        }
        profile.blocksSteps = try choice("steps", ["blocked": true, "passable": false], default: true)
        profile.respectsWheelchairNo = try choice("wheelchair_no", ["blocked": true, "passable": false], default: false)
        profile.blockedSurfaces = Set(try table.strings("blocked_surfaces") ?? [])
        profile.fineSurfaces = Set(try table.strings("fine_surfaces") ?? [])
        profile.surfaceFactors = try numberMap(table, "surface_factors", file: file, valid: { $0 >= 1 && $0 <= 100 }, expected: "a factor from 1 to 100")
        profile.blockedSmoothness = Set(try table.strings("blocked_smoothness") ?? [])
        for value in profile.blockedSmoothness where !MobilityProfile.smoothnessValues.contains(value) {
            throw InputError("\(file): key '\(table.keyPath("blocked_smoothness"))' has \"\(value)\", which is no OSM smoothness value (\(MobilityProfile.smoothnessValues.sorted().joined(separator: ", ")))")
        }
        profile.maximumInclinePercent = try table.number("max_incline_percent")
        if let incline = profile.maximumInclinePercent, !(incline > 0 && incline <= 100) {
            throw InputError("\(file): key '\(table.keyPath("max_incline_percent"))' must be a percentage above 0, at most 100, found \(incline)")
        }
        profile.minimumWidth = try table.number("min_width_m")
        if let width = profile.minimumWidth, !(width > 0 && width <= 10) {
            throw InputError("\(file): key '\(table.keyPath("min_width_m"))' must be a width in metres above 0, at most 10, found \(width)")
        }
        profile.blockedKerbs = Set(try table.strings("blocked_kerbs") ?? [])
        profile.kerbPenalties = try numberMap(table, "kerb_penalties", file: file, valid: { $0 >= 0 && $0 <= 10_000 }, expected: "metres from 0 to 10000")
        profile.blockedBarriers = Set(try table.strings("blocked_barriers") ?? [])
        profile.surfaceUnknownOn = Set(try table.strings("surface_unknown_on") ?? [])
        profile.source = try table.string("source", default: "")
        for surface in profile.blockedSurfaces.intersection(profile.surfaceFactors.keys) {
            throw InputError("\(file): mobility profile \"\(name)\" both blocks surface \"\(surface)\" and gives it a factor")
        }
        try table.rejectUnknownKeys()
        return profile
    }

    private static func numberMap(_ table: ConfigTable, _ key: String, file: String, valid: (Double) -> Bool,
                                  expected: String) throws -> [String: Double] {
        guard let map = try table.table(key) else { return [:] }
        var result: [String: Double] = [:]
        for name in map.keys {
            guard let value = try map.number(name), valid(value) else {
                throw InputError("\(file): key '\(map.keyPath(name))' must be \(expected)")
            }
            result[name] = value
        }
        return result
    }
}
