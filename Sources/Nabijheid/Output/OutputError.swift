import Foundation

/// Writing the results failed in the file system, not because of the input: the output folder
/// cannot be created or written (permission, read-only or immutable), the disk is full, a file
/// grew past a limit. Maps to exit code 74 (`EX_IOERR` of sysexits.h), distinct from 1 (`check`:
/// the plan fails) and 2 (bad input), so that CI never takes a full disk for a failing plan.
/// The earlier results in the folder are left as they were.
public struct OutputError: Error, CustomStringConvertible, Equatable {
    /// The file or folder that could not be written.
    public var path: String
    /// What was being done, e.g. "cannot write".
    public var action: String
    /// The operating system's reason (strerror), e.g. "No space left on device".
    public var cause: String

    public init(_ path: String, _ action: String, cause: String) {
        self.path = path
        self.action = action
        self.cause = cause
    }

    /// With the reason of the C call that just failed (`errno`).
    public init(_ path: String, _ action: String, errno code: Int32 = errno) {
        self.init(path, action, cause: String(cString: strerror(code)))
    }

    public var message: String { "\(path): \(action) (\(cause))" }
    public var description: String { message }
}
