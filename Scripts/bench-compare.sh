#!/usr/bin/env bash
# Measures footprint beside the peers and yardsticks of ../shared/bench on the same files, in one run, and
# prints a Markdown table (the median wall seconds of ROUNDS rounds, default 3; MB/s of the input; the largest peak
# RSS) and the ratios the targets are set in. Usage, from the repository root:
#   DATA=/tmp/footprint-bench PYTHON=/path/to/venv/bin/python3 LIMITS=/path/to/bench/limits/bin Scripts/bench-compare.sh
# Inputs: python3 ../shared/bench/gen.py (and zcat of the trace for the plain-JSON rows); PYTHON needs pandas,
# polars, tbparse, tensorboard and orjson; LIMITS the C yardsticks built with `make -C ../shared/bench/limits`.
set -u
# Wall times come from the shell's microsecond clock, written with a point.
export LC_ALL=C
[ -n "${EPOCHREALTIME-}" ] || { echo "bash 5 or later is needed (EPOCHREALTIME)" >&2; exit 1; }
cd "$(dirname "$0")/.."
DATA=${DATA:-/tmp/footprint-bench}
PYTHON=${PYTHON:-python3}
LIMITS=${LIMITS:-../shared/bench/limits/bin}
PEERS=${PEERS:-../shared/bench/peers}
# The binary as the Python wheel ships it (python/pyproject.toml): release, the Swift runtime linked in.
swift build -c release --static-swift-stdlib --product footprint --scratch-path .build-static >/dev/null 2>&1 ||
    { echo "release build failed" >&2; exit 1; }
tool=.build-static/release/footprint
TB=$DATA/events.out.tfevents.1709647331.node042.4242.0

ROUNDS=${ROUNDS:-3}
declare -A times # "task/label" -> the wall seconds of each round
declare -A peaks # "task/label" -> the largest peak RSS in KiB
declare -A sizes # "task/label" -> the input's size in bytes
declare -a order # "task/label" in the table's order

row() { # task, label, input file for MB/s, command...
    local key="$1/$2" input=$3
    shift 3
    if [ -z "${sizes[$key]+set}" ]; then
        order+=("$key")
        sizes[$key]=$(stat -Lc %s "$input")
        times[$key]=""
        peaks[$key]=0
    fi
    local started=$EPOCHREALTIME
    if ! /usr/bin/time -o /tmp/bench-compare.$$ -f '%M' "$@" >/dev/null 2>&1; then
        # A peer that is not installed, a failure or a crash (GNU time passes the command's status on): no figure
        # rather than the time it took to fail.
        rm -f /tmp/bench-compare.$$
        times[$key]="failed"
        return
    fi
    local seconds kib
    seconds=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
    kib=$(tail -1 /tmp/bench-compare.$$)
    rm -f /tmp/bench-compare.$$
    [ "${times[$key]}" = failed ] || times[$key]="${times[$key]} $seconds"
    if [ "$kib" -gt "${peaks[$key]}" ]; then peaks[$key]=$kib; fi
}

