/// A value that is handed over once: `take()` returns it and lets go of it, so the memory is
/// freed as soon as the taker is done, even while the struct that carried it (`RunInputs`)
/// lives on. Used for the care network's builder: its vertex table is large and is not needed
/// once the graph is built; and for each category's reached network, freed once its service
/// areas are drawn. Not thread-safe.
final class HandOver<Value> {
    private var value: Value?

    init(_ value: Value) { self.value = value }

    /// The value on the first call, nil afterwards.
    func take() -> Value? {
        defer { value = nil }
        return value
    }
}
