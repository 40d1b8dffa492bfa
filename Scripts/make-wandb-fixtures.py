#!/usr/bin/env python3
"""Writes the W&B fixtures of Fixtures/wandb/ with wandb's own writer, from synthetic, known power values.

Run files (`run-<id>.wandb`) are written by wandb itself: an offline run (`wandb.init(mode="offline")`, system
sampling and machine info turned off) into which this script publishes `StatsRecord`s and an
`EnvironmentRecord` built with wandb's protobuf classes, with the times and watts below. wandb-core frames and
checksums them as it does a real run's. The SDK-0.16 layout (one stats record per tick holding every key,
`gpu.process.{i}.*` repeats included) and the SDK-0.18 layout (one record per asset per tick, milliseconds apart)
are both written this way. The legacy `wandb-events.jsonl` (2020 clients) and the CSV export of
`run.history(stream="system")` are not written by any current wandb: they are written here in the layout of the
real samples described in ../shared/FORMATS.md section 6b. Damaged copies are byte edits of the written files.

Needs wandb (tested with 0.31.0):
    python3 -m venv /tmp/venv-wandb && /tmp/venv-wandb/bin/pip install wandb
    /tmp/venv-wandb/bin/python Scripts/make-wandb-fixtures.py
Then: python3 Scripts/wandb-energies.py <the power files> > Fixtures/wandb/expected.json (the script prints the
command it used).
"""

import csv
import glob
import gzip
import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import wandb
from wandb.proto import wandb_internal_pb2 as pb

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "Fixtures", "wandb")
START = 1_700_000_000  # 2023-11-14 22:13:20 UTC


def watts(gpu, tick):
    """A synthetic, known power curve: a ramp and a slow wave, different for each GPU."""
    return round(60 + 35 * gpu + 2.5 * tick + 20 * math.sin(tick / 3 + gpu), 3)


def stats_record(seconds, items):
    stats = pb.StatsRecord()
    stats.stats_type = pb.StatsRecord.StatsType.SYSTEM
    stats.timestamp.seconds = int(seconds)
    stats.timestamp.nanos = int(round((seconds - int(seconds)) * 1e9))
    for key, value in items:
        item = stats.item.add()
        item.key = key
        item.value_json = json.dumps(value)
    return stats


def write_run(run_id, host, records, folder):
    """An offline run whose transaction log holds `records` (Record fields), written by wandb-core."""
    work = tempfile.mkdtemp()
    settings = wandb.Settings(
        mode="offline", x_disable_stats=True, x_disable_machine_info=True, host=host, root_dir=work, silent=True
    )
    run = wandb.init(project="footprint-fixtures", id=run_id, settings=settings)
    interface = run._interface
    for record in records:
        if isinstance(record, bytes):
            message = pb.Record()
            message.ParseFromString(record)
            interface._publish(message)
        else:
            interface._publish(interface._make_record(**record))
    run.finish()
    # Stopping wandb's service makes sure the log is flushed and closed before it is copied.
    wandb.teardown()
    written = glob.glob(os.path.join(work, "wandb", "offline-run-*", "run-%s.wandb" % run_id))
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, "run-%s.wandb" % run_id)
    shutil.copyfile(written[0], target)
    shutil.rmtree(work)
    return target


def history_record(step, seconds, metrics):
    """A history step as wandb writes it: the metrics, `_step`, `_timestamp` and `_runtime` as JSON text."""
    history = pb.HistoryRecord()
    for key, value in list(metrics) + [("_step", step), ("_timestamp", seconds), ("_runtime", seconds - START)]:
        item = history.item.add()
        item.key = key
        item.value_json = json.dumps(value)
    history.step.num = step
    return history


