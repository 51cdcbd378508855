import Foundation

/// Bad input or configuration: something the user can fix. The message names the file, the
/// layer, the field or the key and says what was expected. Maps to exit code 2.
public struct InputError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }

    /// `path`, what could not be done and the reason of the C call that just failed (`errno`),
    /// with `explanation` after it: "x.gpkg: file is not readable (Permission denied)".
    public init(_ path: String, _ problem: String, errno code: Int32 = errno, explanation: String? = nil) {
        self.init("\(path): \(problem) (\(String(cString: strerror(code)))\(explanation.map { ": " + $0 } ?? ""))")
    }
    public var description: String { message }
}

/// A C library reported a failure that is not explained by the input (out of memory, an
/// internal error). Maps to exit code 70.
public struct LibraryError: Error, CustomStringConvertible {
    public var library: String
    public var message: String
    public init(library: String, message: String) {
        self.library = library
        self.message = message
    }
    public var description: String { "\(library): \(message)" }
}
