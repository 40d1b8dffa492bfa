// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// Settings shared by every target: explicit existentials, imports visible only where declared,
/// and internal imports unless a module says otherwise.
let sharedSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Footprint",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "FootprintKit", targets: ["FootprintKit"]),
        .executable(name: "footprint", targets: ["footprint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CFootprintZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .systemLibrary(
            name: "CFootprintCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl"])]
        ),
        .systemLibrary(
            name: "CFootprintIsal",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"]), .brew(["isa-l"])]
        ),
        .target(
            name: "FootprintKit",
            dependencies: ["CFootprintZlib", "CFootprintCrypto", "CFootprintIsal"],
            swiftSettings: sharedSettings
        ),
        .executableTarget(
            name: "footprint",
            dependencies: [
                "FootprintKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: sharedSettings
        ),
        .target(
            name: "FootprintTestSupport",
            path: "Tests/FootprintTestSupport",
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "FootprintKitTests",
            dependencies: ["FootprintKit", "FootprintTestSupport"],
            swiftSettings: sharedSettings
        ),
        .testTarget(
            name: "FootprintCLITests",
            dependencies: ["footprint", "FootprintTestSupport"],
            swiftSettings: sharedSettings
        ),
    ]
)

// libFuzzer harnesses, one executable per reader (sources in Fuzz/), added only when FOOTPRINT_FUZZ is set:
// `Scripts/fuzz.sh` builds them with `-sanitize=fuzzer,address -enable-testing` (they reach the internal readers
// with `@testable import` and hand their entry point to libFuzzer's driver).
if ProcessInfo.processInfo.environment["FOOTPRINT_FUZZ"] != nil {
    let harnesses = [
        "FuzzGzip", "FuzzNvidiaSMICSV", "FuzzDmon", "FuzzTFEvents", "FuzzTrace", "FuzzIntensitySeries",
        "FuzzMergeShard", "FuzzEscaping", "FuzzWandB", "FuzzTrackers", "FuzzDCGM", "FuzzSlurm",
    ]
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["FootprintKit"], path: "Fuzz/FuzzSupport"))
    for name in harnesses {
        package.targets.append(
            .executableTarget(name: name, dependencies: ["FuzzSupport", "FootprintKit"], path: "Fuzz/\(name)"))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
