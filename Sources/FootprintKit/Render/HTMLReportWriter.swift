/// Renders a ``RunReport`` as one self-contained HTML page: the Markdown report's content (headline, energy,
/// emissions and breakdown, training window, profiler, assumptions, hosts and GPUs, files, findings, method,
/// provenance) with the power plot (``SVGPlotWriter``) inline and the energy per phase and per profiled step drawn
/// as inline SVG charts.
///
/// The page loads nothing: inline CSS, no script, no font or image files, and a Content-Security-Policy that
/// forbids any load. Every string from the inputs is escaped (``HTMLText``). Deterministic: the same report gives
/// the same bytes. The power plot's box sits at a fixed place, ``plotOrigin``, whatever the run, so that it can be
/// found in a screenshot.
public enum HTMLReportWriter {
    /// Where the power plot's top-left corner is drawn, in CSS pixels, on a window at least 1,100 pixels wide (a
    /// narrower one puts the plot below the headline): at the page's left margin, 16 pixels below the title bar,
    /// whose height is fixed.
    static let plotOrigin = (x: 24, y: 88)

    public static func render(_ report: RunReport) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="footprint \(ToolInfo.version)">
            <title>Footprint of \(e(report.runPath))</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <header><h1>Footprint of \(HTMLText.code(report.runPath))</h1></header>
            <main>

