#!/usr/bin/env python3
"""Prints the README's table of published figures beside Footprint's, running `footprint estimate` on every row.

Reads Fixtures/published/*.csv (columns in Fixtures/published/README.md), runs the built tool
(.build/debug/footprint; `swift build` first) with each row's published inputs, and prints one Markdown row per
published figure: the source's value, Footprint's at the printed inputs, and the interval the check accepts.
PublishedTablesTests makes the same check through the library. Run from the repository root.
"""
import csv
import json
import pathlib
import subprocess

root = pathlib.Path(__file__).resolve().parent.parent
tool = root / ".build/debug/footprint"


def figures(row, hours):
    """Footprint's (kWh of the row's scope, tonnes CO2e) for a row at `hours` per GPU."""
    args = [str(tool), "estimate", "--gpu", row["gpu"], "--count", row["count"], "--hours", repr(hours),
            "--pue", row["pue"], "--intensity", row["intensity_g_per_kwh"], "--format", "json"]
    if row["power"] == "given":
        args += ["--watts", row["watts"]]
    emissions = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)["emissions"]
    kwh = emissions["facility_kwh"] if row["energy_scope"] == "facility" else emissions["it_kwh"]
    return kwh, emissions["kg_co2e"] / 1000


def interval(row, published, step):
    value, unit = float(published), float(step)
    return (value - unit / 2, value + unit / 2) if row["rounding"] == "round" else (value, value + unit)


def text(value, step, extra=1):
    """A figure with the decimals of the source's step, and `extra` more."""
    decimals = max(0, -int(f"{float(step):e}".split("e")[1])) + extra
    return f"{value:,.{decimals}f}"


print("| Source | Row | Figure | Published | Footprint | Accepted (rounding, printed inputs) | Reproduced |")
print("|---|---|---|---:|---:|---|---|")
for path in sorted((root / "Fixtures/published").glob("*.csv")):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    by_name = {row["row"]: row for row in rows}
    for row in rows:
        parts = [by_name[name] for name in row["sum_of"].split(";")] if row["sum_of"] else [row]
        exact = [figures(part, float(part["hours"])) for part in parts]
        low = [figures(p, float(p["hours"]) - float(p["hours_step"] or 0) / 2) for p in parts]
        high = [figures(p, float(p["hours"]) + float(p["hours_step"] or 0) / 2) for p in parts]
        for index, (cell, column, step, unit) in enumerate(
                [("kwh", "published_kwh", "kwh_step", "kWh"), ("t_co2e", "published_t_co2e", "t_step", "t CO2e")]):
            if not row[column]:
                continue
            a, b = interval(row, row[column], row[step])
            value = sum(f[index] for f in exact)
            span = (sum(f[index] for f in low), sum(f[index] for f in high))
            reproduced = span[0] <= b and span[1] >= a
            listed = cell in row["not_reproduced"].split(";")
            assert reproduced != listed, f"{path.name}: {row['row']}: {cell}"
            accepted = f"{text(a, row[step])}–{text(b, row[step])}"
            if row["hours_step"] not in ("", "0"):
                accepted += f" (Footprint {text(span[0], row[step])}–{text(span[1], row[step])} over the printed hours)"
            verdict = "**no**"
            if reproduced:
                verdict = "yes" if a <= value <= b else "yes, within the printed hours"
            print(f"| {row['source']} | {row['row']} | {unit} | {text(float(row[column]), row[step], 0)} "
                  f"| {text(value, row[step])} | {accepted} | {verdict} |")
