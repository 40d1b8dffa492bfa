/// Yearly carbon intensity of electricity generation by country, bundled with the tool (see
/// `Data/SOURCES.md`): Our World in Data's `carbon_intensity_elec`, from Ember and the Energy
/// Institute's Statistical Review of World Energy.
public struct GridIntensityTable: Sendable {
    /// One country's value for one year.
    public struct Entry: Sendable, Hashable {
        public var iso3: String
        public var iso2: String
        public var country: String
        public var year: Int
        public var gramsCO2ePerKWh: Double
        public var source: String

        /// The code reports show: ISO alpha-2, or alpha-3 where there is none (the world).
        public var code: String { iso2.isEmpty ? iso3 : iso2 }
        /// How reports name it: `France (FR)`.
        public var label: String { iso2.isEmpty ? country : "\(country) (\(iso2))" }
    }

    /// The latest year's row per country (ISO 3166-1 alpha-3 `WLD` is the world).
    public let latest: [Entry]
    /// The history table's bytes, and the lines of each country's yearly values in them by ISO alpha-3 code: the
    /// history's 5,000 rows are parsed only for the countries a report asks for (one or two), not at every start.
    private let historyBytes: [UInt8]
    private let historyLines: [String: [Range<Int>]]

    /// The table built into the tool.
    public static let bundled = GridIntensityTable(
        latestCSV: ReferenceData.gridIntensityCountries, historyCSV: ReferenceData.gridIntensityCountriesHistory)

    init(latestCSV: String, historyCSV: String) {
        latest = ReferenceCSV.rows(latestCSV).compactMap { row in
            guard row.count >= 6, let value = Double(row[4]), let year = Int(row[3]) else { return nil }
            return Entry(
                iso3: row[0], iso2: row[1], country: row[2], year: year, gramsCO2ePerKWh: value, source: row[5])
        }
        // One value per line (the table has no line break inside quotes), after the header: lines are grouped by
        // their first field, and read by ``history(of:)``.
        historyBytes = Array(historyCSV.utf8)
        var lines: [String: [Range<Int>]] = [:]
        historyBytes.withByteView { bytes in
            let newline = UInt8(ascii: "\n")
            var start = (bytes.firstIndex(of: newline, from: 0) ?? bytes.count - 1) + 1
            while start < bytes.count {
                let end = bytes.firstIndex(of: newline, from: start) ?? bytes.count
                var line = bytes.extracting(start..<end)
                if line.last == UInt8(ascii: "\r") { line = line.extracting(0..<(line.count - 1)) }
                if !line.isEmpty {
                    let code = line.string(in: 0..<(line.firstIndex(of: UInt8(ascii: ","), from: 0) ?? line.count))
                    lines[code, default: []].append(start..<(start + line.count))
                }
                start = end + 1
            }
        }
        historyLines = lines
    }

    /// The yearly values of the country with ISO alpha-3 code `iso3`, and their sources.
    private func history(of iso3: String) -> [Int: (Double, String)] {
        var values: [Int: (Double, String)] = [:]
        for line in historyLines[iso3] ?? [] {
            guard let row = ReferenceCSV.records(Array(historyBytes[line])).first, row.count >= 4,
                let year = Int(row[1]),
                let value = Double(row[2])
            else { continue }
            values[year] = (value, row[3])
        }
        return values
    }

    /// The country named by an ISO alpha-2 or alpha-3 code or by its name (case-insensitive).
    public func country(_ query: String) -> Entry? {
        let key = query.trimmingSpaces().uppercased()
        return latest.first { $0.iso3 == key || (!$0.iso2.isEmpty && $0.iso2 == key) || $0.country.uppercased() == key }
    }

    /// The country's value for `year` where the history has it, else its latest value.
    public func intensity(for entry: Entry, year: Int?) -> Entry {
        guard let year, let (value, source) = history(of: entry.iso3)[year] else { return entry }
        var matched = entry
        matched.year = year
        matched.gramsCO2ePerKWh = value
        matched.source = source
        return matched
    }

    /// The lowest and highest value of the country in the years next to `year` (year − 1 … year + 1), where the
    /// history has them: the year-to-year spread used for the intensity's range.
    public func spread(for entry: Entry, around year: Int) -> (low: Double, high: Double) {
        let history = history(of: entry.iso3)
        let values = ((year - 1)...(year + 1)).compactMap { history[$0]?.0 } + [entry.gramsCO2ePerKWh]
        return (values.min()!, values.max()!)
    }

    /// Country names close to `query`, for a "did you mean" message.
    public func suggestions(for query: String) -> [String] {
        let key = query.trimmingSpaces().lowercased()
        guard !key.isEmpty else { return [] }
        return latest.filter { entry in
            let name = entry.country.lowercased()
            return name.hasPrefix(String(key.prefix(3))) || name.contains(key) || key.contains(name)
        }.prefix(5).map { "\($0.country) (\($0.code))" }
    }

    /// ` (did you mean …?)` with ``suggestions(for:)``, or nothing when there are none: for an unknown place's error.
    public func didYouMean(_ query: String) -> String {
        let suggestions = suggestions(for: query)
        return suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
    }
}
