import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// One GPU of `Fixtures/runs/example`, read here from the CSV with a plain split: its samples' times (seconds of
/// the day) and watts, in file order.
private struct ExampleGPU {
    var seconds: [Double] = []
    var watts: [Double] = []

    /// Trapezoidal energy over the samples.
    var joules: Double {
        var joules = 0.0
        for index in seconds.indices.dropFirst() {
            joules += (watts[index - 1] + watts[index]) / 2 * (seconds[index] - seconds[index - 1])
        }
        return joules
    }

    /// The 5th-percentile reading, rounded up to the top of its 0.5 W step and at most the highest reading.
    var baselineWatts: Double {
        let sorted = watts.sorted()
        let rank = max(1, Int((0.05 * Double(sorted.count)).rounded(.up)))
        return min(sorted[sorted.count - 1], ((sorted[rank - 1] / 0.5).rounded(.down) + 1) * 0.5)
    }

    var idleJoules: Double { min(joules, baselineWatts * ((seconds.last ?? 0) - (seconds.first ?? 0))) }

    static func read() throws -> [Int: ExampleGPU] {
        let text = try String(contentsOfFile: TestPaths.fixture("runs/example/nvidia-smi.csv"), encoding: .utf8)
        var gpus: [Int: ExampleGPU] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("timestamp") {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let index = Int(fields[1]), let watts = Double(fields[4].replacingOccurrences(of: " W", with: ""))
            else { continue }
            let clock = fields[0].split(separator: " ")[1].split(separator: ":").compactMap { Double($0) }
            gpus[index, default: ExampleGPU()].seconds.append(clock[0] * 3600 + clock[1] * 60 + clock[2])
            gpus[index, default: ExampleGPU()].watts.append(watts)
        }
        return gpus
    }
}

private func exampleReport(_ configure: (inout EmissionOptions) -> Void) throws -> RunReport {
    var options = ReportOptions()
    options.zone = .named(identifier: "Europe/Berlin")
    configure(&options.emission)
    return try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/example"), options: options)
}

private func close(_ value: Double?, _ expected: Double, relative: Double = 1e-6) -> Bool {
    guard let value else { return false }
    return abs(value - expected) <= relative * max(abs(expected), 1e-12)
}

@Suite struct BreakdownTests {
    // MARK: - The example run, computed independently

    @Test func exampleMatchesIndependentComputation() throws {
        let gpus = try ExampleGPU.read()
        let job = try [0, 1, 2].map { try #require(gpus[$0]) }
        let unused = try #require(gpus[3])
        let report = try exampleReport {
            $0.gramsCO2ePerKWh = 100
            $0.pue = 1.2
        }
        let breakdown = try #require(report.breakdown)
        #expect(breakdown.baselines.map(\.watts) == job.map(\.baselineWatts))
        #expect(breakdown.baselines.map(\.watts) == [53.5, 54.0, 53.5])
        let itJoules = job.reduce(0) { $0 + $1.joules }
        let idleJoules = job.reduce(0) { $0 + $1.idleJoules }
        let kWh = EnergyUnit.joulesPerKilowattHour
        #expect(close(breakdown.idle.joules, idleJoules))
        #expect(close(breakdown.dynamic.joules, itJoules - idleJoules))
        #expect(close(breakdown.infrastructure.joules, itJoules * 0.2))
        #expect(close(breakdown.unusedGPUs?.joules, unused.joules))
        #expect(close(breakdown.dynamic.kilogramsCO2e, (itJoules - idleJoules) / kWh * 100 / 1000))
        #expect(close(breakdown.idle.kilogramsCO2e, idleJoules / kWh * 100 / 1000))
        #expect(close(breakdown.infrastructure.kilogramsCO2e, itJoules * 0.2 / kWh * 100 / 1000))
        #expect(close(breakdown.unusedGPUs?.kilogramsCO2e, unused.joules / kWh * 100 / 1000))
        #expect(breakdown.embodied == nil)
        // The figures the README quotes for this run.
        #expect(close(itJoules / kWh, 0.28475, relative: 1e-3))
        #expect(close(idleJoules / kWh, 0.05395, relative: 1e-3))
    }

    // MARK: - Invariants

    @Test(arguments: ["google", "average"])
    func partsAddUpToTheOperationalFigures(preset: String) throws {
        let report = try exampleReport {
            $0.region = "FR"
            $0.puePreset = preset
            $0.includeEmbodied = true
        }
        let breakdown = try #require(report.breakdown)
        let emissions = try #require(report.emissions)
        let dynamic = try #require(breakdown.dynamic.joules)
        let idle = try #require(breakdown.idle.joules)
        let infrastructure = try #require(breakdown.infrastructure.joules)
        #expect(close(dynamic + idle, emissions.itJoules, relative: 1e-12))
        #expect(close(infrastructure, emissions.itJoules * (report.factors.pue - 1), relative: 1e-12))
        #expect(close(dynamic + idle + infrastructure, emissions.facilityJoules, relative: 1e-12))
        let parts = [breakdown.dynamic, breakdown.idle, breakdown.infrastructure]
        #expect(close(parts.reduce(0) { $0 + $1.kilogramsCO2e }, emissions.kilogramsCO2e, relative: 1e-12))
        #expect(close(parts.reduce(0) { $0 + $1.kilogramsCO2eLow }, emissions.kilogramsCO2eLow, relative: 1e-12))
        #expect(close(parts.reduce(0) { $0 + $1.kilogramsCO2eHigh }, emissions.kilogramsCO2eHigh, relative: 1e-12))
        #expect(
            parts.allSatisfy { $0.kilogramsCO2eLow <= $0.kilogramsCO2e && $0.kilogramsCO2e <= $0.kilogramsCO2eHigh })
        #expect(breakdown.embodied?.kilogramsCO2e == report.embodied?.kilogramsCO2e)
        #expect(breakdown.embodied?.joules == nil)
        #expect(dynamic >= 0 && breakdown.baselines.allSatisfy { $0.joules >= 0 })
    }

