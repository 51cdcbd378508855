import Foundation
import Testing

/// Issue 10, item 4: a layer that declares the wrong CRS fails loudly. The town's layers hold
/// RD coordinates; declaring EPSG:3857 puts them thousands of kilometres away, and a layer
/// of another place lies far from the network. Both are exit 2 naming the layer, the declared
/// CRS and where the points landed; a few dwellings far outside the buurten stay legitimate.
@Suite("Reliability: a wrongly declared CRS fails loudly")
struct WrongCRSTests {
    static let rdNew = "urn:ogc:def:crs:EPSG::28992"
    static let webMercator = "urn:ogc:def:crs:EPSG::3857"

    @Test(arguments: ["woningen.geojson", "buurten.geojson", "voorzieningen.geojson"])
    func layerDeclaringWebMercator(file: String) throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        try town.replace(Self.rdNew, with: Self.webMercator, in: file)
        try Reliability.expectRunRefused(town, mentions: [file, "EPSG:3857", "RD ("])
    }

    /// Dwellings of another part of the country (60 km east of the town, inside RD New's area)
    /// would all be outside the buurten and unroutable.
    @Test func dwellingLayerFarFromTheNetwork() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let text = try town.read("woningen.geojson")
        let shifted = text.replacingOccurrences(of: #"\[ 12(\d{4}\.\d+), "#, with: "[ 18$1, ", options: .regularExpression)
        #expect(shifted != text)
        try town.write(shifted, to: "woningen.geojson")
        try Reliability.expectRunRefused(town, mentions: ["woningen.geojson", "more than 5 km outside the network", "EPSG:28992", "RD ("])
    }

    /// Three dwellings 20 km away: a legitimate run, counted as outside all buurten.
    @Test func aFewFarDwellingsStayOutsideBuurten() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        for coordinates in ["[ 120037.5, 440015.0 ]", "[ 120062.5, 440015.0 ]"] {
            try town.replace(coordinates, with: "[ 140000.0, 460000.0 ]", in: "woningen.geojson")
        }
        let result = try town.run()
        #expect(result.exited(0), "\(result)")
        let report = try Reliability.runReport(town)
        let dwellings = report["woningen"] as? [String: Any] ?? [:]
        #expect((dwellings["buiten_buurten"] as? Int ?? 0) >= 2, "\(dwellings)")
    }
}
