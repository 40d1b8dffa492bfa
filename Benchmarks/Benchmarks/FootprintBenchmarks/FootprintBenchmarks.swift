import Benchmark
import Foundation
import FootprintKit

/// The inputs of `../shared/bench/gen.py` (see BENCHMARKS.md), in `FOOTPRINT_BENCH_DATA` or /tmp/footprint-bench;
/// `run/` holds one of each, as a training run leaves them.
let data = ProcessInfo.processInfo.environment["FOOTPRINT_BENCH_DATA"] ?? "/tmp/footprint-bench"

/// Each case is the whole `report` pipeline on one input, as a user runs it: sniffing, reading, integrating,
/// hashing for the provenance.
let cases: [(name: String, path: String)] = [
    ("nvidia-smi CSV -> energy per GPU (plain)", "gpu.csv"),
    ("nvidia-smi CSV -> energy per GPU (gzip)", "gpu.csv.gz"),
    ("tfevents -> all scalars", "events.out.tfevents.1709647331.node042.4242.0"),
    ("profiler trace (gzip) -> steps and GPU busy time", "trace.pt.trace.json.gz"),
    ("report of a run folder holding all three", "run"),
    ("64 hosts x 8 GPUs, 1 h at 1 Hz (Scripts/gen-multihost-bench.py)", "multihost"),
]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(60), maxIterations: 3)
    for entry in cases {
        let path = data + "/" + entry.path
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipping '\(entry.name)': \(path) is missing (generate the inputs as BENCHMARKS.md says)")
            continue
        }
        Benchmark(entry.name) { benchmark in
            var options = ReportOptions()
            options.zone = .utc
            for _ in benchmark.scaledIterations {
                blackHole(try RunAnalyzer.analyze(runDirectory: path, options: options))
            }
        }
    }
}
