#!/usr/bin/env python3
"""Writes the DCGM fixtures of Fixtures/dcgm/ from synthetic, known values, in the layouts the tools print
(../shared/FORMATS.md section 10), and expected.json: each GPU's energy computed here, in plain Python.

- dmon/dcgmi-dmon-3x.txt: `dcgmi dmon -e 155,156,203,1002` as DCGM 2.4.5-3.3 prints it (`#Entity` padded to 10,
  rows of a tick in hash order, the header pair after the 15th tick and then every 14, `N/A`, a blank field,
  TOTEC stale between updates, a counter reset on GPU 1, the stop line spelt `do to`). No times: read with
  start 2024-03-05 14:02:11 UTC and a 1 s interval.
- dmon/dcgmi-dmon-stamped.txt: DCGM 4.5+ layout (`#Entity` padded to 16, rows sorted) at -d 500, each line
  prefixed with an ISO time by the user's shell loop, the last line cut mid-row.
- exporter/metrics-<unix>.prom: five dcgm-exporter scrapes 15 s apart: GPU 0 (`Hostname` label, 3.x) and GPU 1
  under MIG with two instances (`hostname`, 4.x), whose device-level power and energy lines repeat per instance;
  `pod`/`exported_pod`; a blank sentinel power; a counter reset on GPU 0. Values formatted as Go's
  strconv.FormatFloat(v, 'g', -1, 64), as the Prometheus client writes them.
- query_range/query_range.json: a `query_range` matrix of DCGM_FI_DEV_POWER_USAGE and
  DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION for two GPUs at a 15 s step (values as strings, one `NaN`, the energy
  series of GPU 1 repeated by a MIG instance); query_range/DCGM_FI_DEV_POWER_USAGE-sum-by-gpu.json: a result
  after `sum by`, without `__name__`.

Energies: the counter's is the sum of its positive increments (mJ -> J; a decrease adds nothing); the power's the
trapezoid over the valid readings. A GPU repeated by MIG counts once.
"""

import datetime
import json
import math
import os
import random
from decimal import Decimal

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "dcgm")
START = 1709647331  # 2024-03-05 14:02:11 UTC


def go_float(value):
    """Go's strconv.FormatFloat(value, 'g', -1, 64): the shortest digits, in exponent form when the decimal
    exponent is below -4 or at least 6 (Go's rule for the shortest precision)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    number = Decimal(repr(abs(float(value))))
    _, digits, exponent = number.as_tuple()
    scientific = len(digits) + exponent - 1
    sign = "-" if value < 0 else ""
    if scientific < -4 or scientific >= 6:
        text = "".join(map(str, digits)).rstrip("0") or "0"
        body = text[0] + ("." + text[1:] if len(text) > 1 else "")
        return f"{sign}{body}e{'+' if scientific >= 0 else '-'}{abs(scientific):02d}"
    return sign + _plain(value)


def _plain(value):
    """The shortest digits without an exponent, as Go's 'f' with precision -1 writes them."""
    return format(Decimal(repr(abs(float(value)))).normalize(), "f") if value >= 0 else "-" + _plain(-value)


def trapezoid(points):
    return sum((w0 + w1) / 2 * (t1 - t0) for (t0, w0), (t1, w1) in zip(points, points[1:]))


