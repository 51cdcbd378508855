import Foundation

extension CategoryDistances {
    /// Turns what each category's search reached into its service areas, one per threshold
    /// (`serviceAreas[c][t]`), on a grid (`ServiceAreaRaster`); categories run in parallel.
    /// Frees `reached` afterwards. (Declared `throws` for callers; drawing on the grid cannot fail.)
    public mutating func drawServiceAreas(graph: WalkGraph, thresholds: [Double], buffer: Double, threads: Int) throws {
        let reached = self.reached
        var areas = [[AreaShape]](repeating: [], count: reached.count)
        let lock = NSLock()
        CategoryScheduler.run(categories: reached.count, threads: threads, weight: { reached[$0].segment.count },
                              makeWorker: { ServiceAreaRaster(buffer: buffer) }) { raster, category in
            let shapes = raster.areas(reached[category].segments(in: graph), thresholds: thresholds)
            lock.withLock { areas[category] = shapes }
        }
        serviceAreas = areas
        self.reached = []
    }
}
