internal import Foundation

/// Renders a run's power over time as a plain SVG plot for papers: one line per GPU (the job's in colour, others
/// faint grey), the training window and its pauses shaded, power-log gaps marked, time on a UTC axis with the
/// logs' local time beneath when they had one, and a legend. 640 × 360 units with 11-unit text, which reads at
/// a paper's column width. Deterministic: fixed formatting, no timestamps, stable order.
public enum SVGPlotWriter {
    static let width = 640.0
    static let height = 360.0
    static let plot = (left: 62.0, right: 16.0, top: 30.0, bottom: 70.0)
    /// Colour-blind-safe (Okabe–Ito) colours for the job's GPUs.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
    /// Pauses, and gaps per GPU, drawn at most: the plot's size must not grow with hostile logs.
    static let maximumMarks = 200

    public static func render(_ report: RunReport) -> String {
        let start = report.windowStartSeconds
        let end = max(report.windowEndSeconds, start + 1)
        let maximumWatts = max(report.gpus.map(\.trace.maximumWatts).max() ?? 0, 1)
        let axis = niceAxis(maximum: maximumWatts)
        let innerWidth = width - plot.left - plot.right
        let innerHeight = height - plot.top - plot.bottom
        func x(_ seconds: Double) -> Double { plot.left + (seconds - start) / (end - start) * innerWidth }
        func y(_ watts: Double) -> Double { plot.top + innerHeight - watts / axis.top * innerHeight }

        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <title>GPU power of \(escape(report.runPath))</title>
            <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>

            """
        out +=
            "<text x=\"\(n(plot.left))\" y=\"18\" font-size=\"12\" font-weight=\"bold\">GPU power, \(escape(report.runPath))</text>\n"
        // Training window and pauses.
        if let window = report.training {
            out +=
                "<rect x=\"\(n(x(window.startSeconds)))\" y=\"\(n(plot.top))\" width=\"\(n(max(0, x(window.endSeconds) - x(window.startSeconds))))\" height=\"\(n(innerHeight))\" fill=\"#56B4E9\" fill-opacity=\"0.12\"><title>training window</title></rect>\n"
            for pause in window.pauses.prefix(Self.maximumMarks) {
                let colour = pause.kind == .evaluation ? "#E69F00" : "#999999"
                out +=
                    "<rect x=\"\(n(x(pause.startSeconds)))\" y=\"\(n(plot.top))\" width=\"\(n(max(0.5, x(pause.endSeconds) - x(pause.startSeconds))))\" height=\"\(n(innerHeight))\" fill=\"\(colour)\" fill-opacity=\"0.25\"><title>\(pause.kind.rawValue)</title></rect>\n"
            }
        }
        // Axes and grid.
        for tick in stride(from: 0.0, through: axis.top, by: axis.step) {
            out +=
                "<line x1=\"\(n(plot.left))\" y1=\"\(n(y(tick)))\" x2=\"\(n(width - plot.right))\" y2=\"\(n(y(tick)))\" stroke=\"#e0e0e0\" stroke-width=\"0.5\"/>\n"
            out +=
                "<text x=\"\(n(plot.left - 6))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\">\(ReportFormatting.fixed(tick, 0))</text>\n"
        }
        out +=
            "<text x=\"14\" y=\"\(n(plot.top + innerHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(n(plot.top + innerHeight / 2)))\">\(report.jobGPUs.count > SVGHeatMap.maximumLines ? "Power (W): colour scale" : "Power (W)")</text>\n"
        let localOffset = localOffsetSeconds(report)
        let ticks = timeTicks(start: start, end: end)
        let showsDates = ticks.count > 1 && ticks[1] - ticks[0] >= 86_400
        for tick in ticks {
            out +=
                "<line x1=\"\(n(x(tick)))\" y1=\"\(n(plot.top + innerHeight))\" x2=\"\(n(x(tick)))\" y2=\"\(n(plot.top + innerHeight + 4))\" stroke=\"#333333\"/>\n"
            out +=
                "<text x=\"\(n(x(tick)))\" y=\"\(n(plot.top + innerHeight + 16))\" text-anchor=\"middle\">\(clockLabel(tick, date: showsDates))</text>\n"
            if let localOffset {
                out +=
                    "<text x=\"\(n(x(tick)))\" y=\"\(n(plot.top + innerHeight + 29))\" text-anchor=\"middle\" fill=\"#666666\">\(clockLabel(tick + Double(localOffset(tick)), date: showsDates))</text>\n"
            }
        }
        let zoneNote = localOffset == nil ? "" : "; grey: local time, \(escape(report.clock.zone.description))"
        out +=
            "<text x=\"\(n(plot.left + innerWidth / 2))\" y=\"\(n(height - 26))\" text-anchor=\"middle\">Time (UTC, \(ReportFormatting.readableUTC(start).prefix(10))\(zoneNote))</text>\n"
        out +=
            "<rect x=\"\(n(plot.left))\" y=\"\(n(plot.top))\" width=\"\(n(innerWidth))\" height=\"\(n(innerHeight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"0.8\"/>\n"
        var legend: [(colour: String, label: String, faint: Bool)] = []
        let heatMap = report.jobGPUs.count > SVGHeatMap.maximumLines
        if heatMap {
            // Many GPUs: a GPU (or host) × time heat map in place of the lines; the axis on the left is then the
            // colour scale's.
            out += SVGHeatMap.render(
                report, start: start, end: end, topWatts: axis.top,
                area: (plot.left, plot.top, innerWidth, innerHeight))
            let rows = report.jobGPUs.count > SVGHeatMap.maximumRows ? "host (its GPUs' mean)" : "job GPU"
            legend.append(
                (
                    SVGHeatMap.colour(1),
                    "one row per \(rows), \(report.jobGPUs.count) GPUs; colour: mean W, 0–\(ReportFormatting.fixed(axis.top, 0))",
                    false
                ))
        }
        // One line per GPU: idle ones first, faint, so the job's are drawn on top.
        var colourIndex = 0
        for gpu in report.gpus.sorted(by: { (!$0.usedByJob ? 0 : 1) < (!$1.usedByJob ? 0 : 1) }) where !heatMap {
            let colour: String
            if gpu.usedByJob {
                colour = palette[colourIndex % palette.count]
                colourIndex += 1
            } else {
                colour = "#bbbbbb"
            }
            out += polylines(
                gpu.trace.profile.points, bucketSeconds: gpu.trace.profile.bucketSeconds, x: x, y: y,
                colour: colour, width: gpu.usedByJob ? 1.2 : 0.8, label: "GPU \(gpu.identity.label)")
            for gap in gpu.trace.gaps.prefix(Self.maximumMarks) {
                out +=
                    "<line x1=\"\(n(x(gap.startSeconds)))\" y1=\"\(n(plot.top + innerHeight - 3))\" x2=\"\(n(x(gap.startSeconds + gap.seconds)))\" y2=\"\(n(plot.top + innerHeight - 3))\" stroke=\"#CC0000\" stroke-width=\"3\"><title>gap of GPU \(escape(gpu.identity.label))</title></line>\n"
            }
            legend.append(
                (colour, "GPU \(gpu.identity.label)\(gpu.usedByJob ? "" : " (not the job's)")", !gpu.usedByJob))
        }
        if report.training != nil { legend.append(("#56B4E9", "training window", false)) }
        if report.training?.pauses.contains(where: { $0.kind == .evaluation }) == true {
            legend.append(("#E69F00", "evaluation", false))
        }
        if report.training?.pauses.contains(where: { $0.kind != .evaluation }) == true {
            legend.append(("#999999", "restart or other pause", false))
        }
        if report.gpus.contains(where: { !$0.trace.gaps.isEmpty }) {
            legend.append(("#CC0000", "gap in the power log", false))
        }
        var legendX = plot.left
        for entry in legend.prefix(10) {
            let textWidth = Double(entry.label.count) * 6 + 26
            if legendX + textWidth > width - plot.right { break }
            out +=
                "<rect x=\"\(n(legendX))\" y=\"\(n(height - 14))\" width=\"12\" height=\"8\" fill=\"\(entry.colour)\"\(entry.faint ? " fill-opacity=\"0.7\"" : "")/>\n"
            out += "<text x=\"\(n(legendX + 16))\" y=\"\(n(height - 6))\">\(escape(entry.label))</text>\n"
            legendX += textWidth
        }
        return out + "</svg>\n"
    }

    /// A polyline per run of consecutive buckets; a missing bucket breaks the line.
    private static func polylines(
        _ points: [(seconds: Double, watts: Double)], bucketSeconds: Double, x: (Double) -> Double,
        y: (Double) -> Double,
        colour: String, width: Double, label: String
    ) -> String {
        var runs: [[(Double, Double)]] = []
        var previous: Double?
        for point in points {
            if let previous, point.seconds - previous <= bucketSeconds * 1.5 {
                runs[runs.count - 1].append((point.seconds, point.watts))
            } else {
                runs.append([(point.seconds, point.watts)])
            }
            previous = point.seconds
        }
        return runs.map { run in
            let coordinates = run.map { "\(n(x($0.0))),\(n(y($0.1)))" }.joined(separator: " ")
            return
                "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\"><title>\(escape(label))</title></polyline>\n"
        }.joined()
    }

    /// An axis top and step for values up to `maximum`: 1, 2 or 5 × 10ⁿ steps, about five of them.
    static func niceAxis(maximum: Double) -> (top: Double, step: Double) {
        guard maximum.isFinite, maximum > 0 else { return (1, 1) }
        let rough = maximum / 5
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        return ((maximum / step).rounded(.up) * step, step)
    }

    /// Round clock times between `start` and `end`: about six ticks at 1, 2, 5, 10, 15, 30 s, minutes or hours, or
    /// days (1, 2 or 5 × 10ⁿ of them for spans beyond seven weeks); at most a dozen, however long the span.
    static func timeTicks(start: Double, end: Double) -> [Double] {
        guard start.isFinite, end.isFinite, end > start else { return [] }
        let steps: [Double] = [
            1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
            172_800, 604_800,
        ]
        let step = steps.first { (end - start) / $0 <= 7 } ?? dayStep(forDays: (end - start) / 86_400 / 7)
        var tick = (start / step).rounded(.up) * step
        var ticks: [Double] = []
        while tick <= end && ticks.count < 12 {
            ticks.append(tick)
            tick += step
        }
        return ticks
    }

    /// The smallest 1, 2 or 5 × 10ⁿ days at least `days` long, in seconds.
    private static func dayStep(forDays days: Double) -> Double {
        let magnitude = pow(10, log10(days).rounded(.down))
        let multiple = [1.0, 2, 5].first { $0 * magnitude >= days } ?? 10
        return multiple * magnitude * 86_400
    }

    /// A tick's UTC clock time (`14:30`, `14:30:15`), or its date when the ticks are days apart.
    private static func clockLabel(_ seconds: Double, date: Bool) -> String {
        let text = ReportFormatting.readableUTC(seconds)
        if date { return String(text.prefix(10)) }
        let clock = text.dropFirst(11).prefix(8)
        return clock.hasSuffix(":00") ? String(clock.prefix(5)) : String(clock)
    }

    /// The offset of the logs' local clock, when they had local times.
    private static func localOffsetSeconds(_ report: RunReport) -> ((Double) -> Int)? {
        guard report.clock.wasNeeded else { return nil }
        switch report.clock.zone {
        case .fixedOffset(let seconds): return seconds == 0 ? nil : { _ in seconds }
        case .named(let identifier):
            guard let rules = ZoneRules(identifier: identifier) else { return nil }
            return { rules.offset(atUTC: $0) }
        }
    }

    /// A number with at most two decimals and no trailing zeros.
    static func n(_ value: Double) -> String {
        var text = ReportFormatting.fixed(value, 2)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `text` for XML character data and attributes; control characters, which XML 1.0 does not allow, as
    /// visible escapes (``TerminalText``).
    static func escape(_ text: String) -> String {
        TerminalText.sanitized(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
            of: "<", with: "&lt;"
        )
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension SVGPlotWriter {
    /// A bar chart of an audit's CO2e per group (the 20 largest), same size and style as the power plot.
    public static func renderAudit(_ rows: [AuditRow], root: String, grouping: AuditGrouping) -> String {
        // Runs without measured energy add nothing, and are not counted as if they had 0 kg.
        let measured = rows.filter { $0.status == .ok }
        let groups = Dictionary(grouping: measured, by: grouping.key).map { key, rows in
            (key: key, kilograms: rows.reduce(0) { $0 + ($1.kilogramsCO2e ?? 0) }, runs: rows.count)
        }.sorted { ($0.kilograms, $1.key) > ($1.kilograms, $0.key) }.prefix(20)
        let axis = niceAxis(maximum: max(groups.map(\.kilograms).max() ?? 0, 0.001))
        let labelWidth = 170.0
        let innerWidth = width - labelWidth - plot.right - 10
        let barHeight = 22.0
        // As tall as the bars need: a few groups make a short figure.
        let chartHeight = plot.top + Double(max(groups.count, 1)) * barHeight + 48
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(chartHeight))" width="\(n(width))" height="\(n(chartHeight))" font-family="Helvetica, Arial, sans-serif" font-size="11">
            <title>CO2e by \(escape(grouping.label)) of \(escape(root))</title>
            <rect x="0" y="0" width="\(n(width))" height="\(n(chartHeight))" fill="#ffffff"/>
            <text x="10" y="18" font-size="12" font-weight="bold">Operational CO2e by \(escape(grouping.label)), \(escape(root))</text>

            """
        for (index, group) in groups.enumerated() {
            let y = plot.top + Double(index) * barHeight
            let barWidth = group.kilograms / axis.top * innerWidth
            let label = group.key.count > 28 ? "…" + String(group.key.suffix(27)) : group.key
            out +=
                "<text x=\"\(n(labelWidth - 6))\" y=\"\(n(y + barHeight * 0.7))\" text-anchor=\"end\">\(escape(label))</text>\n"
            out +=
                "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 2))\" width=\"\(n(barWidth))\" height=\"\(n(barHeight - 4))\" fill=\"#0072B2\"><title>\(escape(group.key)): \(ReportFormatting.significant(group.kilograms, 4)) kg CO2e over \(group.runs) runs</title></rect>\n"
            out +=
                "<text x=\"\(n(labelWidth + barWidth + 4))\" y=\"\(n(y + barHeight * 0.7))\" fill=\"#333333\">\(ReportFormatting.significant(group.kilograms, 3))</text>\n"
        }
        let axisY = plot.top + Double(groups.count) * barHeight + 4
        out += barAxis(axis, left: labelWidth, width: innerWidth, y: axisY, label: "kg CO2e")
        return out + "</svg>\n"
    }

    /// The value axis under horizontal bars that start at `left`: a tick with its value at every step of `axis`
    /// across `width`, and `label` centred below.
    static func barAxis(
        _ axis: (top: Double, step: Double), left: Double, width: Double, y: Double, label: String
    ) -> String {
        var out = ""
        for tick in stride(from: 0.0, through: axis.top, by: axis.step) {
            let x = left + tick / axis.top * width
            out += "<line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x))\" y2=\"\(n(y + 4))\" stroke=\"#333333\"/>\n"
            out += "<text x=\"\(n(x))\" y=\"\(n(y + 16))\" text-anchor=\"middle\">\(n(tick))</text>\n"
        }
        return out
            + "<text x=\"\(n(left + width / 2))\" y=\"\(n(y + 32))\" text-anchor=\"middle\">\(escape(label))</text>\n"
    }
}
