/// What `footprint whatif` prices besides the run's own place: other places (`--regions`, `--all-regions`) and
/// other start times (`--shift`, with `--intensity-series`).
public struct WhatIfOptions: Sendable, Hashable {
    /// The places named with `--regions`, as given; nil when not given.
    public var places: [String]?
    /// `--all-regions`: every place of the bundled tables.
    public var allPlaces = false
    /// `--shift ±H`: the window of start times, in hours either side of the actual start; nil for none.
    public var shiftHours: Double?

    /// The widest `--shift` accepted, in hours: a year either side.
    public static let maximumShiftHours = 8760.0

    public init() {}

    /// Parses `--regions`' comma-separated list; names are trimmed of spaces, empty items left out.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for a list with no name.
    public static func places(_ text: String) throws(FootprintError) -> [String] {
        let names = text.split(separator: ",").map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw FootprintError(
                .invalidOption, "--regions needs at least one place, e.g. --regions FR,US-CA,gcp:europe-north1")
        }
        return names
    }

    /// Parses `--shift`: hours either side, written `6`, `+6`, `±6` or `1.5`.
    ///
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` for text that is not a number of hours in
    ///   (0, ``maximumShiftHours``].
    public static func shiftHours(_ text: String) throws(FootprintError) -> Double {
        var body = Substring(text.trimmingSpaces())
        if body.hasPrefix("±") || body.hasPrefix("+") { body = body.dropFirst() }
        guard let hours = Double(body), hours.isFinite, hours > 0, hours <= maximumShiftHours else {
            throw FootprintError(
                .invalidOption,
                "--shift '\(text)' is not a number of hours in (0, \(Int(maximumShiftHours))]; e.g. --shift 12 tries every start from 12 h earlier to 12 h later"
            )
        }
        return hours
    }

    /// Checks the combination and that every place named is known.
    ///
    /// - Parameter emission: the run's emission options (`--shift` needs their `--intensity-series`).
    /// - Throws: ``FootprintError/Code-swift.struct/invalidOption`` naming the option or the unknown place.
    public func validate(emission: EmissionOptions) throws(FootprintError) {
        if places != nil && allPlaces {
            throw FootprintError(.invalidOption, "give either --regions or --all-regions, not both")
        }
        if let shiftHours {
            guard emission.intensitySeriesPath != nil else {
                throw FootprintError(
                    .invalidOption,
                    "--shift needs --intensity-series FILE: start times are priced with a grid intensity that changes over time"
                )
            }
            guard shiftHours.isFinite, shiftHours > 0, shiftHours <= Self.maximumShiftHours else {
                throw FootprintError(
                    .invalidOption, "--shift must be in (0, \(Int(Self.maximumShiftHours))] hours")
            }
        }
        for name in places ?? [] { _ = try CounterfactualPlace.resolve(name, runYear: nil) }
    }
}
