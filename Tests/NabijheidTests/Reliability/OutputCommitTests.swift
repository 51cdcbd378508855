import Foundation
import Testing
@testable import Nabijheid

/// Issue 10, item 7: the commit of a run's files is all-or-nothing across the whole folder, also
/// when the process is killed between two renames (README "Guarantees", `CommitJournal`).
/// Regression: a kill -9 between the final renames left some files new, one missing and the
/// rest old; the old file survived only in the staging folder, which the next run deleted.
@Suite("Reliability: the commit survives a kill -9 after any rename")
struct OutputCommitTests {
    /// No styles, report or service areas: the layers, their typed .vrt and run.json; a commit
    /// over earlier results makes two renames per file.
    static let fewerFiles = "\n[outputs]\nqgis_styles = false\nhtml_report = false\nservice_areas = false\n"

    @Test("killed after the k-th rename, for every k: the next run finds the complete old or the complete new set")
    func killAfterEveryRename() throws {
        guard TestSupport.binaryIsAvailable() else { return }
        let town = try TownCopy()
        let old = try town.writeConfig("oud.toml", appending: Self.fewerFiles)
        // Other thresholds, search margin and snap distance: every one of the six files differs.
        let new = try town.writeConfig("nieuw.toml", replacing: [("thresholds_m = [100, 500, 1000]", "thresholds_m = [200, 400]"),
                                                                  ("search_margin_m = 500", "search_margin_m = 0"),
                                                                  ("max_snap_m = 250", "max_snap_m = 100")],
                                       appending: Self.fewerFiles)
        // A run that opens the folder and then fails on its buurten: it must complete the
        // interrupted commit first.
        try town.write("dit is geen GeoJSON\n", to: "kapot.geojson")
        let broken = try town.writeConfig("kapot.toml", replacing: [(#"path = "buurten.geojson""#, #"path = "kapot.geojson""#)])

        let oldFolder = town.url("oud"), newFolder = town.url("nieuw")
        try #require(try town.run(config: old, output: oldFolder).exited(0))
        try #require(try town.run(config: new, output: newFolder).exited(0))
        let oldSet = try OutputSnapshot.checksums(oldFolder), newSet = try OutputSnapshot.checksums(newFolder)
        try #require(oldSet.count >= 6 && Set(oldSet.keys) == Set(newSet.keys))
        // Every data file differs, so a mix shows; a layer's typed .vrt may be the same in both.
        try #require(oldSet.keys.filter { !$0.hasSuffix(".vrt") }.allSatisfy { oldSet[$0] != newSet[$0] }, "every data file must differ between the two sets")

        let renames = 2 * oldSet.count
        for k in 0...renames + 1 {
            let folder = town.url("uitvoer-\(k)")
            try FileManager.default.copyItem(at: oldFolder, to: folder)
            let killed = try town.run(config: new, output: folder, environment: ["NABIJHEID_TEST_ABORT_AFTER_RENAME": "\(k)"])
            if k <= renames {
                #expect(killed.signaled && killed.status == SIGKILL, "k = \(k): the test hook should kill the run\n\(killed)")
            } else {
                #expect(killed.exited(0), "k = \(k): there is no such rename\n\(killed)")
            }
            let next = try town.run(config: broken, output: folder)
            #expect(next.exited(2), "k = \(k)\n\(next)")
            let after = try OutputSnapshot.checksums(folder)
            #expect(after == oldSet || after == newSet,
                    "k = \(k): a mix of old and new files, or a file lost: \(after.keys.sorted().map { "\($0): \(after[$0] == oldSet[$0] ? "old" : after[$0] == newSet[$0] ? "new" : "?")" })")
            #expect(OutputSnapshot.hiddenEntries(folder).isEmpty, "k = \(k): staging folder left")
            // And the folder works as usual afterwards.
            if k == renames / 2 {
                #expect(try town.run(config: old, output: folder).exited(0))
                #expect(try OutputSnapshot.checksums(folder) == oldSet)
            }
        }
    }

    @Test("a commit interrupted while being undone is undone by the next run; undoing twice changes nothing")
    func interruptedUndoIsFinished() throws {
        let folder = try TestSupport.makeTemporaryDirectory("journal")
        defer { try? FileManager.default.removeItem(at: folder) }
        let staging = folder.appendingPathComponent(".nabijheid-staging-1").path
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        func put(_ text: String, _ path: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
        // a: moved aside and replaced; b: moved aside only; c: not moved yet; d: new, placed (no earlier file).
        try put("oud a", "\(staging)/.earlier-a.geojson"); try put("nieuw a", "\(folder.path)/a.geojson")
        try put("oud b", "\(staging)/.earlier-b.geojson"); try put("nieuw b", "\(staging)/b.geojson")
        try put("oud c", "\(folder.path)/c.geojson"); try put("nieuw c", "\(staging)/c.geojson")
        try put("nieuw d", "\(folder.path)/d.geojson")
        let journal = CommitJournal(names: ["a.geojson", "b.geojson", "c.geojson", "d.geojson"], direction: .back)
        try journal.write(into: staging)
        #expect(try CommitJournal.read(from: staging) == journal)
        for _ in 0..<2 { try journal.complete(staging: staging, directory: folder.path) }
        for name in ["a", "b", "c"] {
            #expect(try String(contentsOfFile: "\(folder.path)/\(name).geojson", encoding: .utf8) == "oud \(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: "\(folder.path)/d.geojson"), "d did not exist before the commit")
    }
}
