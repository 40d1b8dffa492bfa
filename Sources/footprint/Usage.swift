import ArgumentParser
import FootprintKit

/// Runs `body`, turning the library's errors into usage errors: the message with the usage, exit status 1.
func usage<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as FootprintError {
        throw ValidationError(error.message)
    }
}
