import Foundation
import Testing
@testable import Nabijheid

/// CBS conventions: wijk and gemeente codes from a buurtcode, and negative sentinels
/// (-99995 geheim, -99997 onbekend, …) read as unknown.
@Suite("CBS codes and sentinels")
struct CBSCodesTests {
    @Test(arguments: [("BU05032403", "WK050324", "GM0503"), ("BU03080109", "WK030801", "GM0308"), ("BU00010000", "WK000100", "GM0001")])
    func wijkAndGemeenteFromBuurtcode(buurt: String, wijk: String, gemeente: String) {
        #expect(CBSCodes.isBuurtcode(buurt))
        #expect(CBSCodes.wijkcode(of: buurt) == wijk)
        #expect(CBSCodes.gemeentecode(of: buurt) == gemeente)
    }

    @Test(arguments: ["", "BU0503240", "BU050324031", "WK05032403", "bu05032403", "BU0503240X", "BU 5032403", "Centrum"])
    func notABuurtcode(code: String) {
        #expect(!CBSCodes.isBuurtcode(code))
        #expect(CBSCodes.wijkcode(of: code) == nil)
        #expect(CBSCodes.gemeentecode(of: code) == nil)
    }

    @Test func sentinelsAreUnknown() {
        for sentinel in [-99995.0, -99997, -99999, -1] {
            #expect(CBSCodes.known(sentinel) == nil, "\(sentinel)")
        }
        #expect(CBSCodes.known(nil) == nil)
        #expect(CBSCodes.known(.nan) == nil)
        #expect(CBSCodes.known(.infinity) == nil)
        #expect(CBSCodes.known(0) == 0, "zero is a figure, not a sentinel")
        #expect(CBSCodes.known(1825) == 1825)
        #expect(CBSCodes.known(12.5) == 12.5)
    }
}

/// `BuurtReader` on the real CBS buurten of Baarn (WGS84, CBS field names, -99995 and -99997
/// sentinels in many fields).
@Suite("Buurten of Baarn through BuurtReader")
struct BaarnBuurtenTests {
    static let path = PipelineRun.sharedData + "/baarn/baarn_buurten.geojson"
    static var available: Bool { FileManager.default.fileExists(atPath: path) }

    static func input() -> BuurtenInput {
        BuurtenInput(input: LayerInput(path: path, layer: nil, crs: nil), codeField: "buurtcode", nameField: "buurtnaam")
    }

    static func byCode(_ buurten: [Buurt]) -> [String: Buurt] {
        Dictionary(uniqueKeysWithValues: buurten.map { ($0.code, $0) })
    }

    @Test(.enabled(if: available, "needs ../shared/data/baarn/baarn_buurten.geojson"))
    func standardFields() throws {
        let buurten = try BuurtReader.read(Self.input())
        #expect(buurten.count == 21)
        let codes = Self.byCode(buurten)
        #expect(codes.count == 21)
        let centrum = try #require(codes["BU03080000"])
        #expect(centrum.name == "Centrum")
        #expect(centrum.inhabitants == 1825)
        #expect(centrum.percentage65Plus == 26)
        #expect(codes["BU03080501"]?.name == "Verspreide huizen Lage Vuursche")
        #expect(codes["BU03080501"]?.inhabitants == 70)
        #expect(codes["BU03080501"]?.percentage65Plus == 75)
        // Every buurt has its figures: aantal_inwoners adds up to Baarn's 25065.
        #expect(buurten.allSatisfy { $0.inhabitants != nil && $0.percentage65Plus != nil })
        #expect(buurten.compactMap(\.inhabitants).reduce(0, +) == 25065)
        // water = "NEE" everywhere.
        #expect(buurten.allSatisfy { !$0.isWater })
        // wijkcode and gemeentecode from the layer's fields, equal to what the buurtcode gives.
        #expect(buurten.allSatisfy { $0.gemeentecode == "GM0308" })
        #expect(Set(buurten.compactMap(\.wijkcode)) == ["WK030800", "WK030801", "WK030802", "WK030804", "WK030805"])
        #expect(buurten.allSatisfy { $0.wijkcode == CBSCodes.wijkcode(of: $0.code) })
        #expect(codes["BU03080109"]?.wijkcode == "WK030801")
    }

    /// A named field wins over the derivation from the buurtcode.
    @Test(.enabled(if: available, "needs ../shared/data/baarn/baarn_buurten.geojson"))
    func namedCodeFieldsAreRead() throws {
        var input = Self.input()
        input.wijkField = .required("buurtnaam")
        input.gemeenteField = .required("gemeentenaam")
        let codes = Self.byCode(try BuurtReader.read(input))
        #expect(codes["BU03080000"]?.wijkcode == "Centrum")
        #expect(codes["BU03080000"]?.gemeentecode == "Baarn")
    }

    /// The layer is WGS84; the reader returns RD New (Baarn lies near x 145 km, y 465 km).
    @Test(.enabled(if: available, "needs ../shared/data/baarn/baarn_buurten.geojson"))
    func geometryIsInRDNew() throws {
        let buurten = try BuurtReader.read(Self.input())
        let points = buurten.flatMap { $0.area.polygons.flatMap { $0.rings.flatMap { $0 } } }
        #expect(!points.isEmpty)
        #expect(points.allSatisfy { (135_000...160_000).contains($0.x) && (455_000...475_000).contains($0.y) })
    }

    /// Fields that hold CBS sentinels: geboorte_totaal is -99995 (geheim) in every buurt;
    /// percentage_eenpersoonshuishoudens is -99997 for BU03080401 only.
    @Test(.enabled(if: available, "needs ../shared/data/baarn/baarn_buurten.geojson"))
    func sentinelsAreReadAsUnknown() throws {
        var input = Self.input()
        input.inhabitantsField = .required("geboorte_totaal")
        input.share65Field = .required("percentage_eenpersoonshuishoudens")
        let buurten = try BuurtReader.read(input)
        #expect(buurten.count == 21)
        #expect(buurten.allSatisfy { $0.inhabitants == nil }, "-99995 is not a number of inhabitants")
        let codes = Self.byCode(buurten)
        #expect(codes["BU03080401"]?.percentage65Plus == nil, "-99997")
        #expect(codes["BU03080000"]?.percentage65Plus == 58)
        #expect(buurten.filter { $0.percentage65Plus == nil }.map(\.code) == ["BU03080401"])
    }

    @Test(.enabled(if: available, "needs ../shared/data/baarn/baarn_buurten.geojson"))
    func namedFieldMustExistAndOffMeansUnknown() throws {
        var missing = Self.input()
        missing.inhabitantsField = .required("inwoners")
        let error = #expect(throws: InputError.self) { try BuurtReader.read(missing) }
        let message = error?.message ?? ""
        for fragment in ["baarn_buurten.geojson", "no field 'inwoners'", "buurten.inhabitants_field"] {
            #expect(message.contains(fragment), "'\(message)' should mention \(fragment)")
        }
        var off = Self.input()
        off.inhabitantsField = .none
        off.share65Field = .none
        let buurten = try BuurtReader.read(off)
        #expect(buurten.allSatisfy { $0.inhabitants == nil && $0.percentage65Plus == nil })
        // A standard name the layer does not have is simply unknown, not an error.
        var absent = Self.input()
        absent.waterField = .standard("is_water")
        #expect(try BuurtReader.read(absent).allSatisfy { !$0.isWater })
    }
}
