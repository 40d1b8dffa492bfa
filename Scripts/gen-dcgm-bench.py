#!/usr/bin/env python3
"""Writes a week of DCGM metrics as Prometheus `query_range` JSON, for the streaming benchmark: 8 GPUs of one host,
a point every 15 s, `DCGM_FI_DEV_POWER_USAGE` (W) and `DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION` (mJ, the counter
footprint prefers) per GPU.

    python3 Scripts/gen-dcgm-bench.py OUT_FOLDER

Prints the file's path and the counter's energy per GPU and in all (J): the sum of its increments.
"""
import json
import math
import os
import sys

START = 1_709_251_200  # 2024-03-01 00:00:00 UTC
STEP = 15
POINTS = 7 * 24 * 3600 // STEP + 1
GPUS = 8


def watts(gpu, index):
    return round(350 + 25 * gpu + 150 * math.sin(index / 400 + gpu), 3)


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "query_range.json")
    results = []
    energies = []
    for gpu in range(GPUS):
        labels = {"Hostname": "node-bench", "UUID": "GPU-bench-%04d" % gpu, "gpu": str(gpu),
                  "modelName": "NVIDIA H100 80GB HBM3"}
        power = [[START + STEP * i, "%.3f" % watts(gpu, i)] for i in range(POINTS)]
        counter, millijoules = [], 1_000_000_000
        for i in range(POINTS):
            if i > 0:
                millijoules += round((watts(gpu, i - 1) + watts(gpu, i)) / 2 * STEP * 1000)
            counter.append([START + STEP * i, str(millijoules)])
        energies.append((millijoules - 1_000_000_000) / 1000)
        results.append({"metric": dict(labels, __name__="DCGM_FI_DEV_POWER_USAGE"), "values": power})
        results.append({"metric": dict(labels, __name__="DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION"), "values": counter})
    with open(path, "w") as out:
        json.dump({"status": "success", "data": {"resultType": "matrix", "result": results}}, out,
                  separators=(",", ":"))
    print(path)
    print("joules", json.dumps(energies), "total", sum(energies))


if __name__ == "__main__":
    main()
