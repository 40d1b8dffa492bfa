import Foundation
import FootprintTestSupport
import Testing

@testable import FootprintKit

/// A power CSV is read in blocks parsed apart and accumulated in order: wherever the blocks end, the log and
/// every finding are the same, and the energy is the trapezoid sum of the rows that are samples.
@Suite struct CSVBlockTests {
    /// A log of 3 GPUs at 1 Hz with every kind of line the header logic reads, again and again: blank lines,
    /// repeated headers, CRLF, `[N/A]` readings, rows with too few fields and unreadable times, a header with the
    /// columns in another order half way, a line too long to read and a last line cut short. Also the valid
    /// samples of each GPU, in order.
    static func log() -> (text: String, samples: [[(seconds: Double, watts: Double)]], rows: Int) {
        let header = "timestamp, index, name, power.draw [W], utilization.gpu [%]"
        let swapped = "timestamp, power.draw [W], index, name, utilization.gpu [%]"
        var lines = [header]
        var samples: [[(seconds: Double, watts: Double)]] = [[], [], []]
        var rows = 0
        let midnight = 19_787.0 * 86_400  // 2024-03-05
        for second in 0..<1_500 {
            for gpu in 0..<3 {
                let milliseconds = (14 * 3_600 + second) * 1_000 + gpu * 10
                let time = String(
                    format: "2024/03/05 %02d:%02d:%02d.%03d", milliseconds / 3_600_000, milliseconds / 60_000 % 60,
                    milliseconds / 1_000 % 60, milliseconds % 1_000)
                let centiwatts = 10_000 + (second * 7_919 + gpu * 1_303) % 20_000
                let power =
                    second % 97 == 5 && gpu == 1
                    ? "[N/A]" : String(format: "%d.%02d W", centiwatts / 100, centiwatts % 100)
                let crlf = (second + gpu) % 5 == 0 ? "\r" : ""
                lines.append(
                    second < 900
                        ? "\(time), \(gpu), NVIDIA A100-SXM4-80GB, \(power), \(second % 100) %\(crlf)"
                        : "\(time), \(power), \(gpu), NVIDIA A100-SXM4-80GB, \(second % 100) %\(crlf)")
                rows += 1
                if power != "[N/A]" {
                    samples[gpu].append((midnight + Double(milliseconds) / 1_000, Double(centiwatts) / 100))
                }
            }
            if second % 211 == 7 { lines.append("") }
            if second % 307 == 11 { lines.append(second < 900 ? header : swapped) }
            if second % 401 == 13 { lines.append("2024/03/05 15:00:00.000, 0") }
            if second % 499 == 17 { lines.append("2024/13/45 99:99:99.000, 0, NVIDIA A100-SXM4-80GB, 100.00 W, 5 %") }
            if second == 700 { lines.append(String(repeating: "x", count: 100_000)) }
            if second == 899 { lines.append(swapped) }
        }
        return (lines.joined(separator: "\n") + "\n2024/03/05 16:00:00.000, 0, NVI", samples, rows)
    }

    static func read(_ path: String, blockBytes: Int) throws -> (log: PowerLog?, findings: [Finding]) {
        var options = PowerLogReadingOptions()
        options.limits.maximumLineBytes = 5_000
        var findings = FindingLog()
        let log = try NvidiaSMICSVReader.read(
            path: path, displayPath: "gpu.csv", options: options, findings: &findings, blockBytes: blockBytes)
        return (log, findings.allFindings())
    }

    @Test func blockSizesGiveTheSameLogAndFindings() throws {
        let (text, samples, rows) = Self.log()
        let path = TestPaths.write(text, named: "gpu.csv")

        let reference = try Self.read(path, blockBytes: 4_096)
        let log = try #require(reference.log)
        #expect(log.dataRowCount == rows)
        #expect(log.gpus.count == 3)
        for (gpu, series) in log.gpus.enumerated() {
            #expect(series.identity.index == "\(gpu)")
            let expected = zip(samples[gpu], samples[gpu].dropFirst()).reduce(0.0) { sum, pair in
                sum + (pair.0.watts + pair.1.watts) / 2 * (pair.1.seconds - pair.0.seconds)
            }
            #expect(series.trace.sampleCount == samples[gpu].count)
            #expect(abs(series.trace.joules - expected) <= 1e-9 * expected)
        }
        let messages = reference.findings.map(\.message)
        #expect(messages.contains { $0.contains("row has 2 fields but the header has 5") })
        #expect(messages.contains { $0.contains("unreadable timestamp '2024/13/45") })
        #expect(messages.contains { $0.contains("a different header starts here") })
        #expect(messages.contains { $0.contains("the last line is cut short") })
        #expect(messages.contains { $0.contains("line longer than 5000 bytes skipped") })
        #expect(messages.contains { $0.contains("the header repeats") })
        // Lines as bytes: in Swift's `String`, "\r\n" is one character.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let overlong = try #require(lines.firstIndex { $0.count == 100_000 }) + 1
        #expect(reference.findings.contains { $0.location?.line == overlong && $0.message.contains("longer") })
        let unreadable = try #require(lines.firstIndex { $0.starts(with: "2024/13/45".utf8) }) + 1
        #expect(reference.findings.contains { $0.location?.line == unreadable })

        for blockBytes in [64, 257, 1_000, 65_536] {
            let other = try Self.read(path, blockBytes: blockBytes)
            #expect(other.log == reference.log, "blocks of \(blockBytes) bytes")
            #expect(other.findings == reference.findings, "blocks of \(blockBytes) bytes")
        }
    }

