/// Renders a run for a paper: a `booktabs` table (job GPUs as rows, the job's total, and the emissions with their
/// range) and a methodology paragraph written from the run itself, with `\cite` keys whose entries
/// ``BibliographyWriter`` writes to the companion `.bib`. Needs `\usepackage{booktabs}` in the preamble.
public enum LaTeXReportWriter {
    public static func render(_ report: RunReport) -> String {
        var out = "% Energy and emissions of \(escape(report.runPath)), written by footprint \(ToolInfo.version).\n"
        out += "% Needs \\usepackage{booktabs}; the cited entries are in the companion .bib file.\n"
        out += table(report) + "\n"
        if let breakdown = report.breakdown { out += breakdownTable(breakdown, report: report) + "\n" }
        if let statement = statement(report) { out += statement + "\n" }
        out += methodology(report) + "\n"
        return out
    }

    private static func table(_ report: RunReport) -> String {
        var out = "\\begin{table}[t]\n\\centering\n"
        out +=
            "\\caption{\(report.hasPowerSamples ? "GPU energy" : "Energy") and CO$_2$e of the training run \\texttt{\(escape(lastComponent(report.runPath)))}.}\n"
        out += "\\label{tab:footprint}\n\\begin{tabular}{lrrr}\n\\toprule\n"
        out += "GPU & Energy (kWh) & Duration (h) & Mean power (W) \\\\\n\\midrule\n"
        for gpu in report.jobGPUs {
            let name = gpu.identity.name.map { " (\(escape($0)))" } ?? ""
            out +=
                "\(escape(gpu.identity.label))\(name) & \(ReportFormatting.significant(gpu.trace.joules / EnergyUnit.joulesPerKilowattHour, 4)) & "
                + "\(ReportFormatting.fixed(gpu.trace.spanSeconds / 3600, 3)) & \(ReportFormatting.fixed(gpu.trace.meanWatts, 1)) \\\\\n"
        }
        if let emissions = report.emissions {
            let duration =
                report.estimate.map { $0.hours }
                ?? (emissions.method == .systemEnergy ? report.systemEnergy.map { $0.seconds / 3600 } : nil)
                ?? report.windowSeconds / 3600
            let mean = duration > 0 ? emissions.itJoules / (duration * 3600) : 0
            out +=
                (report.jobGPUs.isEmpty ? "" : "\\midrule\n")
                + "Job\(emissions.method == .estimated ? " (estimate)" : emissions.method == .systemEnergy ? " (system energy)" : "") & \(ReportFormatting.significant(emissions.itJoules / EnergyUnit.joulesPerKilowattHour, 4)) & "
                + "\(ReportFormatting.fixed(duration, 3)) & \(ReportFormatting.fixed(mean, 1)) \\\\\n"
        }
        out += "\\bottomrule\n\\end{tabular}\n"
        if let emissions = report.emissions {
            let factors = report.factors
            out +=
                "\\par\\smallskip\n{\\footnotesize PUE \(ReportFormatting.fixed(factors.pue, 2)); grid intensity "
                + "\(ReportFormatting.fixed(emissions.effectiveGramsCO2ePerKWh, 1))~gCO$_2$e/kWh\(place(report)); "
                + "operational emissions\(factors.market == nil ? "" : " (location-based)") \(ReportFormatting.significant(emissions.kilogramsCO2e, 3))~kg CO$_2$e "
                + "(range \(ReportFormatting.significant(emissions.kilogramsCO2eLow, 3))--\(ReportFormatting.significant(emissions.kilogramsCO2eHigh, 3)))"
                + (report.embodied.map {
                    "; embodied \(ReportFormatting.significant($0.kilogramsCO2e, 3))~kg CO$_2$e, not included"
                } ?? "")
                + ".}\n"
        }
        return out + "\\end{table}\n"
    }

