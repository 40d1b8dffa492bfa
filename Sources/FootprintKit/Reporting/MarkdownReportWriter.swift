/// Renders a ``RunReport`` as Markdown: the headline first, then every assumption with its source, the
/// per-GPU detail, the files read and ignored, the warnings, and the method.
public enum MarkdownReportWriter {
    public static func render(_ report: RunReport) -> String {
        var out = "# Footprint of `\(report.runPath)`\n\n"
        out += headline(report) + "\n\n"
        out += energyTable(report)
        out += assumptions(report)
        out += gpuTable(report)
        out += files(report)
        out += warnings(report)
        out += method(report)
        return out
    }

    private static func kWh(_ joules: Double) -> String { ReportFormatting.significant(joules / 3.6e6, 4) + " kWh" }

    private static func headline(_ report: RunReport) -> String {
        let factors = report.factors
        let job = report.jobGPUs
        let names = Dictionary(grouping: job, by: { $0.identity.name ?? "GPU (model not in the log)" })
            .sorted { $0.key < $1.key }
            .map { "\($0.value.count) × \($0.key)" }
            .joined(separator: " + ")
        var place = factors.location ?? "given intensity"
        if let year = factors.intensityYear { place += ", \(year)" }
        if factors.intensityIsAssumed { place = "world average, \(factors.intensityYear.map(String.init) ?? "")" }
        return "**\(kWh(report.jobJoules))** (\(ReportFormatting.significant(report.jobJoules, 5)) J) of GPU energy over "
            + "**\(ReportFormatting.duration(report.windowSeconds))** on **\(names)**, mean "
            + "\(ReportFormatting.fixed(report.meanWatts, 1)) W → **\(ReportFormatting.significant(report.kilogramsCO2e, 3)) kg CO2e** "
            + "at \(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh (\(place)) with PUE "
            + "\(ReportFormatting.fixed(factors.pue, 2))."
            + (factors.intensityIsAssumed || factors.pueIsAssumed ? " Assumed factors are flagged below." : "")
            + (report.clock.wasNeeded && report.clock.source == .machine
                ? "\n\n> **Clock:** the power logs carry local times without a zone; they were read in this machine's zone, **\(report.clock.zone)**. Pass `--tz` with the zone of the machine that wrote them."
                : "")
    }

    private static func energyTable(_ report: RunReport) -> String {
        var out = "| | Energy | Share |\n|---|---:|---:|\n"
        let idle = report.gpus.filter { !$0.usedByJob }
        out += "| **Job GPUs (\(report.jobGPUs.map(\.identity.label).joined(separator: ", "))), whole log** | **\(kWh(report.jobJoules))** | 100% |\n"
        if !idle.isEmpty {
            let idleJoules = idle.reduce(0) { $0 + $1.trace.joules }
            out += "| Other GPUs (\(idle.map(\.identity.label).joined(separator: ", "))), not counted above | \(kWh(idleJoules)) | |\n"
        }
        out += "| All GPUs in the logs | \(kWh(report.allGPUJoules)) | |\n\n"
        out += "Window: \(ReportFormatting.readableUTC(report.windowStartSeconds)) → \(ReportFormatting.readableUTC(report.windowEndSeconds)) "
            + "(\(ReportFormatting.grouped(report.windowSeconds, 1)) s, earliest to latest valid power sample); "
            + "coverage of the job's GPUs \(ReportFormatting.percent(report.coverage)).\n\n"
        return out
    }

    private static func assumptions(_ report: RunReport) -> String {
        let factors = report.factors
        var out = "## Assumptions\n\n| What | Value | Source |\n|---|---|---|\n"
        let clockSource: String
        if !report.clock.wasNeeded {
            clockSource = "timestamps carry their own zone or are Unix times"
        } else if report.clock.source == .option {
            clockSource = "`--tz`"
        } else {
            clockSource = "**assumed**: this machine's zone (pass `--tz`)"
        }
        out += "| Clock of local timestamps | \(report.clock.zone) | \(clockSource) |\n"
        let intensityName = factors.location.map { "\($0)\(factors.intensityYear.map { ", \($0)" } ?? "")" } ?? "given"
        let intensitySource = factors.intensityIsAssumed
            ? "**assumed**: world average (pass `--region` or `--intensity`); \(factors.intensitySource)"
            : factors.intensitySource
        out += "| Grid intensity | \(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh (\(intensityName)) | \(intensitySource) |\n"
        out += "| PUE | \(ReportFormatting.fixed(factors.pue, 2)) | \(factors.pueIsAssumed ? "**assumed** 1.0 (pass `--pue`)" : factors.pueSource) |\n"
        for log in report.powerLogs {
            out += "| Power field of `\(log.path)` | `\(log.powerField ?? "none")` | \(log.format.rawValue) |\n"
        }
        let job = report.jobGPUs.map(\.identity.label).joined(separator: ", ")
        let reasons = Set(report.gpus.map(\.usageReason)).sorted().joined(separator: "; ")
        out += "| GPUs of the job | \(job) | \(reasons) |\n\n"
        return out
    }

