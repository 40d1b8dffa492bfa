/// CO2e = ∫ power × PUE × grid intensity; with a fixed intensity that is energy × PUE × intensity.
public enum EmissionsModel {
    /// The power sensor's accuracy: NVML documents ±5% of the current draw (stated for Fermi and Kepler GPUs; no
    /// figure is published for later ones, so the same is assumed).
    public static let sensorUncertainty = 0.05
    public static let hoursPerYear = 8766.0

    /// The factors for a run, from the options and the bundled tables.
    ///
    /// - Parameter runYear: the UTC year the run started, to pick that year's country intensity where the table
    ///   has it.
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for an unknown place or an out-of-range value.
    public static func factors(_ options: EmissionOptions, runYear: Int?) throws(FootprintError) -> EmissionFactors {
        var factors = EmissionFactors(
            gramsCO2ePerKWh: 0, intensitySource: "", intensityYear: nil, location: nil, intensityKind: .world,
            intensityIsAssumed: false, intensityLow: 0, intensityHigh: 0, pue: 1,
            pueSource: "assumed 1.0 (no facility overhead); pass --pue or --pue-preset", pueYear: nil,
            pueIsAssumed: true, pueLow: 1, pueHigh: 1)
        try resolvePUE(options, into: &factors)
        factors.market = try MarketIntensity.resolve(options)
        if let given = options.gramsCO2ePerKWh {
            guard PlausibleIntensity.gramsCO2ePerKWh.contains(given) else {
                throw FootprintError(
                    .invalidOption,
                    "--intensity \(given) gCO2e/kWh is outside \(PlausibleIntensity.rangeDescription), the range of real grids"
                )
            }
            factors.gramsCO2ePerKWh = given
            factors.intensitySource = "--intensity"
            factors.intensityKind = .given
            factors.location = options.cloud ?? options.region
            factors.intensityLow = given
            factors.intensityHigh = given
            return factors
        }
        if options.cloud != nil && options.region != nil {
            throw FootprintError(.invalidOption, "give either --region or --cloud, not both")
        }
        if let cloud = options.cloud {
            apply(try cloudRegion(cloud, option: "--cloud"), to: &factors)
            return factors
        }
        if let query = options.region {
            if let region = RegionTables.bundled.subnational(query) {
                apply(region, to: &factors)
                return factors
            }
            let table = GridIntensityTable.bundled
            guard let entry = table.country(query) else {
                throw FootprintError(
                    .invalidOption,
                    "unknown --region '\(query)'\(table.didYouMean(query)); use an ISO country code such as FR or DEU, a sub-national code such as US-CA, or --intensity G; `footprint regions` lists them"
                )
            }
            apply(entry, table: table, runYear: runYear, to: &factors)
            factors.intensityKind = .country
            return factors
        }
        let table = GridIntensityTable.bundled
        guard let world = table.country("WLD") else {
            throw FootprintError(.invalidOption, "the bundled intensity table has no world average")
        }
        apply(world, table: table, runYear: runYear, to: &factors)
        factors.intensityKind = .world
        factors.intensityIsAssumed = options.intensitySeriesPath == nil
        return factors
    }

    private static func resolvePUE(_ options: EmissionOptions, into factors: inout EmissionFactors)
        throws(FootprintError)
    {
        if options.pue != nil && options.puePreset != nil {
            throw FootprintError(.invalidOption, "give either --pue or --pue-preset, not both")
        }
        if let pue = options.pue {
            guard pue >= 1 && pue <= 5 else {
                throw FootprintError(
                    .invalidOption, "--pue \(pue) is outside 1.0–5.0; a PUE is facility energy / IT energy")
            }
            factors.pue = pue
            factors.pueSource = "--pue"
            factors.pueIsAssumed = false
            factors.pueLow = pue
            factors.pueHigh = pue
        } else if let name = options.puePreset {
            guard let preset = PUETable.bundled.preset(name) else {
                throw FootprintError(
                    .invalidOption,
                    "unknown --pue-preset '\(name)'; use \(PUETable.presetNames.joined(separator: ", "))")
            }
            factors.pue = preset.figure.pue
            factors.pueSource =
                "--pue-preset \(preset.name): \(preset.figure.entity) (\(preset.figure.category.replacingOccurrences(of: "_", with: " ")), \(preset.figure.year)); \(preset.figure.source)"
            factors.pueYear = preset.figure.year
            factors.pueIsAssumed = false
            factors.pueLow = preset.low
            factors.pueHigh = preset.high
        }
    }

