/// Checks that what a layer holds lies where its CRS says: a layer that declares the wrong CRS
/// (EPSG:3857 holding RD coordinates) is transformed without complaint by PROJ, and would
/// otherwise give every dwelling "outside all buurten" or every facility "not routable".
///
/// Two rules, each an `InputError` naming the layer, the declared CRS and where the points
/// landed in RD New:
/// - every point must lie in RD New's area of use (`RDExtent.areaOfUse`), checked per point;
/// - a whole layer must come within `margin` of the network. Only the layer's bounding box is
///   compared, so a national layer around a city's network passes, and a few dwellings
///   outside all buurten stay what they are.
enum LayerPlacement {
    /// How far outside the network a layer or plan point may lie.
    static let margin = 5_000.0

    /// - Throws: `InputError` when `point` lies outside RD New's area of use.
    static func requireInAreaOfUse(_ point: PlanarPoint, label: @autoclosure () -> String, feature: @autoclosure () -> String,
                                   crs: @autoclosure () -> String) throws {
        guard RDExtent.areaOfUse.contains(point) else {
            throw InputError("\(label()): \(feature()) lies at \(RDExtent.describe(point)), outside the area where RD New coordinates can lie (\(RDExtent.areaOfUse.description)); are the coordinates in the CRS the layer declares (\(crs()))?")
        }
    }

    /// - Throws: `InputError` when `point` lies more than `margin` outside `network`.
    static func requireNear(_ point: PlanarPoint, network: RDExtent, label: String, feature: String, crs: String) throws {
        guard network.expanded(by: margin).contains(point) else {
            throw InputError("\(label): \(feature) lies at \(RDExtent.describe(point)), more than \(Int(margin / 1000)) km outside the network (\(network.description)); are the coordinates in the CRS the layer declares (\(crs))?")
        }
    }

    /// - Throws: `InputError` when the bounding box of `points` stays more than `margin` away
    ///   from `network` (nothing when either is empty).
    static func requireLayerNear(_ points: some Sequence<PlanarPoint>, network: RDExtent?, label: String, crs: String) throws {
        guard let network, let extent = RDExtent(points) else { return }
        guard extent.intersects(network.expanded(by: margin)) else {
            throw InputError("\(label): every feature lies at \(extent.description), more than \(Int(margin / 1000)) km outside the network (\(network.description)); are the coordinates in the CRS the layer declares (\(crs))?")
        }
    }
}
