#!/usr/bin/env python3
"""Writes Fixtures/clock-dst/: nvidia-smi CSVs in local time across a daylight-saving change, and expected.json.

Run from the repository root: python3 Scripts/make-dst-fixtures.py. Each log has one A100 sampled every 10 s of
real (UTC) time for three hours around a change of Europe/Berlin or America/New_York in 2024, its timestamps
written as that zone's local wall-clock time (so the fall-back logs repeat an hour and the spring-forward logs
skip one). expected.json holds, per log: the energy over the true UTC instants (trapezoidal rule, from the exact
values written), the local times either side of the step, the offsets either side, and the zones of the
candidate list (the same list as Clock/DSTZoneMatcher.swift) whose tz rules change offset at that UTC instant
in the same way, computed here with Python's zoneinfo.
"""
import datetime
import json
import pathlib
import struct
import zoneinfo

ROOT = pathlib.Path(__file__).resolve().parent.parent / "Fixtures" / "clock-dst"
CANDIDATES = [
    "Africa/Cairo", "America/Anchorage", "America/Chicago", "America/Denver", "America/Halifax",
    "America/Los_Angeles", "America/Mexico_City", "America/New_York", "America/Santiago", "America/Sao_Paulo",
    "America/St_Johns", "America/Toronto", "America/Vancouver", "Asia/Jerusalem", "Asia/Tehran",
    "Australia/Adelaide", "Australia/Melbourne", "Australia/Sydney", "Europe/Amsterdam", "Europe/Athens",
    "Europe/Berlin", "Europe/Brussels", "Europe/Dublin", "Europe/Helsinki", "Europe/Lisbon", "Europe/London",
    "Europe/Madrid", "Europe/Paris", "Europe/Rome", "Europe/Stockholm", "Europe/Warsaw", "Europe/Zurich",
    "Pacific/Auckland",
]
UTC = datetime.timezone.utc
LOGS = {
    # name: (zone, UTC instant of the change)
    "berlin-fall": ("Europe/Berlin", datetime.datetime(2024, 10, 27, 1, 0, tzinfo=UTC)),
    "berlin-spring": ("Europe/Berlin", datetime.datetime(2024, 3, 31, 1, 0, tzinfo=UTC)),
    "newyork-fall": ("America/New_York", datetime.datetime(2024, 11, 3, 6, 0, tzinfo=UTC)),
    "newyork-spring": ("America/New_York", datetime.datetime(2024, 3, 10, 7, 0, tzinfo=UTC)),
}


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def masked(data):
    crc = crc32c(data)
    return struct.pack("<I", (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF)


def varint(value):
    out = b""
    while value >= 0x80:
        out += bytes([(value & 0x7F) | 0x80])
        value >>= 7
    return out + bytes([value])


def delimited(field, data):
    return varint(field << 3 | 2) + varint(len(data)) + data


def event(wall, step, loss=None):
    """A TensorBoard Event: wall_time, step, and a train/loss simple_value (or the file_version record)."""
    data = b"\x09" + struct.pack("<d", wall) + b"\x10" + varint(step)
    if loss is None:
        return data + delimited(3, b"brain.Event:2")
    value = delimited(1, b"train/loss") + b"\x15" + struct.pack("<f", loss)
    return data + delimited(5, delimited(1, value))


def event_file(events):
    out = b""
    for data in events:
        length = struct.pack("<Q", len(data))
        out += length + masked(length) + data + masked(data)
    return out


def offset(zone, instant):
    return int(instant.astimezone(zone).utcoffset().total_seconds())


def main():
    expected = {}
    for name, (zone_name, change) in LOGS.items():
        zone = zoneinfo.ZoneInfo(zone_name)
        start = change - datetime.timedelta(hours=1, minutes=30)
        rows = []
        samples = []
        for i in range(1081):  # 3 h at 10 s
            instant = start + datetime.timedelta(seconds=10 * i)
            watts = round(150 + 2.5 * (i % 41) + (60 if 300 <= i < 800 else 0), 2)
            local = instant.astimezone(zone).replace(tzinfo=None)
            rows.append(
                f"{local:%Y/%m/%d %H:%M:%S}.000, 0, NVIDIA A100-SXM4-80GB, "
                f"GPU-0000dead-1111-2222-3333-444455556666, {watts:.2f} W"
            )
            samples.append((instant.timestamp(), watts))
        folder = ROOT / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "nvidia-smi.csv").write_text(
            "timestamp, index, name, uuid, power.draw [W]\n" + "\n".join(rows) + "\n"
        )
        joules = sum((p0 + p1) / 2 * (t1 - t0) for (t0, p0), (t1, p1) in zip(samples, samples[1:]))
        before_offset = offset(zone, change - datetime.timedelta(seconds=1))
        after_offset = offset(zone, change)
        zones = sorted(
            candidate for candidate in CANDIDATES
            if offset(zoneinfo.ZoneInfo(candidate), change - datetime.timedelta(seconds=1)) == before_offset
            and offset(zoneinfo.ZoneInfo(candidate), change) == after_offset
        )
        last_before = (change - datetime.timedelta(seconds=10)).astimezone(zone).replace(tzinfo=None)
        first_after = change.astimezone(zone).replace(tzinfo=None)
        expected[name] = {
            "zone": zone_name,
            "joules": round(joules, 6),
            "offset_before_seconds": before_offset,
            "offset_after_seconds": after_offset,
            "local_before": f"{last_before:%Y-%m-%d %H:%M:%S}",
            "local_after": f"{first_after:%Y-%m-%d %H:%M:%S}",
            "zones": zones,
        }
    # berlin-fall-training: the berlin-fall log beside an event file whose training window (train/loss, steps
    # 0-500, one point every 10 s) is the log's busy stretch (rows 300-799): from 2400 s before the change to
    # 2600 s after it, in UTC. Offset inference then has a DST change to fit.
    change = LOGS["berlin-fall"][1]
    start = (change - datetime.timedelta(seconds=2400)).timestamp()
    folder = ROOT / "berlin-fall-training"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "nvidia-smi.csv").write_bytes((ROOT / "berlin-fall" / "nvidia-smi.csv").read_bytes())
    events = [event(start, 0)] + [event(start + 10 * step, step, 2.0 - step / 500) for step in range(501)]
    (folder / f"events.out.tfevents.{int(start)}.fixture-host.1.0").write_bytes(event_file(events))
    # The window's energy: rows 300-800 of the log (its edges fall on samples), over their true UTC instants.
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    log_start = change - datetime.timedelta(hours=1, minutes=30)
    window = [
        ((log_start + datetime.timedelta(seconds=10 * i)).timestamp(),
         round(150 + 2.5 * (i % 41) + (60 if 300 <= i < 800 else 0), 2))
        for i in range(300, 801)
    ]
    window_joules = sum((p0 + p1) / 2 * (t1 - t0) for (t0, p0), (t1, p1) in zip(window, window[1:]))
    expected["berlin-fall-training"] = dict(
        expected["berlin-fall"], chosen_zone=expected["berlin-fall"]["zones"][0], training_joules=round(window_joules, 6))
    (ROOT / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
