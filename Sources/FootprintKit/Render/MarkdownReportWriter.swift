/// Renders a ``RunReport`` as Markdown: the headline first, then every assumption with its source, the
/// per-GPU detail, the files read and ignored, the warnings, and the method.
public enum MarkdownReportWriter {
    public static func render(_ report: RunReport) -> String {
        var out = "# Footprint of \(MarkdownText.code(report.runPath))\n\n"
        out += headline(report) + "\n\n"
        if report.hasPowerSamples { out += energyTable(report) }
        out += systemEnergy(report)
        out += slurmJob(report)
        out += emissions(report)
        out += training(report)
        out += profiler(report)
        out += TrackerTotalsMarkdown.section(report)
        out += assumptions(report)
        if report.hosts.count > 1 { out += hostTable(report) }
        if report.hasPowerSamples { out += gpuTable(report) }
        if !report.files.isEmpty { out += files(report) }
        out += warnings(report)
        out += method(report)
        out += provenance(report)
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }

    private static func kWh(_ joules: Double) -> String {
        ReportFormatting.significant(joules / EnergyUnit.joulesPerKilowattHour, 4) + " kWh"
    }

    private static func kilograms(_ value: Double) -> String { ReportFormatting.significant(value, 3) + " kg" }

    /// `1.23 kg CO2e (1.10–1.40)`.
    private static func co2e(_ emissions: OperationalEmissions) -> String {
        "\(ReportFormatting.significant(emissions.kilogramsCO2e, 3)) kg CO2e** (range \(ReportFormatting.significant(emissions.kilogramsCO2eLow, 3))–\(ReportFormatting.significant(emissions.kilogramsCO2eHigh, 3)))"
    }

    private static func headline(_ report: RunReport) -> String {
        guard report.hasPowerSamples else {
            let missing = report.energyMissingReason.map { $0.text(path: MarkdownText.code, prose: MarkdownText.line) }
            if let emissions = report.emissions, let basis = report.estimate {
                let variant =
                    basis.choice.isFamily
                    ? " (the default variant of \(MarkdownText.code(basis.choice.requestedName)); the range spans its variants' TDPs, \(ReportFormatting.fixed(basis.choice.tdpRangeWatts.lowerBound, 0))–\(ReportFormatting.fixed(basis.choice.tdpRangeWatts.upperBound, 0)) W)"
                    : ""
                return
                    "**Estimate** (\(missing.map { "no measured GPU energy: \($0)" } ?? "no GPU power log")): \(basis.gpuCount) × \(MarkdownText.escaped(basis.gpu.model))\(variant) at \(basis.powerDescription) "
                    + "for \(ReportFormatting.grouped(basis.hours, 2)) h (\(basis.hoursSource)) "
                    + "→ **\(kWh(emissions.itJoules))** → **\(co2e(emissions)) at \(ReportFormatting.fixed(report.factors.gramsCO2ePerKWh, 2)) gCO2e/kWh "
                    + "with PUE \(ReportFormatting.fixed(report.factors.pue, 2)). Measured power would replace this estimate."
            }
            if let emissions = report.emissions, emissions.method == .systemEnergy, let system = report.systemEnergy {
                return
                    "**\(kWh(emissions.itJoules))** of \(system.meter == .slurmAccounting ? "node energy from Slurm's accounting" : "system (wall) energy from the power analyzer") "
                    + "over **\(ReportFormatting.duration(system.seconds))** (no GPU power log) → **\(co2e(emissions)) at \(ReportFormatting.fixed(report.factors.gramsCO2ePerKWh, 2)) gCO2e/kWh "
                    + "with PUE \(ReportFormatting.fixed(report.factors.pue, 2)). This energy covers more than the GPUs; a GPU power log of the run would give its GPU energy."
            }
            return
                "**No measured GPU energy**: \(missing ?? "no GPU power log in this run"). The timeline below comes from the training logs "
                + "(TensorBoard event files, profiler traces); energy and emissions need a readable power log of the run (or `--gpu-model` and "
                + "`--gpu-count` for an estimate, labelled as one)."
        }
        let factors = report.factors
        let job = report.jobGPUs
        let names = Dictionary(grouping: job, by: { $0.identity.name ?? "GPU (model not in the log)" })
            .sorted { $0.key < $1.key }
            .map { name, gpus in
                // A tracker's devices are runs (all of one run's GPUs together), not single GPUs.
                gpus.first?.identity.kind == .gpuGroup
                    ? "\(gpus.count) tracked run\(gpus.count == 1 ? "" : "s") of \(MarkdownText.escaped(name))"
                    : "\(gpus.count) × \(MarkdownText.escaped(name))"
            }
            .joined(separator: " + ")
        var place = factors.location ?? "given intensity"
        if let year = factors.intensityYear { place += ", \(year)" }
        if factors.intensityIsAssumed { place = "world average, \(factors.intensityYear.map(String.init) ?? "")" }
        return
            "**\(kWh(report.jobJoules))** (\(ReportFormatting.significant(report.jobJoules, 5)) J) of GPU energy over "
            + "**\(ReportFormatting.duration(report.windowSeconds))** on **\(names)**, mean "
            + meanPower(report) + " → **\(report.emissions.map(co2e) ?? "—") "
            + (report.intensitySeries != nil
                ? "at \(ReportFormatting.fixed(report.emissions?.effectiveGramsCO2ePerKWh ?? 0, 2)) gCO2e/kWh on average over time (intensity series)"
                : "at \(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh (\(place))")
            + " with PUE \(ReportFormatting.fixed(factors.pue, 2))."
            + (report.embodied.map { " Embodied carbon, apart: \(kilograms($0.kilogramsCO2e)) CO2e." } ?? "")
            + (factors.intensityIsAssumed || factors.pueIsAssumed ? " Assumed factors are flagged below." : "")
            + (report.clock.wasNeeded && report.clock.source == .machine
                ? "\n\n> **Clock:** the power logs carry local times without a zone; they were read in this machine's zone, **\(report.clock.zone)**. Pass `--tz` with the zone of the machine that wrote them."
                : "")
            + (report.clock.source == .inferred
                ? "\n\n> **Clock:** the power logs carry local times without a zone; their offset, **\(report.clock.zone)**, was inferred by lining up GPU activity with the TensorBoard training window (see Training). Pass `--tz` to state it."
                : "")
    }