    @Test func rowsBeyondTheGPULimitAreLeftOutWhereverTheBlocksEnd() throws {
        // 1,030 GPUs, two rows each: the first 1,024 are counted, the other 6 GPUs' 12 rows are findings.
        var text = "timestamp, index, power.draw [W]\n"
        for second in 0..<2 {
            for gpu in 0..<1_030 { text += "2024/03/05 14:00:0\(second).000, \(gpu), 100.0 W\n" }
        }
        let path = TestPaths.write(text, named: "gpu.csv")
        let reference = try Self.read(path, blockBytes: 1 << 20)
        let log = try #require(reference.log)
        #expect(log.gpus.count == PowerRowAccumulator.maximumGPUs)
        #expect(log.dataRowCount == 2 * PowerRowAccumulator.maximumGPUs)
        #expect(log.gpus.allSatisfy { $0.trace.sampleCount == 2 && abs($0.trace.joules - 100) < 1e-9 })
        let limited = reference.findings.filter { $0.message.hasPrefix("more than 1024 distinct GPUs") }
        // Line 1 is the header: GPU 1,024's first row is line 1,026, its second 1,026 + 1,030.
        #expect(limited.first?.location?.line == 1_026)
        for blockBytes in [64, 4_096] {
            let other = try Self.read(path, blockBytes: blockBytes)
            #expect(other.log == reference.log, "blocks of \(blockBytes) bytes")
            #expect(other.findings == reference.findings, "blocks of \(blockBytes) bytes")
        }
    }

    @Test func rowsWhoseFirstColumnIsNotANumberAreRowsWhereverTheBlocksEnd() throws {
        // `--query-gpu=name,timestamp,…`: no row starts with a digit, but each has a time, so none can be a header;
        // a repeated header and a line of header names with no digit are still read as such.
        let header = "name, timestamp, index, power.draw [W]"
        var text = header + "\n"
        var joules = [0.0, 0.0]
        var last: [(seconds: Double, watts: Double)?] = [nil, nil]
        for second in 0..<600 {
            for gpu in 0..<2 {
                let watts = Double(100 + (second * 37 + gpu * 11) % 200) + 0.25
                text += "NVIDIA A100-SXM4-80GB, 2024/03/05 14:\(10 + second / 60):"
                text += String(format: "%02d.000, %d, %.2f W\n", second % 60, gpu, watts)
                // Rows after the 5-column header have 4 fields and are left out.
                guard second <= 400 else { continue }
                if let previous = last[gpu] {
                    joules[gpu] += (previous.watts + watts) / 2 * (Double(second) - previous.seconds)
                }
                last[gpu] = (Double(second), watts)
            }
            if second == 250 { text += header + "\n" }
            if second == 400 { text += "name, timestamp, index, power.draw [W], clocks.sm [MHz]\n" }
        }
        let path = TestPaths.write(text, named: "gpu.csv")
        let reference = try Self.read(path, blockBytes: 1 << 20)
        let log = try #require(reference.log)
        #expect(log.dataRowCount == 1_200 - 2 * 199)
        // The header with another column is a different one, not a repeat.
        #expect(reference.findings.contains { $0.message.contains("the header repeats once") })
        #expect(reference.findings.contains { $0.message.contains("row has 4 fields but the header has 5") })
        #expect(reference.findings.contains { $0.message.contains("a different header starts here") })
        for (gpu, series) in log.gpus.enumerated() {
            #expect(series.identity.index == "\(gpu)" && series.trace.sampleCount == 401)
            #expect(abs(series.trace.joules - joules[gpu]) <= 1e-9 * joules[gpu])
        }
        for blockBytes in [64, 257, 4_096] {
            let other = try Self.read(path, blockBytes: blockBytes)
            #expect(other.log == reference.log, "blocks of \(blockBytes) bytes")
            #expect(other.findings == reference.findings, "blocks of \(blockBytes) bytes")
        }
    }
}
