import CGDAL

/// One feature read from a layer; owns its `OGRFeatureH`.
final class VectorFeature {
    let handle: OGRFeatureH

    init(handle: OGRFeatureH) { self.handle = handle }
    deinit { OGR_F_Destroy(handle) }

    var fid: Int64 { Int64(OGR_F_GetFID(handle)) }

    func isNull(_ field: Int32) -> Bool { OGR_F_IsFieldSetAndNotNull(handle, field) == 0 }

    /// Whether the field got a value at all; in a CSV row with fewer columns than the header,
    /// the missing columns are not set (an empty column is).
    func isSet(_ field: Int32) -> Bool { OGR_F_IsFieldSet(handle, field) != 0 }

    func string(_ field: Int32) -> String? {
        isNull(field) ? nil : String(cString: OGR_F_GetFieldAsString(handle, field))
    }

    /// The field as a dwelling id, without a `String` in between when it is digits (a BAG id).
    func identifier(_ field: Int32) -> DwellingID? {
        isNull(field) ? nil : DwellingID(cString: OGR_F_GetFieldAsString(handle, field))
    }

    func fieldIndex(_ name: String) -> Int32 { OGR_F_GetFieldIndex(handle, name) }

    /// The field as a number, when it holds one (numeric type, or text that parses).
    func number(_ field: Int32) -> Double? {
        guard !isNull(field) else { return nil }
        let type = OGR_Fld_GetType(OGR_F_GetFieldDefnRef(handle, field))
        switch type {
        case OFTInteger, OFTInteger64, OFTReal:
            return OGR_F_GetFieldAsDouble(handle, field)
        default:
            let text = String(cString: OGR_F_GetFieldAsString(handle, field)).trimmingCharacters(in: .whitespaces)
            return Double(text.replacingOccurrences(of: ",", with: "."))
        }
    }

    /// The geometry, read into plain coordinates in the layer's own CRS; nil when absent/empty.
    var geometry: SourceGeometry? {
        guard let geometry = OGR_F_GetGeometryRef(handle), OGR_G_IsEmpty(geometry) == 0 else { return nil }
        return SourceGeometry(geometry)
    }
}
