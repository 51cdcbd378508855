/// `buurten.geojson`: one feature per buurt with its polygon and figures.
enum BuurtLayer {
    static func fields(_ configuration: RunConfiguration) -> [FieldDefinition] {
        var fields: [FieldDefinition] = [
            .init("buurtcode", .string), .init("buurtnaam", .string),
            .init("aantal_woningen", .integer), .init("aantal_woningen_routeerbaar", .integer),
            .init("aantal_woningen_niet_routeerbaar", .integer),
        ]
        for category in configuration.catalog.categories {
            for threshold in configuration.distances.thresholds {
                fields.append(.init(PropertyNames.share(category.name, within: threshold), .real))
            }
            fields.append(.init(PropertyNames.median(category.name), .real))
        }
        return fields
    }

    static func write(_ result: RunResult, to path: String) throws -> Int {
        let writer = try VectorLayerWriter(path: path, layerName: "buurten", fields: fields(result.configuration))
        for (index, buurt) in result.buurten.enumerated() {
            let figures = result.figures[index]
            var values: [FieldValue] = [
                .string(buurt.code), .string(buurt.name),
                .integer(figures.dwellings), .integer(figures.routable), .integer(figures.notRoutable),
            ]
            for category in figures.categories {
                values += category.shareWithin.map { .real(Rounding.share($0)) }
                values.append(.real(Rounding.meters(category.median)))
            }
            try writer.add(.area(buurt.area), values)
        }
        try writer.close()
        return result.buurten.count
    }
}
