/// One of `count` parts of a job split over machines (`--shard K/N`, 1-based): each machine runs one part, and
/// `merge` combines their outputs.
public struct Shard: Sendable, Hashable, Codable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public var description: String { "\(index)/\(count)" }

    /// `--shard K/N`.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` unless 1 ≤ K ≤ N.
    public static func parse(_ text: String) throws(FootprintError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, (1...count).contains(index)
        else {
            throw FootprintError(.invalidOption, "--shard '\(text)' is not K/N with 1 ≤ K ≤ N (e.g. 3/8)")
        }
        return Shard(index: index, count: count)
    }

    /// Whether a run at `relativePath` is this shard's: FNV-1a of the path, the same on every machine.
    public func holds(runPath relativePath: String) -> Bool {
        Int(ByteKeys.fnv1a(relativePath.utf8) % UInt64(count)) + 1 == index
    }

    /// Which of `hosts` (names, one per log; empty for a log without one) are this shard's: the distinct names in
    /// their natural order dealt out in turn, so every shard gets a near-equal share of hosts; logs without a host
    /// go to shard 1.
    func holds(hosts: [String]) -> [Bool] {
        let names = Set(hosts).filter { !$0.isEmpty }.sorted { HostName.precedes($0, $1) }
        var shardOfName: [String: Int] = [:]
        for (position, name) in names.enumerated() { shardOfName[name] = position % count + 1 }
        return hosts.map { (shardOfName[$0] ?? 1) == index }
    }
}
