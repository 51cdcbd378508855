import Foundation

extension CategoryDistances {
    /// Turns what each category's search reached into its service areas, one per threshold
    /// (`serviceAreas[c][t]`), on a grid (`ServiceAreaRaster`); categories run in parallel.
    /// Frees `reached` afterwards.
    /// - Throws: `LibraryError` when GDAL cannot polygonize.
    public mutating func drawServiceAreas(graph: WalkGraph, thresholds: [Double], buffer: Double, threads: Int) throws {
        let reached = self.reached
        var areas = [[AreaShape]](repeating: [], count: reached.count)
        var failure: Error?
        let lock = NSLock()
        CategoryScheduler.run(categories: reached.count, threads: threads, weight: { reached[$0].segment.count },
                              makeWorker: { ServiceAreaRaster(buffer: buffer) }) { raster, category in
            let result = Result { try raster.areas(reached[category].segments(in: graph), thresholds: thresholds) }
            lock.withLock {
                switch result {
                case .success(let shapes): areas[category] = shapes
                case .failure(let error): failure = failure ?? error
                }
            }
        }
        if let failure { throw failure }
        serviceAreas = areas
        self.reached = []
    }
}
