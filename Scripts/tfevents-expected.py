#!/usr/bin/env python3
"""Prints, for each event file given, the scalar tags and point counts that TensorBoard's own reader sees.

Uses tensorboard's EventAccumulator with no sampling (size_guidance 0). Scalars are its `scalars` plus the
`tensors` whose plugin is `scalars` (TF2 writers). Output: one JSON object per line and file (NaN written as
null), kept as Fixtures/tfevents/expected-tensorboard.jsonl and read by TFEventsReaderTests.

    python3 -m venv /tmp/tb && /tmp/tb/bin/pip install tensorboard
    /tmp/tb/bin/python Scripts/tfevents-expected.py FILE...
"""
import json
import sys

from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.util import tensor_util

for path in sys.argv[1:]:
    acc = ea.EventAccumulator(path, size_guidance={k: 0 for k in
                                                   (ea.SCALARS, ea.TENSORS, ea.HISTOGRAMS, ea.IMAGES,
                                                    ea.AUDIO, ea.COMPRESSED_HISTOGRAMS)})
    acc.Reload()
    tags = acc.Tags()
    scalars = {}
    for tag in tags["scalars"]:
        events = acc.Scalars(tag)
        scalars[tag] = [len(events), events[0].step, events[-1].step, events[0].value, events[-1].value]
    for tag in tags["tensors"]:
        if acc.SummaryMetadata(tag).plugin_data.plugin_name == "scalars":
            events = acc.Tensors(tag)
            first = float(tensor_util.make_ndarray(events[0].tensor_proto))
            last = float(tensor_util.make_ndarray(events[-1].tensor_proto))
            scalars[tag] = [len(events), events[0].step, events[-1].step, first, last]
    def finite(value):
        return None if value != value else value

    scalars = {tag: [n, a, b, finite(x), finite(y)] for tag, (n, a, b, x, y) in scalars.items()}
    print(json.dumps({"file": path.split("/")[-1], "scalars": dict(sorted(scalars.items())),
                      "histograms": len(tags["histograms"]), "images": len(tags["images"]),
                      "tensors": len(tags["tensors"])}))
