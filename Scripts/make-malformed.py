#!/usr/bin/env python3
"""Writes the seeded regression corpus in Fixtures/malformed/ (deterministic). Inputs found by fuzzing are added
to the same folder by hand, each with a case in MalformedInputTests. Run from the repository root."""
import gzip
import json
import pathlib
import random
import struct

ROOT = pathlib.Path(__file__).resolve().parent.parent / "Fixtures" / "malformed"
HEADER = "timestamp, index, name, power.draw [W], utilization.gpu [%]\n"


def masked_crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    crc ^= 0xFFFFFFFF
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def record(data, corrupt_data_crc=False):
    header = struct.pack("<Q", len(data))
    crc = masked_crc32c(data) ^ (1 if corrupt_data_crc else 0)
    return header + struct.pack("<I", masked_crc32c(header)) + data + struct.pack("<I", crc)


def event(wall, step, tag, value):
    # Event{1: wall_time double, 2: step varint, 5: Summary{1: Value{1: tag, 2: simple_value float}}}
    tag_bytes = tag.encode()
    value_message = b"\x0a" + bytes([len(tag_bytes)]) + tag_bytes + b"\x15" + struct.pack("<f", value)
    summary = b"\x0a" + bytes([len(value_message)]) + value_message
    return b"\x09" + struct.pack("<d", wall) + b"\x10" + bytes([step]) + b"\x2a" + bytes([len(summary)]) + summary


def rows(start_minute, values, stamp=lambda i: f"2024/03/05 14:{i // 60:02d}:{i % 60:02d}.000"):
    return "".join(f"{stamp(i)}, 0, NVIDIA A100-SXM4-40GB, {v}, 90 %\n" for i, v in values)


# --- Numbers at the boundaries: integers that overflow, times outside 2010-2100, bounded traces, implausible
# values. Each file is one class; MalformedInputTests holds its expected outcome (and BOUNDARY_ARGUMENTS there the
# options a case runs with).

def varint(value):
    value &= (1 << 64) - 1
    out = b""
    while True:
        byte, value = value & 0x7F, value >> 7
        if not value:
            return out + bytes([byte])
        out += bytes([byte | 0x80])


def scalar_event(wall, step, tag, value):
    """An Event with any int64 step (as a 10-byte varint when negative) and one simple_value."""
    tag_bytes = tag.encode()
    value_message = b"\x0a" + bytes([len(tag_bytes)]) + tag_bytes + b"\x15" + struct.pack("<f", value)
    summary = b"\x0a" + bytes([len(value_message)]) + value_message
    return b"\x09" + struct.pack("<d", wall) + b"\x10" + varint(step) + b"\x2a" + bytes([len(summary)]) + summary


def event_file(*events):
    return record(b"\x1a\x0dbrain.Event:2") + b"".join(record(e) for e in events)


def trace_event(name, cat, ts, dur, pid):
    return {"ph": "X", "cat": cat, "name": name, "ts": ts, "dur": dur, "pid": pid, "tid": 1}


def trace(events, base=None):
    head = f'{{"baseTimeNanoseconds": {base}, ' if base is not None else "{"
    return (head + '"traceEvents": [' + ", ".join(json.dumps(e) for e in events) + "]}").encode()


def length_delimited(field, data):
    return bytes([(field << 3) | 2]) + varint(len(data)) + data


def half_tensor_event(wall, step, tag, double_value):
    """A scalars-plugin tensor of dtype half (19) whose value comes as double_val, not as half bits."""
    plugin = length_delimited(1, length_delimited(1, b"scalars"))
    tensor = b"\x08" + varint(19) + length_delimited(2, b"") + b"\x31" + struct.pack("<d", double_value)
    value = length_delimited(1, tag.encode()) + length_delimited(9, plugin) + length_delimited(8, tensor)
    return b"\x09" + struct.pack("<d", wall) + b"\x10" + varint(step) + length_delimited(5, length_delimited(1, value))