    /// `386.4 W per GPU` for one GPU, `3,090.8 W in total (386.4 W per GPU)` for several.
    private static func meanPower(_ report: RunReport) -> String {
        let count = report.jobGPUs.count
        let total = ReportFormatting.grouped(report.meanWatts, 1) + " W"
        guard count > 1 else { return total + " per GPU" }
        return total + " in total (\(ReportFormatting.grouped(report.meanWatts / Double(count), 1)) W per GPU)"
    }

    private static func energyTable(_ report: RunReport) -> String {
        var out = "| | Energy | Share |\n|---|---:|---:|\n"
        let idle = report.gpus.filter { !$0.usedByJob }
        out +=
            "| **Job GPUs (\(gpuList(report.jobGPUs))), whole log** | **\(kWh(report.jobJoules))** | 100% |\n"
        if !idle.isEmpty {
            let idleJoules = idle.reduce(0) { $0 + $1.trace.joules }
            out += "| Other GPUs (\(gpuList(idle))), not counted above | \(kWh(idleJoules)) | |\n"
        }
        out += "| All GPUs in the logs | \(kWh(report.allGPUJoules)) | |\n\n"
        out +=
            "Window: \(ReportFormatting.readableUTC(report.windowStartSeconds)) → \(ReportFormatting.readableUTC(report.windowEndSeconds)) "
            + "(\(ReportFormatting.grouped(report.windowSeconds, 1)) s, earliest to latest valid power sample); "
            + "coverage of the job's GPUs \(ReportFormatting.percent(report.coverage)).\n\n"
        let crossChecks = report.sources.filter { $0.role == .crossCheck }
        if !crossChecks.isEmpty {
            let counted = report.sources.filter { $0.role == .primary }.map(\.producer).joined(separator: " and ")
            out +=
                "Sources: \(counted) counted; cross-checked by "
                + crossChecks.map {
                    "\($0.producer) (\(MarkdownText.line($0.agreement ?? "no GPUs and time in common")))"
                }
                .joined(separator: "; ") + ".\n\n"
        }
        return out
    }

    /// The system's wall energy or the nodes' Slurm energy, beside (never added to) the GPU energy.
    private static func systemEnergy(_ report: RunReport) -> String {
        guard let system = report.systemEnergy else { return "" }
        let share =
            report.gpuShareOfSystemEnergy.map { "; the job's GPUs drew \(ReportFormatting.percent($0)) of it" } ?? ""
        if system.meter == .slurmAccounting {
            return
                "Node energy, from Slurm's accounting (\(MarkdownText.code(system.path)), ConsumedEnergyRaw): **\(kWh(system.joules))** "
                + "(\(ReportFormatting.significant(system.joules, 6)) J) over the job's \(ReportFormatting.duration(system.seconds)) — what the cluster's "
                + "`AcctGatherEnergyType` gathers (whole nodes with IPMI, CPU and DRAM with RAPL, GPUs with the gpu plugin), not GPU energy, and never added to it\(share).\n\n"
        }
        return
            "System (wall) energy, from the power analyzer (\(MarkdownText.code(system.path))): **\(kWh(system.joules))** "
            + "(\(ReportFormatting.significant(system.joules, 6)) J) over \(ReportFormatting.duration(system.seconds)), "
            + (system.isScoredWindow ? "LoadGen's scored window" : "its first to last reading")
            + " — the whole system's AC power, not GPU energy, and never added to it\(share).\n\n"
    }

    /// The Slurm job the run's sacct file accounts.
    private static func slurmJob(_ report: RunReport) -> String {
        guard let job = report.slurmJob else { return "" }
        var parts: [String] = []
        if let state = job.state { parts.append(MarkdownText.escaped(state)) }
        if let nodes = job.nodeCount {
            parts.append(
                "\(nodes) node\(nodes == 1 ? "" : "s")\(job.nodeList.map { " (\(MarkdownText.code($0)))" } ?? "")")
        }
        if let gpus = job.gpuCount {
            parts.append("\(gpus) GPU\(gpus == 1 ? "" : "s")\(job.gpuType.map { " (\(MarkdownText.code($0)))" } ?? "")")
        }
        if let start = job.startSeconds { parts.append("started \(ReportFormatting.readableUTC(start))") }
        if let elapsed = job.elapsedSeconds { parts.append("elapsed \(ReportFormatting.duration(elapsed))") }
        if let gpuHours = job.gpuHours, (job.gpuCount ?? 0) > 0 {
            parts.append("\(ReportFormatting.grouped(gpuHours, 2)) GPU-hours")
        }
        return
            "Slurm job \(MarkdownText.escaped(job.label)) (\(MarkdownText.code(job.path))): \(parts.joined(separator: ", ")).\n\n"
    }

