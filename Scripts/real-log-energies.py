#!/usr/bin/env python3
"""GPU energy of every power log in ../shared/real-logs, computed independently of footprint.

Prints the table that Tests/FootprintKitTests/RealLogsTests.swift holds: one row per GPU of each file that has GPU
power samples, with the energy in joules, the number of valid samples and the longest interval between two of them.

Rules (written from nvidia-smi's documentation and the files themselves, not from footprint's code):
- Files: every *.csv, *.log, *.txt under nvidia-smi-csv/. A file is read only when its first line is a header with
  a time column and a GPU power column, or (headerless) when a field of the first row carries the unit 'W' (then
  that field is power.draw and the first field the timestamp). Other files give no energy (None).
- Power column: power.draw.average, else power.draw, else power.draw.instant, else a column named power_W /
  power_w; the first of these whose valid readings are at least half those of the column with the most.
- Units: a value may end in ' W' (csv with units); it is dropped. Values are watts.
- Invalid readings ('[N/A]', 'N/A', '[Unknown Error]', '[Not Supported]', empty, not a number, negative, not
  finite, above 5000 W) are left out: the sample does not exist, and the trapezoid joins its neighbours.
- Times: 'YYYY/MM/DD HH:MM:SS.fff' is local time, read as UTC (footprint's --tz UTC); ISO 8601 with 'Z' or an
  offset is absolute. Times are kept as exact integer microseconds.
- GPU: the 'gpu' column when present (gpu_glasses: its 'index' column is always 0), else gpu_index / index / uuid,
  else one GPU.
- Repeated times: a sample at the same time as the GPU's previous valid sample is left out (the first is kept);
  a sample earlier than it is left out too.
- Integration: trapezoid over consecutive valid samples of one GPU, every gap bridged linearly (the rule
  footprint uses while no bridge limit applies). The script asserts that no interval between consecutive valid
  samples of a GPU is 60 s or longer, so a bridge limit of 1 to 10 minutes changes none of these energies.
"""
import csv
import io
import math
import os
import sys
from datetime import datetime, timezone
from fractions import Fraction

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "real-logs", "nvidia-smi-csv")
INVALID = {"[n/a]", "n/a", "[unknown error]", "[not supported]", ""}
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def micros(text):
    """Exact integer microseconds since the epoch of one timestamp, or None."""
    text = text.strip()
    try:
        if "/" in text:
            moment = datetime.strptime(text, "%Y/%m/%d %H:%M:%S.%f").replace(tzinfo=timezone.utc)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    delta = moment - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def watts(text):
    text = text.strip()
    if text.lower() in INVALID:
        return None
    if text.endswith(" W"):
        text = text[:-2]
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or value < 0 or value > 5000:
        return None
    return value


def rows_of(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xff\xfe"):
        text = raw[2:].decode("utf-16-le")
    else:
        text = raw.decode("utf-8", errors="replace")
    return [row for row in csv.reader(io.StringIO(text)) if row]


def columns(path):
    """(time column, power columns in preference order, gpu column, data rows) or None when not read."""
    rows = rows_of(path)
    header = [cell.strip().split(" [")[0] for cell in rows[0]]
    if micros(rows[0][0]) is not None:  # headerless
        power = [i for i, cell in enumerate(rows[0]) if cell.strip().endswith(" W")]
        return (0, power, None, rows) if power else None
    if "timestamp" not in header:
        return None
    order = ["power.draw.average", "power.draw", "power.draw.instant", "power_W", "power_w"]
    power = [header.index(name) for name in order if name in header]
    if not power:
        return None
    gpu = next((header.index(name) for name in ["gpu", "gpu_index", "index", "uuid"] if name in header), None)
    return (header.index("timestamp"), power, gpu, [row for row in rows[1:] if row[0].strip() != "timestamp"])


def energies(path):
    found = columns(path)
    if found is None:
        return None
    time_column, power_columns, gpu_column, rows = found
    width = max(len(row) for row in rows)
    rows = [row for row in rows if len(row) == width]  # a row cut short (truncated file) is left out
    counts = [sum(1 for row in rows if watts(row[c]) is not None and micros(row[time_column]) is not None)
              for c in power_columns]
    best = max(counts)
    column = next(c for c, n in zip(power_columns, counts) if 2 * n >= best)
    series = {}
    for row in rows:
        moment, value = micros(row[time_column]), watts(row[column])
        if moment is None or value is None:
            continue
        gpu = row[gpu_column].strip() if gpu_column is not None else "0"
        samples = series.setdefault(gpu, [])
        if samples and moment <= samples[-1][0]:
            continue  # repeated or earlier time: left out
        samples.append((moment, value))
    result = {}
    for gpu, samples in series.items():
        joules = Fraction(0)
        longest = 0
        for (t0, w0), (t1, w1) in zip(samples, samples[1:]):
            joules += (Fraction(w0) + Fraction(w1)) / 2 * Fraction(t1 - t0, 1_000_000)
            longest = max(longest, t1 - t0)
        assert longest < 60_000_000, (path, gpu, longest)
        result[gpu] = (float(joules), len(samples), longest / 1e6)
    return result


def main():
    print("// file, GPU, joules, valid samples, longest interval (s): python3 Scripts/real-log-energies.py")
    for name in sorted(os.listdir(ROOT)):
        result = energies(os.path.join(ROOT, name))
        if result is None:
            print(f'// {name}: no energy (no header with time and GPU power, no field in W)')
            continue
        for gpu in sorted(result, key=lambda g: (len(g), g)):
            joules, count, longest = result[gpu]
            print(f'("{name}", "{gpu}", {joules!r}, {count}, {longest!r}),')


if __name__ == "__main__":
    sys.exit(main())
