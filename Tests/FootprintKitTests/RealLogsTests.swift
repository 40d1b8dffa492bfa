import Foundation
import Testing
@testable import FootprintKit
import FootprintTestSupport

/// Every file of `../shared/real-logs` through the library, one by one (`--tz UTC`): what it must be read as, or
/// why not, and each GPU's energy where it has one. The folder holds files whose licence does not allow copying
/// them into `Fixtures/`: without it (a user's clone) these tests are skipped.
@Suite(.enabled(if: TestPaths.sharedRealLogsPresent, "needs ../shared/real-logs (files without a licence to copy)"))
struct RealLogsTests {
    /// What a file must be read as.
    enum Expected: Sendable, CustomTestStringConvertible {
        /// A GPU power log whose GPUs' energies are in ``energies``.
        case powerLog
        /// A power log that cannot be read without options; the reason holds this text.
        case unreadablePowerLog(String)
        /// Not a log: its note holds this text.
        case notALog(String)
        /// A file of another producer (``ForeignFormat/producer``, ``ForeignFormat/detail``).
        case foreign(String, String?)
        /// A training log, which has no power.
        case training(InputKind)
        /// W&B system metrics whose GPUs' energies are in ``wandbEnergies``.
        case wandb
        /// A CodeCarbon file, whose figures are in ``codeCarbon``; with the reason when it has no GPU energy.
        case codeCarbon(noGPUEnergy: String?)
        /// `dcgmi dmon` text without times: read only with a start time (``dcgmEnergies``).
        case dcgmWithoutTimes
        /// MLPerf Power's analyzer log or LoadGen log: the system's wall energy, never GPU energy.
        case mlperf(InputKind)

        var testDescription: String { "\(self)" }
    }

    static let root = TestPaths.repositoryRoot + "/../shared/real-logs"