    @Test func noPowerSamplesNoBreakdown() throws {
        var emission = EmissionOptions()
        emission.marketGramsCO2ePerKWh = 300
        let report = try Estimator.report(
            EstimateRequest(
                gpu: "A100-SXM4-80GB", count: 8, hours: 10, utilization: nil, year: 2024, emission: emission))
        #expect(report.breakdown == nil)
        let emissions = try #require(report.emissions)
        #expect(close(emissions.marketKilogramsCO2e, emissions.facilityJoules / EnergyUnit.joulesPerKilowattHour * 0.3))
        #expect(JSONReportWriter.render(report).contains("\"breakdown\": null"))
    }

    // MARK: - Location- and market-based

    @Test func marketBasedFromAContractualIntensity() throws {
        let report = try exampleReport {
            $0.region = "FR"
            $0.pue = 1.1
            $0.marketGramsCO2ePerKWh = 250
        }
        let emissions = try #require(report.emissions)
        let facilityKWh = emissions.itJoules * 1.1 / EnergyUnit.joulesPerKilowattHour
        #expect(close(emissions.marketKilogramsCO2e, facilityKWh * 250 / 1000))
        let located = try exampleReport {
            $0.region = "FR"
            $0.pue = 1.1
        }
        #expect(located.emissions?.kilogramsCO2e == emissions.kilogramsCO2e)
        #expect(located.emissions?.marketKilogramsCO2e == nil)
        let json = JSONReportWriter.render(report)
        #expect(json.contains("\"market_kg_co2e\": \(ReportFormatting.fixed(facilityKWh * 250 / 1000, 6))"))
        #expect(JSONReportWriter.render(located).contains("\"market_kg_co2e\": null"))
        let markdown = MarkdownReportWriter.render(report)
        #expect(markdown.contains("| Operational CO2e, location-based |"))
        #expect(markdown.contains("| Operational CO2e, market-based |"))
    }

    @Test func marketBasedFromARenewableShare() throws {
        let report = try exampleReport {
            $0.pue = 1.25
            $0.renewableShare = 0.7
            $0.residualGramsCO2ePerKWh = 420
        }
        let emissions = try #require(report.emissions)
        let expected = emissions.itJoules / EnergyUnit.joulesPerKilowattHour * 1.25 * (1 - 0.7) * 420 / 1000
        #expect(close(emissions.marketKilogramsCO2e, expected))
        #expect(close(report.factors.market?.gramsCO2ePerKWh, 126))
        let tex = LaTeXReportWriter.render(report)
        #expect(tex.contains("Location-based emissions were") && tex.contains("market-based emissions were"))
    }

    @Test func incompleteOrConflictingMarketOptionsAreRefused() {
        func message(_ configure: (inout EmissionOptions) -> Void) -> String? {
            var options = EmissionOptions()
            configure(&options)
            do {
                try options.validate()
                return nil
            } catch {
                return error.message
            }
        }
        #expect(message { $0.renewableShare = 0.5 }?.contains("--residual-intensity") == true)
        #expect(message { $0.residualGramsCO2ePerKWh = 300 }?.contains("--renewable-share") == true)
        #expect(
            message {
                $0.marketGramsCO2ePerKWh = 10
                $0.renewableShare = 0.5
                $0.residualGramsCO2ePerKWh = 300
            }?.contains("not both") == true)
        #expect(
            message {
                $0.renewableShare = 1.5
                $0.residualGramsCO2ePerKWh = 300
            }?.contains("0–1") == true)
        #expect(message { $0.marketGramsCO2ePerKWh = 5000 }?.contains("--market-intensity") == true)
        #expect(message { $0.marketGramsCO2ePerKWh = 0 } == nil)
    }
}
