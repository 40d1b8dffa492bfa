extension PowerSeries {
    /// One device's series from several logs, or parts of one, as one: the traces joined in time order (a part
    /// whose samples overlap an earlier one's left out, its index among `parts` returned), the invalid readings and
    /// highest utilization of the parts kept, the ids one part lacks taken from the others, and the power fields of
    /// the parts kept (each part's own, else its log's `logField`), sorted and joined.
    static func joined(
        _ parts: [(series: PowerSeries, logField: String?)]
    ) -> (series: PowerSeries, overlapping: [Int]) {
        let (trace, overlapping) = EnergyTrace.joined(parts.map(\.series.trace))
        let kept = parts.indices.filter { !overlapping.contains($0) }.map { parts[$0] }
        var series = kept[0].series
        series.trace = trace
        for part in kept.dropFirst() {
            series.invalidReasons.merge(part.series.invalidReasons, uniquingKeysWith: +)
            series.identity.name = series.identity.name ?? part.series.identity.name
            series.identity.uuid = series.identity.uuid ?? part.series.identity.uuid
            series.identity.index = series.identity.index ?? part.series.identity.index
            series.identity.busID = series.identity.busID ?? part.series.identity.busID
        }
        series.maximumUtilizationPercent = kept.compactMap(\.series.maximumUtilizationPercent).max()
        let fields = Set(kept.compactMap { $0.series.powerField ?? $0.logField }).sorted()
        series.powerField = fields.isEmpty ? nil : fields.joined(separator: ", ")
        return (series, overlapping)
    }
}
