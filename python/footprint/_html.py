"""A report as HTML, for Jupyter: the headline, the emission factors, the GPUs, the power plot and the
findings. Every value is the report's own (rounded to four significant digits for display) and escaped."""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._report import Report


def number(value: float | int | None, unit: str = "") -> str:
    """A value with four significant digits and no exponent (``0.2848``, ``1,025,103``); ``—`` for None."""
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}{unit}"
    places = 0 if value == 0 else max(0, 3 - math.floor(math.log10(abs(value))))
    return f"{value:,.{places}f}{unit}"


def duration(seconds: float | None) -> str:
    """``1 h 20 min 6 s``, ``20 min 6 s`` or ``6.3 s``; ``—`` for None."""
    if seconds is None:
        return "—"
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = round(seconds)
    hours, minutes, rest = whole // 3600, whole % 3600 // 60, whole % 60
    parts = [f"{hours:,} h"] if hours else []
    return " ".join([*parts, f"{minutes} min", f"{rest} s"])


def table(header: list[str], rows: list[list[str]]) -> str:
    """An HTML table of these cells, escaped."""
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def report_html(report: Report) -> str:
    """The report as an HTML fragment."""
    emissions, energy, estimate = report.emissions, report.energy, report.estimate
    kwh = energy.kwh if energy and energy.kwh is not None else (emissions.it_kwh if emissions else None)
    job_gpus = [gpu for gpu in report.gpus if gpu.used_by_job]
    gpu_count = estimate.count if estimate else len(job_gpus)
    seconds = (
        estimate.hours * 3600
        if estimate and estimate.hours is not None
        else (report.window.seconds if report.window else None)
    )
    headline = f"<b>{escape(number(kwh))} kWh</b>"
    if emissions:
        headline += (
            f" · <b>{escape(number(emissions.kg_co2e))} kg CO2e</b> (range {escape(number(emissions.kg_co2e_low))}"
            f"–{escape(number(emissions.kg_co2e_high))})"
        )
    headline += f" · {escape(number(gpu_count))} GPUs · {escape(duration(seconds))}"
    if estimate:
        headline += f" · <i>estimated</i> from {escape(estimate.gpu or '')}"
    parts = [f"<h3>Footprint: <code>{escape(report.run or '')}</code></h3>", f"<p>{headline}</p>"]
    if emissions:
        place = (emissions.location, emissions.intensity_source, emissions.intensity_year)
        rows = [
            [
                "Grid intensity",
                number(emissions.intensity_g_per_kwh, " gCO2e/kWh"),
                ", ".join(str(item) for item in place if item is not None),
            ],
            ["PUE", number(emissions.pue), emissions.pue_source or ""],
            ["Facility energy", number(emissions.facility_kwh, " kWh"), emissions.method or ""],
        ]
        if emissions.embodied_kg_co2e is not None:
            rows.append(["Embodied", number(emissions.embodied_kg_co2e, " kg CO2e"), ""])
        parts.append(table(["Factor", "Value", "Source"], rows))
    if report.gpus:
        header = ["GPU", "Host", "Name", "Job's", "kWh", "Mean W", "Samples", "Coverage"]
        rows = [
            [
                gpu.id or "",
                gpu.host or "",
                gpu.name or "",
                "yes" if gpu.used_by_job else "no",
                number(gpu.kwh),
                number(gpu.mean_watts),
                number(gpu.samples),
                number(gpu.coverage),
            ]
            for gpu in report.gpus
        ]
        parts.append(table(header, rows))
    if report.svg:
        parts.append(f"<div>{report.svg}</div>")
    warnings = sum(1 for finding in report.findings if finding.severity == "warning")
    parts.append(f"<p>{len(report.findings)} findings ({warnings} warnings)</p>")
    if report.findings:
        items = "".join(
            f"<li>{escape(finding.severity or '')}: {escape(finding.message or '')}</li>" for finding in report.findings
        )
        parts.append(f"<details><summary>Findings</summary><ul>{items}</ul></details>")
    return '<div class="footprint-report">' + "".join(parts) + "</div>"
