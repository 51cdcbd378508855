/// The tool's version, written into every `run.json`.
public enum NabijheidVersion {
    public static let current = "0.1.0"
}
