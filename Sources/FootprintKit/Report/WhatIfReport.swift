/// A run's energy priced in other places and at other start times (`footprint whatif`): a table of kg CO2e per
/// place, ranked, and with an intensity series the best and worst start within a window.
///
/// The energy is the report's: the job GPUs' measured IT energy, or without power samples the estimate's
/// (GPU-hours × TDP × utilization), in which case every row is labelled an estimate. Every place is priced with
/// the run's PUE (`--pue`, `--pue-preset`, else 1.0) and its annual grid intensity, a country's for the run's year
/// where the bundled history has it. The run's own place (`--region`, `--cloud` or `--intensity`, else the world
/// average the report assumed) is always a row, marked.
public struct WhatIfReport: Sendable {
    /// The run folder (or log file) as given.
    public var runPath: String
    /// Whether the energy was measured or estimated; every row shares it.
    public var method: OperationalEmissions.Method
    /// The job's IT energy, the same in every row.
    public var itJoules: Double
    public var pue: Double
    /// Where the PUE came from, and whether it is the assumed 1.0.
    public var pueSource: String
    public var pueIsAssumed: Bool
    /// The UTC year the run started, that countries' intensities are matched to; nil for a run without a clock.
    public var runYear: Int?
    /// The job's GPUs: measured, or counted by the estimate.
    public var gpuCount: Int
    /// Ranked by kg CO2e, ascending; ties by name.
    public var rows: [CounterfactualRow]
    /// The intensity series `--shift` was priced with.
    public var seriesPath: String?
    /// Start times within the window; nil without `--shift`, or when the run has no power profile to move.
    public var shift: CounterfactualShift?
    /// Sentences on what was assumed, left out or could not be priced.
    public var notes: [String]

    /// The run's own row.
    public var runRow: CounterfactualRow? { rows.first(where: \.isRunPlace) }

    /// Prices `report`'s energy as `options` ask.
    ///
    /// - Parameter emission: the options the report was made with (its place, PUE and series).
    /// - Throws: ``FootprintError/Code-swift.struct/nothingAnalysable`` when the run has no energy to price
    ///   (neither power samples nor an estimate), ``FootprintError/Code-swift.struct/invalidOption`` for an
    ///   unknown place.
    public static func make(_ report: RunReport, options: WhatIfOptions, emission: EmissionOptions)
        throws(FootprintError) -> WhatIfReport
    {
        guard let emissions = report.emissions else {
            throw FootprintError(
                .nothingAnalysable,
                "no energy to price: the run has no power samples, and no estimate was asked for (--gpu-model, --gpu-count)",
                location: InputLocation(path: report.runPath))
        }
        let runYear = report.hasClock ? ReportFormatting.utcYear(report.windowStartSeconds) : nil
        let factors = report.factors
        let runPlace: CounterfactualPlace
        if emission.gramsCO2ePerKWh != nil {
            runPlace = CounterfactualPlace(
                code: "--intensity", name: "given intensity (--intensity)", kind: .given, year: nil,
                gramsCO2ePerKWh: factors.gramsCO2ePerKWh, source: "--intensity")
        } else {
            runPlace = try CounterfactualPlace.resolve(
                emission.cloud ?? emission.region ?? "WLD", runYear: runYear,
                option: emission.cloud != nil ? "--cloud" : "--region")
        }
        var places = [runPlace]
        if options.allPlaces {
            places += CounterfactualPlace.all(runYear: runYear)
        } else {
            for name in options.places ?? [] { places.append(try CounterfactualPlace.resolve(name, runYear: runYear)) }
        }
        var notes: [String] = []
        let gpuCount = emissions.method == .estimated ? report.estimate?.gpuCount ?? 0 : report.jobGPUs.count
        if emissions.method == .estimated {
            notes.append(
                "No power samples: the energy is an estimate (GPU-hours × TDP × utilization), so every figure is an estimate."
            )
        }
        if emission.gramsCO2ePerKWh == nil && emission.region == nil && emission.cloud == nil {
            notes.append("The run's place was not given (--region, --cloud): the world average stands for it.")
        }
        if factors.pueIsAssumed {
            notes.append("No PUE was given (--pue, --pue-preset): 1.0 is assumed, no facility overhead.")
        }
        if let runYear {
            notes.append(
                "Countries are priced at their intensity for \(runYear), the run's year, where the table has it, else their latest year; sub-national and cloud regions have one figure each (the year column)."
            )
        }
        var whatIf = WhatIfReport(
            runPath: report.runPath, method: emissions.method, itJoules: emissions.itJoules, pue: factors.pue,
            pueSource: factors.pueSource, pueIsAssumed: factors.pueIsAssumed, runYear: runYear, gpuCount: gpuCount,
            rows: CounterfactualRow.ranked(
                places: places, itJoules: emissions.itJoules, pue: factors.pue, method: emissions.method,
                runPlace: runPlace.code),
            seriesPath: report.intensitySeries?.path, shift: nil, notes: notes)
        if let hours = options.shiftHours, let series = report.intensitySeries {
            whatIf.priceShift(report, series: series, hours: hours)
        }
        return whatIf
    }

    /// Adds the start times within ±`hours` and the notes on what was left out.
    private mutating func priceShift(_ report: RunReport, series: IntensitySeries, hours: Double) {
        guard method == .measured, report.hasPowerSamples else {
            notes.append("--shift needs the run's power over time; an estimate has none, so no start time is priced.")
            return
        }
        let shift = CounterfactualShift.price(
            jobTraces: report.jobGPUs.map(\.trace), series: series, pue: pue, windowHours: hours)
        self.shift = shift
        let step = Self.duration(shift.stepSeconds)
        notes.append(
            shift.stepIsSeriesInterval
                ? "Start times are tried every \(step), the series' interval."
                : "The series' rows are not evenly spaced: start times are tried every \(step).")
        if shift.notCoveredCount > 0 {
            notes.append(
                "Left out: \(shift.notCoveredCount) of \(shift.offsetCount) start times, where the series does not cover the whole moved run (energy outside it has no intensity to be priced at)."
            )
        }
        if shift.unpricedCount > 0 {
            notes.append(
                "Left out: \(shift.unpricedCount) of \(shift.offsetCount) start times, where the run's energy at a moved series edge is not known: it is known at the series' own edges only, so the series must cover the run as it happened and be evenly spaced."
            )
        }
        if shift.actual == nil {
            notes.append(
                "The series does not cover the run as it happened, so there is no actual figure to compare with and no saving."
            )
        }
    }

    /// A whole number of hours and minutes as `1 h`, `5 min`, `1 h 30 min`; other spans as
    /// ``ReportFormatting/duration(_:)`` writes them.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 60, seconds < 3.2e13, seconds.truncatingRemainder(dividingBy: 60) == 0
        else { return ReportFormatting.duration(seconds) }
        let minutes = Int(seconds / 60)
        let (hours, rest) = (minutes / 60, minutes % 60)
        if hours == 0 { return "\(rest) min" }
        return rest == 0 ? "\(hours) h" : "\(hours) h \(rest) min"
    }
}
