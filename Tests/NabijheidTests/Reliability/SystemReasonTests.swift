import Foundation
import Testing
@testable import Nabijheid

/// Input the operating system refuses: the message names the path, what could not be done and
/// the system's own reason (`InputError(_:_:errno:explanation:)`).
@Suite("Reliability: the system's reason in input errors")
struct SystemReasonTests {
    @Test func unreadableInputsNameTheReason() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let missing = "\(directory)/ontbreekt.gpkg"
        #expect(throws: InputError("\(missing): file is not readable (No such file or directory)")) { try FileChecksum(path: missing) }
        // A folder opens but cannot be read as a file.
        #expect(throws: InputError("\(directory): cannot read (Is a directory)")) { try FileChecksum(path: directory) }
    }

    @Test func outputFolderUnderAFileNamesTheReason() throws {
        let directory = PipelineRun.temporaryDirectory()
        defer { PipelineRun.remove(directory) }
        let file = "\(directory)/bestand"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        let target = "\(file)/uitvoer"
        #expect(throws: InputError("\(target): cannot create the output folder (Not a directory: a part of the path is a file)")) {
            _ = try OutputFolder(directory: target)
        }
    }
}