def boundary_cases():
    t0 = 1709647200.0
    losses = [(t0 + 60 * i, i, "loss", 1.0 - 0.1 * i) for i in range(1, 6)]
    steps = [trace_event(f"ProfilerStep#{i}", "user_annotation", 1000 * i, 900, 1) for i in range(1, 4)]
    csv_row = "{}, 0, NVIDIA A100-SXM4-40GB, 200.0 W, 90 %\n"
    return {
        # Steps -2^63 and 2^63-1: their difference overflows Int64.
        "events.out.tfevents.1709647200.step-overflow": event_file(
            scalar_event(t0, -(1 << 63), "loss", 1.0), scalar_event(t0 + 60, (1 << 63) - 1, "loss", 0.5),
            *(scalar_event(*point) for point in losses)),
        # A wall time of 1e300 s, and one of 0 (1970).
        "events.out.tfevents.1709647200.wall-time-1e300": event_file(
            scalar_event(1e300, 7, "loss", 0.5), scalar_event(0.0, 8, "loss", 0.4), *(scalar_event(*point) for point in losses)),
        # A half-precision scalar whose value is a double of 1e300 (its bits were converted without a check).
        "events.out.tfevents.1709647200.half-1e300": event_file(
            half_tensor_event(t0, 1, "lr", 1e300), *(scalar_event(*point) for point in losses)),
        # A loss of -inf and one of NaN (replayed with --target loss<=0.5).
        "events.out.tfevents.1709647200.loss-neg-inf": event_file(
            *(scalar_event(t0 + 60 * i, i, "loss", v) for i, v in enumerate([1.0, 0.9, float("-inf"), 0.8, float("nan"), 0.7]))),
        # baseTimeNanoseconds of 1e400 (past any double) in front of a trace with steps and a kernel.
        "base-time-1e400.pt.trace.json": trace(steps + [trace_event("gemm", "kernel", 1500, 100, 0)], base="1e400"),
        # Kernel and step durations of 1e300 us, and a step 10^18 us after the base (year 33,700).
        "durations-1e300.pt.trace.json": trace(
            steps + [trace_event("gemm", "kernel", 1500, 1e300, 0), trace_event("gemm", "kernel", 2500, 100, 0),
                     trace_event("ProfilerStep#4", "user_annotation", 4000, 1e300, 1),
                     trace_event("ProfilerStep#5", "user_annotation", 10 ** 18, 900, 1)], base=1709647200 * 10 ** 9),
        # 2,000 pids with a kernel each: past the 1,024 GPUs a trace keeps.
        "pids-2000.pt.trace.json": trace(steps + [trace_event("gemm", "kernel", 1500, 10, pid) for pid in range(2000)],
                                         base=1709647200 * 10 ** 9),
        # 80,000 identical kernels in a few kB: one busy interval however many events.
        "kernels-80000.pt.trace.json.gz": gzip.compress(
            trace(steps + [trace_event("gemm", "kernel", 1500, 100, 0)] * 80_000, base=1709647200 * 10 ** 9), mtime=0),
        # A row from a machine whose clock battery died (1970) before 120 one-second rows at 200 W.
        "rtc-reset-1970.csv": (HEADER + csv_row.format("1970/01/01 00:00:07.000") + rows(0, [(i, "200.0 W") for i in range(120)])).encode(),
        # The first row an hour before the other 120: its interval is a gap.
        "first-row-hour-early.csv": (HEADER + csv_row.format("2024/03/05 13:00:00.000") + rows(0, [(i, "200.0 W") for i in range(120)])).encode(),
        # Rows of year 1900 and 9999 around 60 normal ones.
        "years-1900-9999.csv": (HEADER + csv_row.format("1900/01/01 00:00:00.000") + rows(0, [(i, "200.0 W") for i in range(60)])
                                + csv_row.format("9999/12/31 23:59:59.000")).encode(),
        # CodeCarbon rows with 1e308 kWh of GPU energy, a negative duration and the year 9999 beside a normal run.
        "codecarbon-1e308.csv": (
            "timestamp,run_id,duration,emissions,gpu_energy,cpu_energy,energy_consumed,gpu_count,gpu_model\n"
            "2024-03-05T14:00:00,a,10,1,1e308,0.1,1e308,1,NVIDIA A100-SXM4-40GB\n"
            "2024-03-05T14:10:00,b,-5,0.001,0.1,0.01,0.11,1,NVIDIA A100-SXM4-40GB\n"
            "9999-12-31T23:59:59,c,60,0.001,0.001,0.01,0.011,1,NVIDIA A100-SXM4-40GB\n"
            "2024-03-05T14:20:00,d,600,0.005,0.05,0.01,0.06,1,NVIDIA A100-SXM4-40GB\n").encode(),
        # An MLflow GPU power metric with a time in the year 5138, 1e308 W, -5 W and a minute of normal samples.
        "gpu_0_power_usage_watts": (
            "99999999999999 200 0\n1709647200000 1e308 1\n1709647201000 -5 2\n"
            + "".join(f"{1709647202000 + 1000 * i} 200.5 {3 + i}\n" for i in range(60))).encode(),
        # An intensity series (replayed with --intensity-series) with 1e308 g/kWh, a negative value and a 1970 row.
        "intensity-series-1e308/nvidia-smi.csv": (HEADER + rows(0, [(i, "200.0 W") for i in range(120)])).encode(),
        "intensity-series-1e308/intensity.csv": (
            "timestamp,g_co2e_per_kwh\n1970-01-01T00:00:00Z,300\n2024-03-05T13:00:00Z,1e308\n"
            "2024-03-05T13:00:30Z,-5\n2024-03-05T13:01:00Z,300\n").encode(),
    }


