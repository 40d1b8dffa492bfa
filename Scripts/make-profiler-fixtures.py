#!/usr/bin/env python3
"""Writes synthetic power logs around two real profiler traces and the energies they imply, computed here
independently: Fixtures/profiler/power/*.csv and Fixtures/profiler/expected-profiler.json.

Power is sampled every 100 ms (nvidia-smi -lms 100) in UTC ISO 8601 from 3 s before the profiled window to 3 s
after it: the traced GPU follows a smooth curve, another GPU idles. Energies are the integral of the linear
interpolation between samples over each step and over each merged busy span. Run from the repository root.
"""
import datetime
import gzip
import json
import math
import pathlib

from power_integral import integrate

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUSY = {"kernel", "gpu_memcpy", "gpu_memset", "memcpy", "memset"}
CASES = {
    # trace file: (traced GPU index, idle GPU index)
    "hta_ns_resolution_rank-0.Apr_03_18_51_38.1102.pt.trace.json.gz": (0, 1),
    "hta_mi250_minitoy_train_ROCm6_2_kineto.json.gz": (2, 0),
}


def main():
    expected = {}
    for name, (gpu, idle) in CASES.items():
        document = json.loads(gzip.decompress((ROOT / "Fixtures/profiler" / name).read_bytes()))
        base = document.get("baseTimeNanoseconds")
        def unix(us):
            return base / 1e9 + us / 1e6 if base else us / 1e6
        events = document["traceEvents"]
        steps = sorted((e["ts"], e["ts"] + e["dur"]) for e in events if e.get("ph") == "X"
                       and str(e.get("name", "")).startswith("ProfilerStep#") and e.get("cat") != "gpu_user_annotation")
        window = (steps[0][0], max(end for _, end in steps))
        spans = sorted((e["ts"], e["ts"] + e["dur"]) for e in events if e.get("ph") == "X"
                       and str(e.get("cat", "")).lower() in BUSY and e.get("pid") == gpu and e.get("dur", 0) > 0)
        merged = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        first = math.floor(unix(window[0])) - 3
        last = math.ceil(unix(window[1])) + 3
        lines = ["timestamp, index, power.draw [W], utilization.gpu [%]"]
        points = []
        tick = 0
        while first + tick * 0.1 <= last:
            t = round(first + tick * 0.1, 1)
            watts = round(180 + 90 * math.sin(tick / 4.0) + 20 * math.cos(tick / 11.0), 2)
            stamp = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
            lines.append(f"{stamp}, {gpu}, {watts:.2f} W, 90 %")
            lines.append(f"{stamp}, {idle}, 55.00 W, 0 %")
            points.append((t, watts))
            tick += 1
        csv_name = name.split(".")[0] + "-power.csv"
        (ROOT / "Fixtures/profiler/power" / csv_name).write_text("\n".join(lines) + "\n")
        step_joules = [integrate(points, unix(a), unix(b)) for a, b in steps]
        window_joules = integrate(points, unix(window[0]), unix(window[1]))
        busy = 0.0
        busy_us = 0.0
        for start, end in merged:
            a, b = max(start, window[0]), min(end, window[1])
            if b > a:
                busy += integrate(points, unix(a), unix(b))
                busy_us += b - a
        expected[name] = {
            "power_csv": csv_name, "gpu": gpu, "step_joules": step_joules, "window_joules": window_joules,
            "busy_joules": busy, "idle_joules": window_joules - busy,
            "busy_fraction": busy_us / (window[1] - window[0]),
        }
    (ROOT / "Fixtures/profiler/expected-profiler.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
