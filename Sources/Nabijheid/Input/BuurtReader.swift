/// Reads buurt polygons: code and name from configured fields, CBS figures where present,
/// geometry reprojected to RD New.
enum BuurtReader {
    /// The buurten, and the codes of those whose polygon was invalid and has been repaired.
    struct Result {
        var buurten: [Buurt]
        var repaired: [String]
        /// Of the CBS figure fields asked for, those the layer has.
        var cbsFields: [String] = []
    }

    static func read(_ input: BuurtenInput) throws -> [Buurt] {
        try readRepairing(input).buurten
    }

    /// Reads the buurten; an invalid polygon (self-intersecting) is repaired with GEOS
    /// MakeValid and its code listed in `repaired`, for the run report.
    /// - Throws: `InputError` for a missing or duplicate code, a geometry that is not a
    ///   polygon, coordinates outside RD New's area of use, or (with `network`) a layer that
    ///   lies more than 5 km from the network.
    /// `cbsFields` are read into `Buurt.cbsFigures` where the layer has them.
    static func readRepairing(_ input: BuurtenInput, cbsFields: [String] = [], near network: RDExtent? = nil) throws -> Result {
        let opened = try OpenedLayer(input.input, purpose: "buurt polygons")
        let codeField = try opened.layer.fieldIndex(input.codeField, purpose: "buurt code, set buurten.code_field")
        let nameField = try opened.layer.fieldIndex(input.nameField, purpose: "buurt name, set buurten.name_field")
        func optional(_ field: OptionalField, key: String) throws -> Int32? {
            switch field {
            case .none: return nil
            case .standard(let name): return opened.layer.fieldNames.firstIndex(of: name).map(Int32.init)
            case .required(let name): return try opened.layer.fieldIndex(name, purpose: "set buurten.\(key)")
            }
        }
        let wijk = try optional(input.wijkField, key: "wijk_field")
        let gemeente = try optional(input.gemeenteField, key: "gemeente_field")
        let inhabitants = try optional(input.inhabitantsField, key: "inhabitants_field")
        let share65 = try optional(input.share65Field, key: "share65_field")
        let water = try optional(input.waterField, key: "water_field")
        let cbsColumns = cbsFields.compactMap { name in opened.layer.fieldNames.firstIndex(of: name).map { (name, Int32($0)) } }
        var buurten: [Buurt] = []
        var repaired: [String] = []
        let repair = AreaRepair()
        var seen: [String: Int64] = [:]
        try opened.layer.forEachFeature { feature in
            guard let code = feature.string(codeField), !code.isEmpty else {
                throw InputError("\(opened.label): feature \(feature.fid) has no value in field '\(input.codeField)' (buurt code)")
            }
            if let earlier = seen[code] {
                throw InputError("\(opened.label): buurt code '\(code)' occurs twice (features \(earlier) and \(feature.fid)); field '\(input.codeField)' must be unique")
            }
            seen[code] = feature.fid
            guard case .polygons(let polygons)? = feature.geometry else {
                let kind = feature.geometry?.kindName ?? "no geometry"
                throw InputError("\(opened.label): buurt '\(code)' has \(kind); expected a Polygon or MultiPolygon")
            }
            let area = AreaShape(polygons: polygons.map { rings in
                PolygonShape(rings: rings.map { opened.transform.transform($0) })
            })
            let points = area.polygons.lazy.flatMap { $0.rings.lazy.flatMap { $0 } }
            guard points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
                throw InputError("\(opened.label): buurt '\(code)' has coordinates that cannot be transformed from \(opened.transform.sourceName) to RD New; are they in the CRS the layer declares?")
            }
            if let far = points.first(where: { !RDExtent.areaOfUse.contains($0) }) {
                try LayerPlacement.requireInAreaOfUse(far, label: opened.label, feature: "buurt '\(code)'", crs: opened.transform.sourceName)
            }
            var buurt = Buurt(code: code, name: feature.string(nameField) ?? "", area: area)
            if let valid = repair.repaired(area) {
                buurt.area = valid
                repaired.append(code)
            }
            // A switched-off field ("") means no wijk/gemeente level; otherwise a missing value is
            // derived from a CBS buurtcode.
            let wijkValue = wijk.flatMap { feature.string($0) }.flatMap { $0.isEmpty ? nil : $0 }
            let gemeenteValue = gemeente.flatMap { feature.string($0) }.flatMap { $0.isEmpty ? nil : $0 }
            buurt.wijkcode = input.wijkField == .none ? nil : wijkValue ?? CBSCodes.wijkcode(of: code)
            buurt.gemeentecode = input.gemeenteField == .none ? nil : gemeenteValue ?? CBSCodes.gemeentecode(of: code)
            buurt.inhabitants = inhabitants.flatMap { CBSCodes.known(feature.number($0)) }
            buurt.percentage65Plus = share65.flatMap { CBSCodes.known(feature.number($0)) }
            buurt.isWater = water.flatMap { feature.string($0) }?.uppercased() == "JA"
            for (name, column) in cbsColumns { buurt.cbsFigures[name] = CBSCodes.known(feature.number(column)) }
            buurten.append(buurt)
        }
        try LayerPlacement.requireLayerNear(buurten.lazy.flatMap { $0.area.polygons.lazy.flatMap { $0.rings.lazy.flatMap { $0 } } },
                                            network: network, label: opened.label, crs: opened.transform.sourceName)
        return Result(buurten: buurten, repaired: repaired, cbsFields: cbsColumns.map(\.0))
    }
}

/// CBS conventions: area codes and unknown-value sentinels.
enum CBSCodes {
    /// CBS writes unpublished or unknown figures as negative sentinels (-99995, -99997, …); no
    /// figure the tool reads (inhabitants, percentages) can be negative.
    static func known(_ value: Double?) -> Double? {
        guard let value, value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// `WK050324` for `BU05032403`; nil when the code is not a CBS buurtcode.
    static func wijkcode(of buurtcode: String) -> String? {
        guard isBuurtcode(buurtcode) else { return nil }
        return "WK" + buurtcode.dropFirst(2).prefix(6)
    }

    /// `GM0503` for `BU05032403`.
    static func gemeentecode(of buurtcode: String) -> String? {
        guard isBuurtcode(buurtcode) else { return nil }
        return "GM" + buurtcode.dropFirst(2).prefix(4)
    }

    static func isBuurtcode(_ code: String) -> Bool {
        code.count == 10 && code.hasPrefix("BU") && code.dropFirst(2).allSatisfy(\.isNumber)
    }
}
