#!/usr/bin/env python3
"""Independent energy computation for nvidia-smi CSV logs, used to record the expected values in the tests.

Written separately from the Swift readers, with Python's csv module and datetime: per GPU (rows grouped by the
GPU id columns), the trapezoidal rule over the rows whose power reading is a number in [0, 5000] W, in file order,
skipping rows whose time does not advance. The power column is the first present of power.draw.average,
power.draw, power.draw.instant, then a column whose name contains "power". Local times are read as UTC
(equivalent to --tz UTC). Prints one JSON object per file: {file: {gpu: [samples, joules]}}.

Usage: Scripts/expected-energy.py FILE... [--fields timestamp,power.draw,...]
"""
import csv
import datetime
import io
import json
import re
import sys


def parse_time(text):
    text = text.strip()
    for layout in ("%Y/%m/%d %H:%M:%S.%f", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, layout).replace(tzinfo=datetime.timezone.utc).timestamp()
        except ValueError:
            pass
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.timezone.utc)
        return moment.timestamp()
    except ValueError:
        return None


def power(text, scale):
    match = re.fullmatch(r"\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)\s*(mW|W|kW)?\s*", text)
    if not match:
        return None
    value = float(match.group(1)) * {"mW": 0.001, "kW": 1000.0}.get(match.group(2), 1.0) * scale
    return value if 0 <= value <= 5000 else None


def compute(path, fields=None):
    raw = open(path, "rb").read()
    text = raw.decode("utf-16") if raw[:2] == b"\xff\xfe" else raw.decode("utf-8", "replace")
    rows = list(csv.reader(io.StringIO(text)))
    rows = [[cell.strip() for cell in row] for row in rows if row and any(cell.strip() for cell in row)]
    header = fields or [re.sub(r"\s*\[.*\]$", "", cell) for cell in rows[0]]
    if not fields:
        rows = rows[1:]
    lower = [name.lower() for name in header]
    time_col = next(i for i, n in enumerate(lower) if n in ("timestamp", "time", "datetime", "ts"))
    power_col = None
    for name in ("power.draw.average", "power.draw", "power.draw.instant"):
        if name in lower:
            power_col = lower.index(name)
            break
    if power_col is None:
        power_col = next(i for i, n in enumerate(lower) if "power" in n and "limit" not in n)
    id_cols = [i for i, n in enumerate(lower) if n in ("index", "gpu", "gpu_index", "uuid", "pci.bus_id", "name")]
    state = {}
    for row in rows:
        if len(row) != len(header) or [c.lower() for c in row] == lower or row[0].lower() == lower[0]:
            continue
        t = parse_time(row[time_col])
        p = power(row[power_col], 1.0)
        if t is None or p is None:
            continue
        key = "/".join(row[i] for i in id_cols) or "0"
        samples, joules, last = state.get(key, (0, 0.0, None))
        if last is not None:
            if t <= last[0]:
                continue
            joules += (last[1] + p) / 2 * (t - last[0])
        state[key] = (samples + 1, joules, (t, p))
    return {key: [value[0], value[1]] for key, value in state.items()}


if __name__ == "__main__":
    args = sys.argv[1:]
    fields = None
    if "--fields" in args:
        position = args.index("--fields")
        fields = args[position + 1].split(",")
        del args[position:position + 2]
    print(json.dumps({path.split("/")[-1]: compute(path, fields) for path in args}, indent=1, sort_keys=True))