    /// The bundled cloud region `name` (`provider:region`).
    ///
    /// - Parameter option: the option that named it, for the message.
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` naming it, with the provider's regions.
    static func cloudRegion(_ name: String, option: String) throws(FootprintError) -> RegionIntensity {
        if let region = RegionTables.bundled.cloud(name) { return region }
        let provider = name.split(separator: ":").first.map(String.init)?.lowercased() ?? ""
        let known = RegionTables.bundled.cloud.map(\.code).filter { $0.hasPrefix(provider + ":") }
        let hint =
            known.isEmpty
            ? "providers: gcp, aws, azure, …" : "\(provider) regions: \(known.prefix(12).joined(separator: ", "))…"
        throw FootprintError(
            .invalidOption,
            "\(option): unknown cloud region '\(name)'; use provider:region (\(hint)); `footprint regions \(provider)` lists them"
        )
    }

    private static func apply(_ region: RegionIntensity, to factors: inout EmissionFactors) {
        factors.gramsCO2ePerKWh = region.gramsCO2ePerKWh
        factors.intensitySource = region.source
        factors.intensityYear = region.year
        factors.location = region.label
        factors.intensityKind = region.kind == .cloud ? .cloud : .subnational
        factors.intensityLow = region.gramsCO2ePerKWh
        factors.intensityHigh = region.gramsCO2ePerKWh
    }

    private static func apply(
        _ entry: GridIntensityTable.Entry, table: GridIntensityTable, runYear: Int?, to factors: inout EmissionFactors
    ) {
        let matched = table.intensity(for: entry, year: runYear)
        factors.gramsCO2ePerKWh = matched.gramsCO2ePerKWh
        factors.intensitySource = matched.source
        factors.intensityYear = matched.year
        factors.location = entry.label
        let spread = table.spread(for: matched, around: matched.year)
        factors.intensityLow = spread.low
        factors.intensityHigh = spread.high
    }

    /// Kilograms of CO2e for `joules` of IT energy under fixed `factors`.
    public static func kilogramsCO2e(joules: Double, factors: EmissionFactors) -> Double {
        joules / EnergyUnit.joulesPerKilowattHour * factors.pue * factors.gramsCO2ePerKWh / 1000
    }

    /// Share of a GPU's valid samples below its idle power, and below its typical power, for unmeasured time.
    public static let idlePowerQuantile = 0.05
    public static let typicalPowerQuantile = 0.5

    /// Emissions measured from the job's power traces: with a series, the sum over its intervals of each
    /// interval's energy × its intensity (the traces must have the series' interval edges as boundaries);
    /// energy outside the series is counted at the fixed intensity of `factors`.
    ///
    /// The range's low end leaves out the energy of flagged sensor readings (``SensorFindings``), at the lowest
    /// intensity of the range; its high end adds each GPU's unmeasured time at its typical power, at the highest.
    public static func measured(
        jobTraces: [EnergyTrace], factors: EmissionFactors, series: IntensitySeries?
    ) -> OperationalEmissions {
        let itJoules = jobTraces.reduce(0) { $0 + $1.joules }
        let sampling = itJoules > 0 ? jobTraces.reduce(0) { $0 + $1.samplingUncertaintyJoules } / itJoules : 0
        var gramsPerPUE = 0.0
        var gramsPerPUELow = 0.0
        var gramsPerPUEHigh = 0.0
        var coverage: Double?
        var seriesMean: Double?
        if let series {
            var coveredJoules = 0.0
            var coveredGrams = 0.0
            for trace in jobTraces {
                for interval in series.intervals {
                    guard interval.end > trace.firstSeconds, interval.start < trace.lastSeconds else { continue }
                    let joules = (trace.joules(from: interval.start, to: interval.end) ?? 0)
                    coveredJoules += joules
                    coveredGrams += joules / EnergyUnit.joulesPerKilowattHour * interval.gramsCO2ePerKWh
                }
            }
            let uncovered = max(0, itJoules - coveredJoules)
            let low = series.gramsCO2ePerKWh.min() ?? 0
            let high = series.gramsCO2ePerKWh.max() ?? 0
            gramsPerPUE = coveredGrams + uncovered / EnergyUnit.joulesPerKilowattHour * factors.gramsCO2ePerKWh
            gramsPerPUELow =
                coveredGrams + uncovered / EnergyUnit.joulesPerKilowattHour * min(low, factors.intensityLow)
            gramsPerPUEHigh =
                coveredGrams + uncovered / EnergyUnit.joulesPerKilowattHour * max(high, factors.intensityHigh)
            coverage = itJoules > 0 ? coveredJoules / itJoules : 0
            seriesMean = coveredJoules > 0 ? coveredGrams / (coveredJoules / EnergyUnit.joulesPerKilowattHour) : nil
        } else {
            let kWh = itJoules / EnergyUnit.joulesPerKilowattHour
            gramsPerPUE = kWh * factors.gramsCO2ePerKWh
            gramsPerPUELow = kWh * factors.intensityLow
            gramsPerPUEHigh = kWh * factors.intensityHigh
        }
        let lowIntensity = min(series?.gramsCO2ePerKWh.min() ?? factors.intensityLow, factors.intensityLow)
        let highIntensity = max(series?.gramsCO2ePerKWh.max() ?? factors.intensityHigh, factors.intensityHigh)
        let excess = jobTraces.reduce(0) { $0 + $1.sensor.stuckJoules + $1.sensor.outlierJoules }
        let idle = jobTraces.reduce(0) { $0 + $1.unmeasuredSeconds * $1.wattsQuantile(idlePowerQuantile) }
        let typical = jobTraces.reduce(0) { $0 + $1.unmeasuredSeconds * $1.wattsQuantile(typicalPowerQuantile) }
        gramsPerPUELow = max(0, gramsPerPUELow - excess / EnergyUnit.joulesPerKilowattHour * lowIntensity)
        gramsPerPUEHigh += typical / EnergyUnit.joulesPerKilowattHour * highIntensity
        let energyUncertainty = sensorUncertainty + sampling
        var emissions = OperationalEmissions(
            method: .measured, itJoules: itJoules, facilityJoules: itJoules * factors.pue,
            kilogramsCO2e: gramsPerPUE * factors.pue / 1000,
            kilogramsCO2eLow: max(0, 1 - energyUncertainty) * gramsPerPUELow * factors.pueLow / 1000,
            kilogramsCO2eHigh: (1 + energyUncertainty) * gramsPerPUEHigh * factors.pueHigh / 1000,
            energyUncertainty: energyUncertainty, seriesCoverage: coverage, seriesMeanGramsCO2ePerKWh: seriesMean)
        emissions.unmeasuredSeconds = jobTraces.reduce(0) { $0 + $1.unmeasuredSeconds }
        emissions.unmeasuredIdleJoules = idle
        emissions.unmeasuredTypicalJoules = typical
        emissions.sensorExcessJoules = excess
        emissions.marketKilogramsCO2e = marketKilogramsCO2e(facilityJoules: emissions.facilityJoules, factors: factors)
        return emissions
    }

    /// Emissions estimated without power samples: GPUs × hours × TDP × utilization. The energy range is 50–100%
    /// of the value when the utilization was not given (GPUs rarely hold their TDP), ±10% when it was, and
    /// spans `tdpRangeWatts` (a family's variants) rather than the one TDP.
    ///
    /// With `givenWatts` (a mean power per GPU the caller knows, such as a published measured average) the
    /// energy is GPUs × hours × `givenWatts` instead, TDP and utilization unused, and its range is ±5%, the power
    /// sensor's accuracy (``sensorUncertainty``).
    public static func estimated(
        gpuCount: Int, hours: Double, tdpWatts: Double, tdpRangeWatts: ClosedRange<Double>, utilization: Double?,
        givenWatts: Double? = nil, factors: EmissionFactors
    ) -> OperationalEmissions {
        let gpuSeconds = Double(gpuCount) * hours * 3600
        let itJoules: Double
        let lowJoules: Double
        let highJoules: Double
        let energyUncertainty: Double
        if let givenWatts {
            itJoules = gpuSeconds * givenWatts
            energyUncertainty = sensorUncertainty
            (lowJoules, highJoules) = ((1 - energyUncertainty) * itJoules, (1 + energyUncertainty) * itJoules)
        } else {
            let joulesPerWatt = gpuSeconds * (utilization ?? 1)
            itJoules = joulesPerWatt * tdpWatts
            let (lowShare, highShare) = utilization == nil ? (0.5, 1.0) : (0.9, 1.1)
            energyUncertainty = utilization == nil ? 0.5 : 0.1
            lowJoules = lowShare * joulesPerWatt * min(tdpWatts, tdpRangeWatts.lowerBound)
            highJoules = highShare * joulesPerWatt * max(tdpWatts, tdpRangeWatts.upperBound)
        }
        let kWh = itJoules / EnergyUnit.joulesPerKilowattHour
        let lowKWh = lowJoules / EnergyUnit.joulesPerKilowattHour
        let highKWh = highJoules / EnergyUnit.joulesPerKilowattHour
        var emissions = OperationalEmissions(
            method: .estimated, itJoules: itJoules, facilityJoules: itJoules * factors.pue,
            kilogramsCO2e: kWh * factors.pue * factors.gramsCO2ePerKWh / 1000,
            kilogramsCO2eLow: lowKWh * factors.pueLow * factors.intensityLow / 1000,
            kilogramsCO2eHigh: highKWh * factors.pueHigh * factors.intensityHigh / 1000,
            energyUncertainty: energyUncertainty, seriesCoverage: nil, seriesMeanGramsCO2ePerKWh: nil)
        emissions.marketKilogramsCO2e = marketKilogramsCO2e(facilityJoules: emissions.facilityJoules, factors: factors)
        return emissions
    }

    /// The relative accuracy assumed for a node's or system's energy meter (IPMI/DCMI readings are specified to a
    /// few percent; an MLPerf analyzer is better).
    public static let systemMeterUncertainty = 0.05

    /// Emissions of a system's or nodes' measured energy (Slurm accounting, a power analyzer), for a run without
    /// GPU power samples: energy × PUE × intensity, the range ± ``systemMeterUncertainty``.
    public static func system(joules: Double, factors: EmissionFactors) -> OperationalEmissions {
        let kWh = joules / EnergyUnit.joulesPerKilowattHour
        var emissions = OperationalEmissions(
            method: .systemEnergy, itJoules: joules, facilityJoules: joules * factors.pue,
            kilogramsCO2e: kWh * factors.pue * factors.gramsCO2ePerKWh / 1000,
            kilogramsCO2eLow: (1 - systemMeterUncertainty) * kWh * factors.pueLow * factors.intensityLow / 1000,
            kilogramsCO2eHigh: (1 + systemMeterUncertainty) * kWh * factors.pueHigh * factors.intensityHigh / 1000,
            energyUncertainty: systemMeterUncertainty, seriesCoverage: nil, seriesMeanGramsCO2ePerKWh: nil)
        emissions.marketKilogramsCO2e = marketKilogramsCO2e(facilityJoules: emissions.facilityJoules, factors: factors)
        return emissions
    }

    /// Market-based kg CO2e of `facilityJoules` (IT × PUE) at the factors' market-based intensity; nil without one.
    public static func marketKilogramsCO2e(facilityJoules: Double, factors: EmissionFactors) -> Double? {
        factors.market.map { facilityJoules / EnergyUnit.joulesPerKilowattHour * $0.gramsCO2ePerKWh / 1000 }
    }

    /// The embodied share of each GPU: its card's footprint × hours used / (lifetime × 8,766 h).
    public static func embodied(gpus: [(label: String, name: String?, hours: Double)], lifetimeYears: Double)
        -> EmbodiedEmissions
    {
        let cards = gpus.compactMap { gpu -> EmbodiedEmissions.Card? in
            guard let figure = EmbodiedTable.bundled.figure(forGPUName: gpu.name) else { return nil }
            let share = gpu.hours / (lifetimeYears * hoursPerYear)
            return EmbodiedEmissions.Card(
                gpu: gpu.label, figure: figure, hours: gpu.hours,
                kilogramsCO2e: figure.kilogramsCO2e * share)
        }
        return EmbodiedEmissions(lifetimeYears: lifetimeYears, cards: cards)
    }
}
