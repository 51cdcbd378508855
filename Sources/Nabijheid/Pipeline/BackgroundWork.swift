import Foundation

/// A value worked out on a thread of its own from the moment this is made, beside whatever
/// the caller does next (work that would otherwise leave a core idle); `value()` waits for it
/// and hands it over, or rethrows the error the work threw. It may be called again (the same
/// value). Whoever makes one must call `value()` on every way out, errors included: a process
/// that exits while the work still runs (GDAL reading on that thread) can crash on the way out.
final class BackgroundWork<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Error>?

    init(_ work: @escaping () throws -> Value) {
        nonisolated(unsafe) let work = work
        Thread.detachNewThread { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    func value() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
