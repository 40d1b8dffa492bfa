#!/usr/bin/env python3
"""Computes, independently of the tool, what each profiler trace given yields: event count, clock, devices,
rank, the ProfilerStep#N spans (CPU timeline) and each GPU's busy time (union of kernel/memcpy/memset spans).
Prints one JSON object per line; the output is kept as Fixtures/profiler/expected-traces.jsonl and read by
ProfilerTraceTests. Usage: python3 Scripts/trace-expected.py TRACE...
"""
import gzip
import json
import re
import sys

BUSY = {"kernel", "gpu_memcpy", "gpu_memset", "memcpy", "memset"}


def load(path):
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


for path in sys.argv[1:]:
    document = load(path)
    top = document if isinstance(document, dict) else {}
    events = document if isinstance(document, list) else document.get("traceEvents", [])
    steps = []
    spans = {}
    for event in events:
        if not isinstance(event, dict) or event.get("ph") != "X":
            continue
        name, cat, ts, dur = event.get("name", ""), event.get("cat"), event.get("ts"), event.get("dur", 0)
        if isinstance(name, str) and re.fullmatch(r"ProfilerStep#\d+", name) and cat != "gpu_user_annotation":
            steps.append([int(name.split("#")[1]), ts, dur])
        elif isinstance(cat, str) and cat.lower() in BUSY and isinstance(event.get("pid"), int) and dur > 0:
            spans.setdefault(event["pid"], []).append((ts, ts + dur))
    busy = {}
    for device, items in spans.items():
        total, current = 0.0, None
        for start, end in sorted(items):
            if current and start <= current[1]:
                current[1] = max(current[1], end)
            else:
                if current:
                    total += current[1] - current[0]
                current = [start, end]
        total += current[1] - current[0]
        busy[str(device)] = total
    steps.sort(key=lambda s: s[1])
    window = [steps[0][1], max(s[1] + s[2] for s in steps)] if steps else None
    print(json.dumps({
        "file": path.split("/")[-1], "events": len(events), "base_ns": top.get("baseTimeNanoseconds"),
        "devices": [[d.get("id"), d.get("name")] for d in top.get("deviceProperties", [])],
        "rank": (top.get("distributedInfo") or {}).get("rank"),
        "world_size": (top.get("distributedInfo") or {}).get("world_size"),
        "steps": steps, "window": window, "busy_us": busy,
    }))
