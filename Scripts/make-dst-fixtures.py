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
    (ROOT / "expected.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