# The median of the rounds' wall seconds.
median() {
    tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Every program once a round, so that each row's median comes from the same minutes as the others'.
for ((round = 1; round <= ROUNDS; round++)); do
    row "CSV energy" "**footprint report**" "$DATA/gpu.csv" "$tool" report "$DATA/gpu.csv" --tz UTC --format json
    row "CSV energy" "polars" "$DATA/gpu.csv" "$PYTHON" "$PEERS/polars_energy.py" "$DATA/gpu.csv"
    row "CSV energy" "pandas" "$DATA/gpu.csv" "$PYTHON" "$PEERS/pandas_energy.py" "$DATA/gpu.csv"
    row "CSV energy" "C yardstick (1 thread)" "$DATA/gpu.csv" "$LIMITS/energy" "$DATA/gpu.csv"
    row "CSV energy" "cat alone" "$DATA/gpu.csv" sh -c "cat $DATA/gpu.csv > /dev/null"
    row "CSV energy" "SHA-256 alone (openssl)" "$DATA/gpu.csv" openssl dgst -sha256 "$DATA/gpu.csv"
    row "gzip CSV energy" "**footprint report**" "$DATA/gpu.csv.gz" "$tool" report "$DATA/gpu.csv.gz" --tz UTC --format json
    row "gzip CSV energy" "polars" "$DATA/gpu.csv.gz" "$PYTHON" "$PEERS/polars_energy.py" "$DATA/gpu.csv.gz"
    row "gzip CSV energy" "zcat alone" "$DATA/gpu.csv.gz" sh -c "zcat $DATA/gpu.csv.gz > /dev/null"
    row "gzip CSV energy" "igzip alone (ISA-L)" "$DATA/gpu.csv.gz" sh -c "igzip -dc $DATA/gpu.csv.gz > /dev/null"
    row "gzip CSV energy" "C yardstick (zlib, 1 thread)" "$DATA/gpu.csv.gz" "$LIMITS/energy" "$DATA/gpu.csv.gz"
    row "tfevents scalars" "**footprint report**" "$TB" "$tool" report "$TB" --format json
    row "tfevents scalars" "tbparse" "$TB" "$PYTHON" "$PEERS/tbparse_scalars.py" "$TB"
    row "tfevents scalars" "TensorBoard EventAccumulator" "$TB" "$PYTHON" "$PEERS/tb_accumulator.py" "$TB"
    row "tfevents scalars" "C yardstick (CRC checked)" "$TB" "$LIMITS/tfevents_scan" "$TB"
    row "gzip trace" "**footprint report**" "$DATA/trace.pt.trace.json.gz" "$tool" report "$DATA/trace.pt.trace.json.gz" --format json
    row "gzip trace" "orjson" "$DATA/trace.pt.trace.json.gz" "$PYTHON" "$PEERS/trace_steps_orjson.py" "$DATA/trace.pt.trace.json.gz"
    row "gzip trace" "json.load" "$DATA/trace.pt.trace.json.gz" "$PYTHON" "$PEERS/trace_steps.py" "$DATA/trace.pt.trace.json.gz"
    row "gzip trace" "zcat alone" "$DATA/trace.pt.trace.json.gz" sh -c "zcat $DATA/trace.pt.trace.json.gz > /dev/null"
    row "gzip trace" "C yardstick (zlib, 1 thread)" "$DATA/trace.pt.trace.json.gz" "$LIMITS/trace_scan" "$DATA/trace.pt.trace.json.gz"
done

declare -A wall # median seconds per "task/label", for the ratios at the end
echo "Medians of $ROUNDS rounds (each round runs every program once, in the order below)."
echo
echo "| task | program | wall s (median) | MB/s | peak RSS MiB | rounds, s |"
echo "|---|---|---:|---:|---:|---|"
for key in "${order[@]}"; do
    task=${key%%/*}
    label=${key#*/}
    if [ "${times[$key]}" = failed ]; then
        echo "| $task | $label | (failed) | | | |"
        continue
    fi
    wall[$key]=$(median "${times[$key]}")
    awk -v t="$task" -v l="$label" -v s="${wall[$key]}" -v k="${peaks[$key]}" -v b="${sizes[$key]}" -v r="${times[$key]# }" \
        'BEGIN { printf "| %s | %s | %.3f | %s | %.0f | %s |\n", t, l, s, (s > 0 ? sprintf("%.0f", b / 1e6 / s) : "-"), k / 1024, r }'
done

ratio() { # label, numerator key, denominator key, target
    awk -v l="$1" -v a="${wall[$2]:-0}" -v b="${wall[$3]:-0}" -v t="$4" \
        'BEGIN { if (a > 0 && b > 0) printf "| %s | %.4f | %s |\n", l, a / b, t; else printf "| %s | (not measured) | %s |\n", l, t }'
}
echo
echo "| ratio (wall) | measured | target |"
echo "|---|---:|---|"
ratio "CSV: footprint / polars" "CSV energy/**footprint report**" "CSV energy/polars" "≤ 0.15"
ratio "CSV: footprint / C yardstick" "CSV energy/**footprint report**" "CSV energy/C yardstick (1 thread)" "≤ 1.5"
# The provenance's SHA-256 of the file is one sequential pass, on one core whatever the parsing does: no report of
# the file can take less.
ratio "CSV: SHA-256 alone / polars (the digest's floor)" "CSV energy/SHA-256 alone (openssl)" "CSV energy/polars" "(≤ 0.15 needs it below)"
ratio "CSV: SHA-256 alone / C yardstick" "CSV energy/SHA-256 alone (openssl)" "CSV energy/C yardstick (1 thread)" "(≤ 1.5 needs it below)"
ratio "gzip CSV: footprint / polars" "gzip CSV energy/**footprint report**" "gzip CSV energy/polars" "≤ 0.2"
ratio "tfevents: footprint / tbparse" "tfevents scalars/**footprint report**" "tfevents scalars/tbparse" "≤ 0.005"
ratio "gzip trace: footprint / orjson" "gzip trace/**footprint report**" "gzip trace/orjson" "≤ 0.1"
