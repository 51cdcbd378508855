import Foundation
import Testing

/// Issue 10, item 13: README "Outputs" promises the same bytes for the same inputs, also as
/// GeoPackage. Regression: `gpkg_contents.last_change` held the time of the run, so two runs a
/// second apart differed; now GDAL's `OGR_CURRENT_DATE` is fixed at 2000-01-01T00:00:00.000Z.
@Suite("Reliability: GeoPackage outputs are byte-identical between runs")
struct GeoPackageDeterminismTests {
    @Test("two runs with [outputs] format = \"gpkg\", more than a second apart, give the same bytes")
    func sameBytes() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let config = try town.writeConfig("gpkg.toml", appending: "\n[outputs]\nformat = \"gpkg\"\n")
        let first = town.url("eerste"), second = town.url("tweede")
        let one = try town.run(config: config, output: first)
        try #require(one.exited(0), "\(one)")
        Thread.sleep(forTimeInterval: 1.2)  // last_change has whole seconds
        let two = try town.run(config: config, output: second)
        try #require(two.exited(0), "\(two)")
        let a = try OutputSnapshot.checksums(first), b = try OutputSnapshot.checksums(second)
        #expect(a.keys.filter { $0.hasSuffix(".gpkg") }.count == 6, "\(a.keys.sorted())")
        for name in a.keys.sorted() {
            #expect(a[name] == b[name], "\(name) differs between two runs on the same inputs")
        }
        #expect(Set(a.keys) == Set(b.keys))
    }
}
