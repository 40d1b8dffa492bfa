/// Gaps counted but not listed.
struct GapTotals: Sendable, Hashable {
    var count = 0
    var seconds = 0.0
    var joules = 0.0

    mutating func append(_ gap: PowerIntegrator.Gap) {
        count += 1
        seconds += gap.seconds
        joules += gap.joules
    }

    mutating func append<S: Sequence>(contentsOf gaps: S) where S.Element == PowerIntegrator.Gap {
        for gap in gaps { append(gap) }
    }
}