def per_tick():
    """SDK <= 0.16: one record per 30 s tick with every key, gpu.process.0.* repeating GPU 0; and the run's
    history: steps 0..9 of `loss` (and `lr`), one every 30 s from START + 15 s to START + 285 s."""
    records = []
    for tick in range(12):
        items = [("cpu", 12.5), ("memory", 40.1), ("network.sent", 1000 * tick)]
        for gpu in range(2):
            items += [("gpu.%d.gpu" % gpu, 97.0), ("gpu.%d.powerWatts" % gpu, watts(gpu, tick))]
            items += [("gpu.%d.powerPercent" % gpu, watts(gpu, tick) / 3.5)]
        items += [("gpu.process.0.powerWatts", watts(0, tick)), ("gpu.process.0.gpu", 97.0)]
        records.append({"stats": stats_record(START + 30 * tick + 0.25, items)})
        if tick < 10:
            metrics = [("loss", round(3.0 - 0.25 * tick, 3)), ("lr", 0.0006)]
            records.append({"history": history_record(tick, START + 15 + 30 * tick, metrics)})
    folder = os.path.join(OUT, "per-tick")
    write_run("pertick01", "gpu-box", records, folder)
    os.makedirs(os.path.join(folder, "files"), exist_ok=True)
    with open(os.path.join(folder, "files", "wandb-metadata.json"), "w") as handle:
        json.dump(
            {"host": "gpu-box", "gpu": "NVIDIA GeForce RTX 3090", "gpu_count": 2, "startedAt": "2023-11-14T22:13:20"},
            handle,
            indent=4,
        )


def per_asset_records(ticks, gpus, big_tick=None, offset=0.0):
    """SDK >= 0.18: per 15 s tick a memory, a GPU and a CPU record, a few milliseconds apart."""
    records = []
    for tick in range(ticks):
        base = START + 15 * tick + offset
        records.append({"stats": stats_record(base, [("memory_percent", 40.0), ("proc.memory.rssMB", 812.5)])})
        gpu_items = []
        for gpu in range(gpus):
            gpu_items += [
                ("gpu.%d.powerWatts" % gpu, watts(gpu, tick)),
                ("gpu.%d.powerPercent" % gpu, watts(gpu, tick) / 4),
                ("gpu.%d.temp" % gpu, 60),
                ("gpu.%d.enforcedPowerLimitWatts" % gpu, 400),
            ]
        records.append({"stats": stats_record(base + 0.004, gpu_items)})
        cores = 2500 if tick == big_tick else 4
        records.append({"stats": stats_record(base + 0.006, [("cpu.%d.cpu_percent" % core, 3.25) for core in range(cores)])})
    return records


def per_asset():
    environment = pb.EnvironmentRecord(host="node-a", gpu_type="NVIDIA A100-SXM4-80GB", gpu_count=4)
    for _ in range(4):
        environment.gpu_nvidia.add(name="NVIDIA A100-SXM4-80GB", memory_total=85899345920)
    records = [{"environment": environment}] + per_asset_records(40, 4, big_tick=10)
    return write_run("perasset1", "node-a", records, os.path.join(OUT, "per-asset"))


def rank_duplicates():
    """Two ranks' runs on one node: each logs the node's two GPUs, the second 20 ms after the first."""
    for rank, run_id in enumerate(["rank0000", "rank0001"]):
        records = per_asset_records(10, 2, offset=0.02 * rank)
        write_run(run_id, "node-7", records, os.path.join(OUT, "rank-duplicates", "run-%s" % run_id))


def unknown_fields():
    """Records with fields that no wandb version defines, at every level the reader decodes."""
    records = []
    for tick in range(6):
        stats = stats_record(START + 15 * tick, [("gpu.0.powerWatts", watts(0, tick))])
        item = stats.item[0].SerializeToString() + b"\x2d\x01\x02\x03\x04"  # field 5, fixed32
        stats_bytes = b"".join(
            [stats.SerializeToString(), b"\x4a\x03abc"]  # field 9, a string
        )
        parsed = pb.StatsRecord()
        parsed.ParseFromString(stats_bytes)
        del parsed.item[:]
        entry = parsed.item.add()
        entry.ParseFromString(item)
        record = pb.Record(stats=parsed).SerializeToString() + b"\xb0\x09\x07"  # field 150, a varint
        records.append(record)
    write_run("unknown01", "node-u", records, os.path.join(OUT, "unknown-fields"))


def chunks(data):
    """(offset, length, type) of each chunk of a transaction log."""
    pos, found = 7, []
    while pos + 7 <= len(data):
        left = 32768 - pos % 32768
        if left < 7:
            pos += left
            continue
        checksum, length, kind = struct.unpack_from("<IHB", data, pos)
        if checksum == 0 and length == 0 and kind == 0:
            pos += left
            continue
        found.append((pos, length, kind))
        pos += 7 + length
    return found


