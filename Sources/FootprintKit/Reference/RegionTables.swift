/// The sub-national and cloud-region tables.
public struct RegionTables: Sendable {
    public let subnational: [RegionIntensity]
    public let cloud: [RegionIntensity]

    public static let bundled = RegionTables(
        subnationalCSV: ReferenceData.gridIntensitySubnational,
        cloudCSV: ReferenceData.cloudRegions)

    init(subnationalCSV: String, cloudCSV: String) {
        subnational = ReferenceCSV.rows(subnationalCSV).compactMap { row in
            guard row.count >= 6, let value = Double(row[4]) else { return nil }
            return RegionIntensity(
                kind: .subnational, code: row[0], name: row[2], year: Int(row[3]),
                gramsCO2ePerKWh: value, source: row[5])
        }
        cloud = ReferenceCSV.rows(cloudCSV).compactMap { row in
            guard row.count >= 6, let value = Double(row[4]) else { return nil }
            // The year is part of each source's text ("… 2024 …"); take the first four-digit year in it.
            return RegionIntensity(
                kind: .cloud, code: "\(row[0]):\(row[1])", name: "\(row[2]) (\(row[3]))",
                year: Self.firstYear(in: row[5]), gramsCO2ePerKWh: value, source: row[5])
        }
    }

    /// A sub-national region by ISO 3166-2 style code (`US-CA`, `CA-QC`, `SE-SE3`) or name, case-insensitive.
    public func subnational(_ query: String) -> RegionIntensity? {
        let key = query.trimmingSpaces().uppercased()
        return subnational.first { $0.code.uppercased() == key || $0.name.uppercased() == key }
    }

    /// A cloud region as `provider:region` (`gcp:us-central1`, `aws:eu-west-1`, `azure:westeurope`).
    public func cloud(_ query: String) -> RegionIntensity? {
        let key = query.trimmingSpaces().lowercased()
        return cloud.first { $0.code.lowercased() == key }
    }

    static func firstYear(in text: String) -> Int? {
        let characters = Array(text)
        var index = 0
        while index + 4 <= characters.count {
            let window = characters[index..<(index + 4)]
            let before = index == 0 ? " " : characters[index - 1]
            let after = index + 4 < characters.count ? characters[index + 4] : " "
            if window.allSatisfy(\.isASCIIDigit), !before.isASCIIDigit, !after.isASCIIDigit,
                let year = Int(String(window)), (1990...2100).contains(year)
            {
                return year
            }
            index += 1
        }
        return nil
    }
}
