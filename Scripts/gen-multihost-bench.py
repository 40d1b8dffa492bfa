#!/usr/bin/env python3
"""Writes the multi-host benchmark run: 64 hosts × 8 GPUs, one hour at 1 Hz, one nvidia-smi --query-gpu CSV per
host in its own folder (OUT/node01/nvidia-smi.csv …), about 1.8 M rows. Deterministic.

Usage: python3 Scripts/gen-multihost-bench.py /tmp/footprint-bench/multihost"""
import math, os, sys

HOSTS, GPUS, SECONDS = 64, 8, 3600
START = 1709647200  # 2024-03-05 14:00:00 UTC


def main(out):
    for host in range(HOSTS):
        folder = os.path.join(out, "node%02d" % (host + 1))
        os.makedirs(folder, exist_ok=True)
        lines = ["timestamp, index, name, power.draw [W], utilization.gpu [%], memory.used [MiB]"]
        for t in range(SECONDS):
            s = START + t
            stamp = "2024/03/05 %02d:%02d:%02d.%03d" % (s // 3600 % 24, s // 60 % 60, s % 60, (host * 7) % 1000)
            for gpu in range(GPUS):
                watts = 300 + 80 * math.sin((t + 13 * host + 5 * gpu) / 17.0)
                lines.append("%s, %d, NVIDIA H100 80GB HBM3, %.2f W, 98 %%, 71234 MiB" % (stamp, gpu, watts))
        with open(os.path.join(folder, "nvidia-smi.csv"), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/footprint-bench/multihost")