    private static func emissions(_ report: RunReport) -> String {
        guard let emissions = report.emissions else { return "" }
        let factors = report.factors
        var out = "## Emissions\n\n| | Value |\n|---|---|\n"
        out +=
            "| IT energy (\(itEnergyLabel(report, emissions))) | \(kWh(emissions.itJoules)) |\n"
        out +=
            "| Facility energy (× PUE \(ReportFormatting.fixed(factors.pue, 2))) | \(kWh(emissions.facilityJoules)) |\n"
        out +=
            "| Operational CO2e\(factors.market == nil ? "" : ", location-based") | **\(ReportFormatting.significant(emissions.kilogramsCO2e, 4)) kg** (range \(ReportFormatting.significant(emissions.kilogramsCO2eLow, 4))–\(ReportFormatting.significant(emissions.kilogramsCO2eHigh, 4)) kg) |\n"
        if let market = factors.market, let kilograms = emissions.marketKilogramsCO2e {
            out +=
                "| Operational CO2e, market-based | **\(ReportFormatting.significant(kilograms, 4)) kg**: facility energy × \(marketIntensity(market)) |\n"
        }
        if let series = report.intensitySeries, let coverage = emissions.seriesCoverage {
            out +=
                "| Intensity over time | \(MarkdownText.code(series.path)), column \(MarkdownText.code(series.column))\(series.convertedFromPoundsPerMWh ? " (lb/MWh converted)" : ""): \(ReportFormatting.grouped(series.startSeconds.count)) values, \(ReportFormatting.readableUTC(series.firstSeconds)) → \(ReportFormatting.readableUTC(series.endSeconds)); covers \(ReportFormatting.percent(coverage)) of the energy at \(emissions.seriesMeanGramsCO2ePerKWh.map { ReportFormatting.fixed($0, 2) } ?? "—") gCO2e/kWh on average |\n"
        }
        if let embodied = report.embodied {
            let cards = Dictionary(grouping: embodied.cards, by: \.figure.item).sorted { $0.key < $1.key }.map {
                item, cards in
                "\(cards.count) × \(item) (\(ReportFormatting.significant(cards[0].figure.kilogramsCO2e, 4)) kg each\(cards[0].figure.isGeneric ? ", generic per-card value: model not in the table" : ""))"
            }.joined(separator: "; ")
            out +=
                "| Embodied CO2e (not added above) | \(ReportFormatting.significant(embodied.kilogramsCO2e, 4)) kg: \(cards.isEmpty ? "no GPU" : cards), × hours used / (\(ReportFormatting.fixed(embodied.lifetimeYears, 1)) years × 8,766 h) |\n"
        }
        let energyRange =
            emissions.method == .systemEnergy
            ? "energy ±\(ReportFormatting.percent(EmissionsModel.systemMeterUncertainty)) (the meter's accuracy, assumed)"
            : emissions.method == .measured
                ? "energy ±\(ReportFormatting.percent(emissions.energyUncertainty)) (sensor ±\(ReportFormatting.percent(EmissionsModel.sensorUncertainty)), sampling \(ReportFormatting.percent(emissions.energyUncertainty - EmissionsModel.sensorUncertainty)))"
                : (report.estimate?.energyRangeDescription ?? "energy 50–100% of the TDP-based value")
        var flagged: [String] = []
        if emissions.sensorExcessJoules > 0 {
            flagged.append(
                "the flagged sensor readings (\(kWh(emissions.sensorExcessJoules))) left out at its low end")
        }
        if emissions.unmeasuredTypicalJoules > 0 {
            flagged.append(
                "\(ReportFormatting.duration(emissions.unmeasuredSeconds)) of unmeasured GPU time at median power (\(kWh(emissions.unmeasuredTypicalJoules))) added at its high end"
            )
        }
        out +=
            "\nThe range combines \(energyRange)\(flagged.map { ", " + $0 }.joined()), PUE \(ReportFormatting.fixed(factors.pueLow, 2))–\(ReportFormatting.fixed(factors.pueHigh, 2)) and intensity "
            + "\(ReportFormatting.fixed(factors.intensityLow, 1))–\(ReportFormatting.fixed(factors.intensityHigh, 1)) gCO2e/kWh\(report.intensitySeries == nil ? "" : " for energy outside the series") (see the README's method).\n\n"
        if let breakdown = report.breakdown { out += breakdownTable(breakdown, factors: factors) }
        return out
    }

    /// `0.6 renewable, the rest at the residual mix 400 gCO2e/kWh = 160 gCO2e/kWh`.
    private static func marketIntensity(_ market: MarketIntensity) -> String {
        let applied = "\(ReportFormatting.fixed(market.gramsCO2ePerKWh, 2)) gCO2e/kWh"
        guard let share = market.renewableShare, let residual = market.residualGramsCO2ePerKWh else {
            return "\(applied) (`--market-intensity`)"
        }
        return
            "(1 − renewable share \(ReportFormatting.percent(share))) × residual mix \(ReportFormatting.fixed(residual, 2)) gCO2e/kWh = \(applied)"
    }

    /// The dynamic, idle, infrastructure and embodied parts, location-based, and how the idle baseline was set.
    private static func breakdownTable(_ breakdown: EnergyBreakdown, factors: EmissionFactors) -> String {
        func row(_ name: String, _ part: BreakdownPart) -> String {
            let range =
                part.kilogramsCO2eLow == part.kilogramsCO2eHigh
                ? ""
                : " (\(ReportFormatting.significant(part.kilogramsCO2eLow, 4))–\(ReportFormatting.significant(part.kilogramsCO2eHigh, 4)))"
            return
                "| \(name) | \(part.joules.map(kWh) ?? "—") | \(ReportFormatting.significant(part.kilogramsCO2e, 4)) kg\(range) |\n"
        }
        var out = "| Part | Energy | CO2e\(factors.market == nil ? "" : ", location-based") (range) |\n|---|---|---|\n"
        out += row("Dynamic (job GPUs above idle)", breakdown.dynamic)
        out += row("Idle (job GPUs' baselines)", breakdown.idle)
        out += row("Infrastructure (IT × (PUE − 1))", breakdown.infrastructure)
        out += breakdown.embodied.map { row("Embodied", $0) } ?? "| Embodied | — | not asked (`--embodied`) |\n"
        if let unused = breakdown.unusedGPUs { out += row("GPUs not running the job (apart, without PUE)", unused) }
        let baselines = breakdown.baselines.map {
            "\(MarkdownText.code($0.gpu)) \(ReportFormatting.fixed($0.watts, 1)) W"
        }
        out +=
            "\nDynamic + idle is the IT energy; each GPU's idle baseline is its \(ReportFormatting.percent(EmissionsModel.idlePowerQuantile)) power quantile (0.5 W steps) × its measured time, at most its energy: \(baselines.joined(separator: ", ")).\n\n"
        return out
    }

