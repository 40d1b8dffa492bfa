#!/usr/bin/env python3
"""Writes Fixtures/multihost/: run folders laid out as multi-host runs leave them, and expected.json with each
layout's energy per host and in total, integrated here independently (trapezoidal rule per GPU over the values
as written, in joules). Run from the repository root; the output is deterministic."""
import json, math, os, shutil

ROOT = "Fixtures/multihost"
START = 1709647200  # 2024-03-05 14:00:00 UTC
SECONDS = 60


def watts(host, gpu, t, scale=1.0):
    return round(scale * (120 + 35 * host + 9 * gpu + 40 * math.sin((t + 3 * gpu + 11 * host) / 7.0)), 2)


def stamp(t):
    s = START + t
    days, rest = divmod(s, 86400)
    h, rest = divmod(rest, 3600)
    m, sec = divmod(rest, 60)
    return "2024/03/05 %02d:%02d:%02d.000" % (h, m, sec)


def write_log(path, host, gpus=4, uuids=False, offset=0, seconds=SECONDS, scale=1.0):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    header = "timestamp, index, uuid, power.draw [W], utilization.gpu [%]" if uuids else \
        "timestamp, index, power.draw [W], utilization.gpu [%]"
    rows = [header]
    energy = {}
    for t in range(offset, offset + seconds + 1):
        for g in range(gpus):
            w = watts(host, g, t, scale)
            uuid = ", GPU-%08x-0000-0000-0000-%012x" % (host + 1, g) if uuids else ""
            rows.append("%s, %d%s, %.2f W, 97 %%" % (stamp(t), g, uuid, w))
    for g in range(gpus):
        values = [watts(host, g, t, scale) for t in range(offset, offset + seconds + 1)]
        energy[g] = sum((values[i] + values[i + 1]) / 2 for i in range(len(values) - 1))
    with open(path, "w") as f:
        f.write("\n".join(rows) + "\n")
    return energy


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    expected = {}

    def record(name, hosts):
        expected[name] = {
            "hosts": {h: round(sum(e.values()), 6) for h, e in hosts.items()},
            "gpus": sum(len(e) for e in hosts.values()),
            "joules": round(sum(sum(e.values()) for e in hosts.values()), 6),
        }

    record("per-host-folders", {
        "node1": write_log(ROOT + "/per-host-folders/node1/nvidia-smi.csv", 0),
        "node2": write_log(ROOT + "/per-host-folders/node2/nvidia-smi.csv", 1),
    })
    record("host-in-file-name", {
        "node-017": write_log(ROOT + "/host-in-file-name/gpu-a100-node-017.csv", 2),
        "node-018": write_log(ROOT + "/host-in-file-name/gpu-a100-node-018.csv", 3),
        "node-019": write_log(ROOT + "/host-in-file-name/gpu-a100-node-019.csv", 4),
    })
    record("host-key-folders", {
        "gpu12": write_log(ROOT + "/host-key-folders/logs/host=gpu12/power.csv", 0),
        "gpu13": write_log(ROOT + "/host-key-folders/logs/host=gpu13/power.csv", 1),
    })
    record("uuid-only", {
        "host-a": write_log(ROOT + "/uuid-only/host-a/gpu.csv", 0, uuids=True),
        "host-b": write_log(ROOT + "/uuid-only/host-b/gpu.csv", 1, uuids=True),
    })
    # Six hosts running the same load (host 0's pattern, each a little different), node6 at 55% of it: the
    # straggler.
    record("straggler-host", {
        "node%d" % (n + 1): write_log(
            ROOT + "/straggler-host/node%d/nvidia-smi.csv" % (n + 1), 0, scale=[1.0, 1.02, 0.99, 1.01, 0.98, 0.55][n])
        for n in range(6)
    })
    energy = write_log(ROOT + "/duplicated-copy/node1/nvidia-smi.csv", 0)
    os.makedirs(ROOT + "/duplicated-copy/backup", exist_ok=True)
    shutil.copyfile(ROOT + "/duplicated-copy/node1/nvidia-smi.csv", ROOT + "/duplicated-copy/backup/nvidia-smi.csv")
    record("duplicated-copy", {"": energy})
    # One host, resumed: two logs one after the other (the second starts 30 s after the first ends); the joined
    # GPU bridges the 30 s linearly between the last and first samples.
    first = write_log(ROOT + "/resumed-one-host/run1/nvidia-smi.csv", 0, offset=0, seconds=SECONDS)
    second = write_log(ROOT + "/resumed-one-host/run2/nvidia-smi.csv", 0, offset=SECONDS + 30, seconds=SECONDS)
    joined = {g: first[g] + second[g] + 30 * (watts(0, g, SECONDS) + watts(0, g, SECONDS + 30)) / 2 for g in first}
    record("resumed-one-host", {"": joined})
    with open(ROOT + "/expected.json", "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
