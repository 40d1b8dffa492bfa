/// Energy per profiled step as an inline SVG column chart, for the HTML report: one column per step in the order
/// the trace ran them, on a joule axis from zero; beyond ``maximumColumns`` steps each column is the mean of a run
/// of consecutive steps, so the chart's size does not grow with the trace.
struct SVGStepChart {
    var title: String
    /// The steps' numbers and job-GPU energies in joules; a value that is not finite is not drawn.
    var steps: [(number: Int, joules: Double)]

    static let maximumColumns = 120
    static let width = 640.0
    static let height = 240.0
    static let plot = (left: 62.0, right: 16.0, top: 30.0, bottom: 44.0)

    func render() -> String {
        let n = SVGPlotWriter.n
        let escape = SVGPlotWriter.escape
        let columns = columnValues()
        let largest = columns.compactMap(\.joules).max() ?? 0
        let axis = SVGPlotWriter.niceAxis(maximum: largest)
        let innerWidth = Self.width - Self.plot.left - Self.plot.right
        let innerHeight = Self.height - Self.plot.top - Self.plot.bottom
        let slot = innerWidth / Double(max(columns.count, 1))
        func y(_ joules: Double) -> Double { Self.plot.top + innerHeight - joules / axis.top * innerHeight }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(Self.width)) \(n(Self.height))\" width=\"\(n(Self.width))\" height=\"\(n(Self.height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\" role=\"img\">\n"
            + "<title>\(escape(title))</title>\n"
            + "<rect x=\"0\" y=\"0\" width=\"\(n(Self.width))\" height=\"\(n(Self.height))\" fill=\"#ffffff\"/>\n"
            + "<text x=\"\(n(Self.plot.left))\" y=\"18\" font-size=\"12\" font-weight=\"bold\">\(escape(title))</text>\n"
        for tick in stride(from: 0.0, through: axis.top, by: axis.step) {
            out +=
                "<line x1=\"\(n(Self.plot.left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(Self.width - Self.plot.right))\" y2=\"\(n(y(tick)))\" stroke=\"#e0e0e0\" stroke-width=\"0.5\"/>\n"
                + "<text x=\"\(n(Self.plot.left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(ReportFormatting.significant(tick, 3))</text>\n"
        }
        out +=
            "<text x=\"14\" y=\"\(n(Self.plot.top + innerHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(n(Self.plot.top + innerHeight / 2)))\">Energy (J)</text>\n"
        for (index, column) in columns.enumerated() {
            let x = Self.plot.left + Double(index) * slot
            if let joules = column.joules {
                out +=
                    "<rect x=\"\(n(x + slot * 0.15))\" y=\"\(n(y(joules)))\" width=\"\(n(slot * 0.7))\" height=\"\(n(Self.plot.top + innerHeight - y(joules)))\" fill=\"#0072B2\"><title>\(escape(column.label)): \(ReportFormatting.significant(joules, 4)) J</title></rect>\n"
            }
            if index == 0 || index == columns.count - 1 || index == columns.count / 2 {
                out +=
                    "<text x=\"\(n(x + slot / 2))\" y=\"\(n(Self.plot.top + innerHeight + 16))\" text-anchor=\"middle\">\(escape(column.label))</text>\n"
            }
        }
        out +=
            "<text x=\"\(n(Self.plot.left + innerWidth / 2))\" y=\"\(n(Self.height - 8))\" text-anchor=\"middle\">Profiled step\(columns.count < steps.count ? " (each column the mean of consecutive steps)" : "")</text>\n"
            + "<rect x=\"\(n(Self.plot.left))\" y=\"\(n(Self.plot.top))\" width=\"\(n(innerWidth))\" height=\"\(n(innerHeight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"0.8\"/>\n"
        return out + "</svg>\n"
    }

    /// The columns: each step, or beyond ``maximumColumns`` the mean of each run of consecutive steps; nil where
    /// no value in it is finite.
    private func columnValues() -> [(label: String, joules: Double?)] {
        let count = min(steps.count, Self.maximumColumns)
        return (0..<count).map { column in
            let part = steps[column * steps.count / count..<(column + 1) * steps.count / count]
            let values = part.map(\.joules).filter { $0.isFinite && $0 >= 0 }
            let first = part.first?.number ?? 0
            let last = part.last?.number ?? 0
            return (
                first == last ? "#\(first)" : "#\(first)–#\(last)",
                values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
            )
        }
    }
}
