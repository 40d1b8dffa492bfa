/// Slurm's durations: `[D-]HH:MM:SS`, `MM:SS` and `MM:SS.mmm` (`Elapsed`), or whole seconds (`ElapsedRaw`).
enum SlurmDuration {
    /// The longest duration read: 10 years (a longer one is damage, not a job).
    static let maximumSeconds = 10 * 366 * 86_400.0

    /// Seconds of `text`, or nil when it is not a duration (`INVALID`, blank, out of range).
    static func seconds(_ text: String) -> Double? {
        if let whole = Int(text) { return whole >= 0 && Double(whole) <= maximumSeconds ? Double(whole) : nil }
        var days = 0.0
        var clock = Substring(text)
        if let dash = text.firstIndex(of: "-") {
            guard let value = Int(text[..<dash]), value >= 0 else { return nil }
            days = Double(value)
            clock = text[text.index(after: dash)...]
        }
        let parts = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var seconds = 0.0
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            guard !part.isEmpty, part.allSatisfy({ $0.isASCIIDigit || (isLast && $0 == ".") }),
                let value = Double(part), value >= 0, value < (index == 0 ? 1e6 : 60)
            else { return nil }
            seconds = seconds * 60 + value
        }
        let total = days * 86_400 + seconds
        return total <= maximumSeconds ? total : nil
    }
}
