import Foundation

/// The record that makes `OutputFolder.commit()` all-or-nothing across the whole folder, also
/// when the process dies between two renames (kill -9, a crash, power loss).
///
/// A commit moves, for every file name in turn, the earlier result `<folder>/<name>` (if any)
/// to `<staging>/.earlier-<name>`, then the new `<staging>/<name>` to `<folder>/<name>`.
/// Before the first of these renames, the journal `<staging>/commit-journal` is written and
/// fsynced (after every staged file): it lists the names and the direction, `forward`. So:
///
/// - a staging folder **without** a journal never began its commit: it holds unfinished new
///   files only and is deleted by the next run;
/// - a staging folder **with** a journal is an interrupted commit of complete files: the next
///   run into that folder, before anything else, *completes* it (`forward`: every name whose
///   staged file is still there is moved into place), and only then deletes the folder. The
///   folder then holds the complete new set, never a mix, and no earlier file is deleted
///   before the new one is in place;
/// - when a rename fails inside a commit (not a crash), the journal is switched to `back` and
///   the moves are undone at once (the earlier files return); if that is interrupted too, the
///   next run finishes undoing it.
///
/// Every step checks what is on disk, so completing a journal twice does no harm. The journal
/// is removed first when a commit is finished, then the staging folder.
struct CommitJournal: Equatable {
    enum Direction: String {
        case forward, back
    }

    static let fileName = "commit-journal"
    private static let header = "nabijheid commit journal 1"

    var names: [String]
    var direction: Direction

    static func earlierName(_ name: String) -> String { ".earlier-\(name)" }

    /// Writes the journal durably: to a temporary name, fsynced, renamed over the journal, and
    /// the staging folder fsynced, so the journal is either absent or complete.
    func write(into staging: String) throws {
        let text = ([Self.header, direction.rawValue] + names).joined(separator: "\n") + "\n"
        let temporary = "\(staging)/\(Self.fileName).new", path = "\(staging)/\(Self.fileName)"
        try DurableFile.store(Data(text.utf8), to: temporary)
        guard rename(temporary, path) == 0 else { throw OutputError(path, "cannot write the commit journal") }
        try DurableFile.sync(staging)
    }

    /// The journal in `staging`, or nil when there is none (the commit never began).
    static func read(from staging: String) throws -> CommitJournal? {
        let path = "\(staging)/\(fileName)"
        guard DurableFile.exists(path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw OutputError(path, "cannot read the journal of an interrupted commit", cause: "unreadable")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3, lines[0] == header, let direction = Direction(rawValue: lines[1]), lines.last == "" else {
            throw OutputError(path, "cannot read the journal of an interrupted commit", cause: "not a nabijheid commit journal")
        }
        let names = Array(lines[2..<(lines.count - 1)])
        guard names.allSatisfy({ !$0.isEmpty && !$0.contains("/") && !$0.hasPrefix(".") }) else {
            throw OutputError(path, "cannot read the journal of an interrupted commit", cause: "a name is not a plain file name")
        }
        return CommitJournal(names: names, direction: direction)
    }

    /// Finishes the moves in the journal's direction; safe to repeat.
    func complete(staging: String, directory: String) throws {
        func move(_ from: String, _ to: String) throws {
            guard rename(from, to) == 0 else { throw OutputError(to, "cannot finish an interrupted commit; the files are kept in \(staging)") }
        }
        switch direction {
        case .forward:
            for name in names where DurableFile.exists("\(staging)/\(name)") {
                try move("\(staging)/\(name)", "\(directory)/\(name)")
            }
        case .back:
            for name in names.reversed() {
                let staged = "\(staging)/\(name)", target = "\(directory)/\(name)", earlier = "\(staging)/\(Self.earlierName(name))"
                // The staged file is gone only once the new file was moved into place: take it back.
                if !DurableFile.exists(staged) && DurableFile.exists(target) { try move(target, staged) }
                if DurableFile.exists(earlier) { try move(earlier, target) }
            }
        }
        try DurableFile.sync(directory)
    }

    /// Removes the journal (then the staging folder is plain leftovers).
    static func remove(from staging: String) throws {
        let path = "\(staging)/\(fileName)"
        guard unlink(path) == 0 || errno == ENOENT else { throw OutputError(path, "cannot remove the commit journal") }
        try DurableFile.sync(staging)
    }

    // MARK: Test hook

    /// `NABIJHEID_TEST_ABORT_AFTER_RENAME=k`: the process kills itself (SIGKILL) right after the
    /// k-th rename of a commit (k = 0: right after the journal is written). Only for the tests
    /// that prove the commit is all-or-nothing; unset in normal use.
    private static let abortAfterRename: Int? = ProcessInfo.processInfo.environment["NABIJHEID_TEST_ABORT_AFTER_RENAME"].flatMap { Int($0) }

    static func renamed(count: Int) {
        if let abortAfterRename, count == abortAfterRename { kill(getpid(), SIGKILL) }
    }
}
