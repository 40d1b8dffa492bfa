#!/usr/bin/env python3
"""Writes Fixtures/classification/: one short file per foreign producer footprint recognises by content, laid out
as each producer writes it (../shared/FORMATS.md §6-12), plus CSVs that test the GPU-power-column rule.

Deterministic; run from the repository root. The expected kind of each file is in ClassificationTests.swift.
"""
import os
import struct
import zlib

OUT = os.path.join("Fixtures", "classification")


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data.encode() if isinstance(data, str) else data)


def wandb_run_file():
    """`:W&B`, 0xBEE1, version 0, then one FULL LevelDB-log chunk (CRC-32/IEEE over type + payload)."""
    payload = b"\x0a\x02\x08\x01"  # a tiny protobuf Record
    chunk_type = 1
    crc = zlib.crc32(bytes([chunk_type]) + payload) & 0xFFFFFFFF
    return b":W&B" + struct.pack("<HB", 0xBEE1, 0) + struct.pack("<IHB", crc, len(payload), chunk_type) + payload


def main():
    cc31 = ("timestamp,project_name,run_id,duration,emissions,emissions_rate,cpu_power,gpu_power,ram_power,"
            "cpu_energy,gpu_energy,ram_energy,energy_consumed,country_name,country_iso_code,region,cloud_provider,"
            "cloud_region,os,python_version,codecarbon_version,cpu_count,cpu_model,gpu_count,gpu_model,longitude,"
            "latitude,ram_total_size,tracking_mode,on_cloud,pue\n"
            "2024-03-05T14:02:11,codecarbon,5b0fa12a-3dd7-45bb-9766-cc326314d9f1,3600.0,0.05,1.4e-05,42.5,250.0,"
            "11.7,0.0425,0.25,0.0117,0.3042,Germany,DEU,,,,Linux-5.15.0-x86_64-with-glibc2.35,3.10.12,2.3.4,32,"
            "AMD EPYC 7313 16-Core Processor,1,1 x NVIDIA A100-SXM4-40GB,,,31.2,machine,N,1.0\n")
    write("codecarbon-2.3.4/emissions.csv", cc31)
    write("codecarbon-2.3.4/emissions.csv.bak", cc31)
    write("codecarbon-1.x/emissions.csv",
          "timestamp,experiment_id,project_name,duration,emissions,energy_consumed,country_name,country_iso_code,"
          "region,on_cloud,cloud_provider,cloud_region\n"
          "2022-01-10T09:00:00,3fa85f64-5717-4562-b3fc-2c963f66afa6,codecarbon,60.0,0.0001,0.0003,France,FRA,,N,,\n")
    write("wandb/run-20240305_140211-abcd1234/run-abcd1234.wandb", wandb_run_file())
    write("wandb/run-20240305_140211-abcd1234/files/wandb-events.jsonl",
          '{"system.gpu.0.gpu": 97.0, "system.gpu.0.powerWatts": 251.3, "system.cpu": 12.5, "_wandb": true, '
          '"_timestamp": 1709647331, "_runtime": 30}\n'
          '{"system.gpu.0.gpu": 98.0, "system.gpu.0.powerWatts": 255.9, "system.cpu": 12.7, "_wandb": true, '
          '"_timestamp": 1709647361, "_runtime": 60}\n')
    write("wandb/run-20240305_140211-abcd1234/files/wandb-summary.json",
          '{"loss": 1.234, "_timestamp": 1709650931.5, "_runtime": 3600, "_step": 999, "_wandb": {"runtime": 3600}}\n')
    write("wandb/run-20240305_140211-abcd1234/files/wandb-metadata.json",
          '{\n    "os": "Linux-5.15.0-x86_64-with-glibc2.35",\n    "python": "3.10.12",\n'
          '    "startedAt": "2024-03-05T14:02:11.000000",\n    "host": "node01",\n    "gpu": "NVIDIA A100-SXM4-40GB",\n'
          '    "gpu_count": 1\n}\n')
    write("wandb/run-20240305_140211-abcd1234/files/config.yaml",
          "wandb_version: 1\n\n_wandb:\n  desc: null\n  value:\n    python_version: 3.10.12\nlr:\n  desc: null\n"
          "  value: 0.0003\n")
    write("wandb/export/system-metrics.csv",
          ",system.gpu.0.powerWatts,system.gpu.1.powerWatts,system.gpu.process.0.powerWatts,system.cpu,_runtime,"
          "_timestamp\n0,251.3,249.1,251.3,12.5,30,1709647331.2\n1,255.9,250.0,255.9,12.7,60,1709647361.4\n")
    write("mlruns/0/0123456789abcdef/meta.yaml",
          "artifact_uri: file:///home/user/mlruns/0/0123456789abcdef/artifacts\nend_time: 1709650931000\n"
          "entry_point_name: ''\nexperiment_id: '0'\nlifecycle_stage: active\nrun_id: 0123456789abcdef\n"
          "run_name: bright-owl-42\nstart_time: 1709647331000\nstatus: 3\n")
    write("mlruns/0/meta.yaml",
          "artifact_location: file:///home/user/mlruns/0\ncreation_time: 1709647000000\nexperiment_id: '0'\n"
          "last_update_time: 1709647000000\nlifecycle_stage: active\nname: Default\n")
    write("mlruns/0/0123456789abcdef/metrics/system/gpu_0_power_usage_watts",
          "1709647341000 251.3 0\n1709647351000 255.9 1\n1709647361000 249.0 2\n")
    write("mlperf/spl.txt",
          "Time,03-05-2024 14:02:11.000,Watts,1523.400000,Volts,229.100000,Amps,6.812000,PF,0.976000,Mark,run_1\n"
          "Time,03-05-2024 14:02:12.000,Watts,1530.100000,Volts,229.000000,Amps,6.840000,PF,0.976200,Mark,run_1\n")
    write("mlperf/server.json",
          '{\n    "version": "1.0",\n    "timezone": 0,\n    "phases": {"ranging": [[1709647331.0, 10.0]]},\n'
          '    "ptd_config": {"device_type": 49, "channel": [1]}\n}\n')
    write("mlperf/mlperf_log_detail.txt",
          ':::MLLOG {"key": "power_begin", "value": "03-05-2024 14:02:11.000", "time_ms": 1.0, '
          '"namespace": "mlperf::logging", "event_type": "POINT_IN_TIME", "metadata": {}}\n')
    write("mlperf/mlperf_log_summary.txt",
          "================================================\nMLPerf Results Summary\n"
          "================================================\nSUT name : LWIS_Server\nScenario : Offline\n")
    write("dcgm/dcgmi-dmon.txt",
          "#Entity   POWER             TOTEC                   GPUTL\n"
          "ID         W                 mJ                     \n"
          "GPU 0     251.300           20848390074             97\n"
          "GPU 1     249.100           22351345411             96\n")
    write("dcgm/metrics-1709647331.prom",
          "# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).\n# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n"
          'DCGM_FI_DEV_POWER_USAGE{gpu="0",UUID="GPU-0",modelName="NVIDIA A100-SXM4-40GB",hostname="node01"} 251.3\n')
    write("dcgm/query_range.json",
          '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":'
          '"DCGM_FI_DEV_POWER_USAGE","gpu":"0"},"values":[[1709647331,"251.3"],[1709647346,"255.9"]]}]}}\n')
    write("slurm/sacct-parsable.txt",
          "JobID|JobName|NNodes|AllocTRES|Start|End|Elapsed|State|ConsumedEnergyRaw\n"
          "12345|train|1|billing=8,cpu=8,energy=3600000,gres/gpu=1,mem=64G,node=1|2024-03-05T14:02:11|"
          "2024-03-05T15:02:11|01:00:00|COMPLETED|3600000\n"
          "12345.batch|batch|1|cpu=8,gres/gpu=1,mem=64G,node=1|2024-03-05T14:02:11|2024-03-05T15:02:11|01:00:00|"
          "COMPLETED|3590000\n")
    write("slurm/sacct-p-trailing.txt",
          "JobName|JobID|Elapsed|State|ConsumedEnergyRaw|\ntrain|12345|01:00:00|COMPLETED|3600000|\n")
    write("slurm/sacct-fixed.txt",
          "JobID           JobName    Elapsed      State ConsumedEnergyRaw \n"
          "------------ ---------- ---------- ---------- ----------------- \n"
          "12345             train   01:00:00  COMPLETED           3600000 \n")
    # CSVs with power columns that are not GPU power, and one that is.
    write("csv/cpu-power.csv", "timestamp,cpu_power_w,ram_power_w\n2024-03-05 14:02:11,42.5,11.7\n"
          "2024-03-05 14:02:12,43.0,11.7\n")
    write("csv/power-beside-cpu.csv", "time,cpu_util,power\n2024-03-05 14:02:11,12,130.0\n"
          "2024-03-05 14:02:12,14,131.0\n")
    write("csv/single-gpu-power.csv", "time,power_W\n2024-03-05 14:02:11,100.0\n2024-03-05 14:02:13,200.0\n")


if __name__ == "__main__":
    main()
