// swift-tools-version: 6.1
import PackageDescription

/// Benchmarks of Footprint's readers on large generated logs, kept apart so that `swift test` stays fast.
/// Run from this folder: `swift package benchmark` (inputs: see ../BENCHMARKS.md).
let package = Package(
    name: "FootprintBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Footprint", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "FootprintBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "FootprintKit", package: "Footprint"),
            ],
            path: "Benchmarks/FootprintBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
