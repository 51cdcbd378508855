/// How many worker threads a run uses for a requested `--threads`. Results never depend on
/// it; it only bounds the per-worker state (a GEOS buurt index, a search buffer, a GeoPackage
/// connection each), so a huge request such as `--threads 100000` cannot exhaust memory.
public enum WorkerThreads {
    /// More workers than this gain nothing on any machine the tool runs on.
    public static let maximum = 64

    /// `requested` clamped to 1…`maximum`.
    public static func effective(_ requested: Int) -> Int {
        min(max(1, requested), maximum)
    }
}
