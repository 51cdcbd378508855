import CGDAL
import Foundation

/// Puts a second layer into an existing GeoPackage: `VectorLayerWriter` creates a file per
/// layer, so the layer is written to a file of its own first and copied over with GDAL's
/// `GDALDatasetCopyLayer`, which keeps it byte for byte reproducible (`OGR_CURRENT_DATE` is
/// fixed by the writer).
enum GeoPackageLayerAppend {
    /// Copies the only layer of the GeoPackage at `source` into the GeoPackage at `destination`
    /// as `layerName`, then removes `source`.
    static func append(_ source: String, to destination: String, as layerName: String) throws {
        defer { try? FileManager.default.removeItem(atPath: source) }
        GDALEnvironment.prepare()
        guard let input = GDALOpenEx(source, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), nil, nil, nil) else {
            throw OutputError(source, "cannot open the layer to copy", cause: GDALEnvironment.lastError(or: "unknown reason"))
        }
        defer { GDALClose(input) }
        guard let output = GDALOpenEx(destination, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), nil, nil, nil) else {
            throw OutputError(destination, "cannot open to add layer \(layerName)", cause: GDALEnvironment.lastError(or: "unknown reason"))
        }
        CPLErrorReset()
        let copied = GDALDatasetGetLayer(input, 0).flatMap { GDALDatasetCopyLayer(output, $0, layerName, nil) }
        let copyFailed = copied == nil || CPLGetLastErrorType() == CE_Failure
        let message = GDALEnvironment.lastError(or: "unknown reason")
        // GDALClose (void in GDAL 3.6) finishes the write; an error it raises is a failed write.
        GDALClose(output)
        if copyFailed || CPLGetLastErrorType() == CE_Failure || CPLGetLastErrorType() == CE_Fatal {
            throw OutputError(destination, "cannot add layer \(layerName)", cause: copyFailed ? message : GDALEnvironment.lastError(or: "unknown reason"))
        }
    }
}
