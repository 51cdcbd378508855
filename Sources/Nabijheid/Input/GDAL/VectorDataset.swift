import CGDAL
import Foundation

/// A vector dataset opened read-only through GDAL. Owns its `GDALDatasetH` and closes it in
/// `deinit`. Not thread-safe: use one instance per thread.
final class VectorDataset {
    let handle: GDALDatasetH
    /// The path as the user gave it; every message names it.
    let path: String

    /// Opens `path` for reading. `drivers` limits which GDAL drivers may open it (e.g. `["CSV"]`);
    /// `driverPrefix` is put before the path for GDAL only (`"CSV:"` makes a `.txt` a CSV file).
    /// - Throws: `InputError` when the file is missing, remote, or no driver can read it.
    init(path: String, drivers: [String]? = nil, openOptions: [String] = [], driverPrefix: String = "") throws {
        GDALEnvironment.prepare()
        try InputPath.checkLocalFile(path)
        CPLErrorReset()
        let drivers = drivers ?? GDALEnvironment.openDrivers
        let handle = withCStringList(drivers) { driverList in
            withCStringList(openOptions) { options in
                GDALOpenEx(driverPrefix + path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), driverList, options, nil)
            }
        }
        guard let handle else {
            throw InputError("\(path): GDAL cannot read this file as a vector dataset (\(GDALEnvironment.lastError(or: "no driver recognised it")))")
        }
        self.handle = handle
        self.path = path
    }

    deinit { GDALClose(handle) }

    var layerCount: Int { Int(GDALDatasetGetLayerCount(handle)) }

    var layerNames: [String] {
        (0..<layerCount).compactMap { index in
            GDALDatasetGetLayer(handle, Int32(index)).map { String(cString: OGR_L_GetName($0)) }
        }
    }

    /// The layer with this name, or the first layer when `name` is nil or empty.
    func layer(named name: String?) throws -> VectorLayer {
        if let name, !name.isEmpty {
            guard let layer = GDALDatasetGetLayerByName(handle, name) else {
                throw InputError("\(path): no layer '\(name)'; layers are \(layerNames.map { "'\($0)'" }.joined(separator: ", "))")
            }
            return VectorLayer(handle: layer, dataset: self)
        }
        guard layerCount > 0, let layer = GDALDatasetGetLayer(handle, 0) else {
            throw InputError("\(path): the file holds no vector layer")
        }
        return VectorLayer(handle: layer, dataset: self)
    }

    /// Makes GDAL's OSM driver build only these layers: it then stores and assembles nothing
    /// for the others (every building polygon, when only the streets are wanted).
    /// - Throws: `LibraryError` with GDAL's message when the driver refuses.
    func restrictOSMLayers(to layers: [String]) throws {
        CPLErrorReset()
        let result = GDALDatasetExecuteSQL(handle, "SET interest_layers = \(layers.joined(separator: ","))", nil, nil)
        if let result { GDALDatasetReleaseResultSet(handle, result) }
        guard CPLGetLastErrorType() != CE_Failure else {
            throw LibraryError(library: "GDAL", message: "\(path): cannot limit the OSM layers to \(layers): \(GDALEnvironment.lastError(or: "unknown reason"))")
        }
    }

    /// Reads every feature of the dataset in file order, whatever its layer (GDAL's interleaved
    /// reading, the efficient way through an OSM file). The body gets the layer name and feature.
    /// - Throws: what `body` throws, and `InputError` when GDAL raises an error while reading
    ///   (a truncated or corrupt file), naming the layer, the feature and GDAL's message.
    func forEachFeatureInterleaved(_ body: (String, VectorFeature) throws -> Void) throws {
        var name = ""
        var label: String { name.isEmpty ? path : "\(path), layer '\(name)'" }
        try GDALReadFailures.reading(path) { failures in
            GDALDatasetResetReading(handle)
            var layerHandle: OGRLayerH?
            while let feature = GDALDatasetGetNextFeature(handle, &layerHandle, nil, nil, nil) {
                let owned = VectorFeature(handle: feature)
                try failures.check(label, after: failures.lastFeature)
                name = layerHandle.map { String(cString: OGR_L_GetName($0)) } ?? ""
                failures.lastFeature = owned.fid
                try body(name, owned)
            }
            try failures.check(label, after: failures.lastFeature)
        }
    }
}

/// Runs `body` with a NULL-terminated C string list (`char **`), or NULL for `nil`.
func withCStringList<R>(_ strings: [String]?, _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    guard let strings else { return body(nil) }
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
    }
}

/// Runs `body` with a NULL-terminated, mutable C string list (GDAL's `CSLConstList`).
func withCSLList<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}
