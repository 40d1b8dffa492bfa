#!/usr/bin/env bash
# Measures a release build of `footprint report` on a large nvidia-smi CSV, plain and gzip, beside cat and zcat:
# wall seconds, MB/s and peak resident memory (GNU time). Usage: Scripts/measure.sh LOG.csv [LOG.csv.gz]
# A log can be generated with ../shared/bench/gen.py --only csv --hours H (about 2.2 MB per hour for 8 GPUs).
set -euo pipefail
csv=${1:?usage: Scripts/measure.sh LOG.csv [LOG.csv.gz]}
gz=${2:-}
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time; }
swift build -c release >/dev/null
tool=.build/release/footprint

measure() { # label, input bytes, command...
    local label=$1 bytes=$2
    shift 2
    local out
    /usr/bin/time -f '%e %M' "$@" >/dev/null 2>/tmp/measure.$$ || true
    out=$(tail -1 /tmp/measure.$$)
    rm -f /tmp/measure.$$
    local seconds=${out% *} kib=${out#* }
    awk -v l="$label" -v s="$seconds" -v k="$kib" -v b="$bytes" \
        'BEGIN { printf "| %s | %.2f | %.0f | %.0f |\n", l, s, b / 1e6 / s, k / 1024 }'
}

size=$(stat -c %s "$csv")
echo "| command | wall s | MB/s (of the plain CSV) | peak RSS MiB |"
echo "|---|---:|---:|---:|"
measure "cat" "$size" cat "$csv"
measure "footprint report (plain)" "$size" "$tool" report "$csv" --tz UTC --format json
if [ -n "$gz" ]; then
    measure "zcat" "$size" zcat "$gz"
    measure "footprint report (gzip)" "$size" "$tool" report "$gz" --tz UTC --format json
fi