    private static func training(_ report: RunReport) -> String {
        guard let timeline = report.timeline else { return "" }
        var out = "## Training\n\n"
        let files = timeline.runs.flatMap(\.files)
        guard let window = timeline.training else {
            return out
                + "\(files.count) event file\(files.count == 1 ? "" : "s") read; no scalar tag has two or more steps at different times, so there is no training window.\n\n"
        }
        out += "| | Value |\n|---|---|\n"
        out +=
            "| Step tag | \(MarkdownText.code(window.displayTag)) (\(window.choice.rawValue); \(ReportFormatting.grouped(window.pointCount)) points; `--step-tag` to choose another) |\n"
        if !window.otherRankFolders.isEmpty {
            let count = window.otherRankFolders.count
            out +=
                "| Other ranks | \(count) event folder\(count == 1 ? "" : "s") of other ranks log it too, not used for the window: \(window.otherRankFolders.prefix(4).map(MarkdownText.code).joined(separator: ", "))\(count > 4 ? ", …" : "") |\n"
        }
        out +=
            "| Steps | \(ReportFormatting.grouped(Double(window.firstStep), 0)) → \(ReportFormatting.grouped(Double(window.lastStep), 0)) (\(ReportFormatting.grouped(Double(window.steps), 0)) steps) |\n"
        out +=
            "| Window | \(ReportFormatting.readableUTC(window.startSeconds)) → \(ReportFormatting.readableUTC(window.endSeconds)) (\(ReportFormatting.duration(window.seconds))) |\n"
        if let energy = report.trainingEnergy {
            out +=
                "| Energy in the window (job GPUs) | **\(kWh(energy.windowJoules))** (\(ReportFormatting.significant(energy.windowJoules, 5)) J; power samples cover \(ReportFormatting.percent(energy.windowCoverage)) of it) |\n"
            if let perStep = energy.joulesPerStep {
                out +=
                    "| Energy per step | **\(ReportFormatting.significant(perStep, 4)) J/step** (window energy / \(ReportFormatting.grouped(Double(window.steps), 0)) steps) |\n"
            } else if energy.windowCoverage == 0 {
                out += "| Energy per step | unknown: no power sample falls in the window (`clock.no-overlap`) |\n"
            }
            out +=
                "| Outside the window | \(kWh(energy.outsideJoules)): \(kWh(energy.beforeJoules)) before (start-up), \(kWh(energy.afterJoules)) after (tear-down) |\n"
        }
        let evaluation =
            window.evaluationTags.isEmpty
            ? "none found"
            : "\(window.evaluationTags.prefix(6).map(MarkdownText.code).joined(separator: ", "))\(window.evaluationTags.count > 6 ? ", …" : ""); \(ReportFormatting.grouped(window.evaluationPointCount)) points in the window"
        out += "| Evaluation tags | \(evaluation) |\n"
        let superseded = timeline.runs.reduce(0) { $0 + $1.supersededCount }
        let downtimes = timeline.runs.flatMap(\.downtimes)
        var fileLine = "\(files.count) in \(timeline.runs.count) folder\(timeline.runs.count == 1 ? "" : "s")"
        if superseded > 0 {
            fileLine +=
                "; \(ReportFormatting.grouped(superseded)) points superseded by later files (a resumed run logs steps again; the later point wins)"
        }
        if !downtimes.isEmpty {
            fileLine +=
                "; \(downtimes.count) restart\(downtimes.count == 1 ? "" : "s") between files"
        }
        out += "| Event files | \(fileLine) |\n"
        if let target = report.target {
            let met: String
            if let step = target.step, let time = target.wallTimeSeconds, let value = target.value {
                met =
                    "met at step \(step) (\(ReportFormatting.readableUTC(time)), value \(ReportFormatting.significant(value, 5)))"
                    + (target.joules.map {
                        " after **\(kWh($0))** (\(ReportFormatting.significant($0, 5)) J) from the window's start"
                    } ?? "")
            } else {
                met = "not met (best value \(target.bestValue.map { ReportFormatting.significant($0, 5) } ?? "none"))"
            }
            // One code span for the whole condition when the tag can be one.
            let condition = "\(target.target.comparison.rawValue) \(target.target.threshold)"
            let tag = MarkdownText.code(target.target.tag)
            let shown =
                tag.unicodeScalars.first == "`"
                ? "`\(target.target.tag) \(condition)`" : "\(tag) \(MarkdownText.escaped(condition))"
            out += "| Target \(shown) | \(met) |\n"
        }
        out += "\n"
        if let energy = report.trainingEnergy {
            let pausedJoules = energy.pauses.reduce(0) { $0 + $1.joules }
            let pausedSeconds = energy.pauses.reduce(0) { $0 + $1.seconds }
            let total = energy.windowJoules + energy.outsideJoules
            func share(_ joules: Double) -> String { total > 0 ? ReportFormatting.percent(joules / total) : "—" }
            out += "| Phase | Time | Energy | Share |\n|---|---:|---:|---:|\n"
            out +=
                "| Start-up (power log before the first step point) | | \(kWh(energy.beforeJoules)) | \(share(energy.beforeJoules)) |\n"
            out +=
                "| Training steps | \(ReportFormatting.duration(window.seconds - pausedSeconds)) | \(kWh(energy.windowJoules - pausedJoules)) | \(share(energy.windowJoules - pausedJoules)) |\n"
            for pause in energy.pauses {
                out +=
                    "| \(pause.kind.rawValue.prefix(1).uppercased() + pause.kind.rawValue.dropFirst()) (\(pause.count)) | \(ReportFormatting.duration(pause.seconds)) | \(kWh(pause.joules)) | \(share(pause.joules)) |\n"
            }
            out +=
                "| Tear-down (power log after the last step point) | | \(kWh(energy.afterJoules)) | \(share(energy.afterJoules)) |\n\n"
            out += MethodRules.pauses(typicalIntervalSeconds: window.typicalIntervalSeconds) + "\n\n"
        }
        return out
    }

