import Foundation
import Testing
@testable import Nabijheid

/// The buurten, wijken, gemeenten and facilities are serialised by nabijheid itself in GeoJSON
/// (`GeoJSONAreaLayerWriter`, `GeoJSONPointLayerWriter`) and by GDAL in the other formats. On
/// the real Delft run both must say the same: every value as GDAL reads it back, every vertex
/// (the GeoPackage's RD New transformed to WGS84) within 1.5e-6°, and an area of one part a
/// Polygon as GDAL's RFC 7946 mode writes it.
@Suite struct AreaAndFacilityLayerTests {
    /// Per feature: every field's value as text (nil for null) and the geometry in WGS84.
    static func read(_ path: String, fields: [FieldDefinition], fromRDNew: Bool) throws -> [([String?], SourceGeometry?)] {
        let transform = fromRDNew ? try CoordinateTransform(from: .rdNew, to: CRSDefinition(userInput: "EPSG:4326"), label: path) : nil
        let layer = try VectorDataset(path: path).layer(named: nil)
        var rows: [([String?], SourceGeometry?)] = []
        try layer.forEachFeature { feature in
            var geometry = feature.geometry
            if let transform {
                switch geometry {
                case .point(let x, let y)?:
                    let p = transform.transform(x, y)
                    geometry = .point(x: p.x, y: p.y)
                case .polygons(let polygons)?:
                    // GeoPackage keeps the rings' direction; GeoJSON turns them as RFC 7946 asks.
                    geometry = .polygons(polygons.map { rings in
                        rings.enumerated().map { r, ring in
                            let turned = transform.transform(ring).map { ($0.x, $0.y) }
                            let area = zip(turned, turned.dropFirst()).reduce(0.0) { $0 + ($1.0.0 * $1.1.1 - $1.1.0 * $1.0.1) }
                            return (area > 0) == (r == 0) ? turned : turned.reversed()
                        }
                    })
                default:
                    break
                }
            }
            rows.append((fields.map { feature.string(feature.fieldIndex($0.name)) }, geometry))
        }
        return rows
    }

    static func sameGeometry(_ a: SourceGeometry?, _ b: SourceGeometry?) -> Bool {
        switch (a, b) {
        case (.point(let ax, let ay)?, .point(let bx, let by)?):
            return abs(ax - bx) <= 1.5e-6 && abs(ay - by) <= 1.5e-6
        case (.polygons(let pa)?, .polygons(let pb)?):
            return pa.count == pb.count && zip(pa, pb).allSatisfy { ra, rb in
                ra.count == rb.count && zip(ra, rb).allSatisfy { a, b in
                    a.count == b.count && zip(a, b).allSatisfy { abs($0.0 - $1.0) <= 1.5e-6 && abs($0.1 - $1.1) <= 1.5e-6 }
                }
            }
        default:
            return false
        }
    }

