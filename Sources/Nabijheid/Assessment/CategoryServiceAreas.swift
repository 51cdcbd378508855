import Foundation

extension CategoryDistances {
    /// Turns what each category's search reached into its service areas, one per threshold
    /// (`serviceAreas[c][t]`), on a grid (`ServiceAreaRaster`); categories run in parallel.
    /// Frees `reached`. (Declared `throws` for callers; drawing on the grid cannot fail.)
    public mutating func drawServiceAreas(graph: WalkGraph, thresholds: [Double], buffer: Double, threads: Int) throws {
        serviceAreas = Self.serviceAreas(of: handOverReached(), graph: graph, thresholds: thresholds, buffer: buffer, threads: threads)
    }

    /// What the searches reached, handed over for `serviceAreas(of:)`; `reached` is empty afterwards.
    mutating func handOverReached() -> HandOver<[ReachedNetwork]> {
        defer { reached = [] }
        return HandOver(reached)
    }

    /// The service areas of what each category's search reached (`reached`, taken over), one
    /// per threshold. Each category's reached network is let go as soon as its areas are drawn:
    /// a national category reaches millions of segments, and the areas are drawn beside the
    /// assessment and the writing, whose own memory can then reuse it.
    static func serviceAreas(of reached: HandOver<[ReachedNetwork]>, graph: WalkGraph, thresholds: [Double], buffer: Double,
                             threads: Int) -> [[AreaShape]] {
        var networks = reached.take() ?? []
        let weights = networks.map(\.segment.count)
        let categories = networks.map { HandOver($0) }
        networks = []
        var areas = [[AreaShape]](repeating: [], count: categories.count)
        let lock = NSLock()
        CategoryScheduler.run(categories: categories.count, threads: threads, weight: { weights[$0] },
                              makeWorker: { ServiceAreaRaster(buffer: buffer) }) { raster, category in
            // Each category is taken by one worker only.
            let network = lock.withLock { categories[category].take() } ?? ReachedNetwork()
            let shapes = raster.areas(network.segments(in: graph), thresholds: thresholds)
            lock.withLock { areas[category] = shapes }
        }
        return areas
    }
}
