import Testing
@testable import Nabijheid

@Suite struct OSMTagsTests {
    @Test func plainPairs() {
        #expect(OSMTags.parseHstore(#""highway"=>"footway","foot"=>"yes""#) == ["highway": "footway", "foot": "yes"])
        #expect(OSMTags.parseHstore(#""amenity"=>"school""#) == ["amenity": "school"])
        // GDAL writes no spaces, but whitespace between pairs is harmless.
        #expect(OSMTags.parseHstore(#""a"=>"1", "b" => "2""#) == ["a": "1", "b": "2"])
    }

    @Test func escapedQuotesAndBackslashes() {
        // Text: "name"=>"De \"Kade\"","path"=>"C:\\temp\\x"
        let text = #""name"=>"De \"Kade\"","path"=>"C:\\temp\\x""#
        #expect(OSMTags.parseHstore(text) == ["name": #"De "Kade""#, "path": #"C:\temp\x"#])
        // A value ending in an escaped backslash, followed by another pair.
        #expect(OSMTags.parseHstore(#""a"=>"x\\","b"=>"y""#) == ["a": "x\\", "b": "y"])
        // An escaped quote in a key.
        #expect(OSMTags.parseHstore(#""we\"ird"=>"v""#) == [#"we"ird"#: "v"])
    }

    @Test func commasAndArrowsInsideValues() {
        let text = #""opening_hours"=>"Mo-Fr 08:00-17:00, Sa 10:00-12:00","note"=>"a=>b,c","x"=>"y""#
        #expect(OSMTags.parseHstore(text) == [
            "opening_hours": "Mo-Fr 08:00-17:00, Sa 10:00-12:00",
            "note": "a=>b,c",
            "x": "y",
        ])
    }

    @Test func nonASCIIAndEmptyValues() {
        #expect(OSMTags.parseHstore(#""name"=>"Café ’t Hoekje","e"=>"""#) == ["name": "Café ’t Hoekje", "e": ""])
    }

    @Test func emptyText() {
        #expect(OSMTags.parseHstore("") == [:])
    }

    @Test func malformedTextKeepsCompletePairs() {
        #expect(OSMTags.parseHstore(#""a"=>"b","c"=>"d"#) == ["a": "b"])
        #expect(OSMTags.parseHstore(#""a"=>"b","c""#) == ["a": "b"])
    }
}
