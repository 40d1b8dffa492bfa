/// Gaps counted but not listed.
struct GapTotals: Sendable, Hashable, Codable {
    var count = 0
    var seconds = 0.0
    var joules = 0.0
    /// The longest of them, so that a bridge limit can tell whether any of them exceeds it.
    var longestSeconds = 0.0

    mutating func append(_ gap: EnergyGap) {
        count += 1
        seconds += gap.seconds
        joules += gap.joules
        longestSeconds = max(longestSeconds, gap.seconds)
    }

    mutating func append(contentsOf other: GapTotals) {
        count += other.count
        seconds += other.seconds
        joules += other.joules
        longestSeconds = max(longestSeconds, other.longestSeconds)
    }

    mutating func append<S: Sequence>(contentsOf gaps: S) where S.Element == EnergyGap {
        for gap in gaps { append(gap) }
    }
}
