import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// A row of a bundled table, read here with a plain split (the tables quote only the `source` column).
private func dataRow(_ file: String, where matches: ([String]) -> Bool) -> [String]? {
    let text = (try? String(contentsOfFile: TestPaths.repositoryRoot + "/Data/" + file, encoding: .utf8)) ?? ""
    return text.split(separator: "\n").dropFirst().map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    .first(where: matches)
}

private func exampleReport(_ configure: (inout EmissionOptions) -> Void) throws -> RunReport {
    var options = ReportOptions()
    options.zone = .named(identifier: "Europe/Berlin")
    configure(&options.emission)
    return try RunAnalyzer.analyze(runDirectory: TestPaths.fixture("runs/example"), options: options)
}

@Suite struct EmissionsTests {
    // MARK: - Lookups against the bundled tables

    @Test func countriesBySubnationalAndCloudRegion() throws {
        func factors(_ configure: (inout EmissionOptions) -> Void, year: Int? = 2024) throws -> EmissionFactors {
            var options = EmissionOptions()
            configure(&options)
            return try EmissionsModel.factors(options, runYear: year)
        }
        let california = try factors { $0.region = "US-CA" }
        let row = try #require(dataRow("grid-intensity-subnational.csv") { $0[0] == "US-CA" })
        #expect(
            california.gramsCO2ePerKWh == Double(row[4]) && california.intensityYear == 2016
                && california.intensityKind == .subnational)
        let quebec = try #require(dataRow("grid-intensity-subnational.csv") { $0[0] == "CA-QC" })
        #expect(try factors { $0.region = "ca-qc" }.gramsCO2ePerKWh == Double(quebec[4]))
        for (cloud, provider, region) in [
            ("gcp:us-central1", "gcp", "us-central1"), ("aws:eu-west-1", "aws", "eu-west-1"),
            ("azure:westeurope", "azure", "westeurope"),
        ] {
            let value = try factors { $0.cloud = cloud }
            let row = try #require(dataRow("cloud-regions.csv") { $0[0] == provider && $0[1] == region })
            #expect(value.gramsCO2ePerKWh == Double(row[4]) && value.intensityKind == .cloud, "\(cloud)")
            #expect(value.intensitySource.hasPrefix(row[5].replacingOccurrences(of: "\"", with: "")), "\(cloud)")
        }
        // The run's year picks that year's value; a year beyond the table the latest.
        let france2019 = try factors({ $0.region = "FRA" }, year: 2019)
        let historyRow = try #require(
            dataRow("grid-intensity-countries-history.csv") { $0[0] == "FRA" && $0[1] == "2019" })
        #expect(france2019.gramsCO2ePerKWh == Double(historyRow[2]) && france2019.intensityYear == 2019)
        #expect(try factors({ $0.region = "France" }, year: 2031).intensityYear == 2024)
        // The range is the neighbouring years' spread.
        let years = ["2018", "2019", "2020"].compactMap { year in
            dataRow("grid-intensity-countries-history.csv") { $0[0] == "FRA" && $0[1] == year }.flatMap {
                Double($0[2])
            }
        }
        #expect(years.count == 3)
        #expect(france2019.intensityLow == years.min() && france2019.intensityHigh == years.max())
        #expect(throws: FootprintError.self) { try factors { $0.cloud = "gcp:mars-north1" } }
        #expect(throws: FootprintError.self) {
            try factors {
                $0.cloud = "gcp:us-central1"
                $0.region = "FR"
            }
        }
    }

    @Test func gpuNamesMatchExactlyThenByLongestWholeWord() throws {
        let table = GPUSpecTable.bundled
        #expect(table.spec(forName: "NVIDIA A10")?.model == "NVIDIA A10")
        #expect(table.spec(forName: "NVIDIA A10G")?.model == "NVIDIA A10G (AWS)")
        #expect(table.spec(forName: "NVIDIA A100-SXM4-40GB")?.model == "NVIDIA A100 SXM4 40GB")
        #expect(table.spec(forName: "NVIDIA A100 80GB PCIe")?.model == "NVIDIA A100 PCIe 80GB")
        #expect(table.spec(forName: "NVIDIA H100 80GB HBM3")?.model == "NVIDIA H100 SXM5 80GB")
        #expect(table.spec(forName: "Tesla T4")?.tdpWatts == 70)
        #expect(table.spec(forName: "Tesla V100-SXM2-16GB")?.model == "NVIDIA Tesla V100 SXM2 16GB")
        #expect(table.spec(forName: "NVIDIA GeForce RTX 3090")?.tdpWatts == 350)
        #expect(table.spec(forName: "Matrox G200") == nil)
        let row = try #require(dataRow("gpu-specs.csv") { $0[0] == "NVIDIA L4" })
        #expect(table.spec(forName: "NVIDIA L4")?.tdpWatts == Double(row[2]))
    }

    @Test func pueFiguresComeWithYearSourceAndRange() throws {
        var options = EmissionOptions()
        options.puePreset = "google"
        let google = try EmissionsModel.factors(options, runYear: 2024)
        #expect(google.pue == 1.09 && google.pueYear == 2024 && google.pueLow == 1.07 && google.pueHigh == 1.13)
        #expect(google.pueSource.contains("Google Environmental Report 2025"))
        options.puePreset = "average"
        let average = try EmissionsModel.factors(options, runYear: 2024)
        #expect(average.pue == 1.56 && average.pueLow == 1.55 && average.pueHigh == 1.58)
        options.puePreset = "azure"
        #expect(try EmissionsModel.factors(options, runYear: 2024).pue == 1.18)
        options.puePreset = "aws"
        #expect(try EmissionsModel.factors(options, runYear: 2024).pue == 1.14)
        options.puePreset = "onprem"
        #expect(try EmissionsModel.factors(options, runYear: 2024).pue == 1.63)
        options.pue = 1.2
        #expect(throws: FootprintError.self) { try EmissionsModel.factors(options, runYear: 2024) }
    }

    // MARK: - Whole runs against independent values

    @Test func regionCloudAndPresetGiveTheIndependentCO2e() throws {
        let france = try exampleReport {
            $0.region = "FR"
            $0.pue = 1.1
        }
        #expect(
            relativeError(
                france.emissions?.itJoules ?? 0, ExpectedValue.number(in: "expected-emissions.json", "it_joules"))
                < 1e-9)
        #expect(
            relativeError(
                france.kilogramsCO2e, ExpectedValue.number(in: "expected-emissions.json", "region_FR_pue_1.1_kg"))
                < 1e-9)
        #expect(
            relativeError(
                france.emissions?.facilityJoules ?? 0,
                1.1 * ExpectedValue.number(in: "expected-emissions.json", "it_joules")) < 1e-9)
        let cloud = try exampleReport { $0.cloud = "gcp:europe-west4" }
        #expect(
            relativeError(
                cloud.kilogramsCO2e, ExpectedValue.number(in: "expected-emissions.json", "cloud_gcp_europe_west4_kg"))
                < 1e-9)
        let markdown = MarkdownReportWriter.render(cloud)
        #expect(markdown.contains("Google Cloud region-carbon-info 2024") && markdown.contains("gcp:europe-west4"))
        let california = try exampleReport {
            $0.region = "US-CA"
            $0.puePreset = "google"
        }
        #expect(
            relativeError(
                california.kilogramsCO2e,
                ExpectedValue.number(in: "expected-emissions.json", "region_US_CA_pue_google_kg")) < 1e-9)
    }

    @Test(arguments: ["series-5min.csv", "electricitymaps-5min.csv", "watttime-5min.csv"])
    func intensitySeriesIsIntegratedOverTime(file: String) throws {
        let report = try exampleReport {
            $0.region = "FR"
            $0.intensitySeriesPath = TestPaths.fixture("intensity/" + file)
        }
        let emissions = try #require(report.emissions)
        #expect(
            relativeError(
                emissions.kilogramsCO2e, ExpectedValue.number(in: "expected-emissions.json", "series_region_FR_kg"))
                < 1e-6, "\(file)")
        #expect(
            abs(
                (emissions.seriesCoverage ?? 0) - ExpectedValue.number(in: "expected-emissions.json", "series_coverage")
            ) < 1e-9)
        #expect(report.findings.contains { $0.message.contains("covers 93.9% of the job's energy") })
        #expect(report.intensitySeries?.convertedFromPoundsPerMWh == (file == "watttime-5min.csv"))
        #expect(report.intensitySeries?.column.contains("LCA") == (file == "electricitymaps-5min.csv"))
    }

    @Test func seriesWithoutIntensityColumnIsAClearError() throws {
        let path = TestPaths.write("time,price\n2024-03-05T13:00:00Z,40\n", named: "prices.csv")
        var findings = FindingLog()
        #expect {
            try IntensitySeries.read(path: path, limits: InputLimits(), findings: &findings)
        } throws: { error in
            (error as? FootprintError)?.message.contains("names no time column and intensity column") == true
        }
    }

    @Test func rangeCombinesSensorSamplingPUEAndIntensity() throws {
        let report = try exampleReport {
            $0.region = "FR"
            $0.puePreset = "google"
        }
        let emissions = try #require(report.emissions)
        let factors = report.factors
        let traces = report.jobGPUs.map(\.trace)
        let sampling = traces.reduce(0) { $0 + abs($1.joules - $1.leftRuleJoules) } / emissions.itJoules
        let energy = emissions.itJoules / 3.6e6
        #expect(abs(emissions.energyUncertainty - (0.05 + sampling)) < 1e-12)
        #expect(
            relativeError(
                emissions.kilogramsCO2eLow, energy * (0.95 - sampling) * factors.pueLow * factors.intensityLow / 1000)
                < 1e-9)
        #expect(
            relativeError(
                emissions.kilogramsCO2eHigh, energy * (1.05 + sampling) * factors.pueHigh * factors.intensityHigh / 1000
            ) < 1e-9)
        #expect(
            emissions.kilogramsCO2eLow < emissions.kilogramsCO2e
                && emissions.kilogramsCO2e < emissions.kilogramsCO2eHigh)
    }

    @Test func embodiedIsApartAndAmortised() throws {
        let report = try exampleReport {
            $0.region = "FR"
            $0.includeEmbodied = true
            $0.embodiedLifetimeYears = 4
        }
        let embodied = try #require(report.embodied)
        let row = try #require(dataRow("embodied.csv") { $0[0] == "NVIDIA A100 card (derived)" })
        let perCard = try #require(Double(row[2]))
        let expected = report.jobGPUs.reduce(0) { $0 + perCard * $1.trace.spanSeconds / 3600 / (4 * 8766) }
        #expect(embodied.cards.count == 3 && relativeError(embodied.kilogramsCO2e, expected) < 1e-12)
        let withoutEmbodied = try exampleReport { $0.region = "FR" }
        #expect(report.kilogramsCO2e == withoutEmbodied.kilogramsCO2e)
        #expect(EmbodiedTable.bundled.figure(forGPUName: "NVIDIA GeForce RTX 4090")?.isGeneric == true)
        #expect(EmbodiedTable.bundled.figure(forGPUName: "Tesla T4")?.item == "NVIDIA T4 card (derived)")
    }

    // MARK: - Estimates

    @Test func llama2SevenBFromItsPaper() throws {
        // Llama 2 paper, Table 2: 7B took 184,320 GPU-hours at 400 W and 31.22 tCO2e, i.e. 31.22 t / 73,728 MWh
        // ≈ 423.4 gCO2e/kWh with PUE 1.0.
        var emission = EmissionOptions()
        emission.gramsCO2ePerKWh = 31_220_000 / 73_728
        let report = try Estimator.report(
            EstimateRequest(
                gpu: "A100-SXM4-80GB", count: 1, hours: 184_320, utilization: nil, year: 2023, emission: emission))
        let emissions = try #require(report.emissions)
        #expect(emissions.method == .estimated)
        #expect(abs(emissions.itJoules / 3.6e6 - 73_728) < 1e-6)
        #expect(abs(emissions.kilogramsCO2e / 1000 - 31.22) < 0.005)
        #expect(
            emissions.kilogramsCO2eLow == emissions.kilogramsCO2e / 2
                && emissions.kilogramsCO2eHigh == emissions.kilogramsCO2e)
        #expect(MarkdownReportWriter.render(report).contains("**Estimate** (no GPU power log)"))
        #expect(JSONReportWriter.render(report).contains("\"method\": \"estimated\""))
    }

    @Test func runWithEventsButNoPowerFallsBackToAnEstimate() throws {
        let folder = TestPaths.temporaryFolder()
        let name = "events.out.tfevents.1713773043.carls-gaming-linux.286970.0"
        try FileManager.default.copyItem(atPath: TestPaths.fixture("tfevents/" + name), toPath: folder + "/" + name)
        var options = ReportOptions()
        options.emission.region = "US"
        options.estimateGPUModel = "NVIDIA GeForce RTX 3090"
        options.estimateGPUCount = 2
        options.estimateUtilization = 0.8
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: options)
        let window = try #require(report.training)
        let emissions = try #require(report.emissions)
        #expect(emissions.method == .estimated && report.estimate?.hoursSource == "the training window")
        #expect(relativeError(emissions.itJoules, 2 * window.seconds * 350 * 0.8) < 1e-12)
        #expect(
            relativeError(emissions.kilogramsCO2e, emissions.itJoules / 3.6e6 * report.factors.gramsCO2ePerKWh / 1000)
                < 1e-12)
        #expect(report.findings.contains { $0.message.contains("are an estimate") })
    }
}
