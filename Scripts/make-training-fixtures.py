#!/usr/bin/env python3
"""Writes the training-run fixtures: TensorBoard event files from the real writers, beside synthetic nvidia-smi
logs whose energies this script computes independently.

Needs the PyPI packages tensorboard and tensorboardX (the same writers PyTorch's SummaryWriter, Lightning, Ray
Tune and TF2 use):

    python3 -m venv /tmp/tb && /tmp/tb/bin/pip install tensorboard tensorboardX
    /tmp/tb/bin/python Scripts/make-training-fixtures.py

Deterministic: the writers' clocks, host name and pid are fixed while they create files. Output:
- Fixtures/runs/training-resumed/: a job on 2 GPUs that crashed at step 600 and resumed from the step-500
  checkpoint in a second event file (PyTorch's writer), with eval pauses, and an nvidia-smi CSV in local time
  (Asia/Kolkata, +05:30) covering start-up, training, downtime and tear-down;
- Fixtures/runs/training-tf2/: TF2-style tensor scalars (tensorboard.summary.Writer) in train/ and validation/
  folders, with a power CSV of Unix times;
- Fixtures/tfevents/tensorboardX/: a tensorboardX file with scalars, a histogram and text, and its gzip copy;
- Fixtures/expected-training.json: the values the tests compare against.
"""
import contextlib
import datetime
import gzip
import json
import math
import os
import pathlib
import shutil
import socket
import time
import zoneinfo
from unittest import mock

from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.summary import Writer as TF2StyleWriter
from tensorboard.summary.writer.event_file_writer import EventFileWriter
from tensorboardX import SummaryWriter as TensorBoardXWriter

from power_integral import integrate

ROOT = pathlib.Path(__file__).resolve().parent.parent / "Fixtures"
T0 = 1709647200.0  # 2024-03-05 14:00:00 UTC, the first training step's point


@contextlib.contextmanager
def frozen_writer_clock(seconds, pid):
    """Fixes what writers read while creating a file: time (file name, file_version event), host and pid."""
    with mock.patch.object(time, "time", return_value=seconds), \
            mock.patch.object(socket, "gethostname", return_value="fixture-host"), \
            mock.patch.object(os, "getpid", return_value=pid):
        yield


def scalar_event(tag, value, step, wall_time):
    """The event PyTorch's SummaryWriter.add_scalar writes (simple_value)."""
    return event_pb2.Event(wall_time=wall_time, step=step, summary=summary_pb2.Summary(
        value=[summary_pb2.Summary.Value(tag=tag, simple_value=value)]))


def loss_at(step):
    return 2.0 * math.exp(-step / 300.0)


