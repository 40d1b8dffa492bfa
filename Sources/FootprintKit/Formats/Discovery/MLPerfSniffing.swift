/// Recognises MLPerf Power's files that are read, by content: the analyzer log (`Time,…,Watts,…` lines) and
/// LoadGen's detail log (`:::MLLOG` lines).
enum MLPerfSniffing {
    /// The kind of an MLPerf file with this head, or nil when it is none that is read.
    static func kind(of head: FileHead) -> InputKind? {
        let cells = head.firstLineCells
        if cells.count >= 4, cells[0] == "Time", cells[2] == "Watts" { return .mlperfPowerLog }
        if head.lines.first?.hasPrefix(":::MLLOG") == true { return .mlperfLoadGenLog }
        return nil
    }
}
