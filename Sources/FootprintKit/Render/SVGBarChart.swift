/// A horizontal bar chart as inline SVG, for the HTML report: one labelled bar per item, scaled to the largest
/// value, its value written after it. 640 units wide, 22 per bar; the bytes depend only on the bars.
struct SVGBarChart {
    /// One bar: its label, its value (the bar's length) and the value as written beside it.
    struct Bar {
        var label: String
        var value: Double
        var text: String
        var colour: String
    }

    var title: String
    var bars: [Bar]

    static let width = 640.0
    static let labelWidth = 250.0
    static let valueWidth = 120.0
    static let barHeight = 22.0
    /// Characters of a label shown; a longer one keeps its end, after an ellipsis.
    static let labelCharacters = 40

    func render() -> String {
        let n = SVGPlotWriter.n
        let escape = SVGPlotWriter.escape
        let top = 26.0
        let height = top + Double(bars.count) * Self.barHeight + 6
        let largest = bars.map { $0.value.isFinite ? $0.value : 0 }.max() ?? 0
        let inner = Self.width - Self.labelWidth - Self.valueWidth
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(Self.width)) \(n(height))\" width=\"\(n(Self.width))\" height=\"\(n(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\" role=\"img\">\n"
            + "<title>\(escape(title))</title>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(n(Self.width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
            + "<text x=\"0\" y=\"16\" font-size=\"12\" font-weight=\"bold\">\(escape(title))</text>\n"
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * Self.barHeight
            let length = largest > 0 && bar.value.isFinite && bar.value > 0 ? bar.value / largest * inner : 0
            let label =
                bar.label.count > Self.labelCharacters
                ? "…" + String(bar.label.suffix(Self.labelCharacters - 1)) : bar.label
            out +=
                "<text x=\"\(n(Self.labelWidth - 8))\" y=\"\(n(y + Self.barHeight * 0.68))\" text-anchor=\"end\">\(escape(label))</text>\n"
                + "<rect x=\"\(n(Self.labelWidth))\" y=\"\(n(y + 3))\" width=\"\(n(length))\" height=\"\(n(Self.barHeight - 6))\" fill=\"\(bar.colour)\"><title>\(escape(bar.label)): \(escape(bar.text))</title></rect>\n"
                + "<text x=\"\(n(Self.labelWidth + length + 6))\" y=\"\(n(y + Self.barHeight * 0.68))\">\(escape(bar.text))</text>\n"
        }
        return out + "</svg>\n"
    }
}
