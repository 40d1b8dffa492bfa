/// Renders a ``RunReport`` as JSON: window, energy, per-GPU figures with gaps, emissions and warnings.
///
/// Energies are in joules with 3 decimals, kWh with 9, powers in watts with 3, times ISO 8601 UTC with
/// milliseconds; keys keep a fixed order.
public enum JSONReportWriter {
    public static func render(_ report: RunReport) -> String {
        let gpus: [JSONValue] = report.gpus.map { gpu in
            .object([
                ("id", .string(gpu.identity.label)),
                ("host", .string(gpu.identity.host)),
                ("name", gpu.identity.name.map(JSONValue.string) ?? .null),
                ("uuid", gpu.identity.uuid.map(JSONValue.string) ?? .null),
                ("pci_bus_id", gpu.identity.busID.map(JSONValue.string) ?? .null),
                ("used_by_job", .bool(gpu.usedByJob)),
                ("usage", .string(gpu.usageReason)),
                ("joules", .fixed(gpu.trace.joules, 3)),
                ("kwh", .fixed(gpu.trace.joules / EnergyUnit.joulesPerKilowattHour, 9)),
                ("samples", .int(gpu.trace.sampleCount)),
                ("invalid_samples", .int(gpu.invalidSampleCount)),
                (
                    "invalid_reasons",
                    .object(gpu.invalidReasons.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })
                ),
                ("mean_watts", .fixed(gpu.trace.meanWatts, 3)),
                ("min_watts", .fixed(gpu.trace.minimumWatts, 3)),
                ("max_watts", .fixed(gpu.trace.maximumWatts, 3)),
                ("max_utilization_percent", gpu.maximumUtilizationPercent.map { .fixed($0, 1) } ?? .null),
                ("first_sample", .string(ReportFormatting.isoUTC(gpu.trace.firstSeconds))),
                ("last_sample", .string(ReportFormatting.isoUTC(gpu.trace.lastSeconds))),
                ("median_interval_seconds", .fixed(gpu.trace.medianIntervalSeconds, 3)),
                ("coverage", .fixed(gpu.coverage, 6)),
                ("power_field", gpu.powerField.map(JSONValue.string) ?? .null),
                ("gap_threshold_seconds", .fixed(gpu.trace.gapThresholdSeconds, 3)),
                ("gap_count", .int(gpu.trace.gapCount)),
                ("gap_seconds", .fixed(gpu.trace.gapSeconds, 3)),
                (
                    "gaps",
                    .array(
                        gpu.trace.gaps.map { gap in
                            .object([
                                ("start", .string(ReportFormatting.isoUTC(gap.startSeconds))),
                                ("seconds", .fixed(gap.seconds, 3)),
                                ("joules", .fixed(gap.joules, 3)),
                            ])
                        })
                ),
                ("unbridged_gap_count", .int(gpu.trace.unbridgedGapCount)),
                ("unmeasured_seconds", .fixed(gpu.trace.unmeasuredSeconds, 3)),
                (
                    "unbridged_gaps",
                    .array(
                        gpu.trace.unbridgedGaps.map { gap in
                            .object([
                                ("start", .string(ReportFormatting.isoUTC(gap.startSeconds))),
                                ("seconds", .fixed(gap.seconds, 3)),
                            ])
                        })
                ),
                ("sensor", sensor(gpu.trace.sensor)),
                ("files", .array(gpu.files.map(JSONValue.string))),
            ])
        }
        // Without power samples every measured figure is unknown: null, never 0.
        let measured: (Double, Int) -> JSONValue = { report.hasPowerSamples ? .fixed($0, $1) : .null }
        let measuredEmissions: ((OperationalEmissions) -> Double) -> JSONValue = { value in
            report.emissions.flatMap { $0.method == .measured ? .fixed(value($0), 3) : nil } ?? .null
        }
        let root: JSONValue = .object([
            ("run", .string(report.runPath)),
            (
                "window",
                report.hasClock
                    ? .object([
                        ("start", .string(ReportFormatting.isoUTC(report.windowStartSeconds))),
                        ("end", .string(ReportFormatting.isoUTC(report.windowEndSeconds))),
                        ("seconds", .fixed(report.windowSeconds, 3)),
                    ]) : .null
            ),
            (
                "energy",
                .object([
                    ("joules", measured(report.jobJoules, 3)),
                    ("kwh", measured(report.jobJoules / EnergyUnit.joulesPerKilowattHour, 9)),
                    ("all_gpus_joules", measured(report.allGPUJoules, 3)),
                    ("all_gpus_kwh", measured(report.allGPUJoules / EnergyUnit.joulesPerKilowattHour, 9)),
                    ("mean_watts", measured(report.meanWatts, 3)),
                    ("coverage", measured(report.coverage, 6)),
                    ("unmeasured_seconds", measured(report.jobGPUs.reduce(0) { $0 + $1.trace.unmeasuredSeconds }, 3)),
                    ("max_bridge_seconds", .fixed(MethodRules.bridgeLimitSeconds(report), 3)),
                    ("unmeasured_idle_joules", measuredEmissions { $0.unmeasuredIdleJoules }),
                    ("unmeasured_typical_joules", measuredEmissions { $0.unmeasuredTypicalJoules }),
                    ("sensor_excess_joules", measuredEmissions { $0.sensorExcessJoules }),
                    ("missing_reason", report.energyMissingReason.map { .string($0.text()) } ?? .null),
                    ("source", countedSources(report)),
                ])
            ),
            ("system_energy", systemEnergy(report)),
            ("slurm_job", slurmJob(report)),
            ("estimate", estimate(report)),
            ("method", method(report)),
            ("gpus", .array(gpus)),
            (
                "hosts",
                .array(
                    report.hosts.map { host in
                        .object([
                            ("name", .string(host.name)),
                            ("gpus", .int(host.gpuCount)),
                            ("job_gpus", .int(host.jobGPUCount)),
                            ("joules", .fixed(host.jobJoules, 3)),
                            ("kwh", .fixed(host.jobJoules / EnergyUnit.joulesPerKilowattHour, 9)),
                            ("mean_watts_per_gpu", host.meanWattsPerJobGPU.map { .fixed($0, 3) } ?? .null),
                        ])
                    })
            ),
            ("sources", .array(report.sources.map(source))),
            ("training", training(report)),
            ("profiler", profiler(report)),
            ("trackers", TrackerTotalsJSON.value(report)),
            ("emissions", emissions(report)),
            ("breakdown", BreakdownJSON.value(report)),
            (
                "clock",
                .object([
                    ("zone", .string(report.clock.zone.description)),
                    ("source", .string(report.clock.source.rawValue)),
                    ("local_times_read", .bool(report.clock.wasNeeded)),
                    ("inferred_score", report.clock.inference.map { .fixed($0.score, 6) } ?? .null),
                    (
                        "runner_up_offset",
                        report.clock.inference.map { .string(ClockZone.formatOffset($0.runnerUpOffsetSeconds)) }
                            ?? .null
                    ),
                    ("runner_up_score", report.clock.inference.map { .fixed($0.runnerUpScore, 6) } ?? .null),
                    (
                        "dst_changes",
                        .array(
                            report.clock.dstChanges.map { change in
                                let match = change.match
                                let local = { (seconds: Double) in
                                    JSONValue.string(String(ReportFormatting.isoUTC(seconds).dropLast()))
                                }
                                return .object([
                                    ("file", .string(change.path)),
                                    ("repeats_local_time", .bool(match.transition.repeatsLocalTime)),
                                    ("local_before", local(match.step.beforeSeconds)),
                                    ("local_after", local(match.step.afterSeconds)),
                                    (
                                        "offset_before",
                                        .string(ClockZone.formatOffset(match.transition.offsetBeforeSeconds))
                                    ),
                                    (
                                        "offset_after",
                                        .string(ClockZone.formatOffset(match.transition.offsetAfterSeconds))
                                    ),
                                    ("zones", .array(match.zones.map { .string($0) })),
                                ])
                            })
                    ),
                ])
            ),
            (
                "files",
                .array(
                    report.files.map { file in
                        let log = report.powerLogs.first { $0.path == file.displayPath }
                        return .object([
                            ("path", .string(file.displayPath)),
                            ("bytes", .int(file.sizeBytes)),
                            ("kind", .string(file.kind.rawValue)),
                            ("gzip", .bool(file.encoding?.isGzip ?? false)),
                            ("read", .bool(log != nil)),
                            ("rows", log.map { .int($0.dataRowCount) } ?? .null),
                            ("power_field", log?.powerField.map(JSONValue.string) ?? .null),
                            ("note", report.note(for: file).map(JSONValue.string) ?? .null),
                        ])
                    })
            ),
            ("findings", .array(report.findings.map(finding))),
            ("provenance", provenance(report)),
        ])
        return root.rendered()
    }

    /// The `method` object: each rule the report applied, in the words Markdown and LaTeX use, with its numbers.
    private static func method(_ report: RunReport) -> JSONValue {
        let option = { (name: String) in name }
        return .object([
            ("integration", .string(MethodRules.integration)),
            ("gaps", .string(MethodRules.gaps(report, option: option))),
            ("coverage", .string(MethodRules.coverage)),
            ("sensors", .string(MethodRules.sensors)),
            ("idle_gpu", .string(MethodRules.idleGPU(option: option))),
            (
                "pauses",
                report.training.map { .string(MethodRules.pauses(typicalIntervalSeconds: $0.typicalIntervalSeconds)) }
                    ?? .null
            ),
            ("emissions", .string(MethodRules.emissions)),
        ])
    }

    /// The `estimate` object: the GPU model used (for a family name, its default variant and the variants whose
    /// TDPs bound the range), count, hours and GPU-hours; null when the energy was measured.
    private static func estimate(_ report: RunReport) -> JSONValue {
        guard let basis = report.estimate, !report.hasPowerSamples else { return .null }
        let choice = basis.choice
        return .object([
            ("gpu", .string(basis.gpu.model)),
            ("requested", .string(choice.requestedName)),
            ("variants", .array(choice.variants.map { .string($0.model) })),
            ("count", .int(basis.gpuCount)),
            ("hours", .fixed(basis.hours, 6)),
            ("hours_source", .string(basis.hoursSource)),
            ("gpu_hours", .fixed(basis.gpuHours, 6)),
            ("tdp_watts", .fixed(basis.gpu.tdpWatts, 1)),
            ("tdp_watts_low", .fixed(choice.tdpRangeWatts.lowerBound, 1)),
            ("tdp_watts_high", .fixed(choice.tdpRangeWatts.upperBound, 1)),
            ("utilization", basis.utilization.map { .fixed($0, 3) } ?? .null),
            ("watts", basis.givenWatts.map { .fixed($0, 3) } ?? .null),
        ])
    }

    /// One finding: severity, stable code, the input it is about (relative to the run folder; null for run-wide
    /// findings such as the clock), where in it, and the message.
    private static func finding(_ finding: Finding) -> JSONValue {
        .object([
            ("severity", .string(finding.severity.rawValue)),
            ("code", .string(finding.code.rawValue)),
            ("file", finding.location.map { .string($0.path) } ?? .null),
            ("line", finding.location?.line.map(JSONValue.int) ?? .null),
            ("record", finding.location?.record.map(JSONValue.int) ?? .null),
            ("byte_offset", finding.location?.byteOffset.map(JSONValue.int) ?? .null),
            ("message", .string(finding.message)),
            ("count", .int(finding.count)),
        ])
    }

    /// The `emissions` object: operational CO2e with its range, the factors with sources, embodied carbon apart.
    private static func emissions(_ report: RunReport) -> JSONValue {
        let factors = report.factors
        let emissions = report.emissions
        let series: JSONValue =
            report.intensitySeries.map { series in
                .object([
                    ("path", .string(series.path)),
                    ("column", .string(series.column)),
                    ("converted_from_lb_per_mwh", .bool(series.convertedFromPoundsPerMWh)),
                    ("values", .int(series.startSeconds.count)),
                    ("start", .string(ReportFormatting.isoUTC(series.firstSeconds))),
                    ("end", .string(ReportFormatting.isoUTC(series.endSeconds))),
                    ("energy_coverage", emissions?.seriesCoverage.map { .fixed($0, 6) } ?? .null),
                    ("mean_g_per_kwh", emissions?.seriesMeanGramsCO2ePerKWh.map { .fixed($0, 3) } ?? .null),
                ])
            } ?? .null
        let embodied: JSONValue =
            report.embodied.map { embodied in
                .object([
                    ("kg_co2e", .fixed(embodied.kilogramsCO2e, 6)),
                    ("lifetime_years", .fixed(embodied.lifetimeYears, 2)),
                    (
                        "cards",
                        .array(
                            embodied.cards.map { card in
                                .object([
                                    ("gpu", .string(card.gpu)),
                                    ("item", .string(card.figure.item)),
                                    ("card_kg_co2e", .fixed(card.figure.kilogramsCO2e, 3)),
                                    ("generic", .bool(card.figure.isGeneric)),
                                    ("hours", .fixed(card.hours, 6)),
                                    ("kg_co2e", .fixed(card.kilogramsCO2e, 6)),
                                    ("source", .string(card.figure.source)),
                                ])
                            })
                    ),
                ])
            } ?? .null
        func optional(_ value: Double?, _ digits: Int) -> JSONValue { value.map { .fixed($0, digits) } ?? .null }
        var fields: [(String, JSONValue)] = [
            ("method", emissions.map { .string($0.method.rawValue) } ?? .null),
            ("kg_co2e", optional(emissions?.kilogramsCO2e, 6)),
            ("kg_co2e_low", optional(emissions?.kilogramsCO2eLow, 6)),
            ("kg_co2e_high", optional(emissions?.kilogramsCO2eHigh, 6)),
            ("market_kg_co2e", optional(emissions?.marketKilogramsCO2e, 6)),
            ("it_kwh", optional(emissions.map { $0.itJoules / EnergyUnit.joulesPerKilowattHour }, 9)),
            ("facility_kwh", optional(emissions.map { $0.facilityJoules / EnergyUnit.joulesPerKilowattHour }, 9)),
            ("energy_uncertainty", optional(emissions?.energyUncertainty, 6)),
            ("embodied_kg_co2e", optional(report.embodied?.kilogramsCO2e, 6)),
        ]
        fields += [
            ("intensity_g_per_kwh", .fixed(factors.gramsCO2ePerKWh, 2)),
            ("intensity_low_g_per_kwh", .fixed(factors.intensityLow, 2)),
            ("intensity_high_g_per_kwh", .fixed(factors.intensityHigh, 2)),
            ("intensity_kind", .string(factors.intensityKind.rawValue)),
            ("intensity_source", .string(factors.intensitySource)),
            ("intensity_year", factors.intensityYear.map(JSONValue.int) ?? .null),
            ("location", factors.location.map(JSONValue.string) ?? .null),
            ("intensity_assumed", .bool(factors.intensityIsAssumed)),
            ("intensity_series", series),
            ("market_g_per_kwh", optional(factors.market?.gramsCO2ePerKWh, 2)),
            ("renewable_share", optional(factors.market?.renewableShare, 4)),
            ("residual_g_per_kwh", optional(factors.market?.residualGramsCO2ePerKWh, 2)),
        ]
        fields += [
            ("pue", .fixed(factors.pue, 3)),
            ("pue_low", .fixed(factors.pueLow, 3)),
            ("pue_high", .fixed(factors.pueHigh, 3)),
            ("pue_source", .string(factors.pueSource)),
            ("pue_year", factors.pueYear.map(JSONValue.int) ?? .null),
            ("pue_assumed", .bool(factors.pueIsAssumed)),
            ("embodied", embodied),
        ]
        return .object(fields)
    }

    /// The `provenance` object: tool, inputs with SHA-256, bundled tables, options; `generated` only with --stamp.
    private static func provenance(_ report: RunReport) -> JSONValue {
        guard let provenance = report.provenance else { return .null }
        return .object([
            ("tool", .string(provenance.tool)),
            ("generated", report.generatedAtSeconds.map { .string(ReportFormatting.isoUTC($0)) } ?? .null),
            ("options", JSONValueEncoder.encode(provenance.options)),
            ("estimate_options", provenance.estimate.map(JSONValueEncoder.encode) ?? .null),
            (
                "inputs",
                .array(
                    provenance.inputs.map { input in
                        .object([
                            ("path", .string(input.path)), ("bytes", .int(input.bytes)),
                            ("sha256", .string(input.sha256)),
                        ])
                    })
            ),
            (
                "tables",
                .array(
                    provenance.tables.map { table in
                        .object([("name", .string(table.name)), ("sha256", .string(table.sha256))])
                    })
            ),
        ])
    }

    /// The `profiler` object: null without traces; energies null without power samples or a clock.
    private static func profiler(_ report: RunReport) -> JSONValue {
        guard let summary = report.profiler else { return .null }
        let traces: [JSONValue] = summary.traces.map { trace in
            .object([
                ("path", .string(trace.displayPath)),
                ("host", trace.host.map(JSONValue.string) ?? .null),
                ("rank", trace.rank.map(JSONValue.int) ?? .null),
                ("world_size", trace.worldSize.map(JSONValue.int) ?? .null),
                ("devices", .array(trace.deviceNames.map(JSONValue.string))),
                ("cpu_only", .bool(trace.isCPUOnly)),
                ("clock", .string(trace.clock)),
                ("steps", .int(trace.stepNumbers.count)),
                ("start", trace.windowStartSeconds.map { .string(ReportFormatting.isoUTC($0)) } ?? .null),
                ("end", trace.windowEndSeconds.map { .string(ReportFormatting.isoUTC($0)) } ?? .null),
                ("joules", trace.joules.map { .fixed($0, 6) } ?? .null),
                ("step_joules", .array(trace.stepJoules.map { .fixed($0, 6) })),
                (
                    "gpus",
                    .array(
                        trace.devices.map { device in
                            .object([
                                ("device", .int(device.device)),
                                ("gpu", device.gpuLabel.map(JSONValue.string) ?? .null),
                                ("busy_fraction", device.busyFraction.map { .fixed($0, 6) } ?? .null),
                                ("busy_joules", device.busyJoules.map { .fixed($0, 6) } ?? .null),
                                ("idle_joules", device.idleJoules.map { .fixed($0, 6) } ?? .null),
                            ])
                        })
                ),
            ])
        }
        let steps = summary.stepJoules
        return .object([
            ("traces", .int(summary.traces.count)),
            ("steps", .int(summary.stepCount)),
            ("joules", summary.joules.map { .fixed($0, 6) } ?? .null),
            ("joules_per_step_median", summary.medianStepJoules.map { .fixed($0, 6) } ?? .null),
            ("joules_per_step_mean", summary.meanStepJoules.map { .fixed($0, 6) } ?? .null),
            ("joules_per_step_min", steps.first.map { .fixed($0, 6) } ?? .null),
            ("joules_per_step_max", steps.last.map { .fixed($0, 6) } ?? .null),
            ("gpu_busy_fraction", summary.gpuBusyFraction.map { .fixed($0, 6) } ?? .null),
            ("attribution", .string("power interpolated linearly between samples")),
            ("by_trace", .array(traces)),
            (
                "ranks",
                .array(
                    summary.ranks.map { trace in
                        let window = trace.deviceWindowMicroseconds
                        return .object([
                            ("rank", trace.rank.map(JSONValue.int) ?? .null),
                            ("host", trace.host.map(JSONValue.string) ?? .null),
                            ("path", .string(trace.displayPath)),
                            ("steps", .int(trace.stepNumbers.count)),
                            ("busy_fraction", window > 0 ? .fixed(trace.busyMicroseconds / window, 6) : .null),
                            ("gpus", .array(trace.devices.compactMap { $0.gpuLabel.map(JSONValue.string) })),
                        ])
                    })
            ),
        ])
    }

    /// The `system_energy` object: the whole system's wall energy (MLPerf Power), null without an analyzer log.
    private static func systemEnergy(_ report: RunReport) -> JSONValue {
        guard let system = report.systemEnergy else { return .null }
        return .object([
            ("joules", .fixed(system.joules, 3)),
            ("kwh", .fixed(system.joules / EnergyUnit.joulesPerKilowattHour, 9)),
            ("seconds", .fixed(system.seconds, 3)),
            ("start", .string(ReportFormatting.isoUTC(system.startSeconds))),
            ("end", .string(ReportFormatting.isoUTC(system.endSeconds))),
            ("meter", .string(system.meter.rawValue)),
            (
                "window",
                .string(
                    system.meter == .slurmAccounting
                        ? "the job's Start to Start + Elapsed"
                        : system.isScoredWindow ? "LoadGen power_begin to power_end" : "first to last reading")
            ),
            ("source", .string(system.path)),
            ("samples", system.meter == .slurmAccounting ? .null : .int(system.sampleCount)),
            ("invalid_samples", system.meter == .slurmAccounting ? .null : .int(system.invalidCount)),
            ("gpu_share", report.gpuShareOfSystemEnergy.map { .fixed($0, 6) } ?? .null),
        ])
    }

    /// The `slurm_job` object: the job the run's sacct file accounts; null without one. Unknown values are null.
    private static func slurmJob(_ report: RunReport) -> JSONValue {
        guard let job = report.slurmJob else { return .null }
        let text = { (value: String?) in value.map(JSONValue.string) ?? .null }
        return .object([
            ("job_id", .string(job.jobID)),
            ("name", text(job.name)),
            ("state", text(job.state)),
            ("nodes", job.nodeCount.map(JSONValue.int) ?? .null),
            ("node_list", text(job.nodeList)),
            ("gpus", job.gpuCount.map(JSONValue.int) ?? .null),
            ("gpu_type", text(job.gpuType)),
            ("start", job.startSeconds.map { .string(ReportFormatting.isoUTC($0)) } ?? .null),
            ("end", job.endSeconds.map { .string(ReportFormatting.isoUTC($0)) } ?? .null),
            ("elapsed_seconds", job.elapsedSeconds.map { .fixed($0, 3) } ?? .null),
            ("gpu_hours", job.gpuHours.map { .fixed($0, 6) } ?? .null),
            ("consumed_energy_joules", job.consumedJoules.map { .fixed($0, 3) } ?? .null),
            ("source", .string(job.path)),
        ])
    }

    /// The producers whose logs were counted, joined by ` + `; null without power samples.
    private static func countedSources(_ report: RunReport) -> JSONValue {
        guard report.hasPowerSamples else { return .null }
        let counted: [String] = report.sources.filter { $0.role == .primary }.map(\.producer)
        return .string(counted.joined(separator: " + "))
    }

    /// A `sources[]` entry: a producer's logs, whether they were counted, and how a cross-check agrees.
    private static func source(_ source: PowerSource) -> JSONValue {
        let comparison = source.comparison
        return .object([
            ("kind", .string(source.producer)),
            ("files", .array(source.files.map(JSONValue.string))),
            ("gpus", .int(source.gpuCount)),
            ("joules", .fixed(source.joules, 3)),
            ("median_interval_seconds", .fixed(source.medianIntervalSeconds, 3)),
            ("role", .string(source.role.rawValue)),
            ("compared_with", comparison.map { .string($0.against) } ?? .null),
            ("common_gpus", comparison.map { .int($0.commonGPUCount) } ?? .null),
            ("common_seconds", comparison.map { .fixed($0.commonSeconds, 3) } ?? .null),
            ("common_joules", comparison.map { .fixed($0.joules, 3) } ?? .null),
            ("primary_common_joules", comparison.map { .fixed($0.primaryJoules, 3) } ?? .null),
            ("difference", comparison?.difference.map { .fixed($0, 6) } ?? .null),
        ])
    }

    /// The `training` object: null without event files; energies null without power samples.
    private static func training(_ report: RunReport) -> JSONValue {
        guard let timeline = report.timeline else { return .null }
        let files = timeline.runs.flatMap(\.files)
        let common: [(String, JSONValue)] = [
            ("event_files", .int(files.count)),
            ("superseded_points", .int(timeline.runs.reduce(0) { $0 + $1.supersededCount })),
            ("downtime_seconds", .fixed(timeline.runs.flatMap(\.downtimes).reduce(0) { $0 + $1.seconds }, 3)),
        ]
        guard let window = timeline.training else { return .object([("tag", .null)] + common) }
        let energy = report.trainingEnergy
        let target: JSONValue =
            report.target.map { target in
                .object([
                    ("tag", .string(target.displayTag)),
                    ("comparison", .string(target.target.comparison.rawValue)),
                    ("threshold", .shortest(target.target.threshold)),
                    ("met", .bool(target.step != nil)),
                    ("step", target.step.map { .int(Int($0)) } ?? .null),
                    ("time", target.wallTimeSeconds.map { .string(ReportFormatting.isoUTC($0)) } ?? .null),
                    ("value", target.value.map(JSONValue.shortest) ?? .null),
                    ("joules", target.joules.map { .fixed($0, 3) } ?? .null),
                    ("best_value", target.bestValue.map(JSONValue.shortest) ?? .null),
                ])
            } ?? .null
        return .object(
            [
                ("tag", .string(window.tag)),
                ("folder", .string(window.folder)),
                ("tag_choice", .string(window.choice.rawValue)),
                ("other_rank_folders", .array(window.otherRankFolders.map(JSONValue.string))),
                ("points", .int(window.pointCount)),
                ("first_step", .int(Int(window.firstStep))),
                ("last_step", .int(Int(window.lastStep))),
                ("steps", .int(Int(window.steps))),
                ("start", .string(ReportFormatting.isoUTC(window.startSeconds))),
                ("end", .string(ReportFormatting.isoUTC(window.endSeconds))),
                ("seconds", .fixed(window.seconds, 3)),
                ("joules", energy.map { .fixed($0.windowJoules, 3) } ?? .null),
                ("kwh", energy.map { .fixed($0.windowJoules / EnergyUnit.joulesPerKilowattHour, 9) } ?? .null),
                ("joules_per_step", energy?.joulesPerStep.map { .fixed($0, 6) } ?? .null),
                ("outside_joules", energy.map { .fixed($0.outsideJoules, 3) } ?? .null),
                ("before_joules", energy.map { .fixed($0.beforeJoules, 3) } ?? .null),
                ("after_joules", energy.map { .fixed($0.afterJoules, 3) } ?? .null),
                ("window_coverage", energy.map { .fixed($0.windowCoverage, 6) } ?? .null),
                ("typical_interval_seconds", .fixed(window.typicalIntervalSeconds, 3)),
                (
                    "pauses",
                    .array(
                        TrainingPause.Kind.allCases.compactMap { kind in
                            let ofKind = window.pauses.filter { $0.kind == kind }
                            guard !ofKind.isEmpty else { return nil }
                            return .object([
                                ("kind", .string(kind.rawValue)),
                                ("count", .int(ofKind.count)),
                                ("seconds", .fixed(ofKind.reduce(0) { $0 + $1.seconds }, 3)),
                                (
                                    "joules",
                                    energy?.pauses.first { $0.kind == kind }.map { .fixed($0.joules, 3) } ?? .null
                                ),
                                (
                                    "coverage",
                                    energy?.pauses.first { $0.kind == kind }?.coverage.map { .fixed($0, 6) } ?? .null
                                ),
                            ])
                        })
                ),
                ("evaluation_tags", .array(window.evaluationTags.map(JSONValue.string))),
                ("target", target),
            ] + common)
    }

    /// The bridge limit the report applied: the traces', else the options'.
    /// A GPU's sensor findings: stuck stretches and outliers with the energy they contribute.
    private static func sensor(_ sensor: SensorFindings) -> JSONValue {
        .object([
            ("stuck_count", .int(sensor.stuckCount)),
            ("stuck_seconds", .fixed(sensor.stuckSeconds, 3)),
            ("stuck_joules", .fixed(sensor.stuckJoules, 3)),
            (
                "stuck",
                .array(
                    sensor.stuckStretches.map { stretch in
                        .object([
                            ("start", .string(ReportFormatting.isoUTC(stretch.startSeconds))),
                            ("seconds", .fixed(stretch.seconds, 3)),
                            ("samples", .int(stretch.sampleCount)),
                            ("watts", .fixed(stretch.watts, 3)),
                            ("joules", .fixed(stretch.joules, 3)),
                        ])
                    })
            ),
            (
                "outliers",
                .array(
                    sensor.outliers.map { outlier in
                        .object([
                            ("time", .string(ReportFormatting.isoUTC(outlier.seconds))),
                            ("watts", .fixed(outlier.watts, 3)),
                            ("expected_watts", .fixed(outlier.expectedWatts, 3)),
                            ("joules", .fixed(outlier.joules, 3)),
                        ])
                    })
            ),
        ])
    }
}
