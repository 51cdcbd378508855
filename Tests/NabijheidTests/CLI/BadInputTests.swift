import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exit-2 contract of README "Exit codes": bad input or configuration ends with status 2,
/// one `nabijheid: error: …` line on stderr that names the file, layer, field or key and says
/// what was expected, nothing on stdout, and no output file written or changed (no final file,
/// no staging folder left behind).
@Suite("Bad input and configuration: exit 2, a precise message, no output")
struct BadInputTests {
    /// Runs the tool on `town` (with its own config, or `config`) into the town's output folder and
    /// checks the whole contract; `fragments` must all occur in stderr.
    @discardableResult
    private func expectRefused(_ town: TownCopy, config: URL? = nil, mentions fragments: [String], timeout: Double = 60,
                               sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
        let arguments = ["run", "--config", (config ?? town.config).path, "--output", town.output.path]
        let result = try TestSupport.run(arguments, in: town.directory, timeout: timeout)
        Reliability.expectRefused(result, output: town.output, mentions: fragments, sourceLocation: sourceLocation)
        return result
    }

    // MARK: Configuration file

    @Test func missingConfigurationFile() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try expectRefused(town, config: town.url("bestaat-niet.toml"), mentions: ["bestaat-niet.toml", "configuration file not found"])
    }

    @Test func configurationThatIsNotTOML() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        // An unterminated string on line 6 of the fixture configuration.
        try town.editConfig(#"code_field = "buurtcode""#, #"code_field = "buurtcode"#)
        try expectRefused(town, mentions: ["nabijheid.toml", "line 6", "not valid TOML"])
    }

    @Test func keyWithTheWrongType() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig("max_snap_m = 250", #"max_snap_m = "250""#)
        try expectRefused(town, mentions: ["nabijheid.toml", "'network.max_snap_m'", "must be a number", #"the text "250""#])
    }

    @Test(arguments: [
        ("max_snap_m = 250", "max_snap = 250", "'network.max_snap'"),
        (#"output_dir = "out""#, #"outptu_dir = "out""#, "'outptu_dir'"),
        ("[distances]", "[distance]", "'distance'"),
        (#"category = "ov_halte""#, "category = \"ov_halte\"\ncategorie = \"ov_halte\"", "'facilities[1].categorie'"),
    ])
    func unknownKeyIsAnError(old: String, new: String, key: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(old, new)
        try expectRefused(town, mentions: ["nabijheid.toml", "unknown key", key])
    }

    // MARK: Input files and layers

    @Test func missingBuurtenFile() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(#"path = "buurten.geojson""#, #"path = "geen-buurten.geojson""#)
        try expectRefused(town, mentions: ["geen-buurten.geojson", "file not found"])
    }

    /// Text no GDAL driver reads, deterministic so that a failure can be reproduced.
    private static let garbage: String = {
        var state: UInt64 = 0x5EED
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:!?-\n")
        return String((0..<4000).map { _ -> Character in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return alphabet[Int(state >> 33) % alphabet.count]
        })
    }()

    @Test(arguments: ["random text", "truncated GeoJSON", "empty file"])
    func unreadableBuurtenFile(kind: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        switch kind {
        case "random text": try town.write(Self.garbage, to: "buurten.geojson")
        case "truncated GeoJSON": try town.write(String(try town.read("buurten.geojson").prefix(1500)), to: "buurten.geojson")
        default: try town.write("", to: "buurten.geojson")
        }
        try expectRefused(town, mentions: ["buurten.geojson", "cannot read this file as a vector dataset"])
    }

    /// GeoJSON without `crs` is WGS84 by definition, so a layer that truly has no CRS is made with
    /// GDAL's CSV driver (a WKT column, no .prj). The message must point at the `crs` key; with
    /// that key set the same file is accepted.
    @Test func layerWithoutCoordinateReferenceSystem() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.write("""
            WKT,buurtcode,buurtnaam
            "POLYGON ((119000 439000,125000 439000,125000 445000,119000 445000,119000 439000))",BU00019999,Alles

            """, to: "buurten.csv")
        try town.editConfig(#"path = "buurten.geojson""#, #"path = "buurten.csv""#)
        try expectRefused(town, mentions: ["buurten.csv", "layer 'buurten'", "no coordinate reference system", "'buurten.crs'", "EPSG:28992"])

        try town.editConfig(#"path = "buurten.csv""#, "path = \"buurten.csv\"\ncrs = \"EPSG:28992\"")
        let accepted = try town.run(["--quiet"])
        #expect(accepted.exited(0), "with crs set the CSV layer is read\n\(accepted)")
    }

    @Test func missingField() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(#"code_field = "buurtcode""#, #"code_field = "bestaat_niet""#)
        try expectRefused(town, mentions: ["buurten.geojson", "layer 'buurten'", "no field 'bestaat_niet'", "buurten.code_field",
                                           "fields are", "'buurtcode'", "'buurtnaam'"])
    }

    @Test func emptyLayer() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.write("""
            {"type": "FeatureCollection", "name": "buurten",
             "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
             "features": []}
            """, to: "buurten.geojson")
        try expectRefused(town, mentions: ["buurten.geojson", "layer 'buurten'", "empty", "buurt polygons"])
    }

    @Test func noDwellingsAfterTheFilter() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(#"filter_contains = "woonfunctie""#, #"filter_contains = "xyz""#)
        try expectRefused(town, mentions: ["woningen.geojson", "no dwellings", "filter"])
    }

    @Test func gtfsStopsWithoutStopLat() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        // Drop the third column (stop_lat) from every line.
        let lines = try town.read("gtfs/stops.txt").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "stop_id,stop_name,stop_lat,stop_lon,location_type,wheelchair_boarding")
        let stripped = lines.map { line -> String in
            var columns = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if columns.count > 2 { columns.remove(at: 2) }
            return columns.joined(separator: ",")
        }
        try town.write(stripped.joined(separator: "\n"), to: "gtfs/stops.txt")
        try expectRefused(town, mentions: ["gtfs/stops.txt", "no column 'stop_lat'", "stop_id, stop_lat and stop_lon"])
    }

    @Test func facilityWithAnUnknownCategory() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.replace(#""categorie": "zorg""#, with: #""categorie": "bioscoop""#, in: "voorzieningen.geojson")
        try expectRefused(town, mentions: ["voorzieningen.geojson", "layer 'voorzieningen'", #"category "bioscoop""#, "'categorie'",
                                           "expected one of", "dagelijkse_boodschappen", "ov_halte"])
    }

    /// Remote paths are refused before GDAL sees them, for every kind of input, and quickly.
    @Test(arguments: [
        (#"path = "buurten.geojson""#, "/vsicurl/http://example.com/x.geojson"),
        (#"path = "buurten.geojson""#, "https://example.com/x.geojson"),
        (#"path = "woningen.geojson""#, "/vsis3/bucket/woningen.geojson"),
        (#"path = "netwerk.osm""#, "/vsicurl_streaming/http://example.com/netwerk.osm"),
        (#"path = "voorzieningen.geojson""#, "/vsizip//vsicurl/http://example.com/a.zip/voorzieningen.geojson"),
        (#"path = "gtfs/stops.txt""#, "/vsicurl/http://example.com/stops.txt"),
    ])
    func remotePathIsRefused(old: String, remote: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(old, "path = \"\(remote)\"")
        let result = try expectRefused(town, mentions: [remote, "remote"], timeout: 20)
        #expect(!result.timedOut && result.seconds < 10, "a remote path must be refused without waiting on the network\n\(result)")
    }

    /// A configuration cannot make the tool fetch anything, not even through a local file that
    /// names a URL: an OGR VRT whose source is /vsicurl/http://… on a listener at 127.0.0.1.
    /// Regression: at 52a5819 only the configured path was checked, and GDAL sent HEAD and GET
    /// requests for the VRT's source (the run even succeeded when the server answered).
    @Test
    func localVRTThatPointsAtAURLIsNotFetched() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let listener = try LocalListener()
        let town = try TownCopy()
        try town.write("""
            <OGRVRTDataSource>
              <OGRVRTLayer name="buurten">
                <SrcDataSource>/vsicurl/http://127.0.0.1:\(listener.port)/buurten.geojson</SrcDataSource>
              </OGRVRTLayer>
            </OGRVRTDataSource>
            """, to: "buurten.vrt")
        try town.editConfig(#"path = "buurten.geojson""#, #"path = "buurten.vrt""#)
        let result = try town.run(["--quiet"], timeout: 30)
        #expect(!listener.receivedConnection(), "nabijheid opened a network connection for a local .vrt file\n\(result)")
        #expect(result.exited(2), "expected a refusal naming buurten.vrt\n\(result)")
        #expect(result.stderr.contains("buurten.vrt"), "\(result)")
    }

    // MARK: Output folder

    @Test func outputPathThatIsAFile() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.write("geen map\n", to: "uitvoer")
        let result = try town.run()
        #expect(result.exited(2), "\(result)")
        #expect(result.stderr.hasPrefix("nabijheid: error: ") && result.stderr.contains("uitvoer")
                    && result.stderr.contains("cannot create the output folder"), "\(result)")
        #expect(try town.read("uitvoer") == "geen map\n")
    }

    /// A failing run leaves the results of an earlier good run exactly as they were.
    @Test func failedRunLeavesEarlierResultsUntouched() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let good = try town.run()
        try #require(good.exited(0), "\(good)")
        let before = try TownCopy.snapshot(town.output)
        #expect(Set(before.keys) == Set(TownCopy.outputFiles))

        try town.write(Self.garbage, to: "buurten.geojson")
        let failed = try town.run()
        #expect(failed.exited(2), "\(failed)")
        #expect(failed.stderr.contains("buurten.geojson"), "\(failed)")
        #expect(try TownCopy.snapshot(town.output) == before, "the earlier outputs must be byte-identical")
        #expect(TownCopy.outputEntries(in: town.output) == TownCopy.outputFiles.sorted(), "no staging folder left behind")
    }

    /// The same, when the failure comes while the files are moved into place: here `run.json` of
    /// the earlier run has become a folder, so its rename must fail. README: exit 2 means "no
    /// output file is changed". Regression: at 52a5819 `OutputFolder.commit()` renamed file by
    /// file, so buurten.geojson and woningen.geojson were already replaced when run.json failed.
    @Test
    func failureWhileCommittingChangesNoOutputFile() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let good = try town.run()
        try #require(good.exited(0), "\(good)")
        let runJSON = town.output.appendingPathComponent("run.json")
        try FileManager.default.removeItem(at: runJSON)
        try FileManager.default.createDirectory(at: runJSON.appendingPathComponent("bezet"), withIntermediateDirectories: true)
        let before = try TownCopy.snapshot(town.output)

        // Different thresholds, so that the new buurten.geojson differs from the old one.
        try town.editConfig("thresholds_m = [100, 500, 1000]", "thresholds_m = [200, 400]")
        let failed = try town.run()
        #expect(failed.exited(2), "\(failed)")
        #expect(failed.stderr.contains("run.json"), "\(failed)")
        #expect(try TownCopy.snapshot(town.output) == before, "no output file may change when the run fails")
        #expect(!TownCopy.outputEntries(in: town.output).contains { $0.hasPrefix(".nabijheid-staging-") }, "no staging folder left behind")
    }

    // MARK: Numbers TOML allows but no setting can use

    /// TOML has `inf` and `nan`; no distance setting can be infinite. Regression: at 52a5819
    /// `thresholds_m` with inf and `max_snap_m = inf` trapped (SIGILL) and `search_margin_m = inf`
    /// ended with exit 1 (an EncodingError while writing run.json).
    @Test(arguments: [
        ("thresholds_m = [100, 500, 1000]", "thresholds_m = [100, 500, inf]", "distances.thresholds_m"),
        ("thresholds_m = [100, 500, 1000]", "thresholds_m = [100, nan]", "distances.thresholds_m"),
        ("max_snap_m = 250", "max_snap_m = inf", "network.max_snap_m"),
        ("max_snap_m = 250", "max_snap_m = nan", "network.max_snap_m"),
        ("search_margin_m = 500", "search_margin_m = inf", "distances.search_margin_m"),
    ])
    func nonFiniteNumbersAreRefused(old: String, new: String, key: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig(old, new)
        try expectRefused(town, mentions: ["nabijheid.toml", key])
    }

    /// A finite threshold too large for `Int`. Regression: at 52a5819 it passed the loader and
    /// trapped in `PropertyNames.meters` (`String(Int(value))`): signal 4 (SIGILL) and a stale
    /// staging folder in the output folder.
    @Test
    func thresholdTooLargeForAPropertyNameIsRefused() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.editConfig("thresholds_m = [100, 500, 1000]", "thresholds_m = [100, 1e19]")
        try expectRefused(town, mentions: ["nabijheid.toml", "distances.thresholds_m"])
    }
}

/// A TCP socket listening on 127.0.0.1 at a free port, to notice whether anything connects.
private final class LocalListener {
    private let socketDescriptor: Int32
    let port: UInt16

    init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        socketDescriptor = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(socketDescriptor) }

    /// Whether a connection is waiting (completed by the kernel even if never answered).
    func receivedConnection() -> Bool {
        let connection = accept(socketDescriptor, nil, nil)
        guard connection >= 0 else { return false }
        close(connection)
        return true
    }
}
