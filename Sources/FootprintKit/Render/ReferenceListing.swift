/// `footprint regions` and `footprint gpus`: what the bundled tables hold, with year and source.
public enum ReferenceListing {
    /// Countries, sub-national regions and cloud regions whose code or name contains `query` (all when empty).
    public static func regions(matching query: String) -> String {
        let key = query.trimmingSpaces().lowercased()
        func matches(_ texts: String...) -> Bool { key.isEmpty || texts.contains { $0.lowercased().contains(key) } }
        var out = ""
        let countries = GridIntensityTable.bundled.latest.filter { matches($0.iso2, $0.iso3, $0.country) }
        if !countries.isEmpty {
            out += "Countries (--region CODE; the run's year picks that year's value from 2000 on):\n"
            out += TextTable.render(
                header: ["code", "iso3", "name", "latest", "gCO2e/kWh", "source"],
                rows: countries.map {
                    [
                        $0.code, $0.iso3, $0.country, String($0.year),
                        ReportFormatting.fixed($0.gramsCO2ePerKWh, 2), $0.source,
                    ]
                })
        }
        let subnational = RegionTables.bundled.subnational.filter { matches($0.code, $0.name) }
        if !subnational.isEmpty {
            out += (out.isEmpty ? "" : "\n") + "Sub-national regions (--region CODE):\n"
            out += TextTable.render(
                header: ["code", "name", "year", "gCO2e/kWh", "source"], rows: subnational.map(row))
        }
        let cloud = RegionTables.bundled.cloud.filter { matches($0.code, $0.name) }
        if !cloud.isEmpty {
            out += (out.isEmpty ? "" : "\n") + "Cloud regions (--cloud PROVIDER:REGION):\n"
            out += TextTable.render(header: ["code", "name", "year", "gCO2e/kWh", "source"], rows: cloud.map(row))
        }
        return out.isEmpty ? "nothing matches '\(query)'\n" : out
    }

    /// GPU models whose name contains `query`, with TDP, memory and source.
    public static func gpus(matching query: String) -> String {
        let specs = GPUSpecTable.bundled.search(query)
        guard !specs.isEmpty else { return "no GPU matches '\(query)'\n" }
        return TextTable.render(
            header: ["model", "TDP W", "memory GB", "architecture", "year", "matches", "source"],
            rows: specs.map { spec in
                [
                    spec.model, ReportFormatting.fixed(spec.tdpWatts, 0), ReportFormatting.fixed(spec.memoryGB, 0),
                    spec.architecture, String(spec.releaseYear), spec.matchNames.joined(separator: "; "), spec.source,
                ]
            })
    }

    private static func row(_ region: RegionIntensity) -> [String] {
        [
            region.code, region.name, region.year.map(String.init) ?? "—",
            ReportFormatting.fixed(region.gramsCO2ePerKWh, 2), region.source,
        ]
    }
}
