import Foundation
import Testing
@testable import Nabijheid

/// The dwelling layer is the one layer nabijheid serialises itself. These tests hold it to
/// GDAL: GDAL must read it back with the same values GDAL's own GeoJSON writer gives, the
/// bytes must not depend on the number of threads or the batch size, and every string and
/// number must survive the round trip.
@Suite struct GeoJSONPointLayerWriterTests {
    static let fields: [FieldDefinition] = [
        .init("woning_id", .string), .init("aantal", .integer), .init("afstand_m", .real), .init("naam \"x\"", .string),
    ]

    /// Random features with awkward values: nulls, NaN, quotes, backslashes, control
    /// characters, non-ASCII text, negative and huge numbers, points across the Netherlands.
    static func features(_ count: Int, seed: UInt64) -> [(PlanarPoint, [FieldValue])] {
        var random = SeededRandom(seed: seed)
        let strings = ["gewoon", "met \"aanhalingstekens\"", "back\\slash", "regel\neinde\ttab", "\u{01}stuur", "één café ☕", "", "/"]
        return (0..<count).map { index in
            let point = PlanarPoint(x: 10_000 + random.unit() * 270_000, y: 305_000 + random.unit() * 310_000)
            let pick = Int(random.unit() * 8)
            let real: Double? = switch pick {
            case 0: nil
            case 1: .nan
            case 2: -0.5
            case 3: 1e-7
            case 4: 123_456_789.25
            default: (random.unit() * 20_000).rounded() / 10
            }
            return (point, [
                .string(index % 11 == 0 ? nil : "\(strings[pick])-\(index)"),
                .integer(pick == 5 ? nil : Int(random.unit() * 2_000_000) - 1_000_000),
                .real(real),
                .string(strings[(pick + 3) % 8]),
            ])
        }
    }

    static func write(_ features: [(PlanarPoint, [FieldValue])], framing: GeoJSONPointLayerWriter.Framing,
                      threads: Int, batchSize: Int, to path: String) throws -> Data {
        var writer = GeoJSONPointLayerWriter(layerName: "woningen", fields: fields, framing: framing, threads: threads)
        writer.batchSize = batchSize
        let room = features.map { GeoJSONText.PropertyKeys([]).maximumLength(with: $0.1) }.max() ?? 0
        try writer.write(count: features.count, to: path, valueRoom: room, position: { features[$0].0 }) { index, sink in
            for value in features[index].1 { sink.value(value) }
        }
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// Every feature as GDAL reads it: the field values as text (nil for null) and the point.
    static func readWithGDAL(_ path: String) throws -> [([String?], PlanarPoint)] {
        let dataset = try VectorDataset(path: path)
        let layer = try dataset.layer(named: nil)
        var rows: [([String?], PlanarPoint)] = []
        try layer.forEachFeature { feature in
            let values = fields.map { feature.string(feature.fieldIndex($0.name)) }
            guard case .point(let x, let y)? = feature.geometry else { throw InputError("feature \(feature.fid) is not a point") }
            rows.append((values, PlanarPoint(x: x, y: y)))
        }
        return rows
    }

    @Test func bytesDoNotDependOnThreadsOrBatchSize() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let features = Self.features(1_000, seed: 11)
        for framing in [GeoJSONPointLayerWriter.Framing.featureCollection, .sequence] {
            let reference = try Self.write(features, framing: framing, threads: 1, batchSize: 1_000, to: "\(directory)/a")
            for (threads, batchSize) in [(1, 7), (2, 100), (3, 333), (8, 1)] {
                let other = try Self.write(features, framing: framing, threads: threads, batchSize: batchSize, to: "\(directory)/b")
                #expect(other == reference, "\(framing), \(threads) threads, batches of \(batchSize)")
            }
        }
    }

    @Test func gdalReadsTheSameValuesAsFromItsOwnWriter() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let features = Self.features(500, seed: 5)
        _ = try Self.write(features, framing: .featureCollection, threads: 2, batchSize: 64, to: "\(directory)/ours.geojson")
        let gdalWriter = try VectorLayerWriter(path: "\(directory)/gdal.geojson", layerName: "woningen", fields: Self.fields,
                                               format: .geojson, pointsOnly: true)
        for (point, values) in features { try gdalWriter.add(.point(point), values) }
        try gdalWriter.close()