    /// Every file of the folder (but SOURCES.md), by its path in it.
    static let expectations: [(file: String, expected: Expected)] = [
        ("codecarbon/AIRA_v2.8.3_gpucount1-vs-8xH20_emissions.csv", .codeCarbon(noGPUEnergy: nil)),
        ("codecarbon/Green-LLM_rtx4080laptop_emissions.csv", .codeCarbon(noGPUEnergy: nil)),
        ("codecarbon/LightSpec_v3.0.2_32col_a100sxm4_emissions.csv", .codeCarbon(noGPUEnergy: nil)),
        (
            "codecarbon/Unstructured-pruning-Llama_oldformat_emissions.csv",
            .codeCarbon(noGPUEnergy: "no gpu_energy column (CodeCarbon 1.x schema, 12 columns)")
        ),
        ("codecarbon/codecarbon-repo_examples_emissions.csv", .codeCarbon(noGPUEnergy: nil)),
        (
            "codecarbon/cubes-and-clouds_v2.7.4_duplicate-run_id_nogpu_emissions.csv",
            .codeCarbon(noGPUEnergy: "6 of 6 runs tracked no GPU")
        ),
        ("codecarbon/efficiency-raft_v2.2.2_30col_rtxa6000_emissions.csv.bak", .codeCarbon(noGPUEnergy: nil)),
        ("codecarbon/green-ml-bench_rtx4070_emissions.csv", .codeCarbon(noGPUEnergy: nil)),
        (
            "codecarbon/la-derniere-bibliotheque_v2.0-2.1_29col_gram-per-s_cpuonly_emissions.csv",
            .codeCarbon(noGPUEnergy: "35 of 35 runs tracked no GPU")
        ),
        (
            "dcgm/ITU-HPC_dcgmi-dmon_2gpu_power-energy-prof_dcgmi-log.out",
            .dcgmWithoutTimes
        ),
        (
            "mlperf-power/power-dev_example_2020-12-23_single-channel_spl.txt",
            .mlperf(.mlperfPowerLog)
        ),
        (
            "mlperf-power/v3.0_NVIDIA_A100-PCIe-80GBx8_MaxQ_resnet50_Offline_power_server.json",
            .foreign("MLPerf power server.json", nil)
        ),
        (
            "mlperf-power/v3.0_NVIDIA_A100-PCIe-80GBx8_MaxQ_resnet50_Offline_run_1_mlperf_log_detail.txt",
            .mlperf(.mlperfLoadGenLog)
        ),
        (
            "mlperf-power/v3.0_NVIDIA_A100-PCIe-80GBx8_MaxQ_resnet50_Offline_run_1_multichannel_spl.txt",
            .mlperf(.mlperfPowerLog)
        ),
        ("nvidia-smi-csv/A100_TR_gpudata.csv", .powerLog),
        ("nvidia-smi-csv/A5000_TR_gpudata.csv", .powerLog),
        ("nvidia-smi-csv/Flame_nvidia-smi.csv", .powerLog),
        (
            "nvidia-smi-csv/HyperTensor_utf16le-bom_noheader_gpu_monitor.txt",
            .unreadablePowerLog("no header line and the first field is not a date and time")
        ),
        ("nvidia-smi-csv/K40m_TR_gpudata.csv", .powerLog),
        ("nvidia-smi-csv/MLPerf_data_unknown-error.csv", .powerLog),
        ("nvidia-smi-csv/conv2d_forward_baseline_r1_20260419_054635_power.csv", .powerLog),
        ("nvidia-smi-csv/fletcher-io_gtx1650_gpu_power.csv", .powerLog),
        (
            "nvidia-smi-csv/gpu-monitor_rtx4060laptop_wrapped_crlf_gpu_usage_log.csv",
            .unreadablePowerLog("row has 10 fields but the header has 9")
        ),
        (
            "nvidia-smi-csv/gpu-usage_rtx2070_repeated-header_gpu_usage.csv",
            .notALog("nvidia-smi CSV without a power column")
        ),
        ("nvidia-smi-csv/gpu_glasses_8gpu_wrapped_nvidia_smi.csv", .powerLog),
        ("nvidia-smi-csv/gpu_log_19_12_2025.csv", .powerLog),
        ("nvidia-smi-csv/h100pcie_burst_fp_e4m3_bf16_fast_mode_allzero.csv", .powerLog),
        ("nvidia-smi-csv/h20_transient-NA_fp16_half_random.csv", .powerLog),
        ("nvidia-smi-csv/h800sxm_41col_NA_allzero_gemm_int8.csv", .powerLog),
        ("nvidia-smi-csv/nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", .powerLog),
        (
            "nvidia-smi-csv/noheader_Gemm_Multiply_LeakyReLU_baseline_r1_20260410_230639_power.csv",
            .unreadablePowerLog("no header line and no column in watts")
        ),
        (
            "nvidia-smi-csv/noheader_unknown-error_LeakyReLU_clk2445_r2_20260411_043000_power.csv",
            .unreadablePowerLog("no header line and no column in watts")
        ),
        ("nvidia-smi-csv/plato_noheader_units_gpu_log.csv", .powerLog),
        (
            "nvidia-smi-csv/thesis-mas_h100nvl_nvidia-smi_truncated.log",
            .notALog("nvidia-smi CSV without a power column")
        ),
        ("nvidia-smi-csv/vlm_optimization_rtx4090_gpu_log.csv", .powerLog),
        (
            "nvidia-smi-dmon/FULL-BOT-new_nvidia_dmon_s-u_no-pwr.log",
            .notALog("nvidia-smi dmon log without the pwr column")
        ),
        ("profiler-trace/Annas-MacBook-Pro-2.local_91486.1672911380959.pt.trace.json", .training(.profilerTrace)),
        ("profiler-trace/hta_alexnet_benchmark_result_2869224_1695835535_trace.json.gz", .training(.profilerTrace)),
        ("profiler-trace/hta_cpu_only_rank-34.Jul_15_10_52_41.1074.pt.trace.json.gz", .training(.profilerTrace)),
        ("profiler-trace/hta_mi250_minitoy_train_ROCm6_2_kineto.json.gz", .training(.profilerTrace)),
        ("profiler-trace/hta_ns_resolution_rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz", .training(.profilerTrace)),
        ("profiler-trace/kineto_docs_after_fix_trace.json", .training(.profilerTrace)),
        (
            "profiler-trace/kineto_resnet50_num_workers_0_worker0.1623143089861.pt.trace.json.gz",
            .training(.profilerTrace)
        ),
        ("tfevents/events.out.tfevents.1476472047.localhost", .training(.tensorBoardEvents)),
        ("tfevents/events.out.tfevents.1515280092.tayo-glaptop", .training(.tensorBoardEvents)),
        ("tfevents/events.out.tfevents.1618138604.285e2a0aa751", .training(.tensorBoardEvents)),
        ("tfevents/events.out.tfevents.1622179822.DESKTOP-EB1F4C5.6800.3", .training(.tensorBoardEvents)),
        ("tfevents/events.out.tfevents.1630721995.Saazs-Air.fios-router.home.6861.0", .training(.tensorBoardEvents)),
        ("tfevents/events.out.tfevents.1630851472.Saazs-Air.fios-router.home.17109.0", .training(.tensorBoardEvents)),
        (
            "tfevents/events.out.tfevents.1644728510.huangyuan3hdeMacBook-Pro.local.73068.0.v2",
            .training(.tensorBoardEvents)
        ),
        (
            "tfevents/events.out.tfevents.1644728574.huangyuan3hdeMacBook-Pro.local.73068.1.v2",
            .training(.tensorBoardEvents)
        ),
        ("tfevents/events.out.tfevents.1713773043.carls-gaming-linux.286970.0", .training(.tensorBoardEvents)),
        ("tfevents/events.out.tfevents.1716735746.99c8c45923de.3769.0", .training(.tensorBoardEvents)),
        ("wandb/ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", .wandb),
        (
            "wandb/ThinkTuning_8xA100pcie_sdk0.18.3_run-oy7yf526_wandb-metadata.json",
            .foreign("W&B wandb-metadata.json", nil)
        ),
        ("wandb/ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", .wandb),
        ("wandb/ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", .wandb),
        ("wandb/UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", .wandb),
        ("wandb/UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", .wandb),
        ("wandb/nanoGPT-pr462_rtx3090_offline-run-20240309_220139-ct8nwitg_run-ct8nwitg.wandb", .wandb),
        (
            "wandb/nanoGPT-pr462_rtx3090_offline-run-20240309_220139-ct8nwitg_wandb-metadata.json",
            .foreign("W&B wandb-metadata.json", nil)
        ),
        ("wandb/spaceinvaders_tesla-t4_wandb-events.jsonl", .wandb),
        ("wandb/spaceinvaders_tesla-t4_wandb-metadata.json", .foreign("W&B wandb-metadata.json", nil)),
    ]

