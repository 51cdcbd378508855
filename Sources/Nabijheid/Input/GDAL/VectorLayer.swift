import CGDAL

/// A layer borrowed from a `VectorDataset`; it keeps the dataset alive and never frees itself.
final class VectorLayer {
    let handle: OGRLayerH
    let dataset: VectorDataset

    init(handle: OGRLayerH, dataset: VectorDataset) {
        self.handle = handle
        self.dataset = dataset
    }

    var name: String { String(cString: OGR_L_GetName(handle)) }

    /// "file, layer 'x'": how messages name this layer.
    var label: String { "\(dataset.path), layer '\(name)'" }

    var featureCount: Int { Int(OGR_L_GetFeatureCount(handle, 1)) }

    var fieldNames: [String] {
        let definition = OGR_L_GetLayerDefn(handle)
        return (0..<OGR_FD_GetFieldCount(definition)).map {
            String(cString: OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, $0)))
        }
    }

    /// The index of a field.
    /// - Throws: `InputError` naming the layer, the field and the fields it does have.
    func fieldIndex(_ name: String, purpose: String) throws -> Int32 {
        let index = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(handle), name)
        guard index >= 0 else {
            throw InputError("\(label): no field '\(name)' (\(purpose)); fields are \(fieldNames.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return index
    }

    /// The layer's coordinate reference system.
    /// - Throws: `InputError` when the layer declares none and no fallback is configured.
    func spatialReference(fallback: String?, section: String) throws -> CRSDefinition {
        if let reference = OGR_L_GetSpatialRef(handle) {
            return try CRSDefinition(spatialReference: reference, label: label)
        }
        if let fallback, !fallback.isEmpty { return CRSDefinition(userInput: fallback) }
        if section == "plan" {
            throw InputError("\(label): the plan declares no coordinate reference system; give it one (a GeoPackage, a Shapefile with .prj, or GeoJSON, which is WGS84 unless it has a crs member)")
        }
        throw InputError("\(label): the layer has no coordinate reference system; set '\(section.isEmpty ? "" : section + ".")crs' (e.g. \"EPSG:28992\") in the configuration")
    }

    /// Leaves the fields for which `leaveOut` is true (given the field's name) out of every
    /// feature read (`OGR_L_SetIgnoredFields`): a GeoPackage then leaves them out of its query,
    /// and no feature stores them. The names go back to GDAL as the bytes it gave (a damaged
    /// name need not be UTF-8).
    func ignoreFields(where leaveOut: (String) -> Bool) throws {
        let definition = OGR_L_GetLayerDefn(handle)
        var names: [UnsafeMutablePointer<CChar>?] = []
        defer { names.forEach { free($0) } }
        for index in 0..<OGR_FD_GetFieldCount(definition) {
            guard let raw = OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, index)), leaveOut(String(cString: raw)) else { continue }
            names.append(strdup(raw))
        }
        guard !names.isEmpty else { return }
        names.append(nil)
        let result = names.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { OGR_L_SetIgnoredFields(handle, $0) }
        }
        guard result == OGRERR_NONE else {
            throw LibraryError(library: "GDAL", message: "\(label): cannot leave out \(names.count - 1) unused fields: \(GDALEnvironment.lastError(or: "unknown reason"))")
        }
    }

    /// Restricts reading to the features matching an OGR SQL condition (nil: all features).
    func setAttributeFilter(_ condition: String?) throws {
        guard OGR_L_SetAttributeFilter(handle, condition) == OGRERR_NONE else {
            throw LibraryError(library: "GDAL", message: "\(label): cannot filter on \(condition ?? "nothing"): \(GDALEnvironment.lastError(or: "unknown reason"))")
        }
    }

    /// Calls `body` with every feature, in the layer's order.
    /// - Throws: what `body` throws, and `InputError` when GDAL raises an error while reading
    ///   (a damaged or truncated file), naming the layer, the feature and GDAL's message.
    func forEachFeature(_ body: (VectorFeature) throws -> Void) throws {
        // Counting is a pass of its own with a `where` (a second at 8 M dwellings): only when progress is shown.
        if ProgressReporter.shared.isShown { ProgressReporter.shared.expect(featureCount) }
        try GDALReadFailures.reading(label) { failures in
            OGR_L_ResetReading(handle)
            var read = 0
            while let feature = OGR_L_GetNextFeature(handle) {
                let owned = VectorFeature(handle: feature)
                try failures.check(label, after: failures.lastFeature)
                failures.lastFeature = owned.fid
                try body(owned)
                read += 1
                if read % 16_384 == 0 { ProgressReporter.shared.advance(16_384) }
            }
        }
    }
}

/// A coordinate reference system as a definition string that PROJ understands.
struct CRSDefinition: Equatable {
    /// WKT, PROJJSON or "EPSG:xxxx".
    var definition: String
    /// "EPSG:28992" where known, for reports.
    var name: String

    init(userInput: String) {
        definition = userInput
        name = userInput
    }

    init(spatialReference: OGRSpatialReferenceH, label: String) throws {
        if let authority = OSRGetAuthorityName(spatialReference, nil),
           let code = OSRGetAuthorityCode(spatialReference, nil) {
            let name = "\(String(cString: authority)):\(String(cString: code))"
            self.definition = name
            self.name = name
            return
        }
        var wkt: UnsafeMutablePointer<CChar>?
        let options = ["FORMAT=WKT2_2018"]
        let status = withCStringList(options) { OSRExportToWktEx(spatialReference, &wkt, $0) }
        guard status == OGRERR_NONE, let wkt else {
            throw InputError("\(label): the coordinate reference system cannot be read")
        }
        defer { VSIFree(wkt) }
        self.definition = String(cString: wkt)
        self.name = "custom CRS"
    }

    static let rdNew = CRSDefinition(userInput: "EPSG:28992")
}
