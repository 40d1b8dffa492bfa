/// Renders a ``WhatIfReport`` as an SVG bar chart of kg CO2e per place, lowest first, the run's own place in
/// orange; with `--shift`, a line beneath gives the best start and its saving. The power plot's width and style;
/// as tall as the bars need. Deterministic: fixed formatting, stable order.
public enum WhatIfSVGWriter {
    /// Bars drawn at most (the lowest, and the run's own place below them when it is not among them): the
    /// figure's size must not grow with `--all-regions`.
    static let maximumBars = 40

    /// The bar chart of `report`.
    public static func render(_ report: WhatIfReport) -> String {
        let width = SVGPlotWriter.width
        let n = SVGPlotWriter.n
        let escape = SVGPlotWriter.escape
        var shown = Array(report.rows.prefix(maximumBars))
        if let run = report.runRow, !shown.contains(run) { shown.append(run) }
        let hidden = report.rows.count - shown.count
        let axis = SVGPlotWriter.niceAxis(maximum: max(shown.map(\.kilogramsCO2e).max() ?? 0, 0.001))
        let labelWidth = 190.0
        let innerWidth = width - labelWidth - SVGPlotWriter.plot.right - 40
        let barHeight = 22.0
        let top = SVGPlotWriter.plot.top
        let footer = (report.shift?.best == nil ? 0 : 18) + (hidden > 0 ? 18 : 0)
        let height = top + Double(max(shown.count, 1)) * barHeight + 48 + Double(footer)
        let estimate = report.method == .estimated ? " (estimate)" : ""
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <title>CO2e by place of \(escape(report.runPath))</title>
            <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>
            <text x="10" y="18" font-size="12" font-weight="bold">CO2e of \(escape(report.runPath)) by place\(estimate)</text>

            """
        for (index, row) in shown.enumerated() {
            let y = top + Double(index) * barHeight
            let barWidth = axis.top > 0 ? row.kilogramsCO2e / axis.top * innerWidth : 0
            let name = row.isRunPlace ? row.place.name + " (this run)" : row.place.name
            let label = name.count > 32 ? String(name.prefix(31)) + "…" : name
            let colour = row.isRunPlace ? "#D55E00" : "#0072B2"
            out +=
                "<text x=\"\(n(labelWidth - 6))\" y=\"\(n(y + barHeight * 0.7))\" text-anchor=\"end\">\(escape(label))</text>\n"
            out +=
                "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 2))\" width=\"\(n(barWidth))\" height=\"\(n(barHeight - 4))\" fill=\"\(colour)\"><title>\(escape(row.place.name)): \(ReportFormatting.fixed(row.place.gramsCO2ePerKWh, 2)) gCO2e/kWh, \(ReportFormatting.significant(row.kilogramsCO2e, 4)) kg CO2e\(estimate)</title></rect>\n"
            out +=
                "<text x=\"\(n(labelWidth + barWidth + 4))\" y=\"\(n(y + barHeight * 0.7))\" fill=\"#333333\">\(ReportFormatting.significant(row.kilogramsCO2e, 3))</text>\n"
        }
        let axisY = top + Double(shown.count) * barHeight + 4
        out += SVGPlotWriter.barAxis(axis, left: labelWidth, width: innerWidth, y: axisY, label: "kg CO2e" + estimate)
        var lineY = axisY + 50
        if hidden > 0 {
            out +=
                "<text x=\"10\" y=\"\(n(lineY))\" fill=\"#666666\">\(hidden) more place\(hidden == 1 ? "" : "s"), higher, in the table</text>\n"
            lineY += 18
        }
        if let shift = report.shift, let best = shift.best {
            var text =
                "Best start within ±\(n(shift.windowHours)) h: \(ReportFormatting.readableUTC(best.startSeconds)), \(ReportFormatting.significant(best.kilogramsCO2e, 4)) kg CO2e"
            if let saving = shift.savingKilogramsCO2e {
                text +=
                    ", saving \(ReportFormatting.significant(saving, 4)) kg\(shift.savingShare.map { " (\(ReportFormatting.percent($0)))" } ?? "")"
            }
            out += "<text x=\"10\" y=\"\(n(lineY))\">\(escape(text))</text>\n"
        }
        return out + "</svg>\n"
    }
}
