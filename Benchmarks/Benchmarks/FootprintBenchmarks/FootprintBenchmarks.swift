import Benchmark
import Foundation
import FootprintKit

/// The inputs of `../shared/bench/gen.py` (see BENCHMARKS.md), in `FOOTPRINT_BENCH_DATA` or /tmp/footprint-bench;
/// `run/` holds one of each, as a training run leaves them.
let data = ProcessInfo.processInfo.environment["FOOTPRINT_BENCH_DATA"] ?? "/tmp/footprint-bench"

/// Each case is the whole `report` pipeline on one input, as a user runs it: sniffing, reading, integrating,
/// hashing for the provenance. Names are plain identifiers, as the static thresholds' file names (Thresholds/) need.
let cases: [(name: String, path: String)] = [
    ("csv-plain", "gpu.csv"),  // nvidia-smi CSV -> energy per GPU
    ("csv-gzip", "gpu.csv.gz"),  // the same, gzip
    ("tfevents", "events.out.tfevents.1709647331.node042.4242.0"),  // all scalars
    ("trace-gzip", "trace.pt.trace.json.gz"),  // profiler trace -> steps and GPU busy time
    ("run-folder", "run"),  // a run folder holding all three
    ("multihost-64x8", "multihost"),  // 64 hosts x 8 GPUs, 1 h at 1 Hz (Scripts/gen-multihost-bench.py)
]

let benchmarks: @Sendable () -> Void = {
    // Tolerances for `swift package benchmark thresholds check` against the committed Thresholds/ (p90 of a run on
    // this project's 2-core machine, BENCHMARKS.md): times there vary by a third from minute to minute, so their
    // tolerance is wide; memory and malloc counts (which vary only with the gzip reader thread's pace) less so.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        maxDuration: .seconds(60), maxIterations: 3,
        thresholds: [
            .wallClock: .init(relative: [.p90: 50]),
            .cpuTotal: .init(relative: [.p90: 50]),
            .peakMemoryResident: .init(relative: [.p90: 25]),
            .mallocCountTotal: .init(relative: [.p90: 25]),
        ])
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
