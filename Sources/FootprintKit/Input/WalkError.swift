/// Why a folder could not be listed, in the system's words.
struct WalkError: Error, Sendable, Hashable {
    var reason: String
}
