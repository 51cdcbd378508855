/// Where a dwelling ended up. Every dwelling read gets exactly one, so the run report can show
/// that nothing was lost.
public enum DwellingOutcome: Int8, Sendable, CaseIterable, Codable {
    /// In a buurt and linked to the network: it has distances.
    case inBuurt = 0
    /// In a buurt, but farther than the maximum snap distance from every walkable segment.
    case notRoutable = 1
    /// Outside all buurten (routable or not).
    case outsideBuurten = 2

    /// The value written in the `status` property of the dwelling layer.
    public var code: String {
        switch self {
        case .inBuurt: return "in_buurt"
        case .notRoutable: return "niet_routeerbaar"
        case .outsideBuurten: return "buiten_buurten"
        }
    }
}
