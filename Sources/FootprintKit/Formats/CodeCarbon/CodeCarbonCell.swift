/// A numeric cell of a CodeCarbon row, read by its column's name.
enum CodeCarbonCell: Equatable {
    /// The column is not in the file's header, or the cell is empty (a row shorter than the header, an emptied
    /// column).
    case absent
    /// A finite, non-negative number.
    case number(Double)
    /// Anything else, as written (shortened).
    case invalid(String)

    init(_ text: String?) {
        guard let text, !text.isEmpty else {
            self = .absent
            return
        }
        if let value = Double(text), value.isFinite, value >= 0 {
            self = .number(value)
        } else {
            self = .invalid(text.count > 40 ? String(text.prefix(40)) + "…" : text)
        }
    }

    var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}
