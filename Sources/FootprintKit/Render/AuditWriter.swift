internal import Foundation

/// Renders an audit as CSV (one row per run), Markdown (totals, top runs, rollups, failures) and JSON.
public enum AuditWriter {
    public static func csv(_ rows: [AuditRow]) -> String {
        var out = AuditRow.columns.joined(separator: ",") + "\n"
        for row in rows { out += row.fields.map(CSVReportWriter.escape).joined(separator: ",") + "\n" }
        return out
    }

    /// Reads the rows of an audit CSV (for `merge`).
    public static func rows(fromCSV text: String, path: String) throws(FootprintError) -> [AuditRow] {
        let lines = ReferenceCSV.rows(text)
        guard text.hasPrefix(AuditRow.columns.joined(separator: ",")) else {
            throw FootprintError(
                .malformedInput, "not an audit.csv (its header differs)", location: InputLocation(path: path, line: 1))
        }
        var rows: [AuditRow] = []
        for (index, fields) in lines.enumerated() where !(fields.count == 1 && fields[0].isEmpty) {
            guard let row = AuditRow(fields: fields) else {
                throw FootprintError(
                    .malformedInput, "row does not have the audit's columns",
                    location: InputLocation(path: path, line: index + 2))
            }
            rows.append(row)
        }
        return rows
    }

    /// Counts of runs by status, and sums over the runs with measured GPU energy only: an unknown is never added
    /// as zero. The runs with only system energy, and the estimated ones, are summed apart (``apart``), never
    /// into the measured sums.
    struct Totals {
        var runs = 0
        var byStatus: [AuditRow.Status: Int] = [:]
        var kilowattHours = 0.0
        var kilograms = 0.0
        var kilogramsLow = 0.0
        var kilogramsHigh = 0.0
        /// kWh and kg CO2e (low, high) of the system-energy and the estimated runs, each apart.
        var apart: [AuditRow.Status: (kWh: Double, kg: Double, low: Double, high: Double)] = [:]

        /// The statuses summed apart, in the order they are reported.
        static let apartStatuses: [AuditRow.Status] = [.systemEnergy, .estimate]

        var errors: Int { byStatus[.error] ?? 0 }
        /// Runs whose energy is summed.
        var withEnergy: Int { byStatus[.ok] ?? 0 }

        init(_ rows: [AuditRow]) {
            for row in rows {
                runs += 1
                byStatus[row.status, default: 0] += 1
                if Self.apartStatuses.contains(row.status) {
                    let sum = apart[row.status] ?? (0, 0, 0, 0)
                    apart[row.status] = (
                        sum.kWh + (row.energyKWh ?? 0), sum.kg + (row.kilogramsCO2e ?? 0),
                        sum.low + (row.kilogramsCO2eLow ?? 0), sum.high + (row.kilogramsCO2eHigh ?? 0)
                    )
                }
                guard row.status == .ok else { continue }
                kilowattHours += row.energyKWh ?? 0
                kilograms += row.kilogramsCO2e ?? 0
                kilogramsLow += row.kilogramsCO2eLow ?? 0
                kilogramsHigh += row.kilogramsCO2eHigh ?? 0
            }
        }