    private static func kWh(_ joules: Double) -> String {
        ReportFormatting.significant(joules / EnergyUnit.joulesPerKilowattHour, 4)
    }

    private static func kilograms(_ value: Double) -> String { ReportFormatting.significant(value, 3) }

    /// The BLOOM-style table: dynamic, idle, infrastructure and embodied, each in kWh and location-based kg CO2e.
    private static func breakdownTable(_ breakdown: EnergyBreakdown, report: RunReport) -> String {
        func row(_ name: String, _ part: BreakdownPart) -> String {
            let range =
                part.kilogramsCO2eLow == part.kilogramsCO2eHigh
                ? "--" : "\(kilograms(part.kilogramsCO2eLow))--\(kilograms(part.kilogramsCO2eHigh))"
            return
                "\(name) & \(part.joules.map(kWh) ?? "--") & \(kilograms(part.kilogramsCO2e)) & \(range) \\\\\n"
        }
        var out = "\\begin{table}[t]\n\\centering\n"
        out +=
            "\\caption{Energy and location-based CO$_2$e of \\texttt{\(escape(lastComponent(report.runPath)))} by part: dynamic (above each GPU's idle baseline), idle, infrastructure (PUE overhead) and embodied.}\n"
        out += "\\label{tab:footprint-breakdown}\n\\begin{tabular}{lrrr}\n\\toprule\n"
        out += "Part & Energy (kWh) & CO$_2$e (kg) & Range (kg) \\\\\n\\midrule\n"
        out += row("Dynamic", breakdown.dynamic)
        out += row("Idle", breakdown.idle)
        out += row("Infrastructure", breakdown.infrastructure)
        out += breakdown.embodied.map { row("Embodied", $0) } ?? "Embodied & -- & not computed & -- \\\\\n"
        out += "\\midrule\n"
        if let emissions = report.emissions {
            out +=
                "Operational total & \(kWh(emissions.facilityJoules)) & \(kilograms(emissions.kilogramsCO2e)) & \(kilograms(emissions.kilogramsCO2eLow))--\(kilograms(emissions.kilogramsCO2eHigh)) \\\\\n"
        }
        if let unused = breakdown.unusedGPUs { out += row("GPUs not running the job (apart)", unused) }
        return out + "\\bottomrule\n\\end{tabular}\n\\end{table}\n"
    }

    /// The paragraph papers print: GPU-hours on which GPUs, dynamic and idle energy, PUE, location-based and
    /// market-based emissions, every number from the run; nil without measured energy.
    private static func statement(_ report: RunReport) -> String? {
        guard let breakdown = report.breakdown, let emissions = report.emissions else { return nil }
        let factors = report.factors
        let gpuHours = breakdown.baselines.reduce(0) { $0 + $1.measuredSeconds } / 3600
        let models = Dictionary(grouping: report.jobGPUs, by: { $0.identity.name ?? "GPU of unknown model" })
            .sorted { $0.key < $1.key }
            .map { "\($0.value.count)~$\\times$~\(escape($0.key))" }
            .joined(separator: " and ")
        var text =
            "Training used \(ReportFormatting.grouped(gpuHours, 2))~GPU-hours on \(models) over \(escape(ReportFormatting.duration(report.windowSeconds))), "
            + "drawing \(kWh(emissions.itJoules))~kWh at the GPUs: \(kWh(breakdown.dynamic.joules ?? 0))~kWh dynamic and "
            + "\(kWh(breakdown.idle.joules ?? 0))~kWh idle (each GPU's \(ReportFormatting.fixed(EmissionsModel.idlePowerQuantile * 100, 0))th-percentile power over its measured time). "
        text +=
            "With a PUE of \(ReportFormatting.fixed(factors.pue, 2)), the facility used \(kWh(emissions.facilityJoules))~kWh, \(kWh(breakdown.infrastructure.joules ?? 0))~kWh of it infrastructure overhead. "
        let intensity =
            report.intensitySeries == nil
            ? "\(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2))~gCO$_2$e/kWh\(place(report))"
            : "an intensity series averaging \(ReportFormatting.fixed(emissions.effectiveGramsCO2ePerKWh, 2))~gCO$_2$e/kWh"
        text +=
            "Location-based emissions were \(kilograms(emissions.kilogramsCO2e))~kg CO$_2$e (range \(kilograms(emissions.kilogramsCO2eLow))--\(kilograms(emissions.kilogramsCO2eHigh))) at \(intensity)"
        if let market = factors.market, let marketKilograms = emissions.marketKilogramsCO2e {
            var basis = "a contractual factor"
            if let share = market.renewableShare, let residual = market.residualGramsCO2ePerKWh {
                basis =
                    "\(ReportFormatting.fixed(share * 100, 1))\\% renewable, the rest at a residual mix of \(ReportFormatting.fixed(residual, 2))~gCO$_2$e/kWh"
            }
            text +=
                "; market-based emissions were \(kilograms(marketKilograms))~kg CO$_2$e at \(ReportFormatting.fixed(market.gramsCO2ePerKWh, 2))~gCO$_2$e/kWh (\(basis))"
        }
        text += "."
        if let embodied = breakdown.embodied {
            text += " Embodied emissions of the GPUs add \(kilograms(embodied.kilogramsCO2e))~kg CO$_2$e."
        }
        return "% Statement\n" + text + "\n"
    }