def counter_joules(readings):
    return sum(b - a for a, b in zip(readings, readings[1:]) if b > a) / 1000.0


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def dmon_3x(expected):
    rng = random.Random(3)
    names = [("POWER", "W", 18), ("TOTEC", "mJ", 24), ("GPUTL", "", 18), ("SMACT", "", 13)]
    header = "#Entity   " + "".join(n.ljust(w) for n, _, w in names) + "\n"
    units = "ID        " + "".join(u.ljust(w) for _, u, w in names) + "\n"
    gpus = [0, 1, 2]
    counters = {0: 22351345411, 1: 20848390074, 2: 9000000000}
    power_points = {g: [] for g in gpus}
    counter_readings = {g: [] for g in gpus}
    lines = [header, units]
    ticks = 40
    for tick in range(ticks):
        if tick == 15 or (tick > 15 and (tick - 15) % 14 == 0):
            lines += [header, units]
        order = gpus[:]
        rng.shuffle(order)
        for g in order:
            watts = round(60 + 40 * g + 25 * math.sin(tick / 5 + g), 3)
            # TOTEC updates every other tick (stale in between): the energy of two ticks at once.
            if tick % 2 == 0 and tick > 0:
                counters[g] += int(round(watts * 2000))
            if g == 1 and tick == 25:
                counters[g] = 1234567  # the driver was reloaded: a reset
            power = f"{watts:.3f}"
            counter = str(counters[g])
            if g == 2 and tick in (7, 8):
                power = "N/A"
            if g == 2 and tick == 12:
                counter = ""  # a field with no value prints only spaces
            cells = [power, counter, str(rng.randint(0, 100)), f"{rng.random():.3f}"]
            lines.append(f"GPU {g}".ljust(10) + "".join(c.ljust(w) for c, (_, _, w) in zip(cells, names)) + "\n")
            if power != "N/A":
                power_points[g].append((START + tick, float(power)))
            if counter:
                counter_readings[g].append(int(counter))
    lines.append("dmon was stopped do to receiving a signal\n")
    write(os.path.join(ROOT, "dmon", "dcgmi-dmon-3x.txt"), "".join(lines))
    expected["dmon/dcgmi-dmon-3x.txt"] = {
        str(g): {
            "counter_joules": counter_joules(counter_readings[g]),
            "trapezoid_joules": trapezoid(power_points[g]),
            "power_samples": len(power_points[g]),
            "counter_resets": sum(1 for a, b in zip(counter_readings[g], counter_readings[g][1:]) if b < a),
        }
        for g in gpus
    }


