/// `voorzieningen.geojson`: every facility with its category, source and source id.
enum FacilityLayer {
    static let fields: [FieldDefinition] = [
        .init("voorziening_id", .string), .init("naam", .string), .init("categorie", .string), .init("bron", .string),
        .init("buurtcode", .string), .init("aansluiting_m", .real),
    ]

    static func write(_ result: RunResult, to path: String) throws -> Int {
        let writer = try VectorLayerWriter(path: path, layerName: "voorzieningen", fields: fields, pointsOnly: true)
        let categories = result.configuration.catalog.categories
        for (index, facility) in result.facilities.enumerated() {
            let buurt = result.facilityBuurt[index]
            let link = result.facilityLinks[index]
            try writer.add(.point(facility.position), [
                .string(facility.id), .string(facility.name), .string(categories[facility.category].name), .string(facility.source),
                .string(buurt >= 0 ? result.buurten[Int(buurt)].code : nil),
                .real(link.isRoutable ? Rounding.meters(Double(link.connector)) : nil),
            ])
        }
        try writer.close()
        return result.facilities.count
    }
}
