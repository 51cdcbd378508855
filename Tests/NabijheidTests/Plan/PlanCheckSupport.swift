import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Nabijheid

// Helpers for the `nabijheid check` tests: a scratch copy of fixtures/town with the example
// plans of fixtures/plans beside it, a way to write plans of one's own, to run `check` through
// the built binary, and to read the three reports back.

/// A scratch copy of the fixture town (via `TownCopy`) with fixtures/plans/*.geojson copied into
/// its folder, so that nothing is ever written into the repository.
final class PlanCheckTown {
    let town: TownCopy

    var directory: URL { town.directory }
    var config: URL { town.config }
    /// The default output folder for `check` (not created until the tool creates it).
    var output: URL { town.output }

    static var plansFixture: URL { TestSupport.packageRoot.appendingPathComponent("fixtures/plans") }

    /// The report files `check` writes, and nothing else.
    static let reportFiles = ["check-junit.xml", "check.json", "verschil.geojson", "verschil.qml", "verschil.vrt"]

    init() throws {
        town = try TownCopy()
        let manager = FileManager.default
        for entry in try manager.contentsOfDirectory(atPath: Self.plansFixture.path).sorted() where entry.hasSuffix(".geojson") {
            try manager.copyItem(at: Self.plansFixture.appendingPathComponent(entry), to: town.url(entry))
        }
    }

    func url(_ relativePath: String) -> URL { town.url(relativePath) }

    /// Writes a plan as a GeoJSON FeatureCollection from its features' JSON text. With `crs`
    /// nil the plan has no `crs` member (then it is WGS84 by definition).
    @discardableResult
    func writePlan(_ name: String, features: [String], crs: String? = "urn:ogc:def:crs:EPSG::28992") throws -> URL {
        var text = "{\n\"type\": \"FeatureCollection\",\n\"name\": \"bouwplan\",\n"
        if let crs { text += "\"crs\": { \"type\": \"name\", \"properties\": { \"name\": \"\(crs)\" } },\n" }
        text += "\"features\": [\n" + features.joined(separator: ",\n") + "\n]\n}\n"
        try town.write(text, to: name)
        return url(name)
    }

    /// `nabijheid check --config <copy> --plan <plan> --output <output>` plus `extra`. A plan
    /// that is not an absolute path or a remote path is taken relative to the town copy.
    func check(plan: String, output: URL? = nil, _ extra: [String] = [], timeout: Double = 60) throws -> CLIResult {
        let planArgument = plan.hasPrefix("/") || plan.contains("://") ? plan : url(plan).path
        return try TestSupport.run(["check", "--config", config.path, "--plan", planArgument,
                                    "--output", (output ?? self.output).path] + extra,
                                   in: directory, timeout: timeout)
    }

    /// Every entry of a folder (including hidden ones), sorted; empty when it does not exist.
    static func entries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }
}

// MARK: - Features for plans

enum PlanFeature {
    static func point(_ x: Double, _ y: Double) -> String {
        "{ \"type\": \"Point\", \"coordinates\": [ \(x), \(y) ] }"
    }

    /// One plan feature; `properties` as JSON values (strings are quoted here).
    static func feature(_ properties: [(String, String)], geometry: String?) -> String {
        let props = properties.map { "\"\($0.0)\": \(jsonString($0.1))" }.joined(separator: ", ")
        return "{ \"type\": \"Feature\", \"properties\": { \(props) }, \"geometry\": \(geometry ?? "null") }"
    }

    static func newDwelling(_ id: String, _ x: Double, _ y: Double, woonvorm: String? = nil) -> String {
        var properties = [("wijziging", "nieuwe_woning"), ("id", id)]
        if let woonvorm { properties.append(("woonvorm", woonvorm)) }
        return feature(properties, geometry: point(x, y))
    }

    static func removedDwelling(_ woningID: String) -> String {
        feature([("wijziging", "vervallen_woning"), ("woning_id", woningID)], geometry: nil)
    }

    static func newFacility(_ id: String, categorie: String, _ x: Double, _ y: Double) -> String {
        feature([("wijziging", "nieuwe_voorziening"), ("id", id), ("categorie", categorie)], geometry: point(x, y))
    }

    static func jsonString(_ text: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [text], options: [])
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}

// MARK: - Reading the reports

struct PlanCheckReports {
    let folder: URL
    let report: CheckReport
    let checkJSON: Data
    let junitData: Data
    let verschil: [[String: Any]]