def dmon_stamped(expected):
    names = [("POWER", "W", 18), ("TOTEC", "mJ", 24)]
    header = "#Entity".ljust(16) + "".join(n.ljust(w) for n, _, w in names)
    units = "ID".ljust(16) + "".join(u.ljust(w) for _, u, w in names)
    counters = {0: 5000000, 1: 7000000}
    power_points = {0: [], 1: []}
    counter_readings = {0: [], 1: []}

    def stamp(seconds):
        whole = int(seconds)
        frac = seconds - whole
        text = datetime.datetime.fromtimestamp(whole, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
        return text + f".{int(round(frac * 1000)):03d}Z"

    lines = [stamp(START) + " " + header + "\n", stamp(START) + " " + units + "\n"]
    for tick in range(30):
        t = START + 0.5 * tick
        for g in (0, 1):
            watts = round(200 + 100 * g + 50 * math.cos(tick / 3), 3)
            counters[g] += int(round(watts * 500))
            lines.append(f"{stamp(t)} " + f"GPU {g}".ljust(16) + f"{watts:.3f}".ljust(18) + str(counters[g]).ljust(24) + "\n")
            power_points[g].append((t, watts))
            counter_readings[g].append(counters[g])
    # A row cut mid-write: no newline, and not counted.
    lines.append(f"{stamp(START + 15)} GPU 0           21")
    write(os.path.join(ROOT, "dmon", "dcgmi-dmon-stamped.txt"), "".join(lines))
    expected["dmon/dcgmi-dmon-stamped.txt"] = {
        str(g): {
            "counter_joules": counter_joules(counter_readings[g]),
            "trapezoid_joules": trapezoid(power_points[g]),
            "power_samples": len(power_points[g]),
            "counter_resets": 0,
        }
        for g in (0, 1)
    }


def labels(pairs):
    return "{" + ",".join(f'{k}="{v}"' for k, v in pairs) + "}"


def exporter(expected):
    gpu0 = [("gpu", "0"), ("UUID", "GPU-4f1c2a3b-0000-1111-2222-333344445555"), ("pci_bus_id", "00000000:07:00.0"),
            ("device", "nvidia0"), ("modelName", "NVIDIA A100-SXM4-80GB"), ("Hostname", "gpu-node-7"),
            ("DCGM_FI_DRIVER_VERSION", "535.129.03"), ("container", "trainer"), ("namespace", "ml"), ("pod", "train-0")]
    gpu1 = [("gpu", "1"), ("UUID", "GPU-9a8b7c6d-0000-1111-2222-333344445555"), ("pci_bus_id", "00000000:0F:00.0"),
            ("device", "nvidia1"), ("modelName", "NVIDIA A100-SXM4-80GB"), ("hostname", "gpu-node-7"),
            ("DCGM_FI_DRIVER_VERSION", "550.54.15")]
    instances = [[("GPU_I_PROFILE", "3g.40gb"), ("GPU_I_ID", "1"), ("exported_container", "a"),
                  ("exported_namespace", "ml"), ("exported_pod", "infer-a")],
                 [("GPU_I_PROFILE", "3g.40gb"), ("GPU_I_ID", "2"), ("exported_container", "b"),
                  ("exported_namespace", "ml"), ("exported_pod", "infer-b")]]
    counters = {0: 1.0e9, 1: 2.5e9}
    power_points = {0: [], 1: []}
    counter_readings = {0: [], 1: []}
    for scrape in range(5):
        t = START + 15 * scrape
        powers = {0: 250.125 + 10 * scrape, 1: 180.5 - 7.25 * scrape}
        for g in (0, 1):
            counters[g] += round(powers[g] * 15 * 1000)
        if scrape == 3:
            counters[0] = 4.2e6  # reset
        out = []
        out.append("# HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).\n# TYPE DCGM_FI_DEV_GPU_UTIL gauge\n")
        out.append(f"DCGM_FI_DEV_GPU_UTIL{labels(gpu0)} {go_float(97)}\n")
        for inst in instances:
            out.append(f"DCGM_FI_DEV_GPU_UTIL{labels(gpu1 + inst)} {go_float(40 + scrape)}\n")
        out.append("# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).\n# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n")
        p0 = 1.8446744073709552e19 if scrape == 2 else powers[0]
        out.append(f"DCGM_FI_DEV_POWER_USAGE{labels(gpu0)} {go_float(p0)}\n")
        for inst in instances:
            out.append(f"DCGM_FI_DEV_POWER_USAGE{labels(gpu1 + inst)} {go_float(powers[1])}\n")
        out.append("# HELP DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION Total energy consumption since boot (in mJ).\n"
                   "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n")
        out.append(f"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{labels(gpu0)} {go_float(counters[0])}\n")
        for inst in instances:
            out.append(f"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{labels(gpu1 + inst)} {go_float(counters[1])}\n")
        write(os.path.join(ROOT, "exporter", f"metrics-{t}.prom"), "".join(out))
        if p0 < 9.2e18:
            power_points[0].append((t, p0))
        power_points[1].append((t, powers[1]))
        for g in (0, 1):
            counter_readings[g].append(counters[g])
    expected["exporter"] = {
        uuid: {
            "counter_joules": counter_joules(counter_readings[g]),
            "trapezoid_joules": trapezoid(power_points[g]),
            "power_samples": len(power_points[g]),
            "counter_resets": sum(1 for a, b in zip(counter_readings[g], counter_readings[g][1:]) if b < a),
        }
        for g, uuid in ((0, gpu0[1][1]), (1, gpu1[1][1]))
    }


def prom_time(seconds):
    """Prometheus's JSON time: seconds, with a 3-digit fraction only when it is not zero."""
    millis = int(round(seconds * 1000))
    return str(millis // 1000) if millis % 1000 == 0 else f"{millis // 1000}.{millis % 1000:03d}"


def prom_value(value):
    """Prometheus's sample value: strconv.FormatFloat(v, 'f', -1, 64)."""
    if math.isnan(value):
        return "NaN"
    return _plain(value) if abs(value) < 1e16 else f"{value:.0f}"


def query_range(expected):
    gpus = {"0": "GPU-aaaa0000-1111-2222-3333-444455556666", "1": "GPU-bbbb0000-1111-2222-3333-444455556666"}
    result = []
    power_points = {}
    counter_readings = {}
    for g, uuid in gpus.items():
        base = {"DCGM_FI_DRIVER_VERSION": "550.54.15", "Hostname": "dgx-3", "UUID": uuid, "device": f"nvidia{g}",
                "gpu": g, "instance": "10.0.3.7:9400", "job": "dcgm-exporter", "modelName": "NVIDIA H100 80GB HBM3",
                "pci_bus_id": f"00000000:1{g}:00.0"}
        powers = []
        energies = []
        counter = 3.0e10 + 1e9 * int(g)
        for step in range(20):
            t = START + 15 * step + (0.25 if step == 7 else 0)
            watts = round(500 + 120 * math.sin(step / 4 + int(g)), 3)
            counter += round(watts * 15 * 1000)
            powers.append((t, watts))
            energies.append((t, counter))
        values = [[t, prom_value(float("nan") if (g == "0" and i == 5) else w)] for i, (t, w) in enumerate(powers)]
        result.append({"metric": {"__name__": "DCGM_FI_DEV_POWER_USAGE", **base}, "values": values})
        result.append({"metric": {"__name__": "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", **base},
                       "values": [[t, prom_value(e)] for t, e in energies]})
        if g == "1":
            result.append({"metric": {"__name__": "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", **base,
                                      "GPU_I_ID": "1", "GPU_I_PROFILE": "3g.40gb"},
                           "values": [[t, prom_value(e)] for t, e in energies]})
        power_points[uuid] = [(t, w) for i, (t, w) in enumerate(powers) if not (g == "0" and i == 5)]
        counter_readings[uuid] = [e for _, e in energies]
    document = {"status": "success", "data": {"resultType": "matrix", "result": result}}
    text = json.dumps(document, separators=(",", ":"))
    # Prometheus writes times as bare numbers: json.dumps writes floats as 1709647331.0, so the times are put back
    # in its form.
    for series in result:
        for point in series["values"]:
            text = text.replace(f"[{json.dumps(point[0])},", f"[{prom_time(point[0])},", 1)
    write(os.path.join(ROOT, "query_range", "query_range.json"), text + "\n")
    expected["query_range/query_range.json"] = {
        uuid: {
            "counter_joules": counter_joules(counter_readings[uuid]),
            "trapezoid_joules": trapezoid(power_points[uuid]),
            "power_samples": len(power_points[uuid]),
            "counter_resets": 0,
        }
        for uuid in gpus.values()
    }
    # `sum by (gpu) (DCGM_FI_DEV_POWER_USAGE)`: no __name__, the metric only in the file name.
    summed = []
    points = {}
    for g in ("0", "1"):
        pts = [(START + 15 * s, round(300 + 5 * s + int(g), 3)) for s in range(10)]
        summed.append({"metric": {"gpu": g}, "values": [[prom_time(t), prom_value(w)] for t, w in pts]})
        points[g] = pts
    text = json.dumps({"status": "success", "data": {"resultType": "matrix", "result": summed}},
                      separators=(",", ":"))
    for g in ("0", "1"):
        for t, _ in points[g]:
            text = text.replace(f'["{prom_time(t)}",', f"[{prom_time(t)},")
    write(os.path.join(ROOT, "query_range", "DCGM_FI_DEV_POWER_USAGE-sum-by-gpu.json"), text + "\n")
    expected["query_range/DCGM_FI_DEV_POWER_USAGE-sum-by-gpu.json"] = {
        g: {"counter_joules": None, "trapezoid_joules": trapezoid(points[g]), "power_samples": len(points[g]),
            "counter_resets": 0}
        for g in ("0", "1")
    }


def main():
    expected = {}
    dmon_3x(expected)
    dmon_stamped(expected)
    exporter(expected)
    query_range(expected)
    write(os.path.join(ROOT, "expected.json"), json.dumps(expected, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
