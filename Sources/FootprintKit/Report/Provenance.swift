internal import Foundation

/// What a report was computed from, so that a reader can check it: the tool's version, each input file with its
/// size and SHA-256, the bundled tables' digests, and the options as they were.
public struct Provenance: Sendable, Hashable {
    public struct Input: Sendable, Hashable, Codable {
        /// Relative to the run folder.
        public var path: String
        public var bytes: Int
        public var sha256: String
    }

    public var tool: String
    public var inputs: [Input]
    /// Each bundled table (`Data/…`) with the SHA-256 of its text.
    public var tables: [(name: String, sha256: String)]
    /// The options the report was computed with; `verify` recomputes it with them.
    public var options: ReportOptions
    /// For a report of `footprint estimate`, what it was asked (its own options); nil for `report`.
    public var estimate: EstimateRequest?

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.tool == rhs.tool && lhs.inputs == rhs.inputs && lhs.options == rhs.options && lhs.estimate == rhs.estimate
            && lhs.tables.map(\.name) == rhs.tables.map(\.name) && lhs.tables.map(\.sha256) == rhs.tables.map(\.sha256)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tool)
        hasher.combine(inputs)
        hasher.combine(options)
        hasher.combine(estimate)
    }

    /// The tool as provenance names it: `footprint` and its version.
    static let toolName = "footprint \(ToolInfo.version)"

    /// The digests of the bundled tables, computed once.
    static let bundledTables: [(name: String, sha256: String)] = [
        ("grid-intensity-countries.csv", ReferenceData.gridIntensityCountries),
        ("grid-intensity-countries-history.csv", ReferenceData.gridIntensityCountriesHistory),
        ("grid-intensity-subnational.csv", ReferenceData.gridIntensitySubnational),
        ("cloud-regions.csv", ReferenceData.cloudRegions),
        ("gpu-specs.csv", ReferenceData.gpuSpecs),
        ("pue.csv", ReferenceData.pue),
        ("embodied.csv", ReferenceData.embodied),
    ].map { ($0.0, SHA256.hex(Array($0.1.utf8))) }

    /// Inputs smaller than this in all are hashed on the calling thread.
    static let backgroundThresholdBytes = 16 << 20

    /// Starts hashing the files a report uses on another thread, so that on a multi-core machine the digests
    /// cost no time beside the parsing; `wait()` returns the provenance.
    static func start(files: [DiscoveredFile], options: ReportOptions) -> PendingProvenance {
        let pending = PendingProvenance()
        let bytes = hashedFiles(files).reduce(0) { $0 + $1.file.sizeBytes }
        if bytes < Self.backgroundThresholdBytes {
            // Small inputs hash faster than a thread starts.
            pending.result = Result { () throws(FootprintError) in try make(files: files, options: options) }
            return pending
        }
        pending.group.enter()
        // A thread of its own, not the shared queue: callers (audit workers) block on the result, and a
        // saturated queue would leave the hashing waiting behind them.
        let thread = Thread {
            pending.result = Result { () throws(FootprintError) in try make(files: files, options: options) }
            pending.group.leave()
        }
        thread.start()
        return pending
    }

    /// Hashes the files a report used (the logs read, not the files ignored).
    static func make(files: [DiscoveredFile], options: ReportOptions) throws(FootprintError) -> Provenance {
        Provenance(
            tool: toolName,
            inputs: try inputs(
                files: hashedFiles(files).map(\.file), intensitySeries: options.emission.intensitySeriesPath),
            tables: bundledTables, options: options)
    }

    /// The files among a run's `files` that a report hashes, the logs it reads, each with its index there: the
    /// inputs of the provenance begin with them, in this order.
    static func hashedFiles(_ files: [DiscoveredFile]) -> [(index: Int, file: DiscoveredFile)] {
        files.indices.filter { files[$0].kind.isRead }.map { ($0, files[$0]) }
    }

    /// The size and SHA-256 of `files`, then of the intensity series.
    static func inputs(files: [DiscoveredFile], intensitySeries: String?) throws(FootprintError) -> [Input] {
        var inputs: [Input] = []
        for file in files {
            let digest = try SHA256.digest(fileAt: file.path)
            inputs.append(Input(path: file.displayPath, bytes: digest.bytes, sha256: digest.hex))
        }
        if let intensitySeries {
            let digest = try SHA256.digest(fileAt: intensitySeries)
            inputs.append(Input(path: intensitySeries, bytes: digest.bytes, sha256: digest.hex))
        }
        return inputs
    }
}
