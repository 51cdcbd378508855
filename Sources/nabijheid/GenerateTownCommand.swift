import ArgumentParser
import Nabijheid

struct GenerateTownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-town",
        abstract: "Write a synthetic town (buurten, dwellings, facilities, GTFS stops, street network and a configuration) for demos and benchmarks.",
        discussion: """
        The same --dwellings, --seed and --landscape always give the same files. With --landscape town (the default), \
        about 20,000 dwellings make one grid town; larger counts give several identical towns joined by rural roads. \
        With --landscape national, the dwellings (at least 1,000; up to 10,000,000) are spread over a synthetic \
        country in the RD New range of the Netherlands: a few large cities, many towns and villages of different \
        density, rural roads with farms, raised and lowered kerbs at main-street crossings, one-way streets in \
        town centres, and a few thousand buurten at 8,000,000 dwellings.
        """
    )

    @Option(help: "Number of dwellings (addresses with woonfunctie).")
    var dwellings: Int = 2_000

    @Option(help: "Structure: town (identical grid towns of about 20,000 dwellings) or national (cities, towns and villages over the Netherlands).")
    var landscape: SyntheticLandscape = .town

    @Option(help: "Seed for every random choice.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: ArgumentHelp("Folder to write the town into.", valueName: "dir"))
    var output: String

    @Option(help: "Format of the buurt, dwelling and facility layers: geojson (RD New, as CBS publishes) or gpkg.")
    var layers: String = "geojson"

    @Option(help: "Format of the street network: osm (OSM XML, read through GDAL's OSM driver) or gpkg (a line layer 'wegen' and a point layer of kerbs 'knopen').")
    var network: SyntheticTownWriter.NetworkFormat = .osm

    @Flag(help: "Also write the whole town as one OSM PBF (stad.osm.pbf: streets, facilities and stops as tagged nodes, an address node and a building per address) and nabijheid-pbf.toml, which reads network, dwellings and facilities from it; the national landscape also gets nabijheid-nieuw.toml, its BAG-shaped dwelling layer with the PDOK status filter and network and facilities from the PBF.")
    var pbf = false

    func validate() throws {
        guard dwellings >= 10 else { throw ValidationError("--dwellings must be at least 10") }
        if landscape == .national {
            guard (1_000...10_000_000).contains(dwellings) else { throw ValidationError("--landscape national needs --dwellings from 1000 to 10000000") }
        }
        guard layers == "geojson" || layers == "gpkg" else { throw ValidationError("--layers must be geojson or gpkg") }
    }

    func run() throws {
        try reportingErrors {
            let town = SyntheticTown(dwellings: dwellings, seed: seed, landscape: landscape)
            try SyntheticTownWriter.write(town, to: output, layers: layers == "gpkg" ? .gpkg : .geojsonRDNew, network: network, pbf: pbf)
            print("generate-town: \(town.addresses.count) addresses, \(town.buurten.count) buurten, \(town.facilities.count) facilities, \(town.stops.count) stops, \(town.streets.count) streets in \(output)")
        }
    }
}

extension SyntheticTownWriter.NetworkFormat: ExpressibleByArgument {}
extension SyntheticLandscape: ExpressibleByArgument {}