    private static func profiler(_ report: RunReport) -> String {
        guard let summary = report.profiler else { return "" }
        var out = "## Profiler\n\n"
        out +=
            "| Trace | Rank | GPUs | Steps | Clock | Profiled window | Energy (job GPUs) | GPU busy |\n|---|---:|---|---|---|---:|---:|---:|\n"
        for trace in summary.traces {
            let rank = trace.rank.map { "\($0)\(trace.worldSize.map { " of \($0)" } ?? "")" } ?? "—"
            let names = Dictionary(grouping: trace.deviceNames, by: { $0 }).sorted { $0.key < $1.key }.map {
                "\($0.value.count) × \(MarkdownText.escaped($0.key))"
            }
            let steps =
                trace.stepNumbers.isEmpty
                ? "none"
                : "\(trace.stepNumbers.count) (#\(trace.stepNumbers.min()!)…#\(trace.stepNumbers.max()!))"
            let window =
                trace.windowStartSeconds.flatMap { start in
                    trace.windowEndSeconds.map { ReportFormatting.fixed(($0 - start) * 1000, 1) + " ms" }
                } ?? "—"
            let busy: String
            if trace.isCPUOnly {
                busy = "CPU-only"
            } else {
                busy = trace.devices.map {
                    "GPU \($0.device): \($0.busyFraction.map(ReportFormatting.percent) ?? "unknown")"
                }.joined(
                    separator: ", ")
            }
            out +=
                "| \(MarkdownText.code(trace.displayPath)) | \(rank) | \(names.isEmpty ? "none listed" : names.joined(separator: ", ")) | \(steps) | \(trace.clock) | \(window) | \(trace.joules.map { ReportFormatting.significant($0, 4) + " J" } ?? "—") | \(busy) |\n"
        }
        out += "\n"
        if let median = summary.medianStepJoules, let low = summary.stepJoules.first, let high = summary.stepJoules.last
        {
            out +=
                "Energy per profiled step (all the job's GPUs, over the steps of \(summary.windows.count > 1 ? "the \(summary.windows.count) profiled windows of the lowest rank, " : summary.traces.count > 1 ? "the lowest rank's trace, " : "")\(summary.windows.map { MarkdownText.code($0.displayPath) }.joined(separator: ", "))): median **\(ReportFormatting.significant(median, 4)) J**, mean \(ReportFormatting.significant(summary.meanStepJoules ?? 0, 4)) J, min \(ReportFormatting.significant(low, 4)) J, max \(ReportFormatting.significant(high, 4)) J over \(summary.stepJoules.count) steps"
            if let perStep = report.trainingEnergy?.joulesPerStep {
                out +=
                    "; the event files' mean over the training window is \(ReportFormatting.significant(perStep, 4)) J/step"
            }
            out +=
                ". Steps last milliseconds and power is sampled about once a second, so energy within a step is attributed by interpolating power linearly between samples.\n\n"
        }
        let splits = summary.traces.flatMap { trace in
            trace.devices.compactMap { device -> String? in
                guard let busy = device.busyJoules, let idle = device.idleJoules, let label = device.gpuLabel else {
                    return nil
                }
                return
                    "| GPU \(MarkdownText.escaped(label)) (\(MarkdownText.code(trace.displayPath))) | \(device.busyFraction.map(ReportFormatting.percent) ?? "unknown") | \(ReportFormatting.significant(busy, 4)) J | \(ReportFormatting.significant(idle, 4)) J |"
            }
        }
        if !splits.isEmpty {
            out +=
                "| GPU | Busy share | Energy while busy | Energy while idle |\n|---|---:|---:|---:|\n"
                + splits.joined(separator: "\n") + "\n\n"
            out += "Busy time is the union of the GPU's kernel, memcpy and memset spans within the profiled window.\n\n"
        }
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
        } else if let inference = report.clock.inference {
            let runnerUp =
                inference.runnerUpScore > 0
                ? "best offset an hour or more away: \(ClockZone.formatOffset(inference.runnerUpOffsetSeconds)) at \(ReportFormatting.fixed(inference.runnerUpScore, 3))"
                : "no offset an hour or more away fits at all"
            clockSource =
                "**inferred** from the training window (score \(ReportFormatting.fixed(inference.score, 3)) of 1; \(runnerUp)); pass `--tz` to state it"
        } else {
            clockSource = "**assumed**: this machine's zone (pass `--tz`)"
        }
        if !report.files.isEmpty { out += "| Clock of local timestamps | \(report.clock.zone) | \(clockSource) |\n" }
        let intensityName = factors.location.map { "\($0)\(factors.intensityYear.map { ", \($0)" } ?? "")" } ?? "given"
        let intensitySource =
            factors.intensityIsAssumed
            ? "**assumed**: world average (pass `--region`, `--cloud` or `--intensity`); \(factors.intensitySource)"
            : factors.intensitySource
        if let series = report.intensitySeries {
            out +=
                "| Grid intensity over time | \(MarkdownText.code(series.path)) (\(MarkdownText.escaped(series.column))) | `--intensity-series` |\n"
            out +=
                "| Grid intensity outside the series | \(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh (\(intensityName)) | \(intensitySource) |\n"
        } else {
            out +=
                "| Grid intensity | \(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh (\(intensityName)) | \(intensitySource) |\n"
        }
        out +=
            "| PUE | \(ReportFormatting.fixed(factors.pue, 2)) | \(factors.pueIsAssumed ? "**assumed** 1.0 (pass `--pue` or `--pue-preset`)" : factors.pueSource) |\n"
        out +=
            "| Power sensor accuracy | ±\(ReportFormatting.percent(EmissionsModel.sensorUncertainty)) | NVML's documented accuracy of `nvmlDeviceGetPowerUsage` (stated for Fermi and Kepler GPUs; assumed for later ones) |\n"
        if let basis = report.estimate {
            out +=
                "| GPU for the estimate | \(basis.gpuCount) × \(MarkdownText.escaped(basis.gpu.model)), \(ReportFormatting.fixed(basis.gpu.tdpWatts, 0)) W TDP | \(basis.gpu.source) |\n"
        }
        if let window = report.training {
            out +=
                "| Training window | \(MarkdownText.code(window.displayTag)), first to last point | \(window.choice.rawValue) |\n"
        }
        let fields = Dictionary(grouping: report.powerLogs) { "\($0.powerField ?? "none")\u{0}\($0.format.rawValue)" }
        for key in fields.keys.sorted() {
            let logs = fields[key] ?? []
            let what =
                logs.count == 1
                ? MarkdownText.code(logs[0].path)
                : "\(ReportFormatting.grouped(logs.count)) logs (\(MarkdownText.code(logs[0].path)), …)"
            out +=
                "| Power field of \(what) | \(MarkdownText.code(logs[0].powerField ?? "none")) | \(logs[0].format.rawValue) |\n"
        }
        if report.hasPowerSamples {
            let job = gpuList(report.jobGPUs)
            let reasons = Set(report.gpus.map(\.usageReason)).sorted().joined(separator: "; ")
            out += "| GPUs of the job | \(job) | \(reasons) |\n"
        }
        out += "\n"
        return out
    }

    /// GPUs named in a sentence; more are counted (`512 GPUs on 64 hosts`).
    static let gpusNamed = 16

    /// `0, 1, 3`, or `512 GPUs on 64 hosts` beyond ``gpusNamed``.
    private static func gpuList(_ gpus: [GPUReport]) -> String {
        guard gpus.count > gpusNamed else {
            return gpus.map { MarkdownText.escaped($0.identity.label) }.joined(separator: ", ")
        }
        let hosts = Set(gpus.map(\.identity.host)).count
        return "\(ReportFormatting.grouped(gpus.count)) GPUs"
            + (hosts > 1 ? " on \(ReportFormatting.grouped(hosts)) hosts" : "")
    }

    /// Hosts listed one per row; a run with more is summarised, with the hosts of least and most energy.
    static let hostsListed = 32
    /// GPUs listed one per row; beyond, only those with something to say (not the job's, gaps, invalid readings).
    static let gpusListed = 64

    private static func hostTable(_ report: RunReport) -> String {
        let hosts = report.hosts
        let total = report.jobJoules
        var out = "## Hosts\n\n"
        func row(_ host: HostSummary) -> String {
            "| \(MarkdownText.escaped(host.name)) | \(host.jobGPUCount) of \(host.gpuCount) | "
                + "\(host.meanWattsPerJobGPU.map { ReportFormatting.fixed($0, 1) } ?? "—") | \(kWh(host.jobJoules)) | "
                + "\(total > 0 ? ReportFormatting.percent(host.jobJoules / total) : "—") |\n"
        }
        let header = "| Host | Job GPUs | Mean W per GPU | Energy | Share |\n|---|---:|---:|---:|---:|\n"
        guard hosts.count > hostsListed else { return out + header + hosts.map(row).joined() + "\n" }
        let ranked = hosts.sorted { ($0.jobJoules, $0.name) < ($1.jobJoules, $1.name) }
        let energies = ranked.map(\.jobJoules)
        out +=
            "\(hosts.count) hosts, \(ReportFormatting.grouped(report.jobGPUs.count)) job GPUs; energy per host from \(kWh(energies.first ?? 0)) "
            + "to \(kWh(energies.last ?? 0)), median \(kWh(energies[energies.count / 2])) (every host in report.json and report.csv). "
            + "The five hosts with the least and the most energy:\n\n"
        return out + header + (ranked.prefix(5) + ranked.suffix(5)).map(row).joined() + "\n"
    }

    private static func gpuTable(_ report: RunReport) -> String {
        var out = "## GPUs\n\n"
        var listed = report.gpus
        if listed.count > gpusListed {
            listed = listed.filter { !$0.usedByJob || $0.trace.gapCount > 0 || $0.invalidSampleCount > 0 }
            out +=
                "\(ReportFormatting.grouped(report.gpus.count)) GPUs: each is in report.json and report.csv; listed here are the \(ReportFormatting.grouped(listed.count)) "
                + "that are not the job's or have gaps or invalid readings\(listed.count > gpusListed ? " (the first \(gpusListed))" : "").\n\n"
            listed = Array(listed.prefix(gpusListed))
        }
        out += "| GPU | Name | Job | Samples | Invalid | Gaps | Coverage | Mean W | Energy (kWh) |\n"
        out += "|---|---|---|---:|---:|---:|---:|---:|---:|\n"
        for gpu in listed {
            let invalid =
                gpu.invalidSampleCount == 0
                ? "0"
                : "\(ReportFormatting.grouped(gpu.invalidSampleCount)) (\(gpu.invalidReasons.keys.sorted().map(MarkdownText.code).joined(separator: ", ")))"
            var gaps =
                gpu.trace.gapCount == 0
                ? "0" : "\(gpu.trace.gapCount) (\(ReportFormatting.duration(gpu.trace.gapSeconds)))"
            if gpu.trace.unbridgedGapCount > 0 {
                gaps +=
                    "; \(gpu.trace.unbridgedGapCount) unmeasured (\(ReportFormatting.duration(gpu.trace.unmeasuredSeconds)))"
            }
            out +=
                "| \(MarkdownText.escaped(gpu.identity.label)) | \(gpu.identity.name.map(MarkdownText.escaped) ?? "—") | \(gpu.usedByJob ? "yes" : "no") | "
                + "\(ReportFormatting.grouped(gpu.trace.sampleCount)) | \(invalid) | \(gaps) | \(ReportFormatting.percent(gpu.coverage)) | "
                + "\(ReportFormatting.fixed(gpu.trace.meanWatts, 1)) | \(ReportFormatting.fixed(gpu.trace.joules / EnergyUnit.joulesPerKilowattHour, 6)) |\n"
        }
        return out + "\n"
    }

    private static func files(_ report: RunReport) -> String {
        var out = "## Files\n\n"
        var read: [String] = []
        var ignored: [String] = []
        for file in report.files {
            if let log = report.powerLogs.first(where: {
                $0.path == file.displayPath || $0.sourcePaths.contains(file.displayPath)
            }) {
                var detail =
                    "\(ReportFormatting.grouped(log.dataRowCount)) rows, \(log.gpus.count) GPU\(log.gpus.count == 1 ? "" : "s")"
                if let interval = log.gpus.first?.trace.medianIntervalSeconds, interval > 0 {
                    detail += ", \(ReportFormatting.fixed(interval, 3)) s median interval"
                }
                if file.encoding?.isGzip == true { detail += ", gzip" }
                if file.encoding?.isUTF16LE == true { detail += ", UTF-16LE" }
                read.append("\(MarkdownText.code(file.displayPath)) (\(log.format.rawValue): \(detail))")
            } else if let events = report.timeline?.runs.flatMap(\.files).first(where: {
                $0.displayPath == file.displayPath
            }) {
                var detail =
                    "\(ReportFormatting.grouped(events.records.recordCount)) records, \(events.tags.filter(\.isScalar).count) scalar tags"
                if file.encoding?.isGzip == true { detail += ", gzip" }
                read.append("\(MarkdownText.code(file.displayPath)) (\(file.kind.rawValue): \(detail))")
            } else if let trace = report.profiler?.traces.first(where: { $0.displayPath == file.displayPath }) {
                read.append(
                    "\(MarkdownText.code(file.displayPath)) (\(file.kind.rawValue): \(trace.stepNumbers.count) profiled steps\(file.encoding?.isGzip == true ? ", gzip" : ""))"
                )
            } else if file.displayPath == report.slurmJob?.path || file.displayPath == report.systemEnergy?.path {
                let what =
                    file.displayPath == report.slurmJob?.path
                    ? "job \(MarkdownText.escaped(report.slurmJob?.jobID ?? ""))" : "system energy"
                read.append("\(MarkdownText.code(file.displayPath)) (\(file.kind.rawValue): \(what))")
            } else if file.kind.isPowerLog {
                ignored.append(
                    "\(MarkdownText.code(file.displayPath)) (\(file.kind.rawValue), nothing usable: \(MarkdownText.line(report.note(for: file) ?? "no valid power samples")))"
                )
            } else if file.kind != .other && file.kind != .foreign {
                ignored.append(
                    "\(MarkdownText.code(file.displayPath)) (\(file.kind.rawValue), not used for energy yet)")
            } else {
                ignored.append(
                    "\(MarkdownText.code(file.displayPath)) (\(MarkdownText.line(file.note ?? "not a log")))")
            }
        }
        out += "Read: " + (read.isEmpty ? "none" : read.joined(separator: ", ")) + ".\n\n"
        if !ignored.isEmpty { out += "Not used: " + ignored.joined(separator: ", ") + ".\n\n" }
        return out
    }

    private static func provenance(_ report: RunReport) -> String {
        guard let provenance = report.provenance else { return "" }
        var out = "## Provenance\n\n\(provenance.tool)"
        if let stamp = report.generatedAtSeconds { out += ", \(ReportFormatting.readableUTC(stamp))" }
        let flags = provenance.estimate.map(OptionFlags.of) ?? OptionFlags.of(provenance.options)
        let options = flags.isEmpty ? "(defaults)" : flags.joined(separator: " ")
        // A path in the options (an intensity series) may hold what would end the code span.
        let breaksSpan = options.unicodeScalars.contains { $0 == "`" || $0 == "|" || TerminalText.isControl($0) }
        out += "; options: \(breaksSpan ? MarkdownText.escaped(options) : "`\(options)`").\n\n"
        if !provenance.inputs.isEmpty {
            out += "| Input | Bytes | SHA-256 |\n|---|---:|---|\n"
            for input in provenance.inputs {
                out +=
                    "| \(MarkdownText.code(input.path)) | \(ReportFormatting.grouped(input.bytes)) | `\(input.sha256)` |\n"
            }
            out += "\n"
        }
        out +=
            "Bundled tables: "
            + provenance.tables.map { "`\($0.name)` (\($0.sha256.prefix(12)))" }.joined(separator: ", ")
            + (provenance.estimate == nil
                ? ". `footprint verify report.json RUN_DIR` recomputes the figures from the logs.\n\n" : ".\n\n")
        return out
    }

    /// How an estimate was made: the formula, the GPU table, a family's default variant, and the range.
    /// What the IT energy of the emissions is: the job GPUs' (measured or estimated), or the nodes' or system's.
    private static func itEnergyLabel(_ report: RunReport, _ emissions: OperationalEmissions) -> String {
        switch emissions.method {
        case .measured: "job GPUs"
        case .estimated: "job GPUs, estimated"
        case .systemEnergy:
            report.systemEnergy?.meter == .slurmAccounting
                ? "the job's nodes, Slurm accounting" : "the whole system, power analyzer"
        }
    }

    private static func estimateMethod(_ basis: EstimateBasis) -> String {
        "Energy is estimated, not measured: GPUs × hours × TDP × utilization (1.0 unless `--utilization` gives it), "
            + "with the TDP from the bundled GPU table (`gpu-specs.csv`, each value with its source). A family name (`A100`, `H100`, "
            + "`V100`) stands for its variant with the highest TDP, then the most memory (the SXM board training clusters use)"
            + (basis.choice.isFamily
                ? "; here \(MarkdownText.code(basis.choice.requestedName)) → \(MarkdownText.escaped(basis.gpu.model)) among \(basis.choice.variants.count) variants"
                : "")
            + ". The CO2e range takes 50–100% of the TDP-based energy without `--utilization` (GPUs rarely hold their TDP) and ±10% with it, "
            + "at the lowest and highest TDP of the name's variants (\(ReportFormatting.fixed(basis.choice.tdpRangeWatts.lowerBound, 0))–"
            + "\(ReportFormatting.fixed(basis.choice.tdpRangeWatts.upperBound, 0)) W), times the ranges of the PUE and the intensity."
            + (basis.givenWatts == nil
                ? "\n\n"
                : " Here `--watts` gave the mean power per GPU, which replaces TDP × utilization; its range is ±\(ReportFormatting.percent(EmissionsModel.sensorUncertainty)).\n\n")
    }

    /// Findings listed of each code before "and N more".
    static let findingsShownPerCode = 10

    /// The findings grouped by code in the order each code first appears: a count per code, then at most
    /// ``findingsShownPerCode`` of each with "and N more" for the rest (the JSON report lists them all).
    private static func warnings(_ report: RunReport) -> String {
        guard !report.findings.isEmpty else { return "## Findings\n\nNone.\n\n" }
        var order: [FindingCode] = []
        var byCode: [FindingCode: [Finding]] = [:]
        for finding in report.findings {
            if byCode[finding.code] == nil { order.append(finding.code) }
            byCode[finding.code, default: []].append(finding)
        }
        // A summary finding stands for the findings it counts: the totals are of findings, not of lines.
        let total = { (findings: [Finding]) in findings.reduce(0) { $0 + $1.count } }
        let counts = order.map { code in
            let findings = byCode[code] ?? []
            let warnings = total(findings.filter { $0.severity == .warning })
            let notes = total(findings) - warnings
            let parts = [
                warnings > 0 ? "\(ReportFormatting.grouped(warnings)) warning\(warnings == 1 ? "" : "s")" : nil,
                notes > 0 ? "\(ReportFormatting.grouped(notes)) note\(notes == 1 ? "" : "s")" : nil,
            ]
            return "`\(code)`: \(parts.compactMap { $0 }.joined(separator: " and "))"
        }
        var out = "## Findings\n\n\(counts.joined(separator: ", ")).\n\n"
        for code in order {
            let findings = byCode[code] ?? []
            let shown = findings.prefix(findingsShownPerCode).filter { $0.count == 1 }
            for finding in shown {
                out += "- \(MarkdownText.line(finding.description)) [`\(code)`]\n"
            }
            let more = total(findings) - shown.count
            if more > 0 {
                out += "- … and \(ReportFormatting.grouped(more)) more `\(code)` (see report.json)\n"
            }
        }
        return out + "\n"
    }

    private static func method(_ report: RunReport) -> String {
        let option = { (name: String) in "`\(name)`" }
        return "## Method\n\n"
            + (!report.hasPowerSamples
                ? ""
                : [
                    MethodRules.integration, MethodRules.gaps(report, option: option), MethodRules.coverage,
                    MethodRules.sensors, MethodRules.idleGPU(option: option), MethodRules.emissions,
                ].joined(separator: " ") + "\n\n")
            + (report.estimate.map { basis in
                report.hasPowerSamples ? "" : estimateMethod(basis)
            } ?? "")
            + (report.emissions?.method == .systemEnergy
                ? "Without a GPU power log, the emissions are those of the measured energy of the job's nodes (Slurm's ConsumedEnergyRaw) "
                    + "or of the whole system (a power analyzer's readings integrated by the trapezoid rule), × PUE × grid intensity; the "
                    + "range takes ±\(ReportFormatting.percent(EmissionsModel.systemMeterUncertainty)) for the meter, times the ranges of the PUE and the intensity.\n\n"
                : "")
            + (report.timeline == nil
                ? ""
                : ""
                    + "TensorBoard event files are read record by record (TFRecord framing with both CRC-32C checks); scalars are `simple_value` "
                    + "or rank-0 tensors of the `scalars` plugin. The files of one folder are one run, in the order of the timestamps in their names; "
                    + "a later file that logs a tag again from step s supersedes the earlier points at or after s. Event wall times are UTC. "
                    + "The training window runs from the first to the last point of the step tag; its energy is the job GPUs' energy between those "
                    + "instants (power interpolated linearly at the window's edges), and energy per step is that energy over last − first step.\n\n")
    }

    /// The bridge limit the report applied, as a duration.
}
