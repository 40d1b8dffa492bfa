#!/usr/bin/env bash
# Rewrites the report snapshots in Fixtures/snapshots/ (every format, for two runs) and the README's picture
# (docs/report-example.png, where chromium is installed) after an intended change of output; SnapshotTests compares
# fresh reports with them byte for byte. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build >/dev/null
formats=md,csv,json,tex,svg,html,model-card
.build/debug/footprint report Fixtures/runs/example --tz Europe/Berlin --region DE --pue 1.1 --format "$formats" \
    --output Fixtures/snapshots/example 2>/dev/null
.build/debug/footprint report Fixtures/runs/training-resumed --tz Asia/Kolkata --region DE --pue-preset google \
    --embodied --target 'train/loss<=0.5' --format "$formats" --output Fixtures/snapshots/training-resumed 2>/dev/null
# The README's picture: the example's HTML report in headless Chromium.
if command -v chromium >/dev/null 2>&1; then
    python3 Scripts/browser-check.py Fixtures/snapshots/example/report.html --screenshot docs/report-example.png \
        --window-size 1280,720 --box 86,118,648,378 >/dev/null
fi
rsvg-convert -w 1280 Fixtures/snapshots/training-resumed/report.svg -o Fixtures/snapshots/training-resumed/report.png
