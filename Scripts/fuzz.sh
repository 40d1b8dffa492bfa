#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ (address sanitizer on) and runs each for SECONDS (default 60) with a
# seed corpus from Fixtures/. Crashes, leaks and timeouts land in .build-fuzz/artifacts/HARNESS/; copy each into
# Fixtures/malformed/ with a replay test (see MalformedInputTests). Usage: Scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(FuzzGzip FuzzNvidiaSMICSV FuzzDmon FuzzTFEvents FuzzTrace FuzzIntensitySeries FuzzMergeShard FuzzEscaping FuzzWandB FuzzTrackers FuzzDCGM FuzzSlurm)

declare -A seeds=(
    [FuzzGzip]="Fixtures/gzip Fixtures/tfevents/tensorboardX/gzip Fixtures/profiler/hta_cpu_only_rank-34.Jul_15_10_52_41.1074.pt.trace.json.gz Fixtures/malformed"
    [FuzzNvidiaSMICSV]="Fixtures/nvidia-smi-csv/plato_noheader_units_gpu_log.csv Fixtures/nvidia-smi-csv/A100_TR_gpudata.csv Fixtures/intensity Fixtures/malformed"
    [FuzzDmon]="Fixtures/dmon Fixtures/malformed"
    [FuzzTFEvents]="Fixtures/tfevents/tensorboardX/events.out.tfevents.1709647200.fixture-host Fixtures/runs/training-resumed/tb Fixtures/runs/training-tf2/train Fixtures/malformed"
    [FuzzTrace]="Fixtures/profiler/kineto_docs_after_fix_trace.json Fixtures/profiler/hta_mi250_minitoy_train_ROCm6_2_kineto.json.gz Fixtures/malformed"
    [FuzzIntensitySeries]="Fixtures/intensity Fixtures/malformed"
    [FuzzMergeShard]=".build-fuzz/seeds/FuzzMergeShard"
    [FuzzTrackers]="Fixtures/trackers Fixtures/codecarbon Fixtures/malformed"
    [FuzzEscaping]="Fixtures/malformed/gpu-name-markdown-injection.csv Fixtures/malformed/invalid-utf8.csv"
    [FuzzWandB]="Fixtures/wandb Fixtures/malformed"
    [FuzzDCGM]="Fixtures/dcgm Fixtures/classification/dcgm"
    [FuzzSlurm]="Fixtures/slurm Fixtures/classification/slurm"
)

# A shard's audit.csv for FuzzMergeShard: an analysed run, one that failed, and a cell with the formula guard.
mkdir -p .build-fuzz/seeds/FuzzMergeShard
cat > .build-fuzz/seeds/FuzzMergeShard/audit.csv <<'CSV'
run,start_utc,end_utc,duration_s,gpus,energy_j,energy_kwh,all_gpus_energy_kwh,mean_w,pue,intensity_g_per_kwh,intensity_source,intensity_year,kg_co2e,coverage,warnings,train_seconds,train_energy_kwh,joules_per_step,steps,method,kg_co2e_low,kg_co2e_high,facility_kwh,embodied_kg_co2e,system_energy_kwh,slurm_job,status,clock_zone,clock_source,error,path
example,2024-03-05T14:00:01.006Z,2024-03-05T14:20:07.341Z,1206.335,3,1025102.817,0.284750783,0.302436878,849.766,1.000,473.01,OWID carbon_intensity_elec (Ember 2025; Energy Institute 2025),2024,0.134690,0.996376,2,,,,,measured,0.127909,0.144878,0.284750783,,,,ok,UTC,option,,example
training-tf2,2024-03-06T13:59:50.000Z,2024-03-06T14:10:40.000Z,650.000,1,138658.000,0.038516111,0.038516111,213.320,1.000,473.01,"Germany (DE), 2024",2024,0.018219,1.000000,0,570.000,0.036654167,6945.000000,19,measured,0.017308,0.019590,0.038516111,0.5,,,ok,UTC,none,,"'=runs/tf2"
,,,,,,,,,,,,,,,,,,,,,,,,,,,error,,,"crashed (signal 4) while analysing; please report",broken
CSV

for harness in "${harnesses[@]}"; do
    # lld links the sanitized binaries (gold stops with an internal error on them).
    FOOTPRINT_FUZZ=1 swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address \
        -Xswiftc -enable-testing -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld --product "$harness" 2>&1 | grep -E "error:" && exit 1
    corpus=.build-fuzz/corpus/$harness
    artifacts=.build-fuzz/artifacts/$harness/
    mkdir -p "$corpus" "$artifacts"
    for seed in ${seeds[$harness]}; do
        [ -e "$seed" ] && find "$seed" -type f -size -1M -exec cp {} "$corpus/" \;
    done
    echo "== $harness for ${seconds}s"
    .build-fuzz/release/"$harness" "$corpus" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$artifacts" -print_final_stats=1 2>&1 \
        | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Test unit written" || true
done
