#!/usr/bin/env python3
"""Writes a large W&B run file for the streaming benchmark: `run-bench.wandb`, 8 GPUs, one stats record per
10 s tick (SDK <= 0.16 layout: every GPU's power, utilization and memory in one record), until the file reaches the
asked size (default 1 GB). The framing is the transaction log's (W&B's 7-byte file header, 32 KiB blocks, 7-byte
chunk headers with a CRC-32 over the type byte and the payload); the records are wandb's own protobuf messages.

    python3 Scripts/gen-wandb-bench.py OUT_FOLDER [BYTES]

Prints the file's path, its GPUs' energy (trapezoid over the ticks, J) and the number of ticks, for checking the
report against. Needs the `wandb` package (for its protobuf classes only).
"""
import json
import math
import os
import struct
import sys
import zlib

from wandb.proto import wandb_internal_pb2 as pb

HEADER = bytes.fromhex("3a572642e1be00")  # ":W&B", magic and version 0, as wandb writes it
BLOCK = 32768
START = 1_700_000_000
GPUS = 8


def watts(gpu, tick):
    return round(250 + 20 * gpu + 100 * math.sin(tick / 50 + gpu), 2)


def record(tick):
    stats = pb.StatsRecord()
    stats.stats_type = pb.StatsRecord.StatsType.SYSTEM
    stats.timestamp.seconds = START + 10 * tick
    for gpu in range(GPUS):
        for key, value in (("powerWatts", watts(gpu, tick)), ("gpu", 97.5), ("memoryAllocated", 81.25),
                           ("temp", 64.0), ("powerPercent", 71.5)):
            item = stats.item.add()
            item.key = "gpu.%d.%s" % (gpu, key)
            item.value_json = json.dumps(value)
    message = pb.Record()
    message.stats.CopyFrom(stats)
    return message.SerializeToString()


def frame(payload, position):
    """The chunks of one record written at `position` (FULL, or FIRST/MIDDLE.../LAST across blocks)."""
    out = bytearray()
    first = True
    while True:
        left = BLOCK - position % BLOCK
        if left < 7:
            out += b"\0" * left
            position += left
            left = BLOCK
        room = left - 7
        piece, payload = payload[:room], payload[room:]
        last = not payload
        kind = 1 if first and last else 2 if first else 4 if last else 3
        out += struct.pack("<IHB", zlib.crc32(bytes([kind]) + piece) & 0xFFFFFFFF, len(piece), kind) + piece
        position += 7 + len(piece)
        first = False
        if last:
            return bytes(out)


def main():
    folder = sys.argv[1]
    target = int(float(sys.argv[2])) if len(sys.argv) > 2 else 1_000_000_000
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "run-bench.wandb")
    joules = [0.0] * GPUS
    tick = 0
    with open(path, "wb") as out:
        out.write(HEADER)
        position = len(HEADER)
        while position < target:
            data = frame(record(tick), position)
            out.write(data)
            position += len(data)
            if tick > 0:
                for gpu in range(GPUS):
                    joules[gpu] += (watts(gpu, tick - 1) + watts(gpu, tick)) / 2 * 10
            tick += 1
    print(path)
    print("ticks", tick, "joules", json.dumps(joules), "total", sum(joules))


if __name__ == "__main__":
    main()
