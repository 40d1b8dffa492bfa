import ArgumentParser
import FootprintKit

extension ExitStatus {
    /// Ends a command with this status: success returns, any other status exits with it.
    func finish() throws {
        guard self != .success else { return }
        throw ExitCode(rawValue)
    }
}
