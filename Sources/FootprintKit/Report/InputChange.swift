/// A file that changed while the report read it: its index among the run's files and the warning that names it.
struct InputChange: Sendable, Codable {
    var fileIndex: Int
    var finding: Finding
}