    /// Each GPU's energy by independent trapezoid integration (every gap bridged; none is 60 s or longer), its
    /// valid samples and its longest interval between two. Output of `python3 Scripts/real-log-energies.py`,
    /// pasted (the script states its rules for [N/A] readings, units, repeated times and gaps).
    static let energies: [(file: String, gpu: String, joules: Double, samples: Int, longestSeconds: Double)] = [
        ("A100_TR_gpudata.csv", "0", 1775.874685, 1245, 0.092),
        ("A5000_TR_gpudata.csv", "0", 2117.759875, 2383, 0.036),
        ("Flame_nvidia-smi.csv", "0", 79.82033, 73, 0.051),
        ("K40m_TR_gpudata.csv", "0", 1232.837605, 2110, 0.013),
        ("MLPerf_data_unknown-error.csv", "0", 32315.9097, 12792, 0.117),
        ("conv2d_forward_baseline_r1_20260419_054635_power.csv", "0", 1444.6567850000001, 205, 0.598),
        ("fletcher-io_gtx1650_gpu_power.csv", "GPU-eced1bd8-b3e7-abfc-0555-6f654cee60a5", 18.16935, 80, 0.017),
        ("gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "0", 592.265, 6, 2.0),
        ("gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "1", 585.88, 6, 2.0),
        ("gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "2", 583.7950000000001, 6, 2.0),
        ("gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "3", 443.58, 5, 2.0),
        ("gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "4", 435.83, 5, 2.0),
        ("gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "5", 436.89, 5, 2.0),
        ("gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "6", 445.53999999999996, 5, 2.0),
        ("gpu_glasses_8gpu_wrapped_nvidia_smi.csv", "7", 440.595, 5, 2.0),
        ("gpu_log_19_12_2025.csv", "0", 575260.589135, 1825, 1.003),
        ("h100pcie_burst_fp_e4m3_bf16_fast_mode_allzero.csv", "0", 9805.277095, 5600, 0.049),
        ("h20_transient-NA_fp16_half_random.csv", "0", 8601.93415, 41645, 0.027),
        (
            "h800sxm_41col_NA_allzero_gemm_int8.csv", "GPU-deb3f1bc-44cc-a622-e825-35a2cfa67c22", 14964.738485, 127,
            2.655
        ),
        ("nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", "0", 61672.21441, 639, 0.332),
        ("nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", "1", 65530.818165, 639, 0.332),
        ("nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", "2", 61055.17793, 639, 0.332),
        ("nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", "3", 59174.00928, 639, 0.332),
        ("nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", "4", 61228.204255, 639, 0.332),
        ("nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", "5", 58646.090955, 639, 0.332),
        ("nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", "6", 60613.24474, 639, 0.332),
        ("nanoGPT-fork_8gpu_wrapped_gpu_metrics.csv", "7", 58947.339055, 639, 0.332),
        ("plato_noheader_units_gpu_log.csv", "0", 159221.025705, 1923, 5.723),
        ("vlm_optimization_rtx4090_gpu_log.csv", "0", 805871.16317, 2619, 7.311),
    ]

    /// Each W&B file's GPUs: energy and valid samples by `python3 Scripts/wandb-energies.py` over the files of
    /// `wandb/` (its own framing and protobuf decoding; trapezoid per GPU over epoch seconds), pasted. The
    /// rank-duplicate runs hold one tick each (0 J over no time: a report leaves their energy unknown); the
    /// truncated run's figures are those before the cut.
    static let wandbEnergies: [(file: String, gpu: String, joules: Double, samples: Int)] = [
        ("ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", "0", 102196.78314507323, 119),
        ("ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", "1", 108131.98692054681, 119),
        ("ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", "2", 102818.4843333882, 119),
        ("ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", "3", 108161.32734818984, 119),
        ("ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", "4", 64513.62712066853, 119),
        ("ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", "5", 61576.52038248135, 119),
        ("ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", "6", 66087.65781071698, 119),
        ("ThinkTuning_8xA100pcie_sdk0.18.3_per-asset-stats_run-oy7yf526.wandb", "7", 67113.28300386883, 119),
        ("ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "0", 0.0, 1),
        ("ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "1", 0.0, 1),
        ("ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "2", 0.0, 1),
        ("ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "3", 0.0, 1),
        ("ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "4", 0.0, 1),
        ("ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "5", 0.0, 1),
        ("ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "6", 0.0, 1),
        ("ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "7", 0.0, 1),
        ("ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", "0", 0.0, 1),
        ("ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", "1", 0.0, 1),
        ("ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", "2", 0.0, 1),
        ("ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", "3", 0.0, 1),
        ("ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", "4", 0.0, 1),
        ("ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", "5", 0.0, 1),
        ("ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", "6", 0.0, 1),
        ("ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb", "7", 0.0, 1),
        ("UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", "0", 122807.09046149575, 50),
        ("UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", "1", 123229.49329467915, 50),
        ("UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", "2", 100543.25504891535, 50),
        ("UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", "3", 116380.97555897557, 50),
        ("UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", "4", 11841.87942006242, 50),
        ("UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", "5", 107016.44466741405, 50),
        ("UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", "6", 109823.72977179028, 50),
        ("UASFT_8xRTX4090_sdk0.21.0_envrecord_run-sv7hxi9x.wandb", "7", 89269.39938825427, 50),
        ("UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", "0", 9187.8172933048, 8),
        ("UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", "1", 2145.395074506402, 8),
        ("UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", "2", 1777.2157073286771, 8),
        ("UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", "3", 12106.574799164297, 8),
        ("UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", "4", 8823.375566395402, 8),
        ("UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", "5", 28074.201125123738, 8),
        ("UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", "6", 27152.883750021458, 8),
        ("UASFT_sdk0.21.0_truncated-mid-record_run-v9z6xp4p.wandb", "7", 13237.880054817677, 8),
        (
            "nanoGPT-pr462_rtx3090_offline-run-20240309_220139-ct8nwitg_run-ct8nwitg.wandb", "0", 14488871.353227029,
            1483
        ),
        ("spaceinvaders_tesla-t4_wandb-events.jsonl", "0", 14495.314999999999, 18),
    ]
    /// Each CodeCarbon file's runs, GPU runs and their GPU energy (kWh), CPU and RAM energy (kWh) and CodeCarbon's
    /// own emissions (kg): output of `python3 Scripts/codecarbon-expected.py`, pasted (Python's `csv`, the last row of
    /// each run_id).
    static let codeCarbon:
        [(file: String, runs: Int, gpuRuns: Int, gpuKWh: Double, cpuKWh: Double?, ramKWh: Double?, emissionsKg: Double)] =
            [
                (
                    "AIRA_v2.8.3_gpucount1-vs-8xH20_emissions.csv", 1, 1, 1.2714732392282713e-05, 7.754921771508332e-06,
                    6.889394091130812e-05, 2.1243680432526503e-07
                ),
                (
                    "Green-LLM_rtx4080laptop_emissions.csv", 1, 1, 0.0, 2.3831758234235977e-08, 3.7858809139379446e-09,
                    7.21248455174136e-09
                ),
                (
                    "LightSpec_v3.0.2_32col_a100sxm4_emissions.csv", 7, 7, 0.1752118568360499, 0.03710436981083455,
                    0.0571086670144833, 0.15705504498734024
                ),
                ("Unstructured-pruning-Llama_oldformat_emissions.csv", 103, 0, 0.0, nil, nil, 0.5274723854744382),
                (
                    "codecarbon-repo_examples_emissions.csv", 21, 21, 0.0030258776358669842, 0.0019073412453263856,
                    0.0032668436625645164, 0.00019537029268894377
                ),
                (
                    "cubes-and-clouds_v2.7.4_duplicate-run_id_nogpu_emissions.csv", 6, 0, 0.0, 0.003065397862663819,
                    0.0005129558305115143, 0.0011834259766994898
                ),
                (
                    "efficiency-raft_v2.2.2_30col_rtxa6000_emissions.csv.bak", 4, 4, 0.007898683519883317,
                    0.007556734770536311, 0.014655890788794236, 0.0025519639406033834
                ),
                (
                    "green-ml-bench_rtx4070_emissions.csv", 502, 501, 5.952544237841956, 1.1178912069683467,
                    2.9316778300648205, 3.78428930668452
                ),
                (
                    "la-derniere-bibliotheque_v2.0-2.1_29col_gram-per-s_cpuonly_emissions.csv", 35, 0, 0.0,
                    8.272006617936157e-08, 7.698800506100648e-08, 8.783943918220243e-09
                ),
            ]

    /// The `dcgmi dmon` file's GPUs: the TOTEC increments and the POWER trapezoid at 1 s ticks, by
    /// `python3 Scripts/dcgm-energies.py` (its own parsing), pasted.
    static let dcgmEnergies: [(gpu: String, counterJoules: Double, trapezoidJoules: Double, samples: Int)] = [
        ("0", 11919.892, 11940.067, 209),
        ("1", 5700.028, 5719.6045, 209),
    ]

    private static func options() -> ReportOptions {
        var options = ReportOptions()
        options.zone = .utc
        return options
    }

    @Test func theTableListsEveryFile() throws {
        let listed = try FileManager.default.subpathsOfDirectory(atPath: Self.root).filter { path in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: Self.root + "/" + path, isDirectory: &isFolder)
            return !isFolder.boolValue && path != "SOURCES.md"
        }
        #expect(Set(listed) == Set(Self.expectations.map(\.file)))
        #expect(Self.expectations.count == 63)
        let powerLogs = Self.expectations.filter { if case .powerLog = $0.expected { true } else { false } }
        #expect(
            Set(powerLogs.map { "nvidia-smi-csv/" + $0.file.split(separator: "/").last! }) == Set(powerLogs.map(\.file))
        )
        #expect(Set(Self.energies.map { "nvidia-smi-csv/" + $0.file }) == Set(powerLogs.map(\.file)))
    }

    @Test(arguments: expectations)
    func fileIsReadAsExpected(file: String, expected: Expected) throws {
        let path = Self.root + "/" + file
        let name = String(file.split(separator: "/").last!)
        var findings = FindingLog()
        let discovered = try RunDiscovery.discover(runDirectory: path, limits: InputLimits(), findings: &findings)
        try #require(discovered.count == 1)
        let found = discovered[0]
        let analysed = Result { () throws(FootprintError) in
            try RunAnalyzer.analyze(runDirectory: path, options: Self.options())
        }
        switch expected {
        case .powerLog:
            #expect(found.kind == .nvidiaSMICSV)
            let report = try analysed.get()
            let rows = Self.energies.filter { $0.file == name }
            #expect(report.gpus.count == rows.count)
            for row in rows {
                let gpu = try #require(
                    report.gpus.first {
                        ($0.identity.otherID ?? $0.identity.index ?? $0.identity.uuid ?? "0") == row.gpu
                    })
                #expect(relativeError(gpu.trace.joules, row.joules) <= 1e-6, "\(name) GPU \(row.gpu)")
                #expect(gpu.trace.sampleCount == row.samples, "\(name) GPU \(row.gpu)")
                // No gap in these logs is long enough for a bridge limit of a minute or more to matter.
                #expect(row.longestSeconds < 60)
                #expect(gpu.trace.gaps.allSatisfy { $0.seconds < 60 })
            }
        case .unreadablePowerLog(let reason):
            #expect(found.kind == .nvidiaSMICSV)
            #expect(throws: FootprintError.self) { try analysed.get() }
            if case .failure(let error) = analysed {
                #expect(error.code == .nothingAnalysable)
                #expect(error.message.contains(reason))
            }
        case .notALog(let reason):
            #expect(found.kind == .other)
            #expect(found.note?.contains(reason) == true, "\(found.note ?? "no note")")
            if case .failure(let error) = analysed { #expect(error.message.contains(reason)) }
            #expect(throws: FootprintError.self) { try analysed.get() }
        case .foreign(let producer, let detail):
            #expect(found.kind == .foreign)
            #expect(found.foreign?.producer == producer)
            #expect(found.foreign?.detail == detail)
            #expect(found.note == found.foreign?.note)
            #expect(
                findings.allFindings().contains {
                    $0.code == .inputForeign && $0.location?.path == name && $0.message.contains(producer)
                })
            // Not read: no GPU energy from it (CodeCarbon's cpu_power, a wall-power meter, a W&B stream).
            #expect(throws: FootprintError.self) { try analysed.get() }
        case .training(let kind):
            #expect(found.kind == kind)
            if case .success(let report) = analysed { #expect(report.gpus.isEmpty) }
        case .mlperf(let kind):
            #expect(found.kind == kind)
            if kind == .mlperfPowerLog {
                let report = try analysed.get()
                #expect(report.gpus.isEmpty && report.systemEnergy != nil)
            } else {
                #expect(throws: FootprintError.self) { try analysed.get() }
            }
        case .dcgmWithoutTimes:
            #expect(found.kind == .dcgmDmon)
            #expect(throws: FootprintError.self) { try analysed.get() }
            if case .failure(let error) = analysed { #expect(error.message.contains("--dmon-start")) }
        case .wandb:
            #expect(found.kind == .wandb)
            var readFindings = FindingLog()
            let log = try #require(
                try WandBReader.read(
                    path: path, displayPath: name, options: PowerLogReadingOptions(), findings: &readFindings))
            let rows = Self.wandbEnergies.filter { $0.file == name }
            #expect(log.gpus.count == rows.count)
            for row in rows {
                let gpu = try #require(log.gpus.first { $0.identity.index == row.gpu })
                // The brief is 0.5%; the two agree to rounding.
                #expect(relativeError(gpu.trace.joules, row.joules) <= 1e-9, "\(name) GPU \(row.gpu)")
                #expect(gpu.trace.sampleCount == row.samples, "\(name) GPU \(row.gpu)")
            }
            if rows.allSatisfy({ $0.samples == 1 }) {
                // One tick measures no energy: unknown, not 0.
                #expect(throws: FootprintError.self) { try analysed.get() }
            } else {
                #expect(try analysed.get().gpus.count == rows.count)
            }
        case .codeCarbon(let noGPUEnergy):
            #expect(found.kind == .codeCarbonEmissions)
            let row = try #require(Self.codeCarbon.first { $0.file == name })
            var options = PowerLogReadingOptions()
            options.zone = .utc
            var readFindings = FindingLog()
            let log = try #require(
                try CodeCarbonReader.read(path: path, displayPath: name, options: options, findings: &readFindings))
            let totals = try #require(log.trackerTotals)
            #expect(totals.runCount == row.runs)
            #expect(totals.gpuRunCount == row.gpuRuns)
            #expect(relativeError(totals.gpuKilowattHours, row.gpuKWh) <= 1e-9)
            #expect(relativeError(totals.cpuKilowattHours ?? -1, row.cpuKWh ?? -1) <= 1e-9)
            #expect(relativeError(totals.ramKilowattHours ?? -1, row.ramKWh ?? -1) <= 1e-9)
            #expect(relativeError(totals.emissionsKilograms ?? 0, row.emissionsKg) <= 1e-9)
            if let noGPUEnergy {
                #expect(throws: FootprintError.self) { try analysed.get() }
                #expect(readFindings.allFindings().contains { $0.message.contains(noGPUEnergy) })
            } else {
                // The report's GPU energy is CodeCarbon's, every run counted (none is taken for an idle GPU).
                let report = try analysed.get()
                #expect(report.gpus.count == row.gpuRuns)
                #expect(report.gpus.allSatisfy { $0.usedByJob })
                #expect(
                    relativeError(report.jobJoules, row.gpuKWh * EnergyUnit.joulesPerKilowattHour) <= 1e-9
                        || row.gpuKWh == 0 && report.jobJoules == 0)
                #expect(report.findings.contains { $0.code == .energyTracker })
            }
        }
    }

    /// MLPerf Power's multichannel analyzer log with its LoadGen log: the system's wall energy over the readings
    /// strictly inside power_begin … power_end (644 of 706), 1,318,537.6015 J by a Python trapezoid over the same
    /// readings (times parsed with `datetime.strptime`, UTC); no GPU energy.
    @Test func mlperfSystemEnergyIsTheScoredWindowsAndNotGPUEnergy() throws {
        let report = try RunAnalyzer.analyze(runDirectory: Self.root + "/mlperf-power", options: Self.options())
        let system = try #require(report.systemEnergy)
        #expect(system.isScoredWindow && system.sampleCount == 644 && system.invalidCount == 0)
        #expect(relativeError(system.joules, 1_318_537.6015375364) < 1e-9)
        #expect(system.path.hasSuffix("multichannel_spl.txt"))
        #expect(report.gpus.isEmpty && report.gpuShareOfSystemEnergy == nil)
        let json = try #require(
            JSONSerialization.jsonObject(with: Data(JSONReportWriter.render(report).utf8)) as? [String: Any])
        #expect((json["energy"] as? [String: Any])?["joules"] is NSNull)
        #expect((json["system_energy"] as? [String: Any])?["joules"] as? Double == 1_318_537.602)
    }

    /// No folder of producers that are not GPU power logs yields a GPU energy, whatever columns say "power".
    @Test(arguments: ["nvidia-smi-dmon"])
    func folderWithoutGPUPowerLogsHasNoEnergy(folder: String) {
        #expect(throws: FootprintError.self) {
            try RunAnalyzer.analyze(runDirectory: Self.root + "/" + folder, options: Self.options())
        }
    }

    /// The `dcgmi dmon` file with a start time: each GPU's energy is its TOTEC increments, its POWER trapezoid is
    /// beside it, both as the independent script has them (the brief is 0.5%; they agree to rounding).
    @Test func dcgmiDmonEnergiesMatchTheIndependentScript() throws {
        var options = Self.options()
        options.dmonStart = "2024-11-05 10:00:00"
        let report = try RunAnalyzer.analyze(runDirectory: Self.root + "/dcgm", options: options)
        #expect(report.gpus.count == Self.dcgmEnergies.count)
        for row in Self.dcgmEnergies {
            let gpu = try #require(report.gpus.first { $0.identity.index == row.gpu })
            #expect(relativeError(gpu.trace.joules, row.counterJoules) <= 1e-9, "GPU \(row.gpu)")
            #expect(gpu.trace.sampleCount == row.samples, "GPU \(row.gpu)")
        }
        var findings = FindingLog()
        var readingOptions = PowerLogReadingOptions()
        readingOptions.dmonStart = .absolute(1_730_800_800)
        let log = try #require(
            try DCGMDmonReader.read(
                path: Self.root + "/dcgm/ITU-HPC_dcgmi-dmon_2gpu_power-energy-prof_dcgmi-log.out",
                displayPath: "dcgmi-log.out", options: readingOptions, findings: &findings))
        for row in Self.dcgmEnergies {
            let series = try #require(log.gpus.first { $0.identity.index == row.gpu })
            #expect(relativeError(try #require(series.powerIntegralJoules), row.trapezoidJoules) <= 1e-9)
        }
    }

    /// Two ranks' W&B runs of one job on one node (the same eight GPUs at the same tick, 20 ms apart): the node
    /// counted once, from the first, with a note naming the other. One tick measures no energy, so a report of the
    /// two says so rather than 0 J.
    @Test func rankDuplicateRunsCountTheNodeOnce() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let names = [
            "ThinkTuning_rank-duplicate-A_run-j6temqto.wandb", "ThinkTuning_rank-duplicate-B_run-jmpfew2c.wandb",
        ]
        var findings = FindingLog()
        var logs: [PowerLog] = []
        for name in names {
            try FileManager.default.copyItem(atPath: Self.root + "/wandb/" + name, toPath: folder + "/" + name)
            logs.append(
                try #require(
                    try WandBReader.read(
                        path: folder + "/" + name, displayPath: name, options: PowerLogReadingOptions(),
                        findings: &findings)))
        }
        let kept = HostAssignment.assign(logs, hostPattern: nil, findings: &findings)
        #expect(kept.map(\.path) == [names[0]])
        #expect(kept[0].gpus.map(\.identity.label) == (0..<8).map { "en4217587l/\($0)" })
        #expect(
            findings.allFindings().contains {
                $0.code == .inputDuplicate && $0.severity == .note && $0.location?.path == names[1]
            })
        #expect(throws: FootprintError.self) { try RunAnalyzer.analyze(runDirectory: folder, options: Self.options()) }
        var joined = FindingLog()
        #expect(DeviceJoining.join(kept, findings: &joined).isEmpty)
        #expect(joined.allFindings().filter { $0.message.contains("one valid reading") }.count == 8)
    }

    /// A CodeCarbon file beside a real nvidia-smi log: the log's energy alone, over the log's own span (the
    /// CodeCarbon runs, days earlier, do not stretch the window); CodeCarbon's totals are read and shown beside it,
    /// not added.
    @Test func codeCarbonBesideAPowerLogAddsNoGPUEnergy() throws {
        let folder = TestPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for file in [
            "nvidia-smi-csv/vlm_optimization_rtx4090_gpu_log.csv", "codecarbon/codecarbon-repo_examples_emissions.csv",
        ] {
            try FileManager.default.copyItem(
                atPath: Self.root + "/" + file, toPath: folder + "/" + file.split(separator: "/").last!)
        }
        let report = try RunAnalyzer.analyze(runDirectory: folder, options: Self.options())
        let gpu = try #require(report.gpus.first)
        #expect(report.gpus.count == 1)
        // vlm_optimization_rtx4090_gpu_log.csv, GPU 0, from the table above.
        #expect(relativeError(gpu.trace.joules, 805871.16317) <= 1e-6)
        #expect(abs(report.windowEndSeconds - report.windowStartSeconds - gpu.trace.spanSeconds) < 1e-6)
        let codeCarbon = try #require(report.files.first { $0.displayPath == "codecarbon-repo_examples_emissions.csv" })
        #expect(codeCarbon.kind == .codeCarbonEmissions)
        let totals = try #require(report.powerLogs.compactMap(\.trackerTotals).first)
        #expect(!totals.gpuEnergyUsed)
        #expect(totals.runCount == 21)
        // A tracker's totals are a cross-check whenever a producer sampled power, even at other times.
        #expect(report.sources.map(\.producer) == ["nvidia-smi", "CodeCarbon"])
        #expect(report.sources.map(\.role) == [.primary, .crossCheck])
        #expect(report.sources.last?.comparison == nil, "days apart: no time in common")
        #expect(
            report.findings.contains {
                $0.code == .sourceCrossCheck && $0.location?.path == codeCarbon.displayPath
                    && $0.message.contains("nvidia-smi is counted, CodeCarbon is a cross-check")
            })
        let markdown = MarkdownReportWriter.render(report)
        #expect(markdown.contains("(not used: the run has power samples)"))
    }
}

/// No bridged gap is longer than the bridge limit, over every run of an audit of ../shared/real-logs and the
/// fixtures (each folder of logs as one run, however unrelated its logs are).
@Suite(.enabled(if: TestPaths.sharedRealLogsPresent, "needs ../shared/real-logs"))
struct BridgeLimitOverAllLogsTests {
    @Test func noBridgedGapIsLongerThanTheLimit() throws {
        var runs: [String] = []
        for base in [try #require(TestPaths.sharedRealLog("")), TestPaths.fixture("")] {
            runs += AuditDiscovery.runs(under: base, rule: .logsByName).runs.map { base + "/" + $0.relativePath }
        }
        #expect(runs.count > 30)
        var options = ReportOptions()
        options.zone = .utc
        var gaps = 0
        for run in runs {
            guard let report = try? RunAnalyzer.analyze(runDirectory: run, options: options) else { continue }
            for gpu in report.gpus {
                gaps += gpu.trace.gaps.count
                for gap in gpu.trace.gaps {
                    #expect(gap.seconds <= ReportOptions.defaultMaxBridgeSeconds, "\(run): \(gpu.identity.label)")
                }
            }
        }
        #expect(gaps > 0, "some gaps were bridged, within the limit")
    }
}
