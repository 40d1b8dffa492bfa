#!/usr/bin/env python3
"""Computes, independently of the tool, the start-time counterfactual that WhatIfTests checks `footprint whatif
--shift` against: a run of 2 GPUs drawing 300 W from 2024-06-10 10:20:00 to 12:20:00 UTC (a sample every 30 s)
priced with an hourly intensity series from 2024-06-09 22:00 to 2024-06-10 24:00 UTC, PUE 1.2, moved by whole
hours within ±12 h.

The test writes the same run and series (WhatIfTests.swift: `shiftRun`, `hourlyIntensities`); keep the two in
step. Each moved run is priced only when the series covers it from its first to its last sample; its energy in each
series interval is the trapezoidal integral of its samples clipped to the interval (linear interpolation at the
edges). Run from anywhere: python3 Scripts/whatif-check.py
"""
import datetime

UTC = datetime.timezone.utc
RUN_START = datetime.datetime(2024, 6, 10, 10, 20, tzinfo=UTC).timestamp()
RUN_SECONDS = 2 * 3600
SAMPLE_SECONDS = 30
GPUS = 2
WATTS = 300.0
PUE = 1.2
WINDOW_HOURS = 12
SERIES_START = datetime.datetime(2024, 6, 9, 22, tzinfo=UTC).timestamp()
INTENSITIES = [
    420, 410, 395, 380, 350, 300, 260, 90, 60, 75, 240, 310, 330, 360, 380, 400, 410, 430, 450, 470, 460, 440, 430,
    420, 415, 405,
]


def samples():
    """(seconds, watts) of one GPU."""
    return [(RUN_START + i * SAMPLE_SECONDS, WATTS) for i in range(RUN_SECONDS // SAMPLE_SECONDS + 1)]


def joules_between(points, start, end):
    """Trapezoidal energy of `points` (time-sorted) between `start` and `end`."""
    total = 0.0
    for (t0, w0), (t1, w1) in zip(points, points[1:]):
        lo, hi = max(t0, start), min(t1, end)
        if hi <= lo:
            continue
        at = lambda t: w0 + (w1 - w0) * (t - t0) / (t1 - t0)
        total += (at(lo) + at(hi)) / 2 * (hi - lo)
    return total


def kg_at(offset):
    """kg CO2e of the run moved by `offset` seconds, or None when the series does not cover it."""
    series_end = SERIES_START + 3600 * len(INTENSITIES)
    grams = 0.0
    for _ in range(GPUS):
        moved = [(t + offset, w) for t, w in samples()]
        if moved[0][0] < SERIES_START or moved[-1][0] > series_end:
            return None
        for index, grams_per_kwh in enumerate(INTENSITIES):
            start = SERIES_START + 3600 * index
            grams += joules_between(moved, start, start + 3600) / 3.6e6 * grams_per_kwh
    return grams * PUE / 1000


def iso(seconds):
    return datetime.datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


priced = {}
for hours in range(-WINDOW_HOURS, WINDOW_HOURS + 1):
    kg = kg_at(hours * 3600)
    if kg is not None:
        priced[hours] = kg
best = min(priced, key=lambda h: (priced[h], abs(h), h))
worst = min(priced, key=lambda h: (-priced[h], abs(h), h))
actual = priced[0]
print(f"it_joules {GPUS * joules_between(samples(), RUN_START, RUN_START + RUN_SECONDS)!r}")
print(f"priced {len(priced)} of {2 * WINDOW_HOURS + 1} (not covered: {2 * WINDOW_HOURS + 1 - len(priced)})")
print(f"actual_kg {actual!r}")
print(f"best_start {iso(RUN_START + best * 3600)} offset_hours {best} best_kg {priced[best]!r}")
print(f"worst_start {iso(RUN_START + worst * 3600)} offset_hours {worst} worst_kg {priced[worst]!r}")
print(f"saving_kg {actual - priced[best]!r} saving_percent {(actual - priced[best]) / actual * 100!r}")
