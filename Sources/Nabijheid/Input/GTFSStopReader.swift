/// Reads public-transport stops from a GTFS `stops.txt` through GDAL's CSV driver (a zipped
/// feed works as `/vsizip/feed.zip/stops.txt`). Stops and platforms (`location_type` 0 or
/// empty) and boarding areas (4) are kept; stations, entrances and generic nodes are not
/// places where one boards.
enum GTFSStopReader {
    /// - Parameter quayField: the column holding the CHB quay code (`stop_code`, `zone_id`,
    ///   `platform_code`: it differs per feed); nil: none.
    static func read(path: String, category: Int, quayField: String? = nil) throws -> [Facility] {
        let dataset = try VectorDataset(path: path, drivers: ["CSV"], driverPrefix: "CSV:")
        let layer = try dataset.layer(named: nil)
        let label = "\(path) (GTFS stops)"
        func column(_ name: String) throws -> Int32 {
            let index = try? layer.fieldIndex(name, purpose: "GTFS")
            guard let index else {
                throw InputError("\(label): no column '\(name)'; a GTFS stops.txt needs stop_id, stop_lat and stop_lon")
            }
            return index
        }
        let id = try column("stop_id"), lat = try column("stop_lat"), lon = try column("stop_lon")
        let name = try? layer.fieldIndex("stop_name", purpose: "GTFS")
        let type = try? layer.fieldIndex("location_type", purpose: "GTFS")
        let wheelchair = try? layer.fieldIndex("wheelchair_boarding", purpose: "GTFS")
        let quay = try quayField.map { field -> Int32 in
            guard let index = try? layer.fieldIndex(field, purpose: "GTFS") else {
                throw InputError("\(label): no column '\(field)' (quay_field, the column with the CHB quay code); columns are \(layer.fieldNames.map { "'\($0)'" }.joined(separator: ", "))")
            }
            return index
        }
        let transform = try CoordinateTransform(from: CRSDefinition(userInput: "EPSG:4326"), label: label)
        var stops: [Facility] = []
        var line = 1
        let lastColumn = Int32(layer.fieldNames.count - 1)
        try layer.forEachFeature { feature in
            line += 1
            // A row with fewer columns than the header is cut short (a truncated download
            // ends mid-row, with a number cut off): never read it as a stop.
            guard feature.isSet(lastColumn) else {
                throw InputError("\(label): line \(line) has fewer columns than the header (\(lastColumn + 1)); the file is cut short or malformed")
            }
            let locationType = type.flatMap { feature.string($0) } ?? ""
            guard locationType.isEmpty || locationType == "0" || locationType == "4" else { return }
            let stopID = feature.string(id) ?? ""
            guard let latitude = feature.number(lat), let longitude = feature.number(lon),
                  (-90...90).contains(latitude), (-180...180).contains(longitude) else {
                throw InputError("\(label): line \(line), stop '\(stopID)': stop_lat and stop_lon must be WGS84 degrees")
            }
            let position = transform.transform(longitude, latitude)
            try LayerPlacement.requireInAreaOfUse(position, label: label, feature: "line \(line), stop '\(stopID)'", crs: "EPSG:4326")
            let accessibility = StopAccessibility(gtfsWheelchairBoarding: wheelchair.flatMap { feature.string($0) })
            stops.append(Facility(id: stopID, name: name.flatMap { feature.string($0) }, category: category,
                                  position: position, source: "gtfs", accessibility: accessibility,
                                  accessibilitySource: accessibility == .onbekend ? nil : "gtfs",
                                  quayCode: quay.flatMap { feature.string($0) }.flatMap { $0.isEmpty ? nil : $0 }))
        }
        guard !stops.isEmpty else { throw InputError("\(label): no stops (location_type 0 or empty) in the file") }
        return stops
    }
}