    @Test(.enabled(if: DelftTests.available, "needs ../shared/data/delft"))
    func geoJSONSaysWhatGDALWrites() throws {
        let text = DelftTests.configuration(excludeBusways: true, margin: 500)
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        var configuration = try ConfigurationLoader.parse(text, file: "\(directory)/config.toml", baseDirectory: directory,
                                                          outputOverride: "\(directory)/out")
        configuration.file = "\(directory)/config.toml"
        let result = try RunPipeline.run(configuration, timer: StageTimer(), threads: 2)
        #expect(result.areas.count >= 1 && result.facilities.count > 20, "\(result.facilities.count) facilities")
        for report in result.areas {
            let name = report.level.kind.layerName
            let fields = AreaLayer.fields(configuration, kind: report.level.kind, cbs: report.level.kind == .buurt ? result.cbs : nil)
            _ = try AreaLayer.write(result, report: report, to: "\(directory)/\(name).geojson", format: .geojson)
            _ = try AreaLayer.write(result, report: report, to: "\(directory)/\(name).gpkg", format: .gpkg)
            let ours = try Self.read("\(directory)/\(name).geojson", fields: fields, fromRDNew: false)
            let gdal = try Self.read("\(directory)/\(name).gpkg", fields: fields, fromRDNew: true)
            #expect(ours.count == report.level.count && gdal.count == ours.count, "\(name)")
            for (index, (a, b)) in zip(ours, gdal).enumerated() {
                #expect(a.0 == b.0, "\(name) \(index): values")
                #expect(Self.sameGeometry(a.1, b.1), "\(name) \(index): geometry")
            }
            // A one-part area is a Polygon, as GDAL's RFC 7946 mode writes it; several parts a MultiPolygon.
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name).geojson"))) as! [String: Any]
            #expect(object["name"] as? String == name && object["crs"] == nil)
            let features = object["features"] as! [[String: Any]]
            for (index, feature) in features.enumerated() {
                let type = (feature["geometry"] as? [String: Any])?["type"] as? String
                let parts = report.level.geometry[index].polygons.filter { !($0.rings.first ?? []).isEmpty }.count
                #expect(type == (parts == 1 ? "Polygon" : "MultiPolygon"), "\(name) \(index)")
            }
        }
        let fields = FacilityLayer.fields(configuration)
        _ = try FacilityLayer.write(result, to: "\(directory)/voorzieningen.geojson", format: .geojson)
        _ = try FacilityLayer.write(result, to: "\(directory)/voorzieningen.gpkg", format: .gpkg)
        let ours = try Self.read("\(directory)/voorzieningen.geojson", fields: fields, fromRDNew: false)
        let gdal = try Self.read("\(directory)/voorzieningen.gpkg", fields: fields, fromRDNew: true)
        #expect(ours.count == result.facilities.count && gdal.count == ours.count)
        #expect(ours.contains { $0.0[1] != nil }, "some facilities have a name")
        for (index, (a, b)) in zip(ours, gdal).enumerated() {
            #expect(a.0 == b.0, "voorzieningen \(index): values")
            #expect(Self.sameGeometry(a.1, b.1), "voorzieningen \(index): point")
        }
    }

    /// `onePartAsPolygon` on random areas: GDAL reads back what its own RFC 7946 writer gives,
    /// with the same geometry type per feature.
    @Test func onePartAreasAreWrittenAsGDALWritesThem() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let features = GeoJSONAreaLayerWriterTests.features(40, seed: 21)
        let fields = GeoJSONAreaLayerWriterTests.fields
        var writer = GeoJSONAreaLayerWriter(layerName: "buurten", fields: fields, threads: 2)
        writer.onePartAsPolygon = true
        writer.pointsPerChunk = 7
        try writer.write(count: features.count, to: "\(directory)/ours.geojson") { features[$0] }
        let gdal = try VectorLayerWriter(path: "\(directory)/gdal.geojson", layerName: "buurten", fields: fields, format: .geojson)
        for (area, values) in features { try gdal.add(.area(area.closingRings()), values) }
        try gdal.close()
        let ours = try Self.read("\(directory)/ours.geojson", fields: fields, fromRDNew: false)
        let theirs = try Self.read("\(directory)/gdal.geojson", fields: fields, fromRDNew: false)
        #expect(ours.count == 40 && theirs.count == 40)
        for (index, (a, b)) in zip(ours, theirs).enumerated() {
            #expect(a.0 == b.0, "feature \(index): values")
            #expect(Self.sameGeometry(a.1, b.1), "feature \(index): geometry")
        }
        func types(_ file: String) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(file)"))) as! [String: Any]
            return (object["features"] as! [[String: Any]]).map { ($0["geometry"] as! [String: Any])["type"] as! String }
        }
        let ourTypes = try types("ours.geojson")
        #expect(ourTypes == (try types("gdal.geojson")))
        #expect(ourTypes.contains("Polygon") && ourTypes.contains("MultiPolygon"))
    }
}
