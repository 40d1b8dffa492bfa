#!/usr/bin/env python3
"""Energies of `dcgmi dmon` files, computed independently of Footprint, per GPU:

- counter: the sum of the positive increments of TOTEC (mJ -> J); a decrease is a reset and adds nothing;
- trapezoid: POWER (W) integrated with the trapezoidal rule over tick times (tick k at k x interval seconds;
  a tick ends when an entity repeats or a header pair is printed).

Usage: python3 Scripts/dcgm-energies.py FILE [--interval SECONDS]
"""
import sys


def energies(path, interval=1.0):
    names = None
    tick = -1
    seen = set()
    header_since_row = False
    per_gpu = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            if not raw.endswith("\n"):
                continue  # a cut last line
            line = raw.rstrip("\n")
            if "#Entity" in line or "# Entity" in line:
                start = line.index("#")
                names = line[start:].replace("# Entity", "#Entity").split()[1:]
                header_since_row = True
                continue
            tokens = line.split()
            if names is None or len(tokens) < 2 or tokens[0] != "GPU" or not tokens[1].isdigit():
                continue
            key = tokens[1]
            if tick < 0 or header_since_row or key in seen:
                tick += 1
                seen = set()
                header_since_row = False
            seen.add(key)
            values = dict(zip(names, tokens[2:])) if len(tokens) - 2 == len(names) else {}
            gpu = per_gpu.setdefault(key, {"power": [], "counter": []})
            t = tick * interval
            try:
                gpu["power"].append((t, float(values["POWER"])))
            except (KeyError, ValueError):
                pass
            try:
                gpu["counter"].append(int(values["TOTEC"]))
            except (KeyError, ValueError):
                pass
    result = {}
    for key, gpu in sorted(per_gpu.items()):
        counter = sum(b - a for a, b in zip(gpu["counter"], gpu["counter"][1:]) if b > a) / 1000.0
        power = gpu["power"]
        trapezoid = sum((w0 + w1) / 2 * (t1 - t0) for (t0, w0), (t1, w1) in zip(power, power[1:]))
        result[key] = {"counter_joules": counter, "trapezoid_joules": trapezoid,
                       "counter_readings": len(gpu["counter"]), "power_samples": len(power)}
    return result


if __name__ == "__main__":
    interval = 1.0
    if "--interval" in sys.argv:
        interval = float(sys.argv[sys.argv.index("--interval") + 1])
    for key, row in energies(sys.argv[1], interval).items():
        print(f"GPU {key}: counter {row['counter_joules']:.3f} J ({row['counter_readings']} readings), "
              f"POWER trapezoid {row['trapezoid_joules']:.4f} J ({row['power_samples']} samples)")