        /// `1 ok, 1 no-energy, 1 unreadable, 0 error`.
        var statusSummary: String {
            AuditRow.Status.allCases.map { "\(byStatus[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        }
    }

    public static func markdown(_ rows: [AuditRow], root: String, grouping: AuditGrouping, notes: [String]) -> String {
        let totals = Totals(rows)
        var out = "# Footprint audit of \(MarkdownText.code(root))\n\n"
        out +=
            "**\(totals.runs) runs** (\(totals.statusSummary)). Over the **\(totals.withEnergy) of \(totals.runs) runs** with measured GPU energy: **\(ReportFormatting.significant(totals.kilowattHours, 4)) kWh**, "
            + "**\(ReportFormatting.significant(totals.kilograms, 4)) kg CO2e** (range \(ReportFormatting.significant(totals.kilogramsLow, 4))–\(ReportFormatting.significant(totals.kilogramsHigh, 4))); the other runs' energy is unknown and not counted.\n\n"
        for status in Totals.apartStatuses {
            guard let sum = totals.apart[status], let count = totals.byStatus[status] else { continue }
            let what =
                status == .systemEnergy
                ? "with the measured energy of their nodes or system only (no GPU power log; it covers more than the GPUs)"
                : "estimated from GPU-hours × TDP (no power log)"
            out +=
                "Apart, never added to the figures above: **\(count) run\(count == 1 ? "" : "s")** \(what): \(ReportFormatting.significant(sum.kWh, 4)) kWh, "
                + "\(ReportFormatting.significant(sum.kg, 4)) kg CO2e (range \(ReportFormatting.significant(sum.low, 4))–\(ReportFormatting.significant(sum.high, 4))).\n\n"
        }
        for note in notes { out += "- \(MarkdownText.line(note))\n" }
        if !notes.isEmpty { out += "\n" }
        let ranked = rows.filter { $0.status == .ok && ($0.kilogramsCO2e ?? 0) > 0 }.sorted {
            ($0.kilogramsCO2e ?? 0, $1.path) > ($1.kilogramsCO2e ?? 0, $0.path)
        }
        if !ranked.isEmpty {
            out +=
                "## Top runs by CO2e\n\n| Run | Start (UTC) | GPUs | Energy (kWh) | kg CO2e | Method |\n|---|---|---:|---:|---:|---|\n"
            for row in ranked.prefix(10) {
                out +=
                    "| \(MarkdownText.code(row.path)) | \(row.startUTC.prefix(16).replacingOccurrences(of: "T", with: " ")) | \(row.cell("gpus")) | \(ReportFormatting.significant(row.energyKWh ?? 0, 4)) | \(ReportFormatting.significant(row.kilogramsCO2e ?? 0, 4)) | \(row.cell("method")) |\n"
            }
            out += "\n"
        }
        let groups = Dictionary(grouping: rows, by: grouping.key)
        out +=
            "## By \(grouping.label)\n\n| Group | Runs | With energy | Errors | Energy (kWh) | kg CO2e |\n|---|---:|---:|---:|---:|---:|\n"
        for key in groups.keys.sorted() {
            let group = Totals(groups[key]!)
            out +=
                "| \(MarkdownText.code(key)) | \(group.runs) | \(group.withEnergy) | \(group.errors) | \(group.withEnergy == 0 ? "—" : ReportFormatting.significant(group.kilowattHours, 4)) | \(group.withEnergy == 0 ? "—" : ReportFormatting.significant(group.kilograms, 4)) |\n"
        }
        out += "\n"
        let sections: [(AuditRow.Status, String)] = [
            (.unreadable, "Runs whose power log could not be read"), (.noEnergy, "Runs without a GPU power log"),
            (.error, "Runs that could not be analysed"),
        ]
        for (status, title) in sections {
            let listed = rows.filter { $0.status == status }
            guard !listed.isEmpty else { continue }
            out += "## \(title)\n\n"
            for row in listed { out += "- \(MarkdownText.code(row.path)): \(MarkdownText.line(row.error))\n" }
            out += "\n"
        }
        let assumed = rows.filter { $0.clockSource == "assumed" }
        if !assumed.isEmpty {
            out +=
                "## Runs whose clock was assumed\n\nTheir logs carry local times without a zone, and no training window to infer it from; they were read in this machine's zone. Pass `--tz` if that is not the zone they were written in.\n\n"
            for row in assumed { out += "- \(MarkdownText.code(row.path)): \(MarkdownText.line(row.clockZone))\n" }
            out += "\n"
        }
        return out
    }

    public static func json(_ rows: [AuditRow], root: String, grouping: AuditGrouping) -> String {
        let totals = Totals(rows)
        let groups = Dictionary(grouping: rows, by: grouping.key)
        let root: JSONValue = .object([
            ("root", .string(root)),
            ("runs", .int(totals.runs)),
            ("errors", .int(totals.errors)),
            (
                "statuses",
                .object(AuditRow.Status.allCases.map { ($0.rawValue, JSONValue.int(totals.byStatus[$0] ?? 0)) })
            ),
            ("runs_with_energy", .int(totals.withEnergy)),
            ("clock_assumed", .array(rows.filter { $0.clockSource == "assumed" }.map { .string($0.path) })),
            ("energy_kwh", .fixed(totals.kilowattHours, 9)),
            ("kg_co2e", .fixed(totals.kilograms, 6)),
            ("kg_co2e_low", .fixed(totals.kilogramsLow, 6)),
            ("kg_co2e_high", .fixed(totals.kilogramsHigh, 6)),
            (
                "apart",
                .object(
                    Totals.apartStatuses.map { status in
                        (
                            status.rawValue,
                            totals.apart[status].map { sum in
                                .object([
                                    ("runs", .int(totals.byStatus[status] ?? 0)), ("energy_kwh", .fixed(sum.kWh, 9)),
                                    ("kg_co2e", .fixed(sum.kg, 6)), ("kg_co2e_low", .fixed(sum.low, 6)),
                                    ("kg_co2e_high", .fixed(sum.high, 6)),
                                ])
                            } ?? .null
                        )
                    })
            ),
            (
                "groups",
                .array(
                    groups.keys.sorted().map { key in
                        let group = Totals(groups[key]!)
                        return .object([
                            ("group", .string(key)), ("runs", .int(group.runs)),
                            ("runs_with_energy", .int(group.withEnergy)), ("errors", .int(group.errors)),
                            ("energy_kwh", group.withEnergy == 0 ? .null : .fixed(group.kilowattHours, 9)),
                            ("kg_co2e", group.withEnergy == 0 ? .null : .fixed(group.kilograms, 6)),
                        ])
                    })
            ),
            (
                "rows",
                .array(
                    rows.map { row in
                        .object(zip(AuditRow.columns, row.fields).map { ($0.0, JSONValue.string($0.1)) })
                    })
            ),
        ])
        return root.rendered()
    }
}
