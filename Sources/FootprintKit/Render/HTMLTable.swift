/// A table of the HTML report: a header row, then rows of cells that are already HTML (escaped by the caller);
/// the columns marked numeric are right-aligned.
struct HTMLTable {
    var header: [String]
    var numeric: Set<Int> = []
    private(set) var rows: [[String]] = []

    init(_ header: [String], numeric: Set<Int> = []) {
        self.header = header
        self.numeric = numeric
    }

    /// Adds a row of HTML cells; `strong` sets the row in bold (a total).
    mutating func add(_ cells: [String], strong: Bool = false) {
        rows.append(strong ? cells.map { $0.isEmpty ? $0 : "<strong>\($0)</strong>" } : cells)
    }

    var html: String {
        func cells(_ row: [String], tag: String) -> String {
            row.enumerated().map { index, cell in
                "<\(tag)\(numeric.contains(index) ? " class=\"num\"" : "")>\(cell)</\(tag)>"
            }.joined()
        }
        return "<table>\n<thead><tr>\(cells(header.map(HTMLText.escaped), tag: "th"))</tr></thead>\n<tbody>\n"
            + rows.map { "<tr>\(cells($0, tag: "td"))</tr>\n" }.joined() + "</tbody>\n</table>\n"
    }
}
