import Testing
@testable import FootprintKit

/// The accumulator integrates its queued readings on another thread: the traces must be those of integrating row
/// by row, to the bit, with what the shared retention keeps decided in row order.
struct PowerRowAccumulatorTests {
    /// Readings of `gpus` GPUs, interleaved as a log's rows are, with every 7th row of GPU 1 out of range (left
    /// out before it reaches an integrator) and 4 s more after every 11th (a gap for the gap detector).
    private static func rows(count: Int, gpus: Int) -> [(gpu: Int, seconds: Double, watts: Double)] {
        (0..<count).map { row in
            let gpu = row % gpus
            let tick = row / gpus
            let seconds = 1_709_647_331.517 + Double(tick) * 0.1 + Double(tick / 11) * 4
            var watts = 60 + Double((row * 37) % 240) + 0.25 * Double(gpu)
            if gpu == 1 && tick % 7 == 0 { watts = 9_000 }
            return (gpu, seconds, watts)
        }
    }

    /// The log of `rows` through the accumulator, and the traces of integrators fed the same rows one by one.
    private static func accumulated(
        _ rows: [(gpu: Int, seconds: Double, watts: Double)], gpus: Int, retainedSampleLimit: Int,
        besideReading: Bool = true
    ) -> (log: PowerLog, expected: [EnergyTrace]) {
        var options = PowerLogReadingOptions()
        options.retainedSampleLimit = retainedSampleLimit
        options.integratesBesideReading = besideReading
        options.boundaries = [1_709_647_400, 1_709_650_000.25]
        var accumulator = PowerRowAccumulator(powerFields: ["power.draw"], options: options)
        var integrators = Array(repeating: PowerIntegrator(boundaries: options.boundaries), count: gpus)
        var retention = SampleRetention(limit: retainedSampleLimit)
        var keeps = Array(repeating: true, count: gpus)
        for (index, row) in rows.enumerated() {
            let key = Array("gpu\(row.gpu)".utf8)
            let slot = key.withByteView { key in
                accumulator.slotIndex(forKey: key) { DeviceID(index: String(row.gpu)) }
            }
            guard let slot else {
                Issue.record("no slot for GPU \(row.gpu)")
                continue
            }
            let seconds = accumulator.utc(of: .absolute(row.seconds), line: index + 1)
            accumulator.countRow()
            let utilization = Double(index % 101)
            accumulator.add(
                watts: row.watts, field: 0, slot: slot, seconds: seconds, utilizationPercent: utilization)
            guard row.watts <= options.maximumPlausibleWatts else { continue }
            if keeps[row.gpu] { keeps[row.gpu] = retention.admit() }
            let sample = PowerSample(seconds: row.seconds, watts: row.watts, utilizationPercent: Float(utilization))
            integrators[row.gpu].add(sample, isKept: keeps[row.gpu])
        }
        let log = accumulator.finished(
            path: "gpu.csv", format: .nvidiaSMICSV, encoding: InputEncoding(isGzip: false, isUTF16LE: false))
        return (log, integrators.map { $0.finished() })
    }

    @Test func queuedReadingsIntegrateAsRowByRow() throws {
        let gpus = 5
        // Several queues' worth, so that integrations run while later rows are queued.
        let rows = Self.rows(count: 7 * PowerRowAccumulator.queueCapacity + 123, gpus: gpus)
        let (log, expected) = Self.accumulated(rows, gpus: gpus, retainedSampleLimit: 0)
        #expect(log.dataRowCount == rows.count)
        #expect(log.gpus.count == gpus)
        for gpu in 0..<gpus {
            #expect(log.gpus[gpu].trace == expected[gpu])
            #expect(log.gpus[gpu].trace.retainedSamples == nil)
        }
        let validRows = rows.filter { $0.watts <= 5_000 }
        #expect(log.gpus.map(\.trace.sampleCount).reduce(0, +) == validRows.count)
        #expect(log.gpus[1].invalidReasons.values.reduce(0, +) == rows.count - validRows.count)
        #expect(log.gpus[0].trace.gapCount > 0)
        // Integrated on the reading thread, as when logs are read side by side: the same log.
        let here = Self.accumulated(rows, gpus: gpus, retainedSampleLimit: 0, besideReading: false)
        #expect(here.log == log)
    }

    @Test func retentionBoundsAllGPUsOfALogTogetherInRowOrder() throws {
        let gpus = 3
        let rows = Self.rows(count: 3 * PowerRowAccumulator.queueCapacity, gpus: gpus)
        // The bound falls mid-log: the GPUs admitted before it keep all their samples only while every one of
        // theirs was admitted, the others none.
        let limit = 2 * PowerRowAccumulator.queueCapacity + 5
        let (log, expected) = Self.accumulated(rows, gpus: gpus, retainedSampleLimit: limit)
        for gpu in 0..<gpus { #expect(log.gpus[gpu].trace == expected[gpu]) }
        #expect(log.gpus.allSatisfy { $0.trace.retainedSamples == nil })
        let small = Self.rows(count: 30, gpus: gpus)
        // 28 valid readings, GPU 1's out-of-range rows (ticks 0 and 7) not offered for keeping: the 28th, GPU 2's
        // last, is refused, and GPU 2 then keeps none.
        let (smallLog, smallExpected) = Self.accumulated(small, gpus: gpus, retainedSampleLimit: 27)
        let kept = smallLog.gpus.map { $0.trace.retainedSamples?.count }
        #expect(kept == smallExpected.map { $0.retainedSamples?.count })
        #expect(kept == [10, 8, nil])
        #expect(smallLog.gpus.map(\.trace) == smallExpected)
    }
}