    private static func gpuTable(_ report: RunReport) -> String {
        var out = "## GPUs\n\n| GPU | Name | Job | Samples | Invalid | Gaps | Coverage | Mean W | Energy (kWh) |\n"
        out += "|---|---|---|---:|---:|---:|---:|---:|---:|\n"
        for gpu in report.gpus {
            let invalid = gpu.invalidSampleCount == 0 ? "0"
                : "\(ReportFormatting.grouped(gpu.invalidSampleCount)) (\(gpu.invalidReasons.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")))"
            let gaps = gpu.trace.gapCount == 0 ? "0" : "\(gpu.trace.gapCount) (\(ReportFormatting.duration(gpu.trace.gapSeconds)))"
            out += "| \(gpu.identity.label) | \(gpu.identity.name ?? "—") | \(gpu.usedByJob ? "yes" : "no") | "
                + "\(ReportFormatting.grouped(gpu.trace.sampleCount)) | \(invalid) | \(gaps) | \(ReportFormatting.percent(gpu.coverage)) | "
                + "\(ReportFormatting.fixed(gpu.trace.meanWatts, 1)) | \(ReportFormatting.fixed(gpu.trace.joules / 3.6e6, 6)) |\n"
        }
        return out + "\n"
    }

    private static func files(_ report: RunReport) -> String {
        var out = "## Files\n\n"
        var read: [String] = []
        var ignored: [String] = []
        for file in report.files {
            if let log = report.powerLogs.first(where: { $0.path == file.displayPath }) {
                var detail = "\(ReportFormatting.grouped(log.dataRowCount)) rows, \(log.gpus.count) GPU\(log.gpus.count == 1 ? "" : "s")"
                if let interval = log.gpus.first?.trace.medianIntervalSeconds, interval > 0 {
                    detail += ", \(ReportFormatting.fixed(interval, 3)) s median interval"
                }
                if file.encoding?.isGzip == true { detail += ", gzip" }
                if file.encoding?.isUTF16LE == true { detail += ", UTF-16LE" }
                read.append("`\(file.displayPath)` (\(log.format.rawValue): \(detail))")
            } else if file.kind.isPowerLog {
                ignored.append("`\(file.displayPath)` (\(file.kind.rawValue), nothing usable: see warnings)")
            } else if file.kind != .other {
                ignored.append("`\(file.displayPath)` (\(file.kind.rawValue), not used for energy yet)")
            } else {
                ignored.append("`\(file.displayPath)` (\(file.note ?? "not a log"))")
            }
        }
        out += "Read: " + (read.isEmpty ? "none" : read.joined(separator: ", ")) + ".\n\n"
        if !ignored.isEmpty { out += "Not used: " + ignored.joined(separator: ", ") + ".\n\n" }
        return out
    }

    private static func warnings(_ report: RunReport) -> String {
        guard !report.findings.isEmpty else { return "## Warnings\n\nNone.\n\n" }
        return "## Warnings\n\n" + report.findings.map { "- \($0.description)\n" }.joined() + "\n"
    }

    private static func method(_ report: RunReport) -> String {
        let thresholds = Set(report.gpus.map { ReportFormatting.fixed($0.trace.gapThresholdSeconds, 1) }).sorted()
        return "## Method\n\n"
            + "GPU power is integrated with the trapezoidal rule on each GPU's own sample times (invalid readings are not samples; "
            + "no extrapolation beyond a GPU's first and last sample). Intervals longer than the gap threshold "
            + "(\(thresholds.joined(separator: ", ")) s here: 3 s or 3 × the median interval, whichever is larger) are bridged linearly and listed. "
            + "A GPU is not counted as the job's when it stays idle all log (utilization ≤ 1% and 99% of its samples within 5 W of its minimum) "
            + "unless `--gpus` names it. CO2e = energy × PUE × grid intensity.\n"
    }
}
