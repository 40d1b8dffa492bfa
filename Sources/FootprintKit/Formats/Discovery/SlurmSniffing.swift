/// Recognises `sacct --parsable2` (or `-p`) output by content: a first line of `|`-separated column names, one of
/// them `JobID` (or `JobIDRaw`), in any order and any column set.
enum SlurmSniffing {
    static func isSacct(_ head: FileHead) -> Bool {
        guard let first = head.lines.first, first.contains("|") else { return false }
        return SacctHeader(first.split(separator: "|", omittingEmptySubsequences: false).map(String.init)) != nil
    }
}
