import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 10, item 3: no input opens a socket without `--allow-remote`. A local VRT whose
/// source is a database (PG:, MYSQL:) is refused with exit 2, and a listener on 127.0.0.1
/// sees no connection; a FIFO is refused at once instead of blocking the run.
@Suite("Reliability: no network access from local inputs")
struct NetworkAccessTests {
    /// A VRT layer whose source is `source`, declaring RD New so GDAL need not ask the source.
    static func vrt(layer: String, source: String) -> String {
        """
        <OGRVRTDataSource>
          <OGRVRTLayer name="\(layer)">
            <SrcDataSource>\(source)</SrcDataSource>
            <SrcLayer>\(layer)</SrcLayer>
            <GeometryType>wkbPoint</GeometryType>
            <LayerSRS>EPSG:28992</LayerSRS>
          </OGRVRTLayer>
        </OGRVRTDataSource>
        """
    }

    static func sources(port: UInt16) -> [String] {
        ["PG:host=127.0.0.1 port=\(port) dbname=x user=x connect_timeout=5",
         "MYSQL:x,host=127.0.0.1,port=\(port),user=x"]
    }

    @Test func databaseSourceInAVRTDwellingLayer() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let listener = try LoopbackListener()
        for source in Self.sources(port: listener.port) {
            let town = try TownCopy()
            try town.write(Self.vrt(layer: "verblijfsobject", source: source), to: "woningen.vrt")
            try town.editConfig(#"path = "woningen.geojson""#, #"path = "woningen.vrt""#)
            try Reliability.expectRunRefused(town, mentions: ["woningen.vrt", "--allow-remote"], timeout: 30)
            #expect(!listener.connectionAttempted, "no connection to 127.0.0.1:\(listener.port) for \(source)")
        }
    }

    @Test func databaseSourceInAVRTPlan() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let listener = try LoopbackListener()
        for source in Self.sources(port: listener.port) {
            let town = try PlanCheckTown()
            try town.town.write(Self.vrt(layer: "bouwplan", source: source), to: "plan.vrt")
            let result = try town.check(plan: "plan.vrt", timeout: 30)
            Reliability.expectRefused(result, output: town.output, mentions: ["plan.vrt", "--allow-remote"])
            #expect(!listener.connectionAttempted, "no connection to 127.0.0.1:\(listener.port) for \(source)")
        }
    }

    @Test func fifoInputIsRefusedAtOnce() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        #expect(mkfifo(town.url("woningen.fifo").path, 0o644) == 0)
        try town.editConfig(#"path = "woningen.geojson""#, #"path = "woningen.fifo""#)
        let result = try Reliability.expectRunRefused(town, mentions: ["woningen.fifo", "named pipe", "regular file"], timeout: 20)
        #expect(result.seconds < 15, "\(result)")
    }
}
