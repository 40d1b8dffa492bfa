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

    struct Totals {
        var runs = 0
        var errors = 0
        var kilowattHours = 0.0
        var kilograms = 0.0
        var kilogramsLow = 0.0
        var kilogramsHigh = 0.0

        init(_ rows: [AuditRow]) {
            for row in rows {
                runs += 1
                if row.status == .error { errors += 1 }
                kilowattHours += row.energyKWh ?? 0
                kilograms += row.kilogramsCO2e ?? 0
                kilogramsLow += row.kilogramsCO2eLow ?? 0
                kilogramsHigh += row.kilogramsCO2eHigh ?? 0
            }
        }
    }

    public static func markdown(_ rows: [AuditRow], root: String, grouping: AuditGrouping, notes: [String]) -> String {
        let totals = Totals(rows)
        var out = "# Footprint audit of \(MarkdownText.code(root))\n\n"
        out +=
            "**\(totals.runs) runs** (\(totals.errors) could not be analysed): **\(ReportFormatting.significant(totals.kilowattHours, 4)) kWh** of GPU energy, "
            + "**\(ReportFormatting.significant(totals.kilograms, 4)) kg CO2e** (range \(ReportFormatting.significant(totals.kilogramsLow, 4))–\(ReportFormatting.significant(totals.kilogramsHigh, 4))).\n\n"
        for note in notes { out += "- \(MarkdownText.line(note))\n" }
        if !notes.isEmpty { out += "\n" }
        let ranked = rows.filter { ($0.kilogramsCO2e ?? 0) > 0 }.sorted {
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
            "## By \(grouping.label)\n\n| Group | Runs | Errors | Energy (kWh) | kg CO2e |\n|---|---:|---:|---:|---:|\n"
        for key in groups.keys.sorted() {
            let group = Totals(groups[key]!)
            out +=
                "| \(MarkdownText.code(key)) | \(group.runs) | \(group.errors) | \(ReportFormatting.significant(group.kilowattHours, 4)) | \(ReportFormatting.significant(group.kilograms, 4)) |\n"
        }
        out += "\n"
        let failed = rows.filter { $0.status == .error }
        if !failed.isEmpty {
            out += "## Runs that could not be analysed\n\n"
            for row in failed { out += "- \(MarkdownText.code(row.path)): \(MarkdownText.line(row.error))\n" }
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
            ("energy_kwh", .fixed(totals.kilowattHours, 9)),
            ("kg_co2e", .fixed(totals.kilograms, 6)),
            ("kg_co2e_low", .fixed(totals.kilogramsLow, 6)),
            ("kg_co2e_high", .fixed(totals.kilogramsHigh, 6)),
            (
                "groups",
                .array(
                    groups.keys.sorted().map { key in
                        let group = Totals(groups[key]!)
                        return .object([
                            ("group", .string(key)), ("runs", .int(group.runs)), ("errors", .int(group.errors)),
                            ("energy_kwh", .fixed(group.kilowattHours, 9)), ("kg_co2e", .fixed(group.kilograms, 6)),
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