        let ours = try Self.readWithGDAL("\(directory)/ours.geojson")
        let theirs = try Self.readWithGDAL("\(directory)/gdal.geojson")
        #expect(ours.count == 500 && theirs.count == 500)
        for (index, (mine, gdal)) in zip(ours, theirs).enumerated() {
            // Strings and integers as GDAL's writer gives them; reals exactly as written here,
            // and within GDAL's 10 significant figures (it writes 123456789.25 as 123456789.2).
            #expect([mine.0[0], mine.0[1], mine.0[3]] == [gdal.0[0], gdal.0[1], gdal.0[3]], "feature \(index)")
            if case .real(let value) = features[index].1[2], let value, value.isFinite {
                #expect(mine.0[2].flatMap(Double.init) == value, "feature \(index)")
                #expect(abs((gdal.0[2].flatMap(Double.init) ?? .nan) - value) <= abs(value) * 1e-9, "feature \(index)")
            } else {
                #expect(mine.0[2] == nil && gdal.0[2] == nil, "feature \(index)")
            }
            #expect(abs(mine.1.x - gdal.1.x) <= 1e-6 && abs(mine.1.y - gdal.1.y) <= 1e-6, "feature \(index): \(mine.1) vs \(gdal.1)")
        }
        // Spot checks of the text itself against the input values.
        #expect(ours[0].0[0] == nil)
        #expect(ours.contains { $0.0[0]?.hasPrefix("regel\neinde\ttab-") == true })
        #expect(ours.contains { $0.0[3] == "één café ☕" })
        #expect(ours.contains { $0.0[3] == "\u{01}stuur" })
    }

    @Test func everyFeatureIsValidJSONWithTheValuesWritten() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let features = Self.features(300, seed: 3)
        let sequence = try Self.write(features, framing: .sequence, threads: 2, batchSize: 50, to: "\(directory)/w.geojsons")
        let lines = String(decoding: sequence, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 301 && lines.last == "", "one line per feature, newline-terminated")
        for (line, (_, values)) in zip(lines, features) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let properties = try #require(object["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(Self.fields.map(\.name)))
            switch values[2] {
            case .real(let value?) where value.isFinite: #expect((properties["afstand_m"] as? NSNumber)?.doubleValue == value)
            default: #expect(properties["afstand_m"] is NSNull)
            }
            if case .integer(let value?) = values[1] { #expect((properties["aantal"] as? NSNumber)?.intValue == value) }
            #expect(object["crs"] == nil && object["type"] as? String == "Feature")
        }
    }

    @Test func emptyLayerIsAnEmptyFeatureCollection() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let data = try Self.write([], framing: .featureCollection, threads: 2, batchSize: 10, to: "\(directory)/leeg.geojson")
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((object["features"] as? [Any])?.isEmpty == true)
        #expect(try Self.readWithGDAL("\(directory)/leeg.geojson").isEmpty)
    }

    @Test func numbersAreFormattedForGeoJSON() {
        func coordinate(_ value: Double) -> String {
            var text = GeoJSONText()
            text.append(coordinate: value, decimals: 6)
            return String(decoding: text.bytes, as: UTF8.self)
        }
        #expect(coordinate(4.358_123_4) == "4.358123")
        #expect(coordinate(4.358_123_5) == "4.358124")
        #expect(coordinate(52) == "52.0")
        #expect(coordinate(52.1) == "52.1")
        #expect(coordinate(-0.000_000_4) == "0.0")
        #expect(coordinate(-1.000_05) == "-1.00005")
        #expect(coordinate(0.000_001) == "0.000001")
        func real(_ value: Double?) -> String {
            var text = GeoJSONText()
            text.append(real: value)
            return String(decoding: text.bytes, as: UTF8.self)
        }
        #expect(real(523.4) == "523.4")
        #expect(real(15) == "15.0")
        #expect(real(nil) == "null" && real(.nan) == "null" && real(.infinity) == "null")
        #expect((try? JSONSerialization.jsonObject(with: Data("[\(real(1e-7))]".utf8))) != nil)
    }

    /// Reals are written without `description` where they are rounded to 1–4 decimals: the
    /// bytes must be exactly what `description` gives, for rounded values of every size and sign
    /// and for arbitrary doubles.
    @Test func realsAreWrittenAsSwiftDescribesThem() {
        func real(_ value: Double) -> String {
            var text = GeoJSONText()
            text.append(real: value)
            return String(decoding: text.bytes, as: UTF8.self)
        }
        var random = SeededRandom(seed: 7)
        var values: [Double] = [0, -0.0, 0.1, 0.05, 0.0001, 0.00012, 1e-5, 0.5, 1, 10, 100.25, 283.4, -283.4, 9_999_999_999.9, 1e10, 1e10 + 0.5,
                                123_456_789.0001, 0.9999, 1.0001, 2.675, 1e16, 1e-300, .greatestFiniteMagnitude, .leastNonzeroMagnitude]
        for _ in 0..<200_000 {
            let decimals = Int.random(in: 0...6, using: &random)
            let magnitude = [1.0, 100, 10_000, 1e6, 1e9, 1e11][Int.random(in: 0...5, using: &random)]
            let raw = Double.random(in: -magnitude...magnitude, using: &random)
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            values.append(decimals == 6 ? raw : (raw * scale).rounded() / scale)
        }
        for value in values where real(value) != value.description {
            Issue.record("\(value): wrote \(real(value)), description \(value.description)")
            break
        }
    }

    /// Metres and minutes are written by a shortcut (`append(tenths:)`): it must give the bytes
    /// of rounding with libm (`rounded()`) and writing the rounded real, for values of every
    /// size and sign, halves, zeros of both signs and values that are not finite.
    @Test func tenthsAreWrittenAsTheRoundedReal() {
        func text(_ write: (inout GeoJSONText) -> Void) -> String {
            var text = GeoJSONText()
            write(&text)
            return String(decoding: text.bytes, as: UTF8.self)
        }
        var random = SeededRandom(seed: 23)
        var values: [Double] = [0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.15, 0.25, 2.5, -2.5, 1234.45, 0x1p49, 0x1p49 + 0.5, 0x1p52, 0x1p53 + 2,
                                1e14, 1e15, 1e16, 1e300, -1e300, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for _ in 0..<200_000 {
            let magnitude = [1.0, 100, 2_000, 1e6, 1e12, 1e17][Int.random(in: 0...5, using: &random)]
            let raw = Double.random(in: -magnitude...magnitude, using: &random)
            // Every third value a multiple of 0.05: the halves that rounding decides.
            values.append(Int.random(in: 0...2, using: &random) == 0 ? (raw * 20).rounded(.towardZero) / 20 : raw)
        }
        for value in values {
            let expected = text { $0.append(real: value.isFinite ? (value * 10).rounded() / 10 : nil) }
            let written = text { $0.append(tenths: value) }
            guard written == expected else {
                Issue.record("\(value): wrote \(written), expected \(expected)")
                break
            }
            let nearest = Rounding.nearestInteger(value)
            guard nearest.bitPattern == value.rounded().bitPattern || (nearest.isNaN && value.isNaN) else {
                Issue.record("\(value): nearest integer \(nearest), rounded() \(value.rounded())")
                break
            }
        }
    }

    /// The text grows by `realloc` and is written through raw cursors: a copy must stay
    /// independent of the original, and many small writes across many growths must give
    /// exactly the concatenation, escapes included.
    @Test func textBufferGrowsAndCopiesAsAValue() {
        var random = SeededRandom(seed: 11)
        var text = GeoJSONText()
        var expected: [UInt8] = []
        var snapshot = GeoJSONText(), snapshotBytes: [UInt8] = []
        for step in 0..<20_000 {
            switch Int.random(in: 0...3, using: &random) {
            case 0:
                let value = Int.random(in: Int.min...Int.max, using: &random)
                text.append(integer: value)
                expected += Array(String(value).utf8)
            case 1:
                let value = (Double.random(in: -1e6...1e6, using: &random) * 10).rounded() / 10
                text.append(real: value)
                expected += Array(value.description.utf8)
            case 2:
                text.append(string: "a\"b\\c\n\u{02}é")
                expected += Array(#""a\"b\\c\n\u0002é""#.utf8)
            default:
                text.append(raw: ",")
                expected += Array(",".utf8)
            }
            if step == 5_000 {
                snapshot = text
                snapshotBytes = expected
            }
        }
        #expect(text.bytes == expected)
        #expect(text.count == expected.count)
        #expect(snapshot.bytes == snapshotBytes, "the copy kept its own bytes while the original grew")
        snapshot.append(raw: "!")
        #expect(text.bytes == expected, "writing to the copy left the original alone")
        text.removeAll()
        text.append(raw: "x")
        #expect(text.bytes == Array("x".utf8))
    }
}
