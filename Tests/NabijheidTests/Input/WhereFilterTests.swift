import Foundation
import Testing
@testable import Nabijheid

/// `where` on a layer input, as a BAG user needs it: only dwellings that exist and have a
/// woonfunctie count. A BAG-shaped GeoPackage (layer `verblijfsobject` with `identificatie`,
/// `gebruiksdoel` holding several values, `status`, `oppervlakte`) is made from the town.
@Suite("A where filter on a layer input (BAG)")
struct WhereFilterTests {
    static let bagWhere = "status IN ('Verblijfsobject in gebruik', 'Verblijfsobject in gebruik (niet ingemeten)') AND gebruiksdoel LIKE '%woonfunctie%'"
    static let statuses = ["Verblijfsobject in gebruik", "Verblijfsobject in gebruik (niet ingemeten)", "Verblijfsobject gevormd",
                           "Verblijfsobject ingetrokken", "Verblijfsobject in gebruik"]

    /// The town's dwellings as a BAG-shaped GeoPackage; returns how many the BAG condition keeps.
    private func bagTown() throws -> (TownCopy, expected: Int, features: Int) {
        let town = try TownCopy()
        let data = try Data(contentsOf: town.url("woningen.geojson"))
        var collection = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var features = try #require(collection["features"] as? [[String: Any]])
        var expected = 0
        for index in features.indices {
            var properties = try #require(features[index]["properties"] as? [String: Any])
            let status = Self.statuses[index % Self.statuses.count]
            var use = try #require(properties["gebruiksdoel"] as? String)
            if index % 7 == 0 { use = "\(use),kantoorfunctie" }
            properties["status"] = status
            properties["gebruiksdoel"] = use
            properties["oppervlakte"] = 40 + index % 90
            features[index]["properties"] = properties
            if status.hasPrefix("Verblijfsobject in gebruik") && use.contains("woonfunctie") { expected += 1 }
        }
        collection["features"] = features
        collection["name"] = "verblijfsobject"
        try JSONSerialization.data(withJSONObject: collection).write(to: town.url("bag.geojson"))
        let converted = try TestSupport.runProgram(URL(fileURLWithPath: "/usr/bin/ogr2ogr"),
                                                   ["-f", "GPKG", "-nln", "verblijfsobject", town.url("bag.gpkg").path, town.url("bag.geojson").path])
        try #require(converted.exited(0), "\(converted)")
        try town.editConfig(#"path = "woningen.geojson""#, #"path = "bag.gpkg""# + "\nlayer = \"verblijfsobject\"")
        try town.editConfig(#"filter_field = "gebruiksdoel""#, "")
        try town.editConfig(#"filter_contains = "woonfunctie""#, "")
        return (town, expected, features.count)
    }

    private func setWhere(_ town: TownCopy, _ condition: String) throws {
        try town.editConfig(#"layer = "verblijfsobject""#, "layer = \"verblijfsobject\"\nwhere = \"\(condition.replacingOccurrences(of: "\"", with: "\\\""))\"")
    }

    @Test func bagConditionKeepsOnlyExistingDwellings() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let (town, expected, features) = try bagTown()
        try setWhere(town, Self.bagWhere)
        let result = try town.run(["--quiet"])
        try #require(result.exited(0), "\(result)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: town.output.appendingPathComponent("run.json"))) as? [String: Any])
        let woningen = try #require(report["woningen"] as? [String: Any])
        #expect(woningen["gelezen"] as? Int == expected, "dwellings kept: \(woningen)")
        #expect(expected > 300 && expected < 800, "the fixture mixes statuses (\(expected))")
        let notes = (report["meldingen"] as? [String]) ?? []
        #expect(notes.contains { $0.contains("filter (where)") && $0.contains("liet \(features - expected) features") }, "run.json says what the filter left out: \(notes)")
    }

    @Test func parallelGeoPackageReadKeepsTheFilter() throws {
        // The parallel reader splits the layer by feature id; each part must still apply `where`.
        let (town, expected, features) = try bagTown()
        var input = LayerInput(path: town.url("bag.gpkg").path, layer: "verblijfsobject", crs: nil)
        input.whereClause = Self.bagWhere
        let attributes = DwellingAttributes()
        for threads in [1, 2, 3, 8] {
            let read = try DwellingReader.read(input, idField: "identificatie", filterField: nil, filterContains: nil,
                                               attributes: attributes, threads: threads, parallelMinimum: 10)
            #expect(read.dwellings.count == expected, "\(threads) threads")
            #expect(read.skipped.excludedByWhere == features - expected)
        }
    }

    /// Only the fields a read needs are fetched, but never one the `where` names: in a
    /// GeoJSON file GDAL judges the condition on the features themselves, so a field left out
    /// would filter everything away.
    @Test func fieldsLeftOutAreNeverThoseTheConditionNames() throws {
        let (town, expected, features) = try bagTown()
        for file in ["bag.gpkg", "bag.geojson"] {
            var input = LayerInput(path: town.url(file).path, layer: "verblijfsobject", crs: nil)
            input.whereClause = Self.bagWhere
            let read = try DwellingReader.read(input, idField: "identificatie", filterField: nil, filterContains: nil,
                                               attributes: DwellingAttributes(), threads: 2, parallelMinimum: 10)
            #expect(read.dwellings.count == expected, "\(file)")
            #expect(read.skipped.excludedByWhere == features - expected, "\(file)")
            #expect(read.dwellings.allSatisfy { !$0.id.hasPrefix("fid/") }, "\(file): the ids are read")

            let opened = try OpenedLayer(input, purpose: "dwelling points")
            try opened.readOnly(["IDENTIFICATIE", nil])
            var seen = 0
            try opened.layer.forEachFeature { feature in
                seen += 1
                #expect(feature.string(feature.fieldIndex("identificatie")) != nil, "\(file): the needed field, named in other case")
                #expect(feature.string(feature.fieldIndex("status"))?.hasPrefix("Verblijfsobject in gebruik") == true, "\(file): named by the condition")
                // A GeoPackage leaves it out of its query; GDAL's GeoJSON reader has it in memory anyway.
                if file.hasSuffix(".gpkg") { #expect(feature.string(feature.fieldIndex("oppervlakte")) == nil, "\(file): neither needed nor named") }
            }
            #expect(seen == expected, "\(file)")
        }
    }

    @Test func unknownFieldNamesTheKeyAndTheFields() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let (town, _, _) = try bagTown()
        try setWhere(town, "statuss = 'x'")
        let result = try town.run(["--quiet"])
        #expect(result.exited(2), "\(result)")
        #expect(result.stderr.contains("'dwellings.where'") && result.stderr.contains("'status'") && result.stderr.contains("'gebruiksdoel'"), "\(result)")
        #expect(TownCopy.outputEntries(in: town.output) == [])
    }

    @Test func malformedExpressionIsRefused() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let (town, _, _) = try bagTown()
        try setWhere(town, "status IN ('Verblijfsobject in gebruik'")
        let result = try town.run(["--quiet"])
        #expect(result.exited(2) && result.stderr.contains("'dwellings.where'"), "\(result)")
    }

    @Test func conditionThatKeepsNothingSaysHowManyTheLayerHas() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let (town, _, features) = try bagTown()
        try setWhere(town, "status = 'Verblijfsobject gesloopt'")
        let result = try town.run(["--quiet"])
        #expect(result.exited(2) && result.stderr.contains("keeps none of the layer's \(features) features"), "\(result)")
    }
}