def main():
    ROOT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(9)
    files = {
        "empty.csv": b"",
        "one-byte.csv": b"x",
        "binary-garbage.csv": bytes(rng.randrange(256) for _ in range(4096)),
        "events.out.tfevents.1709647200.garbage": bytes(rng.randrange(256) for _ in range(4096)),
        "gzip-header-only.csv.gz": gzip.compress(b"", mtime=0)[:10],
        "nul-bytes.csv": (HEADER + rows(0, [(i, f"{100 + i}.5 W") for i in range(30)])).encode().replace(b"90 %", b"9\x000 %", 5),
        "invalid-utf8.csv": (HEADER + rows(0, [(i, "150.0 W") for i in range(30)])).encode().replace(b"NVIDIA", b"NV\xff\xfeIA", 3),
        "timestamps-backwards.csv": (HEADER + rows(0, [(i, "200.0 W") for i in range(20)])
                                     + rows(0, [(i, "200.0 W") for i in range(5, 10)])
                                     + rows(0, [(i, "200.0 W") for i in range(20, 40)])).encode(),
        "dst-fall-back.csv": (HEADER + "".join(
            f"2024/10/27 {h:02d}:{m:02d}:00.000, 0, NVIDIA A100-SXM4-40GB, 200.0 W, 90 %\n"
            for h, m in [(1, 50), (2, 0), (2, 10), (2, 20), (2, 50), (2, 0), (2, 10), (2, 20), (2, 50), (3, 0), (3, 10)])).encode(),
        "duplicate-rows.csv": (HEADER + "".join(rows(0, [(i, "180.0 W")]) * 2 for i in range(30))).encode(),
        "bad-values.csv": (HEADER + rows(0, [(i, v) for i, v in enumerate(
            ["200.0 W", "1e308 W", "200.0 W", "-5 W", "200.0 W", "NaN W", "200.0 W", "inf W", "200.0 W", "5000 W", "200.0 W"])])).encode(),
        "dmon-header-only.log": b"# gpu    pwr  gtemp  mtemp     sm    mem    enc    dec\n# Idx      W      C      C      %      %      %      %\n",
        "events.out.tfevents.1709647200.length-2-63": record(b"\x1a\x0dbrain.Event:2") + struct.pack("<Q", 1 << 63)
            + struct.pack("<I", masked_crc32c(struct.pack("<Q", 1 << 63))) + b"\x00" * 16,
        "events.out.tfevents.1709647200.crc-mismatch": record(b"\x1a\x0dbrain.Event:2")
            + record(event(1709647200.0, 1, "loss", 1.0), corrupt_data_crc=True) + record(event(1709647260.0, 2, "loss", 0.5)),
        "events.out.tfevents.1709647200.length-past-end": record(b"\x1a\x0dbrain.Event:2")
            + struct.pack("<Q", 5000) + struct.pack("<I", masked_crc32c(struct.pack("<Q", 5000))) + b"\x08" * 100,
        "nested-100000.pt.trace.json": b'{"traceEvents": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    }
    # 64 MiB of one repeated row in about 64 KB: the inflation limit must stop it.
    bomb = (HEADER + "2024/03/05 14:00:00.000, 0, NVIDIA A100-SXM4-40GB, 100.0 W, 90 %\n" * 1_100_000).encode()[:64 << 20]
    files["gzip-bomb.csv.gz"] = gzip.compress(bomb, compresslevel=9, mtime=0)
    files.update(boundary_cases())
    for name, data in files.items():
        (ROOT / name).parent.mkdir(parents=True, exist_ok=True)
        (ROOT / name).write_bytes(data)


def hostile_names_and_silent_loss():
    import bz2
    import lzma
    import zlib

    def gpu_rows(index, name, value):
        return "".join(f"2024/03/05 14:00:{i:02d}.000, {index}, {name}, {value}, 90 %\n" for i in range(20))

    files = {
        "gpu-name-markdown-injection.csv": HEADER + gpu_rows(0, "<script>alert(1)</script>|`x`*_", "200.0 W"),
        "all-na-gpu.csv": HEADER + "".join(
            f"2024/03/05 14:00:{i:02d}.000, 0, NVIDIA A100-SXM4-40GB, 200.0 W, 90 %\n"
            f"2024/03/05 14:00:{i:02d}.000, 1, NVIDIA A100-SXM4-40GB, [N/A], 90 %\n" for i in range(20)),
        "all-na-only.csv": HEADER + gpu_rows(0, "NVIDIA A100-SXM4-40GB", "[N/A]"),
    }
    for name, text in files.items():
        (ROOT / name).write_bytes(text.encode())
    log = (HEADER + gpu_rows(0, "NVIDIA A100-SXM4-40GB", "200.0 W")).encode()
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    named = {
        "compressed-zlib.csv": zlib.compress(log, 9),
        "compressed-raw-deflate.csv": raw.compress(log) + raw.flush(),
        "compressed-bzip2.csv": bz2.compress(log),
        "compressed-xz.csv": lzma.compress(log),
        # A zstd frame header (magic, frame header descriptor) and filler: only the magic matters here.
        "compressed-zstd.csv": bytes([0x28, 0xB5, 0x2F, 0xFD, 0x24, 0x00]) + bytes(range(64)),
        "gzip-inside-gzip.csv.gz": gzip.compress(gzip.compress(log, mtime=0), mtime=0),
        "utf16be-bom.csv": b"\xfe\xff" + log.decode().encode("utf-16-be"),
        "utf16be-no-bom.csv": log.decode().encode("utf-16-be"),
        "cr-only-line-ends.csv": log.replace(b"\n", b"\r"),
        "header-100000-columns.csv": (HEADER.rstrip("\n") + "".join(f", extra{i}" for i in range(100_000)) + "\n"
                                      + gpu_rows(0, "NVIDIA A100-SXM4-40GB", "200.0 W")).encode(),
    }
    # FHCRC set with a CRC that cannot hold, and reserved flag bits set: header damage, not a cut.
    header_crc = bytearray(gzip.compress(log, mtime=0))
    header_crc[3] |= 0x02
    named["gzip-header-crc.csv.gz"] = bytes(header_crc)
    reserved = bytearray(gzip.compress(log, mtime=0))
    reserved[3] |= 0xE0
    named["gzip-reserved-flags.csv.gz"] = bytes(reserved)
    for name, data in named.items():
        (ROOT / name).write_bytes(data)


def wide_header():
    """A header of 2,000 columns (under the line limit, over the field limit): named as a header that is too wide."""
    header = "timestamp, index, power.draw [W]" + "".join(f", extra{i}" for i in range(2_000)) + "\n"
    rows = "".join(f"2024/03/05 14:00:{i:02d}.000, 0, 200.0 W\n" for i in range(30))
    (ROOT / "header-2000-columns.csv").write_bytes((header + rows).encode())


if __name__ == "__main__":
    main()
    hostile_names_and_silent_loss()
    wide_header()