            """
        out += top(report)
        if report.hasPowerSamples { out += energy(report) }
        out += systemEnergy(report) + slurmJob(report)
        out += emissions(report)
        out += training(report)
        out += profiler(report)
        out += trackers(report)
        out += assumptions(report)
        if report.hosts.count > 1 { out += hosts(report) }
        if report.hasPowerSamples { out += gpus(report) }
        if !report.files.isEmpty { out += files(report) }
        out += findings(report)
        out += method(report)
        out += provenance(report)
        return out + "</main>\n</body>\n</html>\n"
    }

    /// The page's style: system fonts only, the title bar of fixed height, and the plot in the first column of
    /// the top grid (``plotOrigin``).
    static let style = """
        html { background: #ffffff; color: #1a1a1a; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header { box-sizing: border-box; height: \(plotOrigin.y - 16)px; padding: 0 \(plotOrigin.x)px; border-bottom: 1px solid #d0d7de; background: #f6f8fa; overflow: hidden; }
        h1 { margin: 0; font-size: 24px; line-height: \(plotOrigin.y - 16)px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        main { padding: 16px \(plotOrigin.x)px 48px; max-width: 1280px; }
        h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d0d7de; }
        .top { display: grid; grid-template-columns: 640px minmax(0, 1fr); gap: 24px; align-items: start; }
        .top.text-only { display: block; }
        .top.text-only .figures { grid-template-columns: repeat(4, minmax(0, 1fr)); }
        .top figure { grid-column: 1; grid-row: 1; }
        .top .headline { grid-column: 2; grid-row: 1; }
        figure { margin: 0; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: 13px; color: #57606a; margin-top: 4px; }
        .figures { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; margin: 0 0 12px; }
        .figures div { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; background: #f6f8fa; }
        .figures dt { font-size: 12px; color: #57606a; text-transform: uppercase; letter-spacing: 0.04em; }
        .figures dd { margin: 0; font-size: 20px; font-weight: 600; }
        .figures dd small { display: block; font-size: 12px; font-weight: 400; color: #57606a; }
        .note { border-left: 4px solid #bf8700; background: #fff8c5; padding: 6px 12px; }
        table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
        th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #f6f8fa; overflow-wrap: normal; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 90%; background: #f6f8fa; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
        .warning { color: #9a6700; font-weight: 600; }
        li { margin: 2px 0; }
        @media (max-width: 1099px) { .top { display: block; } .top figure { margin-top: 12px; } }

        """

    private static func e(_ text: String) -> String { HTMLText.escaped(text) }

    private static func kWh(_ joules: Double) -> String {
        ReportFormatting.significant(joules / EnergyUnit.joulesPerKilowattHour, 4) + " kWh"
    }

    private static func kilograms(_ value: Double) -> String { ReportFormatting.significant(value, 3) + " kg" }

    private static func section(_ title: String, id: String, _ body: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(e(title))</h2>\n\(body)</section>\n\n"
    }

    // MARK: - Headline and plot

    /// The key figures and the headline sentence beside the power plot.
    private static func top(_ report: RunReport) -> String {
        var figures: [(String, String, String?)] = []
        if report.hasPowerSamples {
            figures.append(("GPU energy", kWh(report.jobJoules), "\(report.jobGPUs.count) job GPUs"))
            figures.append(("Duration", ReportFormatting.duration(report.windowSeconds), "earliest to latest sample"))
        } else if let emissions = report.emissions {
            figures.append(
                (emissions.method == .estimated ? "Energy (estimate)" : "System energy", kWh(emissions.itJoules), nil))
        } else {
            figures.append(("GPU energy", "unknown", "no measured GPU energy"))
        }
        if let emissions = report.emissions {
            figures.append(
                (
                    "Operational CO2e", kilograms(emissions.kilogramsCO2e),
                    "range \(ReportFormatting.significant(emissions.kilogramsCO2eLow, 3))–\(ReportFormatting.significant(emissions.kilogramsCO2eHigh, 3)) kg"
                ))
        } else {
            figures.append(("Operational CO2e", "—", "unknown"))
        }
        if let perStep = report.trainingEnergy?.joulesPerStep {
            figures.append(("Energy per step", ReportFormatting.significant(perStep, 4) + " J", "training window"))
        } else if report.intensitySeries != nil {
            figures.append(
                (
                    "Intensity, PUE",
                    report.emissions.map { "\(ReportFormatting.fixed($0.effectiveGramsCO2ePerKWh, 0)) g/kWh" } ?? "—",
                    "mean over the intensity series; PUE \(ReportFormatting.fixed(report.factors.pue, 2))"
                ))
        } else {
            figures.append(
                (
                    "Intensity, PUE",
                    "\(ReportFormatting.fixed(report.factors.gramsCO2ePerKWh, 0)) g/kWh",
                    "PUE \(ReportFormatting.fixed(report.factors.pue, 2))"
                ))
        }
        let cards = figures.map { name, value, detail in
            "<div><dt>\(e(name))</dt><dd>\(e(value))\(detail.map { "<small>\(e($0))</small>" } ?? "")</dd></div>"
        }.joined(separator: "\n")
        var out = report.hasPowerSamples ? "<section class=\"top\">\n" : "<section class=\"top text-only\">\n"
        out += "<div class=\"headline\">\n<dl class=\"figures\">\n\(cards)\n</dl>\n\(headline(report))</div>\n"
        if report.hasPowerSamples {
            out +=
                "<figure id=\"power-plot\">\n\(SVGPlotWriter.render(report))<figcaption>GPU power over time: the job's GPUs in colour, others grey\(report.training == nil ? "" : "; the training window shaded, its pauses marked").</figcaption>\n</figure>\n"
        }
        return out + "</section>\n\n"
    }

    private static func headline(_ report: RunReport) -> String {
        let factors = report.factors
        let range = { (emissions: OperationalEmissions) in
            "<strong>\(ReportFormatting.significant(emissions.kilogramsCO2e, 3)) kg CO2e</strong> (range \(ReportFormatting.significant(emissions.kilogramsCO2eLow, 3))–\(ReportFormatting.significant(emissions.kilogramsCO2eHigh, 3)))"
        }
        let intensity = "\(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh"
        let pue = "PUE \(ReportFormatting.fixed(factors.pue, 2))"
        guard report.hasPowerSamples else {
            let missing = report.energyMissingReason.map { $0.text(path: HTMLText.code, prose: e) }
            if let emissions = report.emissions, let basis = report.estimate {
                let variant =
                    basis.choice.isFamily
                    ? " (the default variant of \(HTMLText.code(basis.choice.requestedName)); the range spans its variants' TDPs, \(ReportFormatting.fixed(basis.choice.tdpRangeWatts.lowerBound, 0))–\(ReportFormatting.fixed(basis.choice.tdpRangeWatts.upperBound, 0)) W)"
                    : ""
                return
                    "<p><strong>Estimate</strong> (\(missing.map { "no measured GPU energy: \($0)" } ?? "no GPU power log")): \(basis.gpuCount) × \(e(basis.gpu.model))\(variant) at \(e(basis.powerDescription)) "
                    + "for \(ReportFormatting.grouped(basis.hours, 2)) h (\(e(basis.hoursSource))) → <strong>\(kWh(emissions.itJoules))</strong> → \(range(emissions)) "
                    + "at \(intensity) with \(pue). Measured power would replace this estimate.</p>\n"
            }
            if let emissions = report.emissions, emissions.method == .systemEnergy, let system = report.systemEnergy {
                return
                    "<p><strong>\(kWh(emissions.itJoules))</strong> of \(system.meter == .slurmAccounting ? "node energy from Slurm's accounting" : "system (wall) energy from the power analyzer") "
                    + "over <strong>\(ReportFormatting.duration(system.seconds))</strong> (no GPU power log) → \(range(emissions)) at \(intensity) with \(pue). "
                    + "This energy covers more than the GPUs; a GPU power log of the run would give its GPU energy.</p>\n"
            }
            return
                "<p><strong>No measured GPU energy</strong>: \(missing ?? "no GPU power log in this run"). The timeline below comes from the training logs "
                + "(TensorBoard event files, profiler traces); energy and emissions need a readable power log of the run (or <code>--gpu-model</code> and "
                + "<code>--gpu-count</code> for an estimate, labelled as one).</p>\n"
        }
        let names = Dictionary(grouping: report.jobGPUs, by: { $0.identity.name ?? "GPU (model not in the log)" })
            .sorted { $0.key < $1.key }
            .map { name, gpus in
                gpus.first?.identity.kind == .gpuGroup
                    ? "\(gpus.count) tracked run\(gpus.count == 1 ? "" : "s") of \(e(name))"
                    : "\(gpus.count) × \(e(name))"
            }
            .joined(separator: " + ")
        var place = factors.location ?? "given intensity"
        if let year = factors.intensityYear { place += ", \(year)" }
        if factors.intensityIsAssumed { place = "world average, \(factors.intensityYear.map(String.init) ?? "")" }
        let count = report.jobGPUs.count
        let mean =
            ReportFormatting.grouped(report.meanWatts, 1) + " W"
            + (count > 1
                ? " in total (\(ReportFormatting.grouped(report.meanWatts / Double(count), 1)) W per GPU)" : " per GPU")
        var out =
            "<p><strong>\(kWh(report.jobJoules))</strong> (\(ReportFormatting.significant(report.jobJoules, 5)) J) of GPU energy over "
            + "<strong>\(ReportFormatting.duration(report.windowSeconds))</strong> on <strong>\(names)</strong>, mean \(mean) → "
            + (report.emissions.map(range) ?? "—") + " "
            + (report.intensitySeries != nil
                ? "at \(report.emissions.map { ReportFormatting.fixed($0.effectiveGramsCO2ePerKWh, 2) } ?? "—") gCO2e/kWh on average over time (intensity series)"
                : "at \(intensity) (\(e(place)))")
            + " with \(pue)."
            + (report.embodied.map { " Embodied carbon, apart: \(kilograms($0.kilogramsCO2e)) CO2e." } ?? "")
            + (factors.intensityIsAssumed || factors.pueIsAssumed ? " Assumed factors are flagged below." : "")
            + "</p>\n"
        if report.clock.wasNeeded && report.clock.source == .machine {
            out +=
                "<p class=\"note\"><strong>Clock:</strong> the power logs carry local times without a zone; they were read in this machine's zone, <strong>\(e(report.clock.zone.description))</strong>. Pass <code>--tz</code> with the zone of the machine that wrote them.</p>\n"
        }
        if report.clock.source == .inferred {
            out +=
                "<p class=\"note\"><strong>Clock:</strong> the power logs carry local times without a zone; their offset, <strong>\(e(report.clock.zone.description))</strong>, was inferred by lining up GPU activity with the TensorBoard training window (see Training). Pass <code>--tz</code> to state it.</p>\n"
        }
        return out
    }

    // MARK: - Energy and emissions

    private static func energy(_ report: RunReport) -> String {
        var table = HTMLTable(["", "Energy", "Share"], numeric: [1, 2])
        table.add(["Job GPUs (\(gpuList(report.jobGPUs))), whole log", kWh(report.jobJoules), "100%"], strong: true)
        let idle = report.gpus.filter { !$0.usedByJob }
        if !idle.isEmpty {
            table.add([
                "Other GPUs (\(gpuList(idle))), not counted above", kWh(idle.reduce(0) { $0 + $1.trace.joules }), "",
            ])
        }
        table.add(["All GPUs in the logs", kWh(report.allGPUJoules), ""])
        var out =
            table.html
            + "<p>Window: \(ReportFormatting.readableUTC(report.windowStartSeconds)) → \(ReportFormatting.readableUTC(report.windowEndSeconds)) "
            + "(\(ReportFormatting.grouped(report.windowSeconds, 1)) s, earliest to latest valid power sample); coverage of the job's GPUs \(ReportFormatting.percent(report.coverage)).</p>\n"
        let crossChecks = report.sources.filter { $0.role == .crossCheck }
        if !crossChecks.isEmpty {
            let counted = report.sources.filter { $0.role == .primary }.map(\.producer).joined(separator: " and ")
            out +=
                "<p>Sources: \(e(counted)) counted; cross-checked by "
                + crossChecks.map { "\(e($0.producer)) (\(e($0.agreement ?? "no GPUs and time in common")))" }
                .joined(separator: "; ") + ".</p>\n"
        }
        return section("Energy", id: "energy", out)
    }

    /// The system's wall energy or the nodes' Slurm energy, beside (never added to) the GPU energy.
    private static func systemEnergy(_ report: RunReport) -> String {
        guard let system = report.systemEnergy else { return "" }
        let share =
            report.gpuShareOfSystemEnergy.map { "; the job's GPUs drew \(ReportFormatting.percent($0)) of it" } ?? ""
        let what =
            system.meter == .slurmAccounting
            ? "Node energy, from Slurm's accounting (\(HTMLText.code(system.path)), ConsumedEnergyRaw)"
            : "System (wall) energy, from the power analyzer (\(HTMLText.code(system.path)))"
        let covers =
            system.meter == .slurmAccounting
            ? "what the cluster's <code>AcctGatherEnergyType</code> gathers (whole nodes with IPMI, CPU and DRAM with RAPL, GPUs with the gpu plugin), not GPU energy"
            : "\(system.isScoredWindow ? "LoadGen's scored window" : "its first to last reading"); the whole system's AC power, not GPU energy"
        return
            "<p>\(what): <strong>\(kWh(system.joules))</strong> (\(ReportFormatting.significant(system.joules, 6)) J) over \(ReportFormatting.duration(system.seconds)) — \(covers), and never added to it\(share).</p>\n\n"
    }

    /// The Slurm job the run's sacct file accounts.
    private static func slurmJob(_ report: RunReport) -> String {
        guard let job = report.slurmJob else { return "" }
        var parts: [String] = []
        if let state = job.state { parts.append(e(state)) }
        if let nodes = job.nodeCount {
            parts.append("\(nodes) node\(nodes == 1 ? "" : "s")\(job.nodeList.map { " (\(HTMLText.code($0)))" } ?? "")")
        }
        if let gpus = job.gpuCount {
            parts.append("\(gpus) GPU\(gpus == 1 ? "" : "s")\(job.gpuType.map { " (\(HTMLText.code($0)))" } ?? "")")
        }
        if let start = job.startSeconds { parts.append("started \(ReportFormatting.readableUTC(start))") }
        if let elapsed = job.elapsedSeconds { parts.append("elapsed \(ReportFormatting.duration(elapsed))") }
        if let gpuHours = job.gpuHours, (job.gpuCount ?? 0) > 0 {
            parts.append("\(ReportFormatting.grouped(gpuHours, 2)) GPU-hours")
        }
        return "<p>Slurm job \(e(job.label)) (\(HTMLText.code(job.path))): \(parts.joined(separator: ", ")).</p>\n\n"
    }

    private static func emissions(_ report: RunReport) -> String {
        guard let emissions = report.emissions else { return "" }
        let factors = report.factors
        let location = factors.market == nil ? "" : ", location-based"
        var table = HTMLTable(["", "Value"])
        let itLabel =
            switch emissions.method {
            case .measured: "job GPUs"
            case .estimated: "job GPUs, estimated"
            case .systemEnergy:
                report.systemEnergy?.meter == .slurmAccounting
                    ? "the job's nodes, Slurm accounting" : "the whole system, power analyzer"
            }
        table.add(["IT energy (\(itLabel))", kWh(emissions.itJoules)])
        table.add(["Facility energy (× PUE \(ReportFormatting.fixed(factors.pue, 2)))", kWh(emissions.facilityJoules)])
        table.add([
            "Operational CO2e\(location)",
            "<strong>\(ReportFormatting.significant(emissions.kilogramsCO2e, 4)) kg</strong> (range \(ReportFormatting.significant(emissions.kilogramsCO2eLow, 4))–\(ReportFormatting.significant(emissions.kilogramsCO2eHigh, 4)) kg)",
        ])
        if let market = factors.market, let kilograms = emissions.marketKilogramsCO2e {
            let applied = "\(ReportFormatting.fixed(market.gramsCO2ePerKWh, 2)) gCO2e/kWh"
            let how =
                market.renewableShare.flatMap { share in
                    market.residualGramsCO2ePerKWh.map {
                        "(1 − renewable share \(ReportFormatting.percent(share))) × residual mix \(ReportFormatting.fixed($0, 2)) gCO2e/kWh = \(applied)"
                    }
                } ?? "\(applied) (<code>--market-intensity</code>)"
            table.add([
                "Operational CO2e, market-based",
                "<strong>\(ReportFormatting.significant(kilograms, 4)) kg</strong>: facility energy × \(how)",
            ])
        }
        if let series = report.intensitySeries, let coverage = emissions.seriesCoverage {
            table.add([
                "Intensity over time",
                "\(HTMLText.code(series.path)), column \(HTMLText.code(series.column))\(series.convertedFromPoundsPerMWh ? " (lb/MWh converted)" : ""): \(ReportFormatting.grouped(series.startSeconds.count)) values, \(ReportFormatting.readableUTC(series.firstSeconds)) → \(ReportFormatting.readableUTC(series.endSeconds)); covers \(ReportFormatting.percent(coverage)) of the energy at \(emissions.seriesMeanGramsCO2ePerKWh.map { ReportFormatting.fixed($0, 2) } ?? "—") gCO2e/kWh on average",
            ])
        }
        if let embodied = report.embodied {
            let cards = Dictionary(grouping: embodied.cards, by: \.figure.item).sorted { $0.key < $1.key }.map {
                item, cards in
                "\(cards.count) × \(e(item)) (\(ReportFormatting.significant(cards[0].figure.kilogramsCO2e, 4)) kg each\(cards[0].figure.isGeneric ? ", generic per-card value: model not in the table" : ""))"
            }.joined(separator: "; ")
            table.add([
                "Embodied CO2e (not added above)",
                "\(ReportFormatting.significant(embodied.kilogramsCO2e, 4)) kg: \(cards.isEmpty ? "no GPU" : cards), × hours used / (\(ReportFormatting.fixed(embodied.lifetimeYears, 1)) years × 8,766 h)",
            ])
        }
        let energyRange =
            emissions.method == .systemEnergy
            ? "energy ±\(ReportFormatting.percent(EmissionsModel.systemMeterUncertainty)) (the meter's accuracy, assumed)"
            : emissions.method == .measured
                ? "energy ±\(ReportFormatting.percent(emissions.energyUncertainty)) (sensor ±\(ReportFormatting.percent(EmissionsModel.sensorUncertainty)), sampling \(ReportFormatting.percent(emissions.energyUncertainty - EmissionsModel.sensorUncertainty)))"
                : e(report.estimate?.energyRangeDescription ?? "energy 50–100% of the TDP-based value")
        var flagged: [String] = []
        if emissions.sensorExcessJoules > 0 {
            flagged.append("the flagged sensor readings (\(kWh(emissions.sensorExcessJoules))) left out at its low end")
        }
        if emissions.unmeasuredTypicalJoules > 0 {
            flagged.append(
                "\(ReportFormatting.duration(emissions.unmeasuredSeconds)) of unmeasured GPU time at median power (\(kWh(emissions.unmeasuredTypicalJoules))) added at its high end"
            )
        }
        var out =
            table.html
            + "<p>The range combines \(energyRange)\(flagged.map { ", " + $0 }.joined()), PUE \(ReportFormatting.fixed(factors.pueLow, 2))–\(ReportFormatting.fixed(factors.pueHigh, 2)) and intensity "
            + "\(ReportFormatting.fixed(factors.intensityLow, 1))–\(ReportFormatting.fixed(factors.intensityHigh, 1)) gCO2e/kWh\(report.intensitySeries == nil ? "" : " for energy outside the series") (see the README's method).</p>\n"
        if let breakdown = report.breakdown { out += self.breakdown(breakdown, location: location) }
        return section("Emissions", id: "emissions", out)
    }

    /// The dynamic, idle, infrastructure and embodied parts, location-based, and how the idle baseline was set.
    private static func breakdown(_ breakdown: EnergyBreakdown, location: String) -> String {
        var table = HTMLTable(["Part", "Energy", "CO2e\(location) (range)"], numeric: [1, 2])
        func add(_ name: String, _ part: BreakdownPart) {
            let range =
                part.kilogramsCO2eLow == part.kilogramsCO2eHigh
                ? ""
                : " (\(ReportFormatting.significant(part.kilogramsCO2eLow, 4))–\(ReportFormatting.significant(part.kilogramsCO2eHigh, 4)))"
            table.add([
                name, part.joules.map(kWh) ?? "—", "\(ReportFormatting.significant(part.kilogramsCO2e, 4)) kg\(range)",
            ])
        }
        add("Dynamic (job GPUs above idle)", breakdown.dynamic)
        add("Idle (job GPUs' baselines)", breakdown.idle)
        add("Infrastructure (IT × (PUE − 1))", breakdown.infrastructure)
        if let embodied = breakdown.embodied {
            add("Embodied", embodied)
        } else {
            table.add(["Embodied", "—", "not asked (<code>--embodied</code>)"])
        }
        if let unused = breakdown.unusedGPUs { add("GPUs not running the job (apart, without PUE)", unused) }
        let baselines = breakdown.baselines.map { "\(HTMLText.code($0.gpu)) \(ReportFormatting.fixed($0.watts, 1)) W" }
        return table.html
            + "<p>Dynamic + idle is the IT energy; each GPU's idle baseline is its \(ReportFormatting.percent(EmissionsModel.idlePowerQuantile)) power quantile (0.5 W steps) × its measured time, at most its energy: \(baselines.joined(separator: ", ")).</p>\n"
    }

    // MARK: - Training and profiler

    private static func training(_ report: RunReport) -> String {
        guard let timeline = report.timeline else { return "" }
        let files = timeline.runs.flatMap(\.files)
        guard let window = timeline.training else {
            return section(
                "Training", id: "training",
                "<p>\(files.count) event file\(files.count == 1 ? "" : "s") read; no scalar tag has two or more steps at different times, so there is no training window.</p>\n"
            )
        }
        var table = HTMLTable(["", "Value"])
        table.add([
            "Step tag",
            "\(HTMLText.code(window.displayTag)) (\(e(window.choice.rawValue)); \(ReportFormatting.grouped(window.pointCount)) points; <code>--step-tag</code> to choose another)",
        ])
        if !window.otherRankFolders.isEmpty {
            let count = window.otherRankFolders.count
            table.add([
                "Other ranks",
                "\(count) event folder\(count == 1 ? "" : "s") of other ranks log it too, not used for the window: \(window.otherRankFolders.prefix(4).map(HTMLText.code).joined(separator: ", "))\(count > 4 ? ", …" : "")",
            ])
        }
        table.add([
            "Steps",
            "\(ReportFormatting.grouped(Double(window.firstStep), 0)) → \(ReportFormatting.grouped(Double(window.lastStep), 0)) (\(ReportFormatting.grouped(Double(window.steps), 0)) steps)",
        ])
        table.add([
            "Window",
            "\(ReportFormatting.readableUTC(window.startSeconds)) → \(ReportFormatting.readableUTC(window.endSeconds)) (\(ReportFormatting.duration(window.seconds)))",
        ])
        if let energy = report.trainingEnergy {
            table.add([
                "Energy in the window (job GPUs)",
                "<strong>\(kWh(energy.windowJoules))</strong> (\(ReportFormatting.significant(energy.windowJoules, 5)) J; power samples cover \(ReportFormatting.percent(energy.windowCoverage)) of it)",
            ])
            if let perStep = energy.joulesPerStep {
                table.add([
                    "Energy per step",
                    "<strong>\(ReportFormatting.significant(perStep, 4)) J/step</strong> (window energy / \(ReportFormatting.grouped(Double(window.steps), 0)) steps)",
                ])
            } else if energy.windowCoverage == 0 {
                table.add([
                    "Energy per step", "unknown: no power sample falls in the window (<code>clock.no-overlap</code>)",
                ])
            }
            table.add([
                "Outside the window",
                "\(kWh(energy.outsideJoules)): \(kWh(energy.beforeJoules)) before (start-up), \(kWh(energy.afterJoules)) after (tear-down)",
            ])
        }
        table.add([
            "Evaluation tags",
            window.evaluationTags.isEmpty
                ? "none found"
                : "\(window.evaluationTags.prefix(6).map(HTMLText.code).joined(separator: ", "))\(window.evaluationTags.count > 6 ? ", …" : ""); \(ReportFormatting.grouped(window.evaluationPointCount)) points in the window",
        ])
        let superseded = timeline.runs.reduce(0) { $0 + $1.supersededCount }
        let downtimes = timeline.runs.flatMap(\.downtimes)
        var fileLine = "\(files.count) in \(timeline.runs.count) folder\(timeline.runs.count == 1 ? "" : "s")"
        if superseded > 0 {
            fileLine +=
                "; \(ReportFormatting.grouped(superseded)) points superseded by later files (a resumed run logs steps again; the later point wins)"
        }
        if !downtimes.isEmpty {
            fileLine += "; \(downtimes.count) restart\(downtimes.count == 1 ? "" : "s") between files"
        }
        table.add(["Event files", fileLine])
        if let target = report.target {
            let met: String
            if let step = target.step, let time = target.wallTimeSeconds, let value = target.value {
                met =
                    "met at step \(step) (\(ReportFormatting.readableUTC(time)), value \(ReportFormatting.significant(value, 5)))"
                    + (target.joules.map {
                        " after <strong>\(kWh($0))</strong> (\(ReportFormatting.significant($0, 5)) J) from the window's start"
                    } ?? "")
            } else {
                met = "not met (best value \(target.bestValue.map { ReportFormatting.significant($0, 5) } ?? "none"))"
            }
            table.add([
                "Target \(HTMLText.code("\(target.target.tag) \(target.target.comparison.rawValue) \(target.target.threshold)"))",
                met,
            ])
        }
        var out = table.html
        if let energy = report.trainingEnergy { out += phases(energy, window: window) }
        return section("Training", id: "training", out)
    }

    /// The energy of each phase around and inside the training window, as a table and a bar chart.
    private static func phases(_ energy: TrainingEnergy, window: TrainingWindow) -> String {
        let pausedJoules = energy.pauses.reduce(0) { $0 + $1.joules }
        let pausedSeconds = energy.pauses.reduce(0) { $0 + $1.seconds }
        let total = energy.windowJoules + energy.outsideJoules
        var phases: [(name: String, seconds: Double?, joules: Double, colour: String)] = [
            ("Start-up (power log before the first step point)", nil, energy.beforeJoules, "#999999"),
            ("Training steps", window.seconds - pausedSeconds, energy.windowJoules - pausedJoules, "#0072B2"),
        ]
        for pause in energy.pauses {
            phases.append(
                (
                    "\(pause.kind.rawValue.prefix(1).uppercased() + pause.kind.rawValue.dropFirst()) (\(pause.count))",
                    pause.seconds, pause.joules, pause.kind == .evaluation ? "#E69F00" : "#CC79A7"
                ))
        }
        phases.append(("Tear-down (power log after the last step point)", nil, energy.afterJoules, "#999999"))
        func share(_ joules: Double) -> String { total > 0 ? ReportFormatting.percent(joules / total) : "—" }
        var table = HTMLTable(["Phase", "Time", "Energy", "Share"], numeric: [1, 2, 3])
        for phase in phases {
            table.add([
                e(phase.name), phase.seconds.map(ReportFormatting.duration) ?? "", kWh(phase.joules),
                share(phase.joules),
            ])
        }
        let chart = SVGBarChart(
            title: "Energy per phase (job GPUs)",
            bars: phases.map {
                SVGBarChart.Bar(
                    label: $0.name.replacingOccurrences(of: " (power log before the first step point)", with: "")
                        .replacingOccurrences(of: " (power log after the last step point)", with: ""),
                    value: $0.joules, text: "\(kWh($0.joules)), \(share($0.joules))", colour: $0.colour)
            })
        return "<h3>Phases</h3>\n" + table.html + "<figure id=\"phase-chart\">\n\(chart.render())</figure>\n"
            + "<p>\(HTMLText.prose(MethodRules.pauses(typicalIntervalSeconds: window.typicalIntervalSeconds)))</p>\n"
    }

    private static func profiler(_ report: RunReport) -> String {
        guard let summary = report.profiler else { return "" }
        var table = HTMLTable(
            ["Trace", "Rank", "GPUs", "Steps", "Clock", "Profiled window", "Energy (job GPUs)", "GPU busy"],
            numeric: [1, 5, 6, 7])
        for trace in summary.traces {
            let rank = trace.rank.map { "\($0)\(trace.worldSize.map { " of \($0)" } ?? "")" } ?? "—"
            let names = Dictionary(grouping: trace.deviceNames, by: { $0 }).sorted { $0.key < $1.key }.map {
                "\($0.value.count) × \(e($0.key))"
            }
            let steps =
                trace.stepNumbers.min().flatMap { low in
                    trace.stepNumbers.max().map { "\(trace.stepNumbers.count) (#\(low)…#\($0))" }
                } ?? "none"
            let window =
                trace.windowStartSeconds.flatMap { start in
                    trace.windowEndSeconds.map { ReportFormatting.fixed(($0 - start) * 1000, 1) + " ms" }
                } ?? "—"
            let busy =
                trace.isCPUOnly
                ? "CPU-only"
                : trace.devices.map {
                    "GPU \($0.device): \($0.busyFraction.map(ReportFormatting.percent) ?? "unknown")"
                }.joined(
                    separator: ", ")
            table.add([
                HTMLText.code(trace.displayPath), rank, names.isEmpty ? "none listed" : names.joined(separator: ", "),
                steps, e(trace.clock), window, trace.joules.map { ReportFormatting.significant($0, 4) + " J" } ?? "—",
                busy,
            ])
        }
        var out = table.html
        if let median = summary.medianStepJoules, let low = summary.stepJoules.first,
            let high = summary.stepJoules.last
        {
            out +=
                "<p>Energy per profiled step (all the job's GPUs, over the steps of \(summary.windows.count > 1 ? "the \(summary.windows.count) profiled windows of the lowest rank, " : summary.traces.count > 1 ? "the lowest rank's trace, " : "")\(summary.windows.map { HTMLText.code($0.displayPath) }.joined(separator: ", "))): median <strong>\(ReportFormatting.significant(median, 4)) J</strong>, mean \(summary.meanStepJoules.map { ReportFormatting.significant($0, 4) } ?? "—") J, min \(ReportFormatting.significant(low, 4)) J, max \(ReportFormatting.significant(high, 4)) J over \(summary.stepJoules.count) steps"
                + (report.trainingEnergy?.joulesPerStep.map {
                    "; the event files' mean over the training window is \(ReportFormatting.significant($0, 4)) J/step"
                } ?? "")
                + ". Steps last milliseconds and power is sampled about once a second, so energy within a step is attributed by interpolating power linearly between samples.</p>\n"
            let steps = summary.windows.flatMap { window in
                zip(window.stepNumbers, window.stepJoules).map { (number: $0, joules: $1) }
            }
            out +=
                "<figure id=\"step-chart\">\n"
                + SVGStepChart(title: "Energy per profiled step (job GPUs)", steps: steps).render() + "</figure>\n"
        }
        var splits = HTMLTable(["GPU", "Busy share", "Energy while busy", "Energy while idle"], numeric: [1, 2, 3])
        for trace in summary.traces {
            for device in trace.devices {
                guard let busy = device.busyJoules, let idle = device.idleJoules, let label = device.gpuLabel else {
                    continue
                }
                splits.add([
                    "GPU \(e(label)) (\(HTMLText.code(trace.displayPath)))",
                    device.busyFraction.map(ReportFormatting.percent) ?? "unknown",
                    ReportFormatting.significant(busy, 4) + " J", ReportFormatting.significant(idle, 4) + " J",
                ])
            }
        }
        if !splits.rows.isEmpty {
            out +=
                splits.html
                + "<p>Busy time is the union of the GPU's kernel, memcpy and memset spans within the profiled window.</p>\n"
        }
        return section("Profiler", id: "profiler", out)
    }

    /// The trackers' own totals beside footprint's figures.
    private static func trackers(_ report: RunReport) -> String {
        let logs = report.powerLogs.filter { $0.trackerTotals != nil }
        guard !logs.isEmpty else { return "" }
        var out = "<ul>\n"
        for log in logs {
            guard let totals = log.trackerTotals else { continue }
            out += "<li>\(HTMLText.code(log.path)): \(e(TrackerTotalsText.summary(totals)))."
            if let comparison = TrackerTotalsText.comparison(totals, report: report) {
                out += " " + e(comparison.prefix(1).uppercased() + comparison.dropFirst())
            }
            out += "</li>\n"
        }
        return section(
            "Trackers' own figures", id: "trackers",
            out
                + "</ul>\n<p>CPU and RAM energy are other energy: never added to the GPU energy above. A tracker's GPU energy is a total per run, drawn at the run's mean power.</p>\n"
        )
    }

    // MARK: - Assumptions, hosts, GPUs, files

    private static func assumptions(_ report: RunReport) -> String {
        let factors = report.factors
        var table = HTMLTable(["What", "Value", "Source"])
        if !report.files.isEmpty {
            let source: String
            if !report.clock.wasNeeded {
                source = "timestamps carry their own zone or are Unix times"
            } else if report.clock.source == .option {
                source = "<code>--tz</code>"
            } else if let inference = report.clock.inference {
                let runnerUp =
                    inference.runnerUpScore > 0
                    ? "best offset an hour or more away: \(ClockZone.formatOffset(inference.runnerUpOffsetSeconds)) at \(ReportFormatting.fixed(inference.runnerUpScore, 3))"
                    : "no offset an hour or more away fits at all"
                source =
                    "<strong>inferred</strong> from the training window (score \(ReportFormatting.fixed(inference.score, 3)) of 1; \(runnerUp)); pass <code>--tz</code> to state it"
            } else {
                source = "<strong>assumed</strong>: this machine's zone (pass <code>--tz</code>)"
            }
            table.add(["Clock of local timestamps", e(report.clock.zone.description), source])
        }
        let name = e(factors.location.map { "\($0)\(factors.intensityYear.map { ", \($0)" } ?? "")" } ?? "given")
        let intensitySource =
            factors.intensityIsAssumed
            ? "<strong>assumed</strong>: world average (pass <code>--region</code>, <code>--cloud</code> or <code>--intensity</code>); \(e(factors.intensitySource))"
            : e(factors.intensitySource)
        let intensity = "\(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2)) gCO2e/kWh (\(name))"
        if let series = report.intensitySeries {
            table.add([
                "Grid intensity over time", "\(HTMLText.code(series.path)) (\(e(series.column)))",
                "<code>--intensity-series</code>",
            ])
            table.add(["Grid intensity outside the series", intensity, intensitySource])
        } else {
            table.add(["Grid intensity", intensity, intensitySource])
        }
        table.add([
            "PUE", ReportFormatting.fixed(factors.pue, 2),
            factors.pueIsAssumed
                ? "<strong>assumed</strong> 1.0 (pass <code>--pue</code> or <code>--pue-preset</code>)"
                : e(factors.pueSource),
        ])
        table.add([
            "Power sensor accuracy", "±\(ReportFormatting.percent(EmissionsModel.sensorUncertainty))",
            "NVML's documented accuracy of <code>nvmlDeviceGetPowerUsage</code> (stated for Fermi and Kepler GPUs; assumed for later ones)",
        ])
        if let basis = report.estimate {
            table.add([
                "GPU for the estimate",
                "\(basis.gpuCount) × \(e(basis.gpu.model)), \(ReportFormatting.fixed(basis.gpu.tdpWatts, 0)) W TDP",
                e(basis.gpu.source),
            ])
        }
        if let window = report.training {
            table.add([
                "Training window", "\(HTMLText.code(window.displayTag)), first to last point",
                e(window.choice.rawValue),
            ])
        }
        let fields = Dictionary(grouping: report.powerLogs) { "\($0.powerField ?? "none")\u{0}\($0.format.rawValue)" }
        for key in fields.keys.sorted() {
            guard let logs = fields[key], let first = logs.first else { continue }
            let what =
                logs.count == 1
                ? HTMLText.code(first.path)
                : "\(ReportFormatting.grouped(logs.count)) logs (\(HTMLText.code(first.path)), …)"
            table.add(["Power field of \(what)", HTMLText.code(first.powerField ?? "none"), e(first.format.rawValue)])
        }
        if report.hasPowerSamples {
            let reasons = Set(report.gpus.map(\.usageReason)).sorted().joined(separator: "; ")
            table.add(["GPUs of the job", gpuList(report.jobGPUs), e(reasons)])
        }
        return section("Assumptions", id: "assumptions", table.html)
    }

    /// `0, 1, 3`, or `512 GPUs on 64 hosts` beyond ``MarkdownReportWriter/gpusNamed``.
    private static func gpuList(_ gpus: [GPUReport]) -> String {
        guard gpus.count > MarkdownReportWriter.gpusNamed else {
            return gpus.map { e($0.identity.label) }.joined(separator: ", ")
        }
        let hosts = Set(gpus.map(\.identity.host)).count
        return "\(ReportFormatting.grouped(gpus.count)) GPUs"
            + (hosts > 1 ? " on \(ReportFormatting.grouped(hosts)) hosts" : "")
    }

    private static func hosts(_ report: RunReport) -> String {
        let hosts = report.hosts
        let total = report.jobJoules
        var table = HTMLTable(["Host", "Job GPUs", "Mean W per GPU", "Energy", "Share"], numeric: [1, 2, 3, 4])
        var out = ""
        var listed = hosts
        if hosts.count > MarkdownReportWriter.hostsListed {
            let ranked = hosts.sorted { ($0.jobJoules, $0.name) < ($1.jobJoules, $1.name) }
            let energies = ranked.map(\.jobJoules)
            out +=
                "<p>\(hosts.count) hosts, \(ReportFormatting.grouped(report.jobGPUs.count)) job GPUs; energy per host from \(kWh(energies.first ?? 0)) "
                + "to \(kWh(energies.last ?? 0)), median \(kWh(energies[energies.count / 2])) (every host in report.json and report.csv). "
                + "The five hosts with the least and the most energy:</p>\n"
            listed = Array(ranked.prefix(5) + ranked.suffix(5))
        }
        for host in listed {
            table.add([
                e(host.name), "\(host.jobGPUCount) of \(host.gpuCount)",
                host.meanWattsPerJobGPU.map { ReportFormatting.fixed($0, 1) } ?? "—", kWh(host.jobJoules),
                total > 0 ? ReportFormatting.percent(host.jobJoules / total) : "—",
            ])
        }
        return section("Hosts", id: "hosts", out + table.html)
    }

    private static func gpus(_ report: RunReport) -> String {
        var out = ""
        var listed = report.gpus
        let limit = MarkdownReportWriter.gpusListed
        if listed.count > limit {
            listed = listed.filter { !$0.usedByJob || $0.trace.gapCount > 0 || $0.invalidSampleCount > 0 }
            out +=
                "<p>\(ReportFormatting.grouped(report.gpus.count)) GPUs: each is in report.json and report.csv; listed here are the \(ReportFormatting.grouped(listed.count)) "
                + "that are not the job's or have gaps or invalid readings\(listed.count > limit ? " (the first \(limit))" : "").</p>\n"
            listed = Array(listed.prefix(limit))
        }
        var table = HTMLTable(
            ["GPU", "Name", "Job", "Samples", "Invalid", "Gaps", "Coverage", "Mean W", "Energy (kWh)"],
            numeric: [3, 4, 5, 6, 7, 8])
        for gpu in listed {
            let invalid =
                gpu.invalidSampleCount == 0
                ? "0"
                : "\(ReportFormatting.grouped(gpu.invalidSampleCount)) (\(gpu.invalidReasons.keys.sorted().map(HTMLText.code).joined(separator: ", ")))"
            var gaps =
                gpu.trace.gapCount == 0
                ? "0" : "\(gpu.trace.gapCount) (\(ReportFormatting.duration(gpu.trace.gapSeconds)))"
            if gpu.trace.unbridgedGapCount > 0 {
                gaps +=
                    "; \(gpu.trace.unbridgedGapCount) unmeasured (\(ReportFormatting.duration(gpu.trace.unmeasuredSeconds)))"
            }
            table.add([
                e(gpu.identity.label), gpu.identity.name.map(e) ?? "—", gpu.usedByJob ? "yes" : "no",
                ReportFormatting.grouped(gpu.trace.sampleCount), invalid, gaps, ReportFormatting.percent(gpu.coverage),
                ReportFormatting.fixed(gpu.trace.meanWatts, 1),
                ReportFormatting.fixed(gpu.trace.joules / EnergyUnit.joulesPerKilowattHour, 6),
            ])
        }
        return section("GPUs", id: "gpus", out + table.html)
    }

    private static func files(_ report: RunReport) -> String {
        var read = HTMLTable(["File", "Kind", "What was read"])
        var ignored = HTMLTable(["File", "Why not used"])
        for file in report.files {
            let path = HTMLText.code(file.displayPath)
            let gzip = file.encoding?.isGzip == true ? ", gzip" : ""
            if let log = report.powerLogs.first(where: {
                $0.path == file.displayPath || $0.sourcePaths.contains(file.displayPath)
            }) {
                var detail =
                    "\(ReportFormatting.grouped(log.dataRowCount)) rows, \(log.gpus.count) GPU\(log.gpus.count == 1 ? "" : "s")"
                if let interval = log.gpus.first?.trace.medianIntervalSeconds, interval > 0 {
                    detail += ", \(ReportFormatting.fixed(interval, 3)) s median interval"
                }
                if file.encoding?.isUTF16LE == true { detail += ", UTF-16LE" }
                read.add([path, e(log.format.rawValue), detail + gzip])
            } else if let events = report.timeline?.runs.flatMap(\.files).first(where: {
                $0.displayPath == file.displayPath
            }) {
                read.add([
                    path, e(file.kind.rawValue),
                    "\(ReportFormatting.grouped(events.records.recordCount)) records, \(events.tags.filter(\.isScalar).count) scalar tags\(gzip)",
                ])
            } else if let trace = report.profiler?.traces.first(where: { $0.displayPath == file.displayPath }) {
                read.add([path, e(file.kind.rawValue), "\(trace.stepNumbers.count) profiled steps\(gzip)"])
            } else if file.displayPath == report.slurmJob?.path || file.displayPath == report.systemEnergy?.path {
                let what =
                    file.displayPath == report.slurmJob?.path
                    ? "job \(e(report.slurmJob?.jobID ?? ""))" : "system energy"
                read.add([path, e(file.kind.rawValue), what])
            } else if file.kind.isPowerLog {
                ignored.add([
                    path,
                    "\(e(file.kind.rawValue)), nothing usable: \(e(report.note(for: file) ?? "no valid power samples"))",
                ])
            } else if file.kind != .other && file.kind != .foreign {
                ignored.add([path, "\(e(file.kind.rawValue)), not used for energy yet"])
            } else {
                ignored.add([path, e(file.note ?? "not a log")])
            }
        }
        let out =
            (read.rows.isEmpty ? "<p>Read: none.</p>\n" : "<h3>Read</h3>\n" + read.html)
            + (ignored.rows.isEmpty ? "" : "<h3>Not used</h3>\n" + ignored.html)
        return section("Files", id: "files", out)
    }

    // MARK: - Findings, method, provenance

    /// The findings grouped by code in the order each code first appears, as the Markdown report lists them.
    private static func findings(_ report: RunReport) -> String {
        guard !report.findings.isEmpty else { return section("Findings", id: "findings", "<p>None.</p>\n") }
        var order: [FindingCode] = []
        var byCode: [FindingCode: [Finding]] = [:]
        for finding in report.findings {
            if byCode[finding.code] == nil { order.append(finding.code) }
            byCode[finding.code, default: []].append(finding)
        }
        let total = { (findings: [Finding]) in findings.reduce(0) { $0 + $1.count } }
        var counts = HTMLTable(["Code", "Warnings", "Notes"], numeric: [1, 2])
        var list = "<ul>\n"
        for code in order {
            let findings = byCode[code] ?? []
            let warnings = total(findings.filter { $0.severity == .warning })
            counts.add([
                HTMLText.code(code.description), ReportFormatting.grouped(warnings),
                ReportFormatting.grouped(total(findings) - warnings),
            ])
            let shown = findings.prefix(MarkdownReportWriter.findingsShownPerCode).filter { $0.count == 1 }
            for finding in shown {
                let severity = finding.severity == .warning ? "<span class=\"warning\">warning</span>" : "note"
                list += "<li>\(severity): \(e(finding.description)) [\(HTMLText.code(code.description))]</li>\n"
            }
            let more = total(findings) - shown.count
            if more > 0 {
                list +=
                    "<li>… and \(ReportFormatting.grouped(more)) more \(HTMLText.code(code.description)) (see report.json)</li>\n"
            }
        }
        return section("Findings", id: "findings", counts.html + list + "</ul>\n")
    }

    private static func method(_ report: RunReport) -> String {
        let option = { (name: String) in "`\(name)`" }
        var paragraphs: [String] = []
        if report.hasPowerSamples {
            paragraphs.append(
                [
                    MethodRules.integration, MethodRules.gaps(report, option: option), MethodRules.coverage,
                    MethodRules.sensors, MethodRules.idleGPU(option: option), MethodRules.emissions,
                ].joined(separator: " "))
        }
        if let basis = report.estimate, !report.hasPowerSamples {
            paragraphs.append(
                "Energy is estimated, not measured: GPUs × hours × TDP × utilization (1.0 unless `--utilization` gives it), with the TDP from the bundled GPU table (`gpu-specs.csv`, each value with its source). "
                    + "The CO2e range takes 50–100% of the TDP-based energy without `--utilization` and ±10% with it, at the lowest and highest TDP of the name's variants "
                    + "(\(ReportFormatting.fixed(basis.choice.tdpRangeWatts.lowerBound, 0))–\(ReportFormatting.fixed(basis.choice.tdpRangeWatts.upperBound, 0)) W), times the ranges of the PUE and the intensity."
                    + (basis.givenWatts == nil
                        ? ""
                        : " Here `--watts` gave the mean power per GPU, which replaces TDP × utilization; its range is ±\(ReportFormatting.percent(EmissionsModel.sensorUncertainty)).")
            )
        }
        if report.emissions?.method == .systemEnergy {
            paragraphs.append(
                "Without a GPU power log, the emissions are those of the measured energy of the job's nodes (Slurm's ConsumedEnergyRaw) or of the whole system (a power analyzer's readings integrated by the trapezoid rule), × PUE × grid intensity; "
                    + "the range takes ±\(ReportFormatting.percent(EmissionsModel.systemMeterUncertainty)) for the meter, times the ranges of the PUE and the intensity."
            )
        }
        if report.timeline != nil {
            paragraphs.append(
                "TensorBoard event files are read record by record (TFRecord framing with both CRC-32C checks); scalars are `simple_value` or rank-0 tensors of the `scalars` plugin. "
                    + "The files of one folder are one run, in the order of the timestamps in their names; a later file that logs a tag again from step s supersedes the earlier points at or after s. "
                    + "Event wall times are UTC. The training window runs from the first to the last point of the step tag; its energy is the job GPUs' energy between those instants "
                    + "(power interpolated linearly at the window's edges), and energy per step is that energy over last − first step."
            )
        }
        return section("Method", id: "method", paragraphs.map { "<p>\(HTMLText.prose($0))</p>\n" }.joined())
    }

    private static func provenance(_ report: RunReport) -> String {
        guard let provenance = report.provenance else { return "" }
        let flags = provenance.estimate.map(OptionFlags.of) ?? OptionFlags.of(provenance.options)
        var out =
            "<p>\(e(provenance.tool))\(report.generatedAtSeconds.map { ", " + ReportFormatting.readableUTC($0) } ?? ""); options: "
            + (flags.isEmpty ? "(defaults)" : HTMLText.code(flags.joined(separator: " "))) + ".</p>\n"
        if !provenance.inputs.isEmpty {
            var table = HTMLTable(["Input", "Bytes", "SHA-256"], numeric: [1])
            for input in provenance.inputs {
                table.add([
                    HTMLText.code(input.path), ReportFormatting.grouped(input.bytes), HTMLText.code(input.sha256),
                ])
            }
            out += table.html
        }
        out +=
            "<p>Bundled tables: "
            + provenance.tables.map { "\(HTMLText.code($0.name)) (\(e(String($0.sha256.prefix(12)))))" }.joined(
                separator: ", ")
            + (provenance.estimate == nil
                ? ". <code>footprint verify report.json RUN_DIR</code> recomputes the figures from the logs.</p>\n"
                : ".</p>\n")
        return section("Provenance", id: "provenance", out)
    }
}
