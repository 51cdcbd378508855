import Foundation
import Testing
@testable import Nabijheid

/// Issue 10, item 2: an error GDAL raises while reading a layer (a damaged GeoPackage, a
/// truncated OSM file) ends the run with exit 2, naming the file, the layer, where reading
/// stopped and GDAL's own message, instead of going on with the features read so far.
@Suite("Reliability: GDAL read errors end the run")
struct GDALReadErrorTests {
    @Test func damagedDwellingGeoPackage() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let file = try Reliability.writeDwellingsGeoPackage(town)
        try town.editConfig(#"path = "woningen.geojson""#, #"path = "woningen.gpkg""#)
        // The undamaged copy reads completely.
        let clean = try town.run()
        #expect(clean.exited(0), "\(clean)")
        try FileManager.default.removeItem(at: town.output)

        try Reliability.damageMiddle(of: file, count: 8 * 1024)
        try Reliability.expectRunRefused(town, mentions: ["woningen.gpkg", "layer 'verblijfsobject'", "GDAL", "damaged"])
    }

    @Test func damagedBuurtenGeoPackage() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let file = try Reliability.writeBuurtenGeoPackage(town)
        try town.editConfig(#"path = "buurten.geojson""#, #"path = "buurten.gpkg""#)
        let clean = try town.run()
        #expect(clean.exited(0), "\(clean)")
        try FileManager.default.removeItem(at: town.output)

        try Reliability.damageMiddle(of: file, count: 8 * 1024)
        try Reliability.expectRunRefused(town, mentions: ["buurten.gpkg", "GDAL"])
    }

    /// The network cut off half-way through: GDAL says where parsing failed; the run must not
    /// go on with the ways before the cut (or report "no walkable ways").
    @Test(arguments: [0.5, 0.93])
    func truncatedOSMNetwork(fraction: Double) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        _ = try Reliability.truncatedCopy(of: town.url("netwerk.osm"), fraction: fraction, named: "netwerk-kort.osm", in: town.directory)
        try town.editConfig(#"path = "netwerk.osm""#, #"path = "netwerk-kort.osm""#)
        let result = try Reliability.expectRunRefused(town, mentions: ["netwerk-kort.osm", "GDAL"])
        #expect(!result.stderr.contains("no walkable ways"), "\(result)")
    }

    /// The Delft extract cut off at 60 %: as network (with its dwellings and facilities), and
    /// as the only facility source of the town.
    @Test(.enabled(if: TestSupport.sharedDataAvailable))
    func truncatedPBF() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let pbf = TestSupport.sharedDataDirectory.appendingPathComponent("delft/tudelft.osm.pbf")
        _ = try Reliability.truncatedCopy(of: pbf, fraction: 0.6, named: "delft-kort.osm.pbf", in: town.directory)
        let buurten = TestSupport.sharedDataDirectory.appendingPathComponent("delft/delft_buurten_2023_rd.geojson").path
        try town.write("""
            output_dir = "out"
            [buurten]
            path = "\(buurten)"
            code_field = "BU_NAAM"
            name_field = "BU_NAAM"
            [network]
            path = "delft-kort.osm.pbf"
            reader = "gdal"
            [dwellings]
            source = "osm_addresses"
            path = "delft-kort.osm.pbf"
            [[facilities]]
            source = "osm"
            path = "delft-kort.osm.pbf"
            """, to: "delft.toml")
        let result = try TestSupport.run(["run", "--config", town.url("delft.toml").path, "--output", town.output.path],
                                         in: town.directory, timeout: 120)
        Reliability.expectRefused(result, output: town.output, mentions: ["delft-kort.osm.pbf", "GDAL"])
    }

    @Test(.enabled(if: TestSupport.sharedDataAvailable))
    func truncatedPBFAsFacilitySource() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let pbf = TestSupport.sharedDataDirectory.appendingPathComponent("delft/tudelft.osm.pbf")
        _ = try Reliability.truncatedCopy(of: pbf, fraction: 0.6, named: "delft-kort.osm.pbf", in: town.directory)
        // GDAL reads the PBF's facilities only when told to (libosmium's refusal: OSMFeatureReaderTests).
        try town.editConfig(#"format = "osm""#, "format = \"osm\"\nreader = \"gdal\"")
        try town.editConfig("""
            [[facilities]]
            source = "gtfs"
            """, """
            [[facilities]]
            source = "osm"
            path = "delft-kort.osm.pbf"

            [[facilities]]
            source = "gtfs"
            """)
        try Reliability.expectRunRefused(town, mentions: ["delft-kort.osm.pbf", "GDAL"], timeout: 120)
    }
}