    /// `(Germany, 2024~\cite{…})`.
    private static func place(_ report: RunReport) -> String {
        let factors = report.factors
        if report.intensitySeries != nil { return " (time-weighted over an hourly series)" }
        guard factors.intensityKind != .given else { return " (given)" }
        let year = factors.intensityYear.map { ", \($0)" } ?? ""
        return
            " (\(escape(factors.location ?? "world average"))\(year)~\\cite{\(BibliographyWriter.key(forIntensitySource: factors.intensitySource))})"
    }

    /// The energy's part of the CO2e range, in LaTeX: the sensor and sampling for measured power, the meter for
    /// system energy, the estimate's own range for an estimate.
    private static func energyRange(_ report: RunReport, _ emissions: OperationalEmissions) -> String {
        let percent = { (share: Double) in "$\\pm$" + ReportFormatting.fixed(share * 100, 0) + "\\%" }
        switch emissions.method {
        case .measured:
            return "the power sensor's \(percent(EmissionsModel.sensorUncertainty)), the sampling error"
        case .systemEnergy:
            return "the meter's \(percent(EmissionsModel.systemMeterUncertainty)) (assumed)"
        case .estimated:
            guard let basis = report.estimate else { return "the estimate's energy range" }
            if basis.givenWatts != nil { return "\(percent(EmissionsModel.sensorUncertainty)) on the given power" }
            return basis.utilization == nil ? "50--100\\% of the TDP-based energy" : "\(percent(0.1)) on the energy"
        }
    }

