#!/usr/bin/env python3
"""Each GPU's energy in W&B files, computed independently of footprint's Swift code.

Reads `run-<id>.wandb` transaction logs (the LevelDB-log framing and the protobuf wire format decoded here, by
hand: no wandb package needed), `wandb-events.jsonl` streams and CSV exports of `run.history(stream="system")`.
For every GPU `i` it takes the `gpu.{i}.powerWatts` samples (`system.gpu.{i}.powerWatts` in the text layouts;
never `gpu.process.{i}.*`, which repeat them) at their epoch-second times, sorts them by time, drops a sample at
the same time as the one before it, and integrates with the trapezoid rule (no extrapolation, every gap
bridged).

Damage is treated as the W&B reader does: a chunk whose CRC-32 (IEEE, over the type byte and the payload) does
not match is dropped with the record it belongs to, and reading resumes at the next block's first FULL or FIRST
chunk; a file that ends inside a chunk or a record ends there.

Usage: python3 Scripts/wandb-energies.py FILE... > expected.json
Prints {file name: {gpu index: {"joules": J, "samples": n}}} as JSON.
"""

import csv
import gzip
import json
import re
import struct
import sys
import zlib

BLOCK = 32 * 1024
GPU_KEY = re.compile(r"^gpu\.(\d+)\.powerWatts$")
SYSTEM_GPU_KEY = re.compile(r"^system\.gpu\.(\d+)\.powerWatts$")


def read_bytes(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data


def varint(buf, pos):
    result, shift = 0, 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def wire_fields(buf):
    """(field number, value) pairs of one protobuf message; values of length-delimited fields are bytes."""
    pos = 0
    while pos < len(buf):
        key, pos = varint(buf, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = varint(buf, pos)
        elif wire == 1:
            value, pos = buf[pos : pos + 8], pos + 8
        elif wire == 5:
            value, pos = buf[pos : pos + 4], pos + 4
        elif wire == 2:
            length, pos = varint(buf, pos)
            value, pos = buf[pos : pos + length], pos + length
        else:
            raise ValueError("unsupported wire type %d" % wire)
        yield number, value


def wandb_records(data):
    """The payloads of the intact records of a transaction log."""
    if data[:4] != b":W&B":
        raise ValueError("not a W&B transaction log")
    pos = 7
    pending = None
    skipping = False
    while True:
        left = BLOCK - pos % BLOCK
        if left < 7:
            pos += left
            continue
        if pos + 7 > len(data):
            return
        checksum, length, kind = struct.unpack_from("<IHB", data, pos)
        if checksum == 0 and length == 0 and kind == 0:
            pos += left
            continue
        payload = data[pos + 7 : pos + 7 + length]
        if len(payload) < length or length + 7 > left:
            if len(payload) < length:
                return
            pending, skipping = None, True
            pos += left
            continue
        if zlib.crc32(bytes([kind]) + payload) & 0xFFFFFFFF != checksum:
            pending, skipping = None, True
            pos += left
            continue
        pos += 7 + length
        if skipping and kind in (3, 4):
            continue
        skipping = False
        if kind == 1:
            pending = None
            yield payload
        elif kind == 2:
            pending = bytearray(payload)
        elif kind == 3 and pending is not None:
            pending.extend(payload)
        elif kind == 4 and pending is not None:
            pending.extend(payload)
            yield bytes(pending)
            pending = None


def wandb_samples(data):
    samples = {}
    for record in wandb_records(data):
        for number, value in wire_fields(record):
            if number != 7:
                continue
            seconds, items = None, []
            for field, content in wire_fields(value):
                if field == 2:
                    parts = dict(wire_fields(content))
                    seconds = parts.get(1, 0) + parts.get(2, 0) / 1e9
                elif field == 3:
                    item = dict(wire_fields(content))
                    items.append((item.get(1, b"").decode(), item.get(16, b"").decode()))
            for key, text in items:
                match = GPU_KEY.match(key)
                if match and seconds is not None:
                    samples.setdefault(match.group(1), []).append((seconds, float(text.strip('"'))))
    return samples


def text_samples(rows):
    samples = {}
    for row in rows:
        seconds = row.get("_timestamp")
        if seconds in (None, ""):
            continue
        for key, value in row.items():
            match = SYSTEM_GPU_KEY.match(key or "")
            if match and value not in (None, ""):
                samples.setdefault(match.group(1), []).append((float(seconds), float(value)))
    return samples


def integrate(points):
    points = sorted(points, key=lambda point: point[0])
    kept = []
    for point in points:
        if kept and point[0] == kept[-1][0]:
            continue
        kept.append(point)
    joules = sum((b[0] - a[0]) * (a[1] + b[1]) / 2 for a, b in zip(kept, kept[1:]))
    return {"joules": joules, "samples": len(kept)}


def energies(path):
    data = read_bytes(path)
    if data[:4] == b":W&B":
        samples = wandb_samples(data)
    elif data.lstrip()[:1] == b"{":
        rows = [json.loads(line) for line in data.decode().splitlines() if line.strip()]
        samples = text_samples(rows)
    else:
        samples = text_samples(csv.DictReader(data.decode().splitlines()))
    return {gpu: integrate(points) for gpu, points in sorted(samples.items(), key=lambda item: int(item[0]))}


def main():
    result = {path.rsplit("/", 1)[-1]: energies(path) for path in sys.argv[1:]}
    json.dump(result, sys.stdout, indent=2, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