    init(_ folder: URL) throws {
        self.folder = folder
        checkJSON = try Data(contentsOf: folder.appendingPathComponent("check.json"))
        report = try JSONDecoder().decode(CheckReport.self, from: checkJSON)
        junitData = try Data(contentsOf: folder.appendingPathComponent("check-junit.xml"))
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("verschil.geojson"))) as? [String: Any]
        verschil = (object?["features"] as? [[String: Any]]) ?? []
    }

    /// The properties of the verschil.geojson feature of a buurt.
    func verschilProperties(_ buurtcode: String) -> [String: Any]? {
        verschil.compactMap { $0["properties"] as? [String: Any] }.first { $0["buurtcode"] as? String == buurtcode }
    }

    var verschilBuurtcodes: [String] {
        verschil.compactMap { ($0["properties"] as? [String: Any])?["buurtcode"] as? String }
    }
}

/// The JUnit report parsed by an XML parser: what CI systems see.
struct ParsedJUnit {
    var testsuitesTests: Int?
    var testsuitesFailures: Int?
    var testsuiteTests: Int?
    var testsuiteFailures: Int?
    /// Per test case: class name, name, failure message (nil when it passed).
    var testcases: [(classname: String, name: String, failure: String?)] = []

    var failures: [(classname: String, name: String, failure: String?)] { testcases.filter { $0.failure != nil } }

    /// Parses `data`; throws when the XML is not well-formed. On Linux neither reader is strict
    /// on its own: XMLDocument recovers from errors silently (an illegal character truncates
    /// the tree), and XMLParser.parse() returns true after many errors. So the XML counts as
    /// well-formed only when XMLParser reports no error at all (return value, `parserError` and
    /// the delegate's error callbacks); where XMLDocument exists, its tree must agree as well.
    init(_ data: Data) throws {
        let delegate = JUnitParserDelegate()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        let parsed = parser.parse()
        guard parsed, parser.parserError == nil, delegate.errors.isEmpty else {
            let error = delegate.errors.first ?? parser.parserError.map { "\($0)" } ?? "unknown error"
            throw ParseError(message: "not well-formed XML (\(max(delegate.errors.count, 1)) errors): \(error)")
        }
        guard delegate.root == "testsuites" else { throw ParseError(message: "root element is <\(delegate.root ?? "")>, not <testsuites>") }
        guard delegate.suites == 1 else { throw ParseError(message: "expected one <testsuite>, found \(delegate.suites)") }
        self = delegate.result
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: data, options: [])
        guard let root = document.rootElement(), root.name == "testsuites" else {
            throw ParseError(message: "XMLDocument: root element is not <testsuites>")
        }
        let cases = root.elements(forName: "testsuite").flatMap { $0.elements(forName: "testcase") }
        guard cases.count == testcases.count,
              zip(cases, testcases).allSatisfy({ $0.attribute(forName: "name")?.stringValue == $1.name
                                                 && ($0.elements(forName: "failure").first != nil) == ($1.failure != nil) }) else {
            throw ParseError(message: "XMLDocument and XMLParser disagree: \(cases.count) vs \(testcases.count) test cases")
        }
        #endif
    }

    fileprivate init() {}

    struct ParseError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

private final class JUnitParserDelegate: NSObject, XMLParserDelegate {
    var result = ParsedJUnit()
    var root: String?
    var suites = 0
    var errors: [String] = []
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        errors.append("\(parseError) at line \(parser.lineNumber), column \(parser.columnNumber)")
    }
    func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
        errors.append("\(validationError) at line \(parser.lineNumber), column \(parser.columnNumber)")
    }
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        switch name {
        case "testsuites":
            result.testsuitesTests = attributes["tests"].flatMap { Int($0) }
            result.testsuitesFailures = attributes["failures"].flatMap { Int($0) }
        case "testsuite":
            suites += 1
            result.testsuiteTests = attributes["tests"].flatMap { Int($0) }
            result.testsuiteFailures = attributes["failures"].flatMap { Int($0) }
        case "testcase":
            result.testcases.append((attributes["classname"] ?? "", attributes["name"] ?? "", nil))
        case "failure":
            if !result.testcases.isEmpty { result.testcases[result.testcases.count - 1].failure = attributes["message"] ?? "" }
        default: break
        }
    }
}

// MARK: - A TCP listener that records whether anything connected

/// A listening socket on 127.0.0.1 and a free port. The kernel completes the TCP handshake of
/// any connection attempt into the backlog, so after a run `connectionAttempted` tells whether
/// anything tried to reach this port, without a server thread.
final class LoopbackListener {
    let port: UInt16
    private let socketDescriptor: Int32

    init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ParsedJUnit.ParseError(message: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw ParsedJUnit.ParseError(message: "bind/listen failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        socketDescriptor = descriptor
    }

    /// Whether a connection is waiting (accepts and closes it).
    var connectionAttempted: Bool {
        let connection = accept(socketDescriptor, nil, nil)
        if connection >= 0 { close(connection); return true }
        return false
    }

    deinit { close(socketDescriptor) }
}