    private static func methodology(_ report: RunReport) -> String {
        var sentences: [String] = []
        if let basis = report.estimate, !report.hasPowerSamples {
            sentences.append(
                "No power log was available, so energy was estimated as \(basis.gpuCount)~GPU\(basis.gpuCount == 1 ? "" : "s") (\(escape(basis.gpu.model)), \(ReportFormatting.fixed(basis.gpu.tdpWatts, 0))~W TDP) $\\times$ \(ReportFormatting.grouped(basis.hours, 2))~h $\\times$ \(basis.givenWatts.map { "a given mean power of \(ReportFormatting.fixed($0, 1))~W per GPU" } ?? "utilization \(ReportFormatting.fixed(basis.utilization ?? 1, 2))")."
            )
        } else if let system = report.systemEnergy, report.emissions?.method == .systemEnergy {
            sentences.append(
                system.meter == .slurmAccounting
                    ? "No GPU power log was available; the energy is the job's node energy as Slurm's accounting gathered it (ConsumedEnergyRaw), which covers more than the GPUs."
                    : "No GPU power log was available; the energy is the whole system's wall energy from the power analyzer, which covers more than the GPUs."
            )
        } else if report.hasPowerSamples {
            let fields = Set(report.powerLogs.compactMap(\.powerField)).sorted().map { "\\texttt{\(escape($0))}" }
                .joined(separator: ", ")
            let intervals = Set(report.jobGPUs.map { ReportFormatting.fixed($0.trace.medianIntervalSeconds, 2) })
                .sorted().joined(separator: "/")
            let formats = Set(report.powerLogs.map(\.format.rawValue)).sorted().map(escape).joined(separator: ", ")
            sentences.append(
                "GPU power was recorded with \(formats) (field \(fields), median sampling interval \(intervals)~s) for \(report.gpus.count)~GPU\(report.gpus.count == 1 ? "" : "s"), of which \(report.jobGPUs.count) ran the job."
            )
            let gaps = report.jobGPUs.reduce(0) { $0 + $1.trace.gapCount }
            let unbridged = report.jobGPUs.reduce(0) { $0 + $1.trace.unbridgedGapCount }
            let unmeasured = report.jobGPUs.reduce(0) { $0 + $1.trace.unmeasuredSeconds }
            sentences.append(
                "Energy is the integral of each GPU's power with the trapezoidal rule over its own samples from \(ReportFormatting.readableUTC(report.windowStartSeconds)) to \(ReportFormatting.readableUTC(report.windowEndSeconds)) (\(escape(ReportFormatting.duration(report.windowSeconds)))); the samples cover \(ReportFormatting.fixed(report.coverage * 100, 1))\\% of that window\(gaps > 0 ? ", and \(gaps) gap\(gaps == 1 ? " was" : "s were") bridged linearly" : "")."
            )
            if gaps > 0 || unbridged > 0 { sentences.append(rule { MethodRules.gaps(report, option: $0) }) }
            sentences.append(escape(MethodRules.coverage))
            if report.gpus.contains(where: { !$0.usedByJob }) { sentences.append(rule(MethodRules.idleGPU)) }
            if unbridged > 0 {
                sentences.append(
                    "\(unbridged) longer gap\(unbridged == 1 ? "" : "s") (\(escape(ReportFormatting.duration(unmeasured))) of GPU time) \(unbridged == 1 ? "was" : "were") left unmeasured: \(unbridged == 1 ? "its" : "their") energy is not counted, and the upper end of the range adds that time at each GPU's median power."
                )
            }
            if report.clock.wasNeeded {
                sentences.append(
                    "The logs' local times were read in \(escape(report.clock.zone.description))\(report.clock.source == .inferred ? ", an offset inferred by aligning GPU activity with the training log" : "")."
                )
            }
        }
        if let window = report.training, let energy = report.trainingEnergy {
            sentences.append(
                "The training window, from the first to the last point of the TensorBoard scalar \\texttt{\(escape(window.displayTag))} (steps \(window.firstStep)--\(window.lastStep)), used \(ReportFormatting.significant(energy.windowJoules / EnergyUnit.joulesPerKilowattHour, 4))~kWh\(energy.joulesPerStep.map { ", or \(ReportFormatting.significant($0, 4))~J per step" } ?? "; its energy per step is unknown (the power samples do not cover its steps)")."
            )
        }
        if let emissions = report.emissions {
            let factors = report.factors
            var factorText =
                "Emissions are energy $\\times$ PUE (\(ReportFormatting.fixed(factors.pue, 2)), \(escape(pueDescription(factors)))) $\\times$ grid carbon intensity"
            if let series = report.intensitySeries {
                factorText +=
                    " taken over time from a series of \(series.startSeconds.count) values (\(ReportFormatting.fixed((emissions.seriesCoverage ?? 0) * 100, 1))\\% of the energy covered)"
            } else {
                factorText += " (\(ReportFormatting.fixed(factors.gramsCO2ePerKWh, 2))~gCO$_2$e/kWh\(place(report)))"
            }
            sentences.append(
                factorText
                    + ", giving \(ReportFormatting.significant(emissions.kilogramsCO2e, 3))~kg CO$_2$e\(factors.market == nil ? "" : " (location-based)")."
            )
            if let market = factors.market, let marketKilograms = emissions.marketKilogramsCO2e {
                sentences.append(
                    "Market-based emissions, facility energy $\\times$ the contractual intensity (\(ReportFormatting.fixed(market.gramsCO2ePerKWh, 2))~gCO$_2$e/kWh) as the GHG Protocol's Scope~2 guidance defines them, are \(ReportFormatting.significant(marketKilograms, 3))~kg CO$_2$e."
                )
            }
            sentences.append(
                "The range \(ReportFormatting.significant(emissions.kilogramsCO2eLow, 3))--\(ReportFormatting.significant(emissions.kilogramsCO2eHigh, 3))~kg combines \(energyRange(report, emissions)),\(emissions.sensorExcessJoules > 0 ? " the energy without the readings flagged as a stuck sensor or outliers," : "") the PUE range \(ReportFormatting.fixed(factors.pueLow, 2))--\(ReportFormatting.fixed(factors.pueHigh, 2)) and the intensity range \(ReportFormatting.fixed(factors.intensityLow, 1))--\(ReportFormatting.fixed(factors.intensityHigh, 1))~gCO$_2$e/kWh."
            )
        }
        if let embodied = report.embodied {
            sentences.append(
                "Embodied (manufacturing) emissions of the GPUs, amortised over \(ReportFormatting.fixed(embodied.lifetimeYears, 1))~years for the hours used~\\cite{\(BibliographyWriter.embodiedKey)}, add \(ReportFormatting.significant(embodied.kilogramsCO2e, 3))~kg CO$_2$e and are reported separately."
            )
        }
        sentences.append("Figures were computed with footprint \(ToolInfo.version) from the logs the run left.")
        return "% Methodology\n" + sentences.joined(separator: " ") + "\n"
    }

