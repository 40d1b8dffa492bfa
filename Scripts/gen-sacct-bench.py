#!/usr/bin/env python3
"""Writes a sacct --parsable2 dump of N jobs (default 10,000; each with its .batch and .extern steps) for timing
`footprint audit --sacct`, and prints the figures the audit must give, summed here from the values written:
the node energy of the jobs with ConsumedEnergyRaw and the estimate of the others with GPUs (A100: 400 W TDP)."""
import datetime
import random
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "sacct-10k.txt"
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
random.seed(7)
start0 = datetime.datetime(2024, 1, 1)
lines = ["JobID|JobName|Partition|Account|State|NNodes|NodeList|AllocTRES|Start|End|Elapsed|ElapsedRaw|ConsumedEnergyRaw"]
node_joules = 0
gpu_hours = 0.0
without = 0
for i in range(count):
    start = start0 + datetime.timedelta(minutes=50 * i)
    elapsed = 600 + random.randint(0, 36_000)
    end = start + datetime.timedelta(seconds=elapsed)
    gpus = random.choice([0, 1, 2, 4, 8])
    tres = f"billing={gpus or 1},cpu={8 * (gpus or 1)}," + (
        f"gres/gpu:a100={gpus},gres/gpu={gpus}," if gpus else "") + "mem=64G,node=1"
    energy = random.choice([0, 0, random.randint(100, 3000) * elapsed])
    if energy > 0:
        node_joules += energy
    elif gpus > 0:
        gpu_hours += gpus * elapsed / 3600
    else:
        without += 1
    hours, rest = divmod(elapsed, 3600)
    clock = f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"
    times = f"{start:%Y-%m-%dT%H:%M:%S}|{end:%Y-%m-%dT%H:%M:%S}|{clock}|{elapsed}"
    job = 100_000 + i
    node = f"gpu{i % 64:02d}"
    lines.append(f"{job}|job{i}|gpu|lab|COMPLETED|1|{node}|{tres}|{times}|{energy}")
    lines.append(f"{job}.batch|batch||lab|COMPLETED|1|{node}|{tres}|{times}|{energy // 2}")
    lines.append(f"{job}.extern|extern||lab|COMPLETED|1|{node}|{tres}|{times}|{energy}")
with open(out, "w") as file:
    file.write("\n".join(lines) + "\n")
print(f"{count} jobs: node energy {node_joules / 3.6e6:.9f} kWh; estimate {gpu_hours * 0.4:.9f} kWh "
      f"({gpu_hours:.6f} A100 GPU-hours); {without} jobs with neither")
