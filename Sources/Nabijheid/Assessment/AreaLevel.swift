/// One level of areas a run reports on: buurten, or wijken or gemeenten built from them.
/// Each buurt belongs to at most one area of the level; dwellings and facilities follow their
/// buurt.
public struct AreaLevel: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case buurt, wijk, gemeente

        /// The code property in the layer: `buurtcode`, `wijkcode`, `gemeentecode`.
        public var codeProperty: String { "\(rawValue)code" }
        /// The layer and file name without extension.
        public var layerName: String {
            switch self {
            case .buurt: return "buurten"
            case .wijk: return "wijken"
            case .gemeente: return "gemeenten"
            }
        }
    }

    public var kind: Kind
    public var codes: [String]
    public var names: [String?]
    public var geometry: [AreaShape]
    /// Area index per buurt, -1 when the buurt has no code at this level.
    public var areaOfBuurt: [Int32]
    /// Buurten per area.
    public var buurten: [[Int]]

    public var count: Int { codes.count }

    /// The area index of each item (dwelling, facility) from its buurt index (-1 stays -1).
    public func areas(ofBuurten buurtIndices: [Int32]) -> [Int32] {
        buurtIndices.map { $0 < 0 ? -1 : areaOfBuurt[Int($0)] }
    }

    static func buurten(_ buurten: [Buurt]) -> AreaLevel {
        AreaLevel(kind: .buurt, codes: buurten.map(\.code), names: buurten.map(\.name), geometry: buurten.map(\.area),
                  areaOfBuurt: (0..<buurten.count).map(Int32.init), buurten: (0..<buurten.count).map { [$0] })
    }

    /// Groups buurten by their wijk or gemeente code (sorted by code) and dissolves their
    /// polygons with GEOS.
    static func grouped(_ kind: Kind, buurten: [Buurt]) throws -> AreaLevel {
        let codeOf: (Buurt) -> String? = kind == .wijk ? { $0.wijkcode } : { $0.gemeentecode }
        let codes = Set(buurten.compactMap(codeOf)).sorted()
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, Int32($0)) })
        let areaOfBuurt = buurten.map { buurt in codeOf(buurt).flatMap { index[$0] } ?? -1 }
        var members = [[Int]](repeating: [], count: codes.count)
        for (buurt, area) in areaOfBuurt.enumerated() where area >= 0 { members[Int(area)].append(buurt) }
        let dissolver = AreaDissolver()
        let geometry = try members.enumerated().map { area, buurtIndices in
            try dissolver.union(buurtIndices.map { buurten[$0].area }, label: "\(kind.rawValue) \(codes[area])")
        }
        return AreaLevel(kind: kind, codes: codes, names: codes.map { _ in nil }, geometry: geometry,
                         areaOfBuurt: areaOfBuurt, buurten: members)
    }
}
