#!/usr/bin/env python3
"""Computes, with Python's csv module alone, what footprint must read from CodeCarbon emissions.csv files:
per file, the runs (the last row of each run_id; a row without one is a run of its own; 1.x files name the run
experiment_id), the GPU energy of the runs that tracked a GPU (a gpu_count above 0, a gpu_model, or gpu_energy above
0), the CPU and RAM energy, and CodeCarbon's own emissions.

    python3 Scripts/codecarbon-expected.py FILE…

Prints one JSON object per file (a line each), keyed by the file's name.
"""
import csv
import json
import pathlib
import sys


def number(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if value >= 0 and value == value and value != float("inf") else None


def expected(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header = [cell.strip().lower() for cell in rows[0]]
    runs, order, with_gpu = {}, [], set()
    for line, cells in enumerate(rows[1:], start=2):
        if not cells or len(cells) > len(header):
            continue
        row = dict(zip(header, cells))
        key = row.get("run_id", row.get("experiment_id")) or f"line {line}"
        gpu = number(row.get("gpu_energy"))
        if (number(row.get("gpu_count")) or 0) > 0 or row.get("gpu_model") or (gpu or 0) > 0:
            with_gpu.add(key)
        if key not in runs:
            order.append(key)
        runs[key] = row
    gpu_kwh, gpu_runs, cpu, ram = 0.0, 0, None, None
    for key in order:
        row = runs[key]
        gpu = number(row.get("gpu_energy"))
        if key in with_gpu and gpu is not None and (number(row.get("duration")) or 0) > 0:
            gpu_kwh += gpu
            gpu_runs += 1
        if number(row.get("cpu_energy")) is not None:
            cpu = (cpu or 0) + number(row["cpu_energy"])
        if number(row.get("ram_energy")) is not None:
            ram = (ram or 0) + number(row["ram_energy"])
    emissions = sum(number(runs[k].get("emissions")) or 0 for k in order)
    return {"file": pathlib.Path(path).name, "columns": len(header), "runs": len(order), "gpu_runs": gpu_runs,
            "gpu_kwh": gpu_kwh, "cpu_kwh": cpu, "ram_kwh": ram, "emissions_kg": emissions}


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        print(json.dumps(expected(argument)))
