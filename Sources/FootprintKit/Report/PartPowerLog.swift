/// One power log a part read: its index among the run's files, what it gave (nil when nothing), and the findings
/// of reading it, so that `merge` puts them back in file order.
struct PartPowerLog: Sendable, Codable {
    var fileIndex: Int
    var log: PowerLog?
    var findings: FindingLog
}
