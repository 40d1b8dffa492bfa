#!/usr/bin/env bash
# Measures a release build of `footprint report` on large logs, beside `cat` (and `zcat` for gzip files): wall
# seconds, MB/s of the (inflated) input and peak resident memory (GNU time). Usage: Scripts/measure.sh FILE...
# Inputs can be generated with ../shared/bench/gen.py, e.g. --only csv --hours H (about 2.2 MB per hour for
# 8 GPUs) or --only tfevents --scalars N (about 54 bytes per scalar record).
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: Scripts/measure.sh FILE..." >&2; exit 1; }
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

echo "| command | wall s | MB/s | peak RSS MiB |"
echo "|---|---:|---:|---:|"
for file in "$@"; do
    if [ "$(head -c 2 "$file" | od -An -tx1 | tr -d ' ')" = "1f8b" ]; then
        size=$(zcat "$file" | wc -c)
        measure "zcat $(basename "$file")" "$size" zcat "$file"
    else
        size=$(stat -c %s "$file")
        measure "cat $(basename "$file")" "$size" cat "$file"
    fi
    measure "footprint report $(basename "$file")" "$size" "$tool" report "$file" --tz UTC --format json
done
