#!/usr/bin/env bash
# Rewrites the report snapshots in Fixtures/snapshots/ (every format, for two runs) after an intended change of
# output; SnapshotTests compares fresh reports with them byte for byte. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build >/dev/null
formats=md,csv,json,tex,svg,model-card
.build/debug/footprint report Fixtures/runs/example --tz Europe/Berlin --region DE --pue 1.1 --format "$formats" \
    --output Fixtures/snapshots/example 2>/dev/null
.build/debug/footprint report Fixtures/runs/training-resumed --tz Asia/Kolkata --region DE --pue-preset google \
    --embodied --target 'train/loss<=0.5' --format "$formats" --output Fixtures/snapshots/training-resumed 2>/dev/null
rsvg-convert -w 1280 Fixtures/snapshots/training-resumed/report.svg -o Fixtures/snapshots/training-resumed/report.png
