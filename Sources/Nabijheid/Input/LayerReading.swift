import CGDAL

/// What every reader of a plain vector layer does first: open the file, pick the layer, find
/// its CRS and refuse an empty layer, each with a message that names file and layer.
struct OpenedLayer {
    let dataset: VectorDataset
    let layer: VectorLayer
    let transform: CoordinateTransform
    /// The features in the layer, and of those the ones the input's `where` keeps (the same
    /// without one).
    let featuresInLayer: Int
    let featuresKept: Int
    /// The input's `where`, kept to combine with other conditions (`restrict`).
    let whereClause: String?

    /// - Parameter counted: the layer's counts when another opening of the same input has
    ///   already counted them (and so checked its `where`): counting what a `where` keeps is a
    ///   pass over the whole table (a second at 8 M dwellings), and the parts of a parallel read
    ///   each open the layer again.
    init(_ input: LayerInput, purpose: String, drivers: [String]? = nil, counted: OpenedLayer? = nil) throws {
        dataset = try VectorDataset(path: input.path, drivers: drivers)
        let dataset = dataset
        // A VRT opens its sources only now: a failure there (a refused PG: source) is an error.
        let (layer, count) = try GDALReadFailures.reading(input.path, opening: true) { _ in
            let layer = try dataset.layer(named: input.layer)
            return (layer, layer.featureCount)
        }
        self.layer = layer
        let crs = try layer.spatialReference(fallback: input.crs, section: input.section)
        transform = try CoordinateTransform(from: crs, label: layer.label)
        guard count > 0 else {
            throw InputError("\(layer.label): the layer is empty; expected \(purpose)")
        }
        featuresInLayer = count
        whereClause = input.whereClause
        if let counted, let condition = input.whereClause {
            guard counted.featuresInLayer == count, counted.whereClause == condition else {
                throw InputError("\(layer.label): the layer changed while it was being read (\(counted.featuresInLayer) features, now \(count))")
            }
            try layer.setAttributeFilter(condition)
            featuresKept = counted.featuresKept
        } else if let condition = input.whereClause {
            let key = "'\(input.section.isEmpty ? "" : input.section + ".")where'"
            func refuse() -> InputError {
                InputError("\(layer.label): key \(key) = \"\(condition)\" is not a condition GDAL can apply to this layer (\(GDALEnvironment.lastError(or: "invalid expression"))); fields are \(layer.fieldNames.map { "'\($0)'" }.joined(separator: ", "))")
            }
            do { try layer.setAttributeFilter(condition) } catch { throw refuse() }
            // A GeoPackage hands the condition to SQLite, which judges it only when counting.
            CPLErrorReset()
            let kept = layer.featureCount
            guard kept >= 0, CPLGetLastErrorType() != CE_Failure else { throw refuse() }
            featuresKept = kept
            guard featuresKept > 0 else {
                throw InputError("\(layer.label): key \(key) = \"\(condition)\" keeps none of the layer's \(count) features; expected \(purpose)")
            }
        } else {
            featuresKept = count
        }
    }

    /// Reads only the fields `needed` (names as configured; nil entries are skipped) of each
    /// feature, and whatever field the input's `where` may name: a field a driver cannot see is
    /// one it cannot filter on. The BAG's `verblijfsobject` layer read with only its id: 20 %
    /// less time per feature at 8 M.
    func readOnly(_ needed: [String?]) throws {
        let keep = Set(needed.compactMap { $0?.lowercased() })
        let condition = whereClause?.lowercased() ?? ""
        try layer.ignoreFields { name in
            let lowered = name.lowercased()
            return !keep.contains(lowered) && !condition.contains(lowered)
        }
    }

    /// Reads only the features matching `condition` as well as the input's `where`; nil: only `where`.
    func restrict(to condition: String?) throws {
        try layer.setAttributeFilter([whereClause, condition].compactMap { $0 }.map { "(\($0))" }.joined(separator: " AND ").nilIfEmpty)
    }

    var label: String { layer.label }

    /// A point for a feature: the point itself, or a point inside its area/on its line; in RD New.
    /// nil when the feature has no geometry.
    /// - Throws: `InputError` naming the feature when its coordinates cannot be transformed
    ///   or land outside RD New's area of use (often a layer that declares the wrong CRS).
    func position(of feature: VectorFeature) throws -> PlanarPoint? {
        guard let source = feature.pointOnSurface else { return nil }
        let point = transform.transform(source.0, source.1)
        guard point.x.isFinite, point.y.isFinite else {
            throw InputError("\(label): feature \(feature.fid) at (\(source.0), \(source.1)) cannot be transformed from \(transform.sourceName) to RD New; are the coordinates in the CRS the layer declares?")
        }
        try LayerPlacement.requireInAreaOfUse(point, label: label, feature: "feature \(feature.fid)", crs: transform.sourceName)
        return point
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
