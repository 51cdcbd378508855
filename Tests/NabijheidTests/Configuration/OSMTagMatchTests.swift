import Testing
@testable import Nabijheid

/// A tag condition against OSM's values: exact, any value, several values separated by ';'
/// (with spaces around them), and `&` conditions that must all hold.
@Suite("OSM tag match")
struct OSMTagMatchTests {
    @Test func exactAnyAndSeveralValues() throws {
        let butcher = try #require(OSMTagMatch("shop=butcher"))
        #expect(butcher.matches(["shop": "butcher"]))
        #expect(butcher.matches(["shop": "bakery;butcher"]))
        #expect(butcher.matches(["shop": "bakery ; butcher ;deli"]))
        #expect(!butcher.matches(["shop": "butchery"]))
        #expect(!butcher.matches(["shop": "bakery;butchery"]))
        #expect(!butcher.matches(["shop": "clothes"]))
        #expect(!butcher.matches(["amenity": "butcher"]))
        let anyShop = try #require(OSMTagMatch("shop=*"))
        #expect(anyShop.matches(["shop": "clothes"]))
        #expect(!anyShop.matches(["amenity": "library"]))
    }

    @Test func allConditionsOfAnAnd() throws {
        let care = try #require(OSMTagMatch("amenity=nursing_home&opening_hours=24/7"))
        #expect(care.matches(["amenity": "nursing_home", "opening_hours": "24/7"]))
        #expect(care.matches(["amenity": "doctors;nursing_home", "opening_hours": "24/7"]))
        #expect(!care.matches(["amenity": "nursing_home", "opening_hours": "Mo-Fr 08:00-17:00"]))
        #expect(!care.matches(["amenity": "nursing_home"]))
        #expect(OSMTagMatch("amenity") == nil && OSMTagMatch("=x") == nil && OSMTagMatch("a=b&c") == nil)
    }
}
