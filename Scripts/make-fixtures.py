#!/usr/bin/env python3
"""Writes the synthetic fixtures in Fixtures/ (deterministic) and their independently computed expected values.

Run from the repository root: python3 Scripts/make-fixtures.py. The expected energies are computed here from the
exact values written to the files (timestamps to the millisecond, watts to two decimals), with the trapezoidal
rule per GPU, and saved next to the fixtures as expected.json for the tests to compare against.
"""
import datetime
import gzip
import json
import pathlib
import random
import zoneinfo

ROOT = pathlib.Path(__file__).resolve().parent.parent / "Fixtures"


def trapezoid(samples):
    """samples: list of (utc_seconds, watts) in time order."""
    return sum((p0 + p1) / 2 * (t1 - t0) for (t0, p0), (t1, p1) in zip(samples, samples[1:]))


def gzip_bytes(data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def example_run():
    """4 GPUs at 1 Hz for 20 minutes, local time in Europe/Berlin: GPUs 0-2 train (idle start-up, busy, an eval
    dip), GPU 3 idles all log; GPU 2 misses 12 s of samples; GPU 1 has two [N/A] readings; the header repeats once
    (the logger was restarted and appended)."""
    rng = random.Random(20240305)
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    start = datetime.datetime(2024, 3, 5, 14, 0, 0, tzinfo=zone)
    header = "timestamp, index, name, uuid, power.draw [W], utilization.gpu [%], memory.used [MiB]"
    lines = [header]
    samples = {gpu: [] for gpu in range(4)}
    invalid = {gpu: 0 for gpu in range(4)}
    elapsed_ms = 0
    for tick in range(1200):
        if tick == 600:
            lines.append(header)
        elapsed_ms += 1000 + rng.randint(0, 12)
        for gpu in range(4):
            moment = start + datetime.timedelta(milliseconds=elapsed_ms + gpu * 3)
            if gpu == 2 and 300 <= tick < 312:
                continue
            if gpu == 3 or tick < 60:
                watts, util = 52.0 + rng.uniform(0, 1.5), 0
            elif 700 <= tick < 730:
                watts, util = 120.0 + rng.uniform(0, 10), 35
            else:
                watts, util = 300.0 + rng.uniform(-25, 25), 97 + rng.randint(0, 3)
            text = f"{watts:.2f} W"
            if gpu == 1 and tick in (100, 101):
                text = "[N/A]"
                invalid[gpu] += 1
            else:
                utc = moment.astimezone(datetime.timezone.utc)
                utc_ms = round(utc.timestamp() * 1000)
                samples[gpu].append((utc_ms / 1000, round(watts, 2)))
            local = moment.strftime("%Y/%m/%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"
            lines.append(f"{local}, {gpu}, NVIDIA A100-SXM4-80GB, GPU-{gpu:08x}-1111-2222-3333-444455556666, {text}, "
                         f"{util} %, {1000 + util * 400} MiB")
    folder = ROOT / "runs/example"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nvidia-smi.csv").write_text("\n".join(lines) + "\n")
    (folder / "config.yaml").write_text("model: resnet50\nbatch_size: 256\nlr: 0.1\n")
    # The same log gzip-compressed as two members (append-compressed), in a run of its own.
    gz_folder = ROOT / "runs/example-gzip"
    gz_folder.mkdir(parents=True, exist_ok=True)
    data = ("\n".join(lines) + "\n").encode()
    cut = data.index(b"\n", len(data) // 2) + 1
    (gz_folder / "gpu-log").write_bytes(gzip_bytes(data[:cut]) + gzip_bytes(data[cut:]))
    return {
        "zone": "Europe/Berlin",
        "gpus": {str(g): {"samples": len(s), "joules": trapezoid(s), "invalid": invalid[g],
                          "first": s[0][0], "last": s[-1][0]} for g, s in samples.items()},
        "window_start": min(s[0][0] for s in samples.values()),
        "window_end": max(s[-1][0] for s in samples.values()),
    }


def dmon_logs():
    """nvidia-smi dmon -s pu -o DT for 2 GPUs at 1 s (header pair every 10 ticks), and the same without -o DT."""
    rng = random.Random(7)
    start = datetime.datetime(2024, 7, 1, 9, 30, 0)
    with_dt = []
    plain = []
    samples = {0: [], 1: []}
    for tick in range(60):
        if tick % 10 == 0:
            with_dt += ["#Date       Time        gpu    pwr  gtemp  mtemp     sm    mem    enc    dec   mclk   pclk",
                        "#YYYYMMDD   HH:MM:SS    Idx      W      C      C      %      %      %      %    MHz    MHz"]
            plain += ["# gpu    pwr  gtemp  mtemp     sm    mem    enc    dec   mclk   pclk",
                      "# Idx      W      C      C      %      %      %      %    MHz    MHz"]
        moment = start + datetime.timedelta(seconds=tick)
        for gpu in range(2):
            watts = rng.randint(200, 320) if gpu == 0 else rng.randint(60, 64)
            sm = rng.randint(80, 100) if gpu == 0 else 0
            fields = f"{gpu:>5} {watts:>6} {40:>6} {50:>6} {sm:>6} {30:>6} {0:>6} {0:>6} {1593:>6} {1410:>6}"
            with_dt.append(moment.strftime("%Y%m%d   %H:%M:%S ") + fields)
            plain.append(fields)
            samples[gpu].append((tick, watts))
    (ROOT / "dmon/dmon-DT.log").write_text("\n".join(with_dt) + "\n")
    (ROOT / "dmon/dmon-plain.log").write_text("\n".join(plain) + "\n")
    return {"start_local": "2024-07-01 09:30:00",
            "gpus": {str(g): {"samples": len(s), "joules": trapezoid(s)} for g, s in samples.items()}}


def gzip_cases():
    """Gzip edge cases: two members, a cut stream, trailing garbage, and a small file inflating to 64 MiB."""
    text = b"".join(b"line %d\n" % i for i in range(5000))
    (ROOT / "gzip/two-members.txt.gz").write_bytes(gzip_bytes(text[:20000]) + gzip_bytes(text[20000:]))
    whole = gzip_bytes(text)
    (ROOT / "gzip/truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    (ROOT / "gzip/trailing-garbage.txt.gz").write_bytes(whole + b"not gzip")
    (ROOT / "gzip/zeros-64MiB.gz").write_bytes(gzip.compress(bytes(64 << 20), compresslevel=9, mtime=0))
    return {"text_bytes": len(text), "lines": 5000}


if __name__ == "__main__":
    expected = {"example": example_run(), "dmon": dmon_logs(), "gzip": gzip_cases()}
    (ROOT / "expected.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
    print("wrote", ROOT)