    private static func pueDescription(_ factors: EmissionFactors) -> String {
        if factors.pueIsAssumed { return "assumed" }
        if factors.pueSource == "--pue" { return "given" }
        return factors.pueYear.map { "published figure for \($0)" } ?? "published figure"
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Escapes LaTeX's special characters; control characters (newlines too) become visible escapes such as
    /// `\x0a`.
    /// A rule of ``MethodRules`` escaped for LaTeX, its option names in `\texttt`.
    private static func rule(_ text: ((String) -> String) -> String) -> String {
        let marked = text { "\u{E000}\($0)\u{E001}" }
        var out = ""
        for (index, part) in marked.split(separator: "\u{E000}", omittingEmptySubsequences: false).enumerated() {
            guard index > 0, let end = part.firstIndex(of: "\u{E001}") else {
                out += escape(String(part))
                continue
            }
            // `-{}-` keeps TeX from joining the dashes of `--name` into one.
            var name = ""
            for character in escape(String(part[..<end])) {
                if character == "-", name.last == "-" { name += "{}" }
                name.append(character)
            }
            out += "\\texttt{\(name)}" + escape(String(part[part.index(after: end)...]))
        }
        return out
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(character)
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            case "→": out += "--"
            case "×": out += "$\\times$"
            case "≥": out += "$\\geq$"
            case "≤": out += "$\\leq$"
            case "±": out += "$\\pm$"
            case "<": out += "\\textless{}"
            case ">": out += "\\textgreater{}"
            default:
                for scalar in character.unicodeScalars {
                    if TerminalText.isControl(scalar) {
                        out += "\\textbackslash{}" + TerminalText.escape(scalar).dropFirst()
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        return out
    }
}