def damaged(source):
    data = open(source, "rb").read()
    found = chunks(data)
    folder = os.path.join(OUT, "damaged")
    os.makedirs(folder, exist_ok=True)
    # A bad checksum: one payload byte of a GPU stats record in the first block changed; the rest of the block
    # (the FIRST chunk of a record that spans three blocks among it) is lost with it.
    bad = bytearray(data)
    offset, length, _ = [chunk for chunk in found if chunk[2] == 1 and 2000 < chunk[0] and chunk[1] > 400][0]
    bad[offset + 7 + length // 2] ^= 0x55
    open(os.path.join(folder, "run-badcrc01.wandb"), "wb").write(bytes(bad))
    # Cut inside a record that spans blocks: after its FIRST chunk and half of its MIDDLE one.
    first = [chunk for chunk in found if chunk[2] == 2][0]
    after = [chunk for chunk in found if chunk[0] > first[0]][0]
    open(os.path.join(folder, "run-cutrec01.wandb"), "wb").write(data[: after[0] + 7 + after[1] // 2])
    # Cut inside a chunk header near the end.
    last = found[-3]
    open(os.path.join(folder, "run-cutchk01.wandb"), "wb").write(data[: last[0] + 3])
    gzip_folder = os.path.join(OUT, "gzip")
    os.makedirs(gzip_folder, exist_ok=True)
    with open(os.path.join(gzip_folder, "run-perasset1.wandb.gz"), "wb") as handle:
        handle.write(gzip.compress(data, mtime=0))


def events_jsonl():
    """The 2020 client's stream: integer _timestamp, averaged samples, gpu.process.0 repeats."""
    folder = os.path.join(OUT, "events")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "wandb-events.jsonl"), "w") as handle:
        for tick in range(15):
            row = {"system.gpu.0.gpu": 90.5, "system.gpu.0.powerWatts": watts(0, tick)}
            row["system.gpu.process.0.powerWatts"] = watts(0, tick)
            row.update({"system.cpu": 31.2, "system.memory": 18.0, "_wandb": True})
            row.update({"_timestamp": START + 30 * tick, "_runtime": 30 * tick + 28})
            handle.write(json.dumps(row) + "\n")
    with open(os.path.join(folder, "wandb-metadata.json"), "w") as handle:
        json.dump({"host": "colab-vm", "gpu": "Tesla T4", "gpu_count": 1, "startedAt": "2023-11-14T22:13:00"}, handle)


def history_csv():
    """pandas' export of run.history(stream="system") of a per-asset run: an unnamed index column, and empty
    cells for the keys of the other asset's records."""
    folder = os.path.join(OUT, "history-export")
    os.makedirs(folder, exist_ok=True)
    columns = ["", "system.cpu", "system.gpu.0.powerWatts", "system.gpu.1.powerWatts",
               "system.gpu.process.1.powerWatts", "_runtime", "_timestamp", "_wandb"]
    with open(os.path.join(folder, "system-metrics.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        row = 0
        for tick in range(10):
            seconds = START + 15 * tick
            writer.writerow([row, 22.5, "", "", "", 15 * tick, seconds + 0.001, True])
            writer.writerow([row + 1, "", watts(0, tick), watts(1, tick), watts(1, tick), 15 * tick,
                             seconds + 0.004, True])
            row += 2


def main():
    os.environ["WANDB_SILENT"] = "true"
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    per_tick()
    damaged(per_asset())
    rank_duplicates()
    unknown_fields()
    events_jsonl()
    history_csv()
    power_files = sorted(
        path
        for pattern in ("**/*.wandb", "**/*.wandb.gz", "**/*.jsonl", "**/*.csv")
        for path in glob.glob(os.path.join(OUT, pattern), recursive=True)
    )
    relative = [os.path.relpath(path, ROOT) for path in power_files]
    command = ["python3", "Scripts/wandb-energies.py"] + relative
    expected = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    open(os.path.join(OUT, "expected.json"), "w").write(expected)
    print(" ".join(command), "> Fixtures/wandb/expected.json")


if __name__ == "__main__":
    main()
