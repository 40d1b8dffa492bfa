internal import Synchronization

/// The bundled GPU table, with nvidia-smi name matching.
public struct GPUSpecTable: Sendable {
    public let specs: [GPUSpec]
    /// Each spec's model and match names, lowercased, in that order.
    private let lowercasedNames: [[String]]
    /// ``spec(forName:)``'s answers so far for the one table there is, ``bundled``, by name (an index into
    /// ``specs``, or nil): logs repeat one name per GPU and file.
    private static let answers = Mutex<[String: Int?]>([:])

    public static let bundled = GPUSpecTable(csv: ReferenceData.gpuSpecs)

    private init(csv: String) {
        specs = ReferenceCSV.rows(csv).compactMap { row in
            guard row.count >= 7, let tdp = Double(row[2]), let memory = Double(row[3]), let year = Int(row[5]) else {
                return nil
            }
            return GPUSpec(
                model: row[0], matchNames: row[1].split(separator: ";").map { String($0).trimmingSpaces() },
                tdpWatts: tdp, memoryGB: memory, architecture: row[4], releaseYear: year, source: row[6])
        }
        lowercasedNames = specs.map { ([$0.model] + $0.matchNames).map { $0.lowercased() } }
    }

    /// The spec for a GPU name such as nvidia-smi writes it (`NVIDIA A100-SXM4-40GB`, `Tesla T4`): an exact match
    /// of a model or match name first, then the longest match name found in it as whole words (so `NVIDIA A10`
    /// matches A10, not A100 or A10G). Case-insensitive.
    public func spec(forName name: String) -> GPUSpec? {
        if let known = Self.answers.withLock({ $0[name] }) { return known.map { specs[$0] } }
        let key = name.trimmingSpaces().lowercased()
        var found = lowercasedNames.firstIndex { $0.contains(key) }
        if found == nil {
            let haystack = Array(key)
            var bestLength = 0
            for (index, names) in lowercasedNames.enumerated() {
                for needle in names where needle.count > bestLength && Self.containsWord(haystack, Array(needle)) {
                    (found, bestLength) = (index, needle.count)
                }
            }
        }
        Self.answers.withLock { $0[name] = .some(found) }
        return found.map { specs[$0] }
    }

    /// The GPU for an estimate named `name`: the model ``spec(forName:)`` finds, else a family — every model
    /// whose name or match names contain `name` as a whole word (`A100`, `H100`, `V100`, `4090`, `MI250X`) — with
    /// its default variant: the highest TDP, then the most memory, then the table's order (the SXM/OAM board
    /// that training clusters use: A100 SXM4 80GB, H100 SXM5 80GB, V100 SXM2 32GB). Nil when nothing matches.
    public func choice(forName name: String) -> GPUChoice? {
        if let spec = spec(forName: name) {
            return GPUChoice(requestedName: name, spec: spec, variants: [spec])
        }
        let key = name.trimmingSpaces().lowercased()
        guard !key.isEmpty else { return nil }
        let family = specs.filter { spec in
            ([spec.model] + spec.matchNames).contains { Self.containsWord($0.lowercased(), key) }
        }
        guard let first = family.first else { return nil }
        let chosen = family.dropFirst().reduce(first) { best, spec in
            (spec.tdpWatts, spec.memoryGB) > (best.tdpWatts, best.memoryGB) ? spec : best
        }
        return GPUChoice(requestedName: name, spec: chosen, variants: family)
    }

    /// Whether `needle` occurs in `text` with no letter or digit right before or after it.
    static func containsWord(_ text: String, _ needle: String) -> Bool {
        containsWord(Array(text), Array(needle))
    }

    /// Whether `pattern` occurs in `haystack` between word boundaries.
    private static func containsWord(_ haystack: [Character], _ pattern: [Character]) -> Bool {
        guard !pattern.isEmpty, pattern.count <= haystack.count else { return false }
        for start in 0...(haystack.count - pattern.count)
        where haystack[start..<(start + pattern.count)].elementsEqual(pattern) {
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
