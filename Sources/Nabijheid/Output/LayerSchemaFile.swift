import Foundation

/// `<laag>.vrt` beside every GeoJSON layer: an OGR VRT file that opens the layer with the
/// types of its schema. GeoJSON has no field types, so GDAL (and QGIS, geopandas and pyogrio,
/// which read through GDAL) guesses them from the values, and a property that is `null` in
/// every feature becomes a String; a field's type would then change between runs. The VRT
/// names each field with its type, and GDAL reads the values through it as that type, nulls
/// staying null. Every GDAL version with the VRT driver reads it (GDAL ≥ 3.11 also offers
/// the `OGR_SCHEMA` open option, which older installations lack). GeoPackage and FlatGeobuf
/// carry the types themselves and get no VRT. docs/schema.md says what a consumer should use.
enum LayerSchemaFile {
    /// The fields of an output layer by its base name; nil for a file that is not a layer.
    static func fields(forLayer base: String, _ configuration: RunConfiguration) -> [FieldDefinition]? {
        switch base {
        case "buurten": return AreaLayer.fields(configuration, kind: .buurt)
        case "wijken": return AreaLayer.fields(configuration, kind: .wijk)
        case "gemeenten": return AreaLayer.fields(configuration, kind: .gemeente)
        case "woningen": return DwellingLayer.fields(configuration)
        case "voorzieningen": return FacilityLayer.fields(configuration)
        case "bereikgebieden": return ServiceAreaLayer.fields
        default: return nil
        }
    }

    static func ogrType(_ kind: FieldDefinition.Kind) -> String {
        switch kind {
        case .string: return "String"
        case .integer: return "Integer64"
        case .real: return "Real"
        }
    }

    /// The VRT text for `fileName` (beside the VRT) holding layer `layerName`.
    static func vrt(layerName: String, fileName: String, fields: [FieldDefinition], multiPolygons: Bool = false) -> String {
        let escape = MarkupText.escape
        var xml = "<OGRVRTDataSource>\n  <OGRVRTLayer name=\"\(escape(layerName))\">\n"
        xml += "    <SrcDataSource relativeToVRT=\"1\">\(escape(fileName))</SrcDataSource>\n"
        xml += "    <SrcLayer>\(escape(layerName))</SrcLayer>\n"
        if multiPolygons { xml += "    <GeometryType>wkbMultiPolygon</GeometryType>\n" }
        for field in fields {
            xml += "    <Field name=\"\(escape(field.name))\" type=\"\(ogrType(field.kind))\"/>\n"
        }
        return xml + "  </OGRVRTLayer>\n</OGRVRTDataSource>\n"
    }

    /// Writes a VRT beside each GeoJSON layer of `outputs`.
    static func write(_ configuration: RunConfiguration, outputs: [String], folder: OutputFolder) throws {
        for name in outputs where name.hasSuffix(".geojson") || name.hasSuffix(".geojsons") {
            let base = String(name.prefix { $0 != "." })
            guard let fields = fields(forLayer: base, configuration) else { continue }
            let text = vrt(layerName: base, fileName: name, fields: fields, multiPolygons: base == "bereikgebieden")
            try folder.write(Data(text.utf8), to: "\(base).vrt")
        }
    }
}
