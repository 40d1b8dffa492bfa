internal import Foundation

/// A provenance being computed on another thread.
final class PendingProvenance: @unchecked Sendable {
    let group = DispatchGroup()
    var result: Result<Provenance, FootprintError>?

    func wait() throws(FootprintError) -> Provenance {
        group.wait()
        return try result!.get()
    }
}
