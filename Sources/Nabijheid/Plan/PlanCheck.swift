import Foundation

/// `nabijheid check`: the current situation and the one with a bouwplan applied, on one network,
/// compared; reports written atomically to the output folder.
public enum PlanCheck {
    public struct Options: Sendable {
        public var planPath: String
        public var planLayer: String?
        /// Profile names; empty means the first configured profile.
        public var profiles: [String]
        public var tolerance: Double
        public var threads: Int

        public init(planPath: String, planLayer: String? = nil, profiles: [String] = [], tolerance: Double = 0, threads: Int = 1) {
            self.planPath = planPath
            self.planLayer = planLayer
            self.profiles = profiles
            self.tolerance = tolerance
            self.threads = threads
        }
    }

    public static let fileNames = ["check.json", "check-junit.xml", "verschil.geojson", "verschil.qml", "verschil.vrt"]

    public static func run(_ configuration: RunConfiguration, options: Options, timer: StageTimer) throws -> CheckReport {
        let profileNames = configuration.assessment.profiles.map(\.name)
        guard !profileNames.isEmpty else { throw InputError("\(configuration.file): no requirement profiles to check against") }
        let selected = options.profiles.isEmpty ? [profileNames[0]] : options.profiles
        let profiles = try selected.map { name -> Int in
            guard let index = profileNames.firstIndex(of: name) else {
                throw InputError("--profile \(name): unknown profile; profiles are \(profileNames.joined(separator: ", "))")
            }
            return index
        }
        guard options.tolerance >= 0, options.tolerance <= 1 else {
            throw InputError("--tolerance must be a fraction between 0 and 1, found \(options.tolerance)")
        }
        try InputPath.checkLocalFile(options.planPath)
        let folder = try OutputFolder(directory: configuration.outputDirectory, names: fileNames,
                                      protecting: configuration.inputFiles + [options.planPath])

        var inputs = try timer.measure("lezen") { try RunInputs.read(configuration, threads: options.threads) }
        // The care network's builder is kept for a plan that edits the network.
        var careBuilder = inputs.careNetwork?.take()
        inputs.careNetwork = careBuilder.map(HandOver.init)
        let context = try RunContext(configuration: configuration, inputs: inputs, timer: timer, threads: options.threads)
        let plan = try timer.measure("plan") { () -> BouwPlan in
            try PlanReader.read(path: options.planPath, layer: options.planLayer, configuration: configuration, networkExtent: context.networkExtent)
        }
        // With network edits the plan gets a network of its own: the same lines with the edits
        // applied, for standaard, the mobility profiles and the care mode alike.
        let edits = plan.networkEdits
        if edits.isEmpty { careBuilder = nil }
        let planContext = try edits.isEmpty ? context : timer.measure("plannetwerk") { () -> RunContext in
            var edited = inputs
            try edited.network.apply(edits, rules: configuration.network.rules, file: plan.file)
            edited.careNetwork = careBuilder.map { builder in
                var builder = builder
                builder.apply(edits)
                return HandOver(builder)
            }
            return try RunContext(configuration: configuration, inputs: edited, timer: timer, threads: options.threads)
        }
        var current = context.situation(dwellings: inputs.dwellings, facilities: inputs.facilities, timer: timer)
        current.dwellingsSkipped = inputs.dwellingsSkipped
        current.facilitiesSkipped = inputs.facilitiesSkipped
        let application = try PlanApplication(plan: plan, current: current, context: planContext, relinking: !edits.isEmpty)
        let currentResult = try context.assess(current, timer: timer, serviceAreas: false)
        // Judged against the categories the current situation has: closing the last apotheek fails.
        let plannedResult = try planContext.assess(application.situation, timer: timer, serviceAreas: false, coverageOf: current)
        let comparison = PlanComparison(plan: plan, application: application, current: currentResult, planned: plannedResult,
                                        profiles: profiles, tolerance: options.tolerance,
                                        closedBaseMinutes: context.minutesFromClosedBases(plan: plan, current: current))
        let rules = comparison.rules()
        let report = CheckReport(
            nabijheid_versie: NabijheidVersion.current, plan: URL(fileURLWithPath: options.planPath).lastPathComponent,
            plan_sha256: try FileChecksum(path: options.planPath).sha256, profielen: selected, tolerantie: options.tolerance,
            geslaagd: rules.allSatisfy(\.geslaagd), regels: rules, buurten: comparison.buurtChanges(), sluitingen: comparison.closures())

        try timer.measure("schrijven") {
            try folder.write(try report.encoded(), to: "check.json")
            try folder.write(Data(JUnitReport.xml(report).utf8), to: "check-junit.xml")
            try DifferenceLayer.write(report, current: currentResult, planned: plannedResult, profiles: profiles,
                                      to: folder.stagingPath(for: "verschil.geojson"))
            try folder.write(Data(QGISStyle.difference(configuration, profiles: profiles).utf8), to: "verschil.qml")
            try folder.write(Data(LayerSchemaFile.vrt(layerName: "verschil", fileName: "verschil.geojson",
                                                      fields: DifferenceLayer.fields(configuration, profiles: profiles)).utf8), to: "verschil.vrt")
            try folder.commit()
        }
        return report
    }
}

extension RunContext {
    /// The bounding box of the network's nodes.
    var networkExtent: RDExtent? { graph.extent }

    /// Per 24-hour care base the plan closes (by `voorziening_id`), the minutes from that base
    /// alone to every current dwelling; empty without response times.
    func minutesFromClosedBases(plan: BouwPlan, current: Situation) -> [String: [Float]] {
        guard let care else { return [:] }
        let closed = plan.closedFacilityIDs
        var minutes: [String: [Float]] = [:]
        for f in current.facilities.indices where current.facilities[f].category == care.category && closed.contains(current.facilities[f].id) {
            minutes[current.facilities[f].id] = care.minutes(fromBase: f, current, maxSnap: configuration.network.maxSnapMeters, threads: threads)
        }
        return minutes
    }
}
