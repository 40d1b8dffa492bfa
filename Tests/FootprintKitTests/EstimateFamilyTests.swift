import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// `estimate --gpu A100` and its kin: a family name resolves to a documented default variant, the report names
/// it, and the range spans the family's TDPs. Expected values are worked by hand from `Data/gpu-specs.csv`.
@Suite struct EstimateFamilyTests {
    static func request(_ gpu: String, utilization: Double? = nil) -> EstimateRequest {
        var emission = EmissionOptions()
        emission.gramsCO2ePerKWh = 100
        emission.pue = 1.0
        return EstimateRequest(gpu: gpu, count: 8, hours: 10, utilization: utilization, year: nil, emission: emission)
    }

    @Test(arguments: [
        // name, default variant, variants, lowest TDP, highest TDP (W)
        ("A100", "NVIDIA A100 SXM4 80GB", 4, 250.0, 400.0),
        ("H100", "NVIDIA H100 SXM5 80GB", 3, 350.0, 700.0),
        ("V100", "NVIDIA Tesla V100 SXM2 32GB", 4, 250.0, 300.0),
        ("4090", "NVIDIA GeForce RTX 4090", 1, 450.0, 450.0),
        ("MI250X", "AMD Instinct MI250X (per OAM = 2 GCDs)", 1, 560.0, 560.0),
        ("a100-sxm4-40gb", "NVIDIA A100 SXM4 40GB", 1, 400.0, 400.0),
    ])
    func familyNamesResolveToTheirDefaultVariant(
        name: String, model: String, variants: Int, lowWatts: Double, highWatts: Double
    ) throws {
        let choice = try #require(GPUSpecTable.bundled.choice(forName: name))
        #expect(choice.spec.model == model)
        #expect(choice.variants.count == variants)
        #expect(choice.tdpRangeWatts == lowWatts...highWatts)
        // 8 GPUs × 10 h at the default's TDP; the range at 50% of the lowest TDP to 100% of the highest, at
        // 100 gCO2e/kWh and PUE 1.0 (both fixed: no range of their own).
        let report = try Estimator.report(Self.request(name))
        let emissions = try #require(report.emissions)
        let tdp = choice.spec.tdpWatts
        #expect(relativeError(emissions.itJoules, 8 * 10 * 3600 * tdp) < 1e-12)
        #expect(relativeError(emissions.kilogramsCO2e, 8 * 10 * tdp / 1000 * 100 / 1000) < 1e-12)
        #expect(relativeError(emissions.kilogramsCO2eLow, 0.5 * 8 * 10 * lowWatts / 1000 * 100 / 1000) < 1e-12)
        #expect(relativeError(emissions.kilogramsCO2eHigh, 8 * 10 * highWatts / 1000 * 100 / 1000) < 1e-12)
    }

    @Test func aGivenUtilizationNarrowsTheRangeToTenPercentAroundTheFamily() throws {
        let report = try Estimator.report(Self.request("A100", utilization: 0.5))
        let emissions = try #require(report.emissions)
        // 8 × 10 h × 400 W × 0.5 = 16 kWh → 1.6 kg; low 0.9 × 8 × 10 × 250 × 0.5 = 9 kWh; high 1.1 × 16 = 17.6 kWh.
        #expect(relativeError(emissions.kilogramsCO2e, 1.6) < 1e-12)
        #expect(relativeError(emissions.kilogramsCO2eLow, 0.9) < 1e-12)
        #expect(relativeError(emissions.kilogramsCO2eHigh, 1.76) < 1e-12)
    }

    @Test func theJSONReportNamesTheVariantAndHasNoMeasuredFigures() throws {
        let report = try Estimator.report(Self.request("H100"))
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        let estimate = try #require(json["estimate"] as? [String: Any])
        #expect(estimate["gpu"] as? String == "NVIDIA H100 SXM5 80GB")
        #expect(estimate["requested"] as? String == "H100")
        #expect(estimate["count"] as? Int == 8)
        #expect(estimate["hours"] as? Double == 10)
        #expect(estimate["gpu_hours"] as? Double == 80)
        #expect(estimate["tdp_watts"] as? Double == 700)
        #expect(estimate["tdp_watts_low"] as? Double == 350)
        #expect(json["window"] is NSNull, "an estimate has no clock: no 1970 window")
        let energy = try #require(json["energy"] as? [String: Any])
        for key in ["joules", "kwh", "all_gpus_joules", "mean_watts", "coverage"] {
            #expect(energy[key] is NSNull, "energy.\(key) must be null for an estimate")
        }
        let provenance = try #require(json["provenance"] as? [String: Any])
        let asked = try #require(provenance["estimate_options"] as? [String: Any])
        #expect(asked["gpu"] as? String == "H100" && asked["count"] as? Int == 8 && asked["hours"] as? Double == 10)
        let markdown = MarkdownReportWriter.render(report)
        #expect(markdown.contains("the default variant of `H100`"))
        #expect(markdown.contains("options: `--gpu H100 --count 8 --hours 10.0 --intensity 100.0 --pue 1.0`"))
        #expect(markdown.contains("Energy is estimated, not measured"), "the Method section is not empty")
    }

    @Test func anUnknownNameStillFailsWithCloseNames() {
        #expect(throws: FootprintError.self) { try Estimator.report(Self.request("Z9000")) }
    }
}
