/// Samples counted per power bucket of ``PowerIntegrator/histogramWattsPerBucket``, for quantiles; encoded as its
/// non-empty buckets, since most of the 8,192 are empty.
struct PowerHistogram: Sendable, Hashable, Codable {
    /// Samples per bucket; empty for a trace without samples.
    var counts: [UInt32]

    init(counts: [UInt32]) { self.counts = counts }

    /// Adds `other`'s counts to these.
    mutating func add(_ other: PowerHistogram) {
        guard !other.counts.isEmpty else { return }
        guard counts.count == other.counts.count else { return counts = other.counts }
        for bucket in counts.indices { counts[bucket] &+= other.counts[bucket] }
    }

    private enum CodingKeys: String, CodingKey {
        case buckets
        /// `[bucket, count]` pairs of the non-empty buckets, in bucket order.
        case counts
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let buckets = try container.decode(Int.self, forKey: .buckets)
        guard buckets == 0 || buckets == PowerIntegrator.histogramBuckets else {
            throw DecodingError.dataCorruptedError(
                forKey: .buckets, in: container, debugDescription: "not 0 or \(PowerIntegrator.histogramBuckets)")
        }
        counts = Array(repeating: 0, count: buckets)
        for pair in try container.decode([[UInt32]].self, forKey: .counts) {
            guard pair.count == 2, Int(pair[0]) < buckets else {
                throw DecodingError.dataCorruptedError(
                    forKey: .counts, in: container, debugDescription: "not a [bucket, count] pair within the buckets")
            }
            counts[Int(pair[0])] = pair[1]
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(counts.count, forKey: .buckets)
        let pairs = counts.indices.filter { counts[$0] > 0 }.map { [UInt32($0), counts[$0]] }
        try container.encode(pairs, forKey: .counts)
    }
}