def resumed_run(expected):
    folder = ROOT / "runs" / "training-resumed"
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "tb").mkdir(parents=True)
    seconds_per_step = 0.5
    eval_seconds = 20.0
    downtime_seconds = 300.0
    # Attempt 1: steps 0..600, eval after steps 200 and 400; crash after step 600.
    # Attempt 2: resumes from the step-500 checkpoint after the downtime, logs 510..1000, eval after step 800.
    attempts = [(0, 600, [200, 400]), (500, 1000, [800])]
    points = {"train/loss": [], "eval/loss": []}  # (file, step, time)
    phases = []  # (start, end, state) on the UTC clock
    clock = T0
    for attempt, (first, last, evals) in enumerate(attempts):
        if attempt == 1:
            phases.append((clock, clock + downtime_seconds, "down"))
            clock += downtime_seconds
            clock_at_first = clock
        else:
            clock_at_first = clock
        with frozen_writer_clock(clock_at_first - 5.0, 4100 + attempt):
            writer = EventFileWriter(str(folder / "tb"))
        step_time = clock_at_first
        for step in range(first if attempt == 0 else first + 10, last + 1, 10):
            if step != (first if attempt == 0 else first + 10):
                phases.append((step_time, step_time + 10 * seconds_per_step, "train"))
                step_time += 10 * seconds_per_step
            writer.add_event(scalar_event("train/loss", loss_at(step), step, step_time))
            points["train/loss"].append((attempt, step, step_time))
            if step in evals:
                phases.append((step_time, step_time + eval_seconds, "eval"))
                step_time += eval_seconds
                writer.add_event(scalar_event("eval/loss", loss_at(step) * 1.1, step, step_time))
                points["eval/loss"].append((attempt, step, step_time))
        writer.close()
        clock = step_time
    # Power: 1 Hz from 120 s before training to 90 s after, per state, per GPU.
    start, end = T0 - 120.0, clock + 90.0
    watts_of = {"before": (90.0, 85.0), "train": (250.0, 240.0), "eval": (120.0, 115.0), "down": (55.0, 52.0),
                "after": (70.0, 66.0)}

    def state_at(t):
        if t < T0:
            return "before"
        if t > clock:
            return "after"
        for a, b, state in phases:
            if a <= t < b:
                return state
        return "train"

    zone = zoneinfo.ZoneInfo("Asia/Kolkata")
    lines = ["timestamp, index, name, uuid, utilization.gpu [%], power.draw [W]"]
    samples = {0: [], 1: []}
    tick = 0
    t = start
    while t <= end:
        state = state_at(t)
        for gpu in (0, 1):
            wobble = 6.0 * math.sin(tick / 7.0 + gpu) if state == "train" else 0.0
            watts = round(watts_of[state][gpu] + wobble, 2)
            utilization = {"train": 98, "eval": 60}.get(state, 0)
            local = datetime.datetime.fromtimestamp(t, zone)
            stamp = local.strftime("%Y/%m/%d %H:%M:%S.") + f"{local.microsecond // 1000:03d}"
            lines.append(f"{stamp}, {gpu}, NVIDIA A100-SXM4-40GB, GPU-0000000{gpu}-fixt-ure0-0000-000000000000, "
                         f"{utilization} %, {watts:.2f} W")
            samples[gpu].append((t, watts))
        tick += 1
        t = start + tick * 1.0
    (folder / "nvidia-smi.csv").write_text("\n".join(lines) + "\n")

    # The step tag after superseding: attempt 1's points at or after step 510 give way to attempt 2's.
    kept = [p for p in points["train/loss"] if p[0] == 1 or p[1] < 510]
    superseded = len(points["train/loss"]) - len(kept)
    times = sorted(t for _, _, t in kept)
    window_start, window_end = times[0], times[-1]
    intervals = sorted(b - a for a, b in zip(times, times[1:]) if b > a)
    typical = intervals[len(intervals) // 2]
    eval_times = [t for _, _, t in points["eval/loss"]]
    pauses = []
    by_time = sorted(kept, key=lambda p: p[2])
    for (fa, sa, ta), (fb, sb, tb) in zip(by_time, by_time[1:]):
        if tb - ta > max(4 * typical, typical + 1.0):
            kind = "restart between files" if fa != fb else (
                "evaluation" if any(ta < e <= tb for e in eval_times) else "other pause")
            pauses.append((kind, ta, tb - typical))
    both = [samples[0], samples[1]]

    def energy(a, b):
        return sum(integrate(s, a, b) for s in both)

    window = energy(window_start, window_end)
    target_step = next(s for _, s, _ in sorted(kept, key=lambda p: p[1]) if loss_at(s) <= 0.5)
    target_time = next(t for _, s, t in kept if s == target_step)
    pause_totals = {}
    for kind, a, b in pauses:
        total = pause_totals.setdefault(kind, {"count": 0, "seconds": 0.0, "joules": 0.0})
        total["count"] += 1
        total["seconds"] += b - a
        total["joules"] += energy(a, b)
    expected["training-resumed"] = {
        "zone_offset_seconds": 19800,
        "first_step": 0, "last_step": 1000, "points": len(kept), "superseded": superseded,
        "window_start": window_start, "window_end": window_end, "window_seconds": window_end - window_start,
        "window_joules": window, "joules_per_step": window / 1000,
        "before_joules": energy(start - 1, window_start), "after_joules": energy(window_end, end + 1),
        "total_joules": energy(start - 1, end + 1),
        "downtime_seconds": downtime_seconds, "pauses": pause_totals,
        # The second file's first event (file_version) is written 5 s before its first step point.
        "file_break_seconds": downtime_seconds - 5.0,
        "target": {"tag": "train/loss", "threshold": 0.5, "step": target_step, "time": target_time,
                   "joules": energy(window_start, target_time)},
    }


def tf2_run(expected):
    folder = ROOT / "runs" / "training-tf2"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    epoch_seconds = 30.0
    epochs = 20
    start = T0 + 86400.0
    for run, pid in (("train", 5200), ("validation", 5201)):
        with frozen_writer_clock(start - 2.0, pid):
            writer = TF2StyleWriter(str(folder / run))
            for epoch in range(epochs):
                wall = start + (epoch + 1) * epoch_seconds + (1.5 if run == "validation" else 0.0)
                writer.add_scalar("epoch_loss", 1.0 / (epoch + 1) + (0.05 if run == "validation" else 0.0),
                                  epoch, wall_time=wall)
            writer.close()
    # One GPU, Unix-time CSV (a user's own logger), 2 s cadence, a ramp over the training.
    lines = ["time_unix,gpu,power_w"]
    samples = []
    t = start - 10.0
    while t <= start + (epochs + 1) * epoch_seconds + 10.0:
        watts = 80.0 if t < start + epoch_seconds or t > start + epochs * epoch_seconds else 200.0 + (t - start) * 0.1
        watts = round(watts, 2)
        lines.append(f"{t:.3f},0,{watts:.2f}")
        samples.append((t, watts))
        t += 2.0
    (folder / "power.csv").write_text("\n".join(lines) + "\n")
    window_start, window_end = start + epoch_seconds, start + epochs * epoch_seconds
    window = integrate(samples, window_start, window_end)
    expected["training-tf2"] = {
        "tag": "epoch_loss", "folder": "train", "first_step": 0, "last_step": epochs - 1,
        "window_start": window_start, "window_end": window_end, "window_joules": window,
        "joules_per_step": window / (epochs - 1),
    }


def tensorboardx_file(expected):
    folder = ROOT / "tfevents" / "tensorboardX"
    shutil.rmtree(folder, ignore_errors=True)
    with frozen_writer_clock(T0, 6100):
        writer = TensorBoardXWriter(str(folder), flush_secs=3600)
    for step in range(0, 300, 3):
        wall = T0 + step
        writer.add_scalar("ray/tune/episode_reward_mean", step * 0.25, step, walltime=wall)
        writer.add_scalar("timers/learn_time_ms", 12.5 + (step % 7), step, walltime=wall)
        if step % 30 == 0:
            writer.add_histogram("weights", [float(x % 11) for x in range(step, step + 50)], step, walltime=wall)
            writer.add_text("note", f"step {step}", step, walltime=wall)
    writer.close()
    (name,) = [p for p in folder.iterdir()]
    # The gzip copy keeps the name's timestamp but sits in its own folder, as a separately archived run.
    (folder / "gzip").mkdir()
    packed = gzip.compress(name.read_bytes(), compresslevel=6, mtime=0)
    (folder / "gzip" / (name.name + ".gz")).write_bytes(packed)
    expected["tensorboardX"] = {"file": name.name, "points": 100, "histograms": 10, "texts": 10}


def main():
    expected = {}
    resumed_run(expected)
    tf2_run(expected)
    tensorboardx_file(expected)
    (ROOT / "expected-training.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
