/// One header cell: the name without its unit, and the unit in brackets if any (`power.draw [W]`).
struct CSVHeaderCell: Equatable {
    var name: String
    var unit: String?

    init(_ text: String) {
        var name = text.trimmingSpaces()
        var unit: String?
        if name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
            unit = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            name = String(name[..<open]).trimmingSpaces()
        } else if name.hasSuffix(")"), let open = name.lastIndex(of: "(") {
            unit = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
            name = String(name[..<open]).trimmingSpaces()
        }
        self.name = name
        self.unit = unit
    }
}
