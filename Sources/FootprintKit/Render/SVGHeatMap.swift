/// The power plot of a run with many GPUs, where one line per GPU would be unreadable: a GPU × time heat map
/// (one row per job GPU up to ``maximumRows``, else one row per host at its GPUs' mean), each cell the mean power
/// in its time column, on a colour scale from 0 W to the plot's top; time without samples stays grey.
enum SVGHeatMap {
    /// Job GPUs drawn as lines up to this many; beyond, the heat map.
    static let maximumLines = 16
    /// Rows drawn one per GPU up to this many; beyond, one per host.
    static let maximumRows = 128
    static let columns = 60

    /// Colour stops of the scale (a blue-to-yellow sequential scale legible in grey), low to high.
    static let scale: [(red: Double, green: Double, blue: Double)] = [
        (68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37),
    ]

    /// The cells of `report`'s job GPUs (or hosts) over `start…end`, and the row labels.
    static func rows(_ report: RunReport, start: Double, end: Double) -> [(label: String, watts: [Double?])] {
        let job = report.jobGPUs
        let width = (end - start) / Double(columns)
        func cells(_ gpus: [GPUReport]) -> [Double?] {
            var joules = Array(repeating: 0.0, count: columns)
            var seconds = Array(repeating: 0.0, count: columns)
            for gpu in gpus {
                let bucket = gpu.trace.profile.bucketSeconds
                for point in gpu.trace.profile.points {
                    let column = Int(((point.seconds - start) / width).rounded(.down))
                    guard column >= 0, column < columns else { continue }
                    joules[column] += point.watts * bucket
                    seconds[column] += bucket
                }
            }
            return (0..<columns).map { seconds[$0] > 0 ? joules[$0] / seconds[$0] : nil }
        }
        guard job.count > maximumRows else {
            return job.map { ("GPU \($0.identity.label)", cells([$0])) }
        }
        let byHost = Dictionary(grouping: job, by: \.identity.host)
        return byHost.keys.sorted(by: HostName.precedes).map { host in
            let gpus = byHost[host] ?? []
            return ("\(host.isEmpty ? "(no host)" : host) (\(gpus.count) GPUs, mean)", cells(gpus))
        }
    }

    /// `#rrggbb` for `fraction` (0–1) of the scale.
    static func colour(_ fraction: Double) -> String {
        let clamped = fraction.isNaN ? 0 : min(1, max(0, fraction))
        let position = clamped * Double(scale.count - 1)
        let lower = min(scale.count - 2, Int(position.rounded(.down)))
        let t = position - Double(lower)
        let (a, b) = (scale[lower], scale[lower + 1])
        let channels = [a.red + (b.red - a.red) * t, a.green + (b.green - a.green) * t, a.blue + (b.blue - a.blue) * t]
        return "#"
            + channels.map { value in
                let byte = Int(value.rounded())
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
    }

    /// The heat map's SVG elements inside the plot area (`left`, `top`, `width`, `height`), with a colour bar.
    static func render(
        _ report: RunReport, start: Double, end: Double, topWatts: Double,
        area: (left: Double, top: Double, width: Double, height: Double)
    ) -> String {
        let rows = rows(report, start: start, end: end)
        guard !rows.isEmpty else { return "" }
        let rowHeight = area.height / Double(rows.count)
        let columnWidth = area.width / Double(columns)
        var out = ""
        for (index, row) in rows.enumerated() {
            let y = area.top + Double(index) * rowHeight
            out += "<g><title>\(SVGPlotWriter.escape(row.label))</title>\n"
            for (column, watts) in row.watts.enumerated() {
                let fill = watts.map { colour($0 / topWatts) } ?? "#dddddd"
                out +=
                    "<rect x=\"\(SVGPlotWriter.n(area.left + Double(column) * columnWidth))\" y=\"\(SVGPlotWriter.n(y))\" width=\"\(SVGPlotWriter.n(columnWidth + 0.05))\" height=\"\(SVGPlotWriter.n(rowHeight + 0.05))\" fill=\"\(fill)\"/>\n"
            }
            out += "</g>\n"
        }
        // The colour scale along the power axis: 0 W at the bottom, `topWatts` at the top.
        let segments = 20
        for segment in 0..<segments {
            let fraction = (Double(segment) + 0.5) / Double(segments)
            let y = area.top + area.height * (1 - Double(segment + 1) / Double(segments))
            out +=
                "<rect x=\"\(SVGPlotWriter.n(area.left - 5))\" y=\"\(SVGPlotWriter.n(y))\" width=\"4\" height=\"\(SVGPlotWriter.n(area.height / Double(segments) + 0.05))\" fill=\"\(colour(fraction))\"/>\n"
        }
        return out
    }
}
