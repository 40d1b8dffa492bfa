/// Grid intensity of places below country level and of cloud regions, bundled with the tool (`Data/SOURCES.md`).
public struct RegionIntensity: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case country, subnational, cloud
    }

    public var kind: Kind
    /// The code to pass: `FR`, `US-CA`, `gcp:europe-west4`.
    public var code: String
    public var name: String
    public var year: Int?
    public var gramsCO2ePerKWh: Double
    public var source: String
}

/// The sub-national and cloud-region tables.
public struct RegionTables: Sendable {
    public let subnational: [RegionIntensity]
    public let cloud: [RegionIntensity]

    public static let bundled = RegionTables(subnationalCSV: ReferenceData.gridIntensitySubnational,
                                             cloudCSV: ReferenceData.cloudRegions)

    init(subnationalCSV: String, cloudCSV: String) {
        subnational = ReferenceCSV.rows(subnationalCSV).compactMap { row in
            guard row.count >= 6, let value = Double(row[4]) else { return nil }
            return RegionIntensity(kind: .subnational, code: row[0], name: row[2], year: Int(row[3]),
                                   gramsCO2ePerKWh: value, source: row[5])
        }
        cloud = ReferenceCSV.rows(cloudCSV).compactMap { row in
            guard row.count >= 6, let value = Double(row[4]) else { return nil }
            // The year is part of each source's text ("… 2024 …"); take the first four-digit year in it.
            return RegionIntensity(kind: .cloud, code: "\(row[0]):\(row[1])", name: "\(row[2]) (\(row[3]))",
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

/// A GPU model's specifications from the bundled table.
public struct GPUSpec: Sendable, Hashable {
    public var model: String
    /// Names as nvidia-smi or vendors write them, matched against a log's GPU name.
    public var matchNames: [String]
    public var tdpWatts: Double
    public var memoryGB: Double
    public var architecture: String
    public var releaseYear: Int
    public var source: String
}

/// The bundled GPU table, with nvidia-smi name matching.
public struct GPUSpecTable: Sendable {
    public let specs: [GPUSpec]

    public static let bundled = GPUSpecTable(csv: ReferenceData.gpuSpecs)

    init(csv: String) {
        specs = ReferenceCSV.rows(csv).compactMap { row in
            guard row.count >= 7, let tdp = Double(row[2]), let memory = Double(row[3]), let year = Int(row[5]) else {
                return nil
            }
            return GPUSpec(model: row[0], matchNames: row[1].split(separator: ";").map { String($0).trimmingSpaces() },
                           tdpWatts: tdp, memoryGB: memory, architecture: row[4], releaseYear: year, source: row[6])
        }
    }

    /// The spec for a GPU name such as nvidia-smi writes it (`NVIDIA A100-SXM4-40GB`, `Tesla T4`): an exact match
    /// of a model or match name first, then the longest match name found in it as whole words (so `NVIDIA A10`
    /// matches A10, not A100 or A10G). Case-insensitive.
    public func spec(forName name: String) -> GPUSpec? {
        let key = name.trimmingSpaces().lowercased()
        if let exact = specs.first(where: { spec in
            spec.model.lowercased() == key || spec.matchNames.contains { $0.lowercased() == key }
        }) {
            return exact
        }
        var best: (spec: GPUSpec, length: Int)?
        for spec in specs {
            for candidate in [spec.model] + spec.matchNames {
                let needle = candidate.lowercased()
                if needle.count > (best?.length ?? 0), Self.containsWord(key, needle) { best = (spec, needle.count) }
            }
        }
        return best?.spec
    }

    /// Whether `needle` occurs in `text` with no letter or digit right before or after it.
    static func containsWord(_ text: String, _ needle: String) -> Bool {
        let haystack = Array(text)
        let pattern = Array(needle)
        guard !pattern.isEmpty, pattern.count <= haystack.count else { return false }
        for start in 0...(haystack.count - pattern.count) where Array(haystack[start..<(start + pattern.count)]) == pattern {
            let before = start == 0 ? nil : haystack[start - 1]
            let after = start + pattern.count < haystack.count ? haystack[start + pattern.count] : nil
            let boundaryBefore = before.map { !($0.isLetter || $0.isNumber) } ?? true
            let boundaryAfter = after.map { !($0.isLetter || $0.isNumber) } ?? true
            if boundaryBefore && boundaryAfter { return true }
        }
        return false
    }

    /// Specs whose model or match names contain `query` (all when empty).
    public func search(_ query: String) -> [GPUSpec] {
        let key = query.trimmingSpaces().lowercased()
        guard !key.isEmpty else { return specs }
        return specs.filter { spec in ([spec.model] + spec.matchNames).contains { $0.lowercased().contains(key) } }
    }
}

/// A published PUE figure.
public struct PUEFigure: Sendable, Hashable {
    public var entity: String
    public var category: String
    public var pue: Double
    public var year: Int
    public var source: String
}

/// The bundled PUE table and the presets drawn from it.
public struct PUETable: Sendable {
    /// A `--pue-preset`: the figure used, and the range of the related figures in the table.
    public struct Preset: Sendable, Hashable {
        public var name: String
        public var figure: PUEFigure
        public var low: Double
        public var high: Double
    }

    public static let presetNames = ["google", "aws", "azure", "onprem", "average"]

    public let figures: [PUEFigure]

    public static let bundled = PUETable(csv: ReferenceData.pue)

    init(csv: String) {
        figures = ReferenceCSV.rows(csv).compactMap { row in
            guard row.count >= 6, let pue = Double(row[2]), let year = Int(row[3]) else { return nil }
            return PUEFigure(entity: row[0], category: row[1], pue: pue, year: year, source: row[5])
        }
    }

    /// The preset `name`: the latest figure of its main entity, with the range of the figures related to it
    /// (a provider's fleet and sites; the industry surveys for `average` and `onprem`).
    public func preset(_ name: String) -> Preset? {
        let main: (PUEFigure) -> Bool
        let related: (PUEFigure) -> Bool
        switch name.lowercased() {
        case "google":
            main = { $0.entity == "Google" && $0.category == "provider_fleet" }
            related = { $0.entity.hasPrefix("Google") }
        case "aws":
            main = { $0.entity == "AWS" && $0.category == "provider_fleet" }
            related = { $0.entity.hasPrefix("AWS") }
        case "azure":
            main = { $0.entity == "Microsoft" && $0.category == "provider_fleet" }
            related = { $0.entity.hasPrefix("Microsoft") }
        case "onprem":
            main = { $0.entity.hasPrefix("On-premises") }
            related = { $0.entity.hasPrefix("On-premises") || $0.category == "industry_survey" }
        case "average":
            main = { $0.category == "industry_survey" }
            related = { $0.category == "industry_survey" }
        default:
            return nil
        }
        guard let figure = figures.filter(main).max(by: { $0.year < $1.year }) else { return nil }
        let values = figures.filter(related).map(\.pue)
        return Preset(name: name.lowercased(), figure: figure, low: values.min() ?? figure.pue, high: values.max() ?? figure.pue)
    }
}

/// A GPU card's manufacturing footprint from the bundled embodied-carbon table.
public struct EmbodiedFigure: Sendable, Hashable {
    public var item: String
    public var kilogramsCO2e: Double
    /// The lifetime the source amortises over (the report uses its own, stated lifetime).
    public var sourceLifetimeYears: Double?
    public var year: Int?
    public var basis: String
    public var source: String
    /// True for the generic per-card value used when the model has no figure of its own.
    public var isGeneric: Bool
}

/// Per-card embodied carbon: the whole-card figures derived per GPU family, else a generic per-card estimate.
public struct EmbodiedTable: Sendable {
    public let cards: [EmbodiedFigure]
    public let generic: EmbodiedFigure?

    public static let bundled = EmbodiedTable(csv: ReferenceData.embodied)

    init(csv: String) {
        var cards: [EmbodiedFigure] = []
        var generic: EmbodiedFigure?
        for row in ReferenceCSV.rows(csv) where row.count >= 8 {
            guard let value = Double(row[2]) else { continue }
            let figure = EmbodiedFigure(item: row[0], kilogramsCO2e: value, sourceLifetimeYears: Double(row[4]),
                                        year: Int(row[5]), basis: row[6], source: row[7], isGeneric: false)
            if row[3] == "kgCO2e per card" && row[1] == "whole graphics card" { cards.append(figure) }
            if row[0] == "Additional GPU card" {
                generic = figure
                generic?.isGeneric = true
            }
        }
        self.cards = cards
        self.generic = generic
    }

    /// The figure for a GPU name: the card whose family (`A100`, `H100`, `V100`, `T4`) the name contains as a word,
    /// else the generic per-card figure.
    public func figure(forGPUName name: String?) -> EmbodiedFigure? {
        if let name {
            let key = name.lowercased()
            for card in cards {
                let family = card.item.split(separator: " ").dropFirst().first.map { $0.lowercased() } ?? ""
                if !family.isEmpty, GPUSpecTable.containsWord(key, family) || key.contains(family + "-") {
                    return card
                }
            }
        }
        return generic
    }
}
