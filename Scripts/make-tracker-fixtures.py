#!/usr/bin/env python3
"""Writes the experiment-tracker fixtures with the trackers' own writers, values synthetic, and the energies they
imply, computed here independently (Fixtures/trackers/expected-trackers.json).

Needs the PyPI packages mlflow, codecarbon and tensorboardX:

    python3 -m venv /tmp/venv-trackers && /tmp/venv-trackers/bin/pip install mlflow codecarbon tensorboardX
    /tmp/venv-trackers/bin/python Scripts/make-tracker-fixtures.py

Output (CI does not regenerate it; the tests read the committed files):
- Fixtures/trackers/mlflow/mlruns/: an MLflow file store with one run of 2 GPUs, their power every 10 s as MLflow's
  system-metrics logger names it (system/gpu_{i}_power_usage_watts), a utilization metric and a loss;
- Fixtures/trackers/megatron/: a tensorboardX event file with Megatron-LM's --log-energy tags (iter-energy/gpu,
  power/gpu), world-size and lm loss, every 10 iterations of an 8-GPU job;
- Fixtures/trackers/codecarbon/emissions.csv: rows written through CodeCarbon's own FileOutput handler: a run
  flushed twice (cumulative rows of one run_id), a second GPU run and a CPU-only run;
- Fixtures/trackers/codecarbon-tasks/: task mode's output through the same handler: the run's total in
  emissions.csv and its three tasks, each row its own energy, in emissions_<experiment>_<run_id>.csv
  (FileOutput.task_out);
- Fixtures/trackers/damaged/: copies of those with cut lines, missing columns, unknown fields and non-numbers.
"""
import json
import os
import pathlib
import shutil
import socket
import time
from unittest import mock

os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"

ROOT = pathlib.Path(__file__).resolve().parent.parent / "Fixtures" / "trackers"
T0 = 1717236000.0  # 2024-06-01 10:00:00 UTC


def mlflow_run():
    """Two GPUs, 30 samples each 10 s apart, written by MLflow's file store; returns the energy per GPU."""
    import uuid

    import mlflow
    import mlflow.store.tracking.file_store as file_store
    from mlflow.entities import Metric
    from mlflow.tracking import MlflowClient

    folder = ROOT / "mlflow"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    cwd = os.getcwd()
    os.chdir(folder)
    # Fixed ids and clock, so that a rerun writes the same files.
    fixed = [mock.patch.object(file_store, "_generate_unique_integer_id", return_value=271828182845904523),
             mock.patch.object(file_store.uuid, "uuid4", return_value=uuid.UUID("5424dabd16714eb69aa1aec62c0604a8")),
             mock.patch.object(file_store, "get_current_time_millis", return_value=int(T0 * 1000))]
    for patch in fixed:
        patch.start()
    try:
        mlflow.set_tracking_uri("file:./mlruns")
        client = MlflowClient()
        experiment = client.create_experiment("trackers")
        run = client.create_run(experiment, start_time=int(T0 * 1000), run_name="synthetic-2gpu")
        run_id = run.info.run_id
        energies = {}
        for gpu in range(2):
            samples = []
            for index in range(30):
                stamp_ms = int(T0 * 1000) + 5000 + index * 10000 + gpu * 7
                watts = round(150.0 + 60.0 * gpu + 40.0 * ((index * 7) % 5) + 0.25 * index, 2)
                samples.append((stamp_ms, watts))
            metric = f"system/gpu_{gpu}_power_usage_watts"
            client.log_batch(run_id, metrics=[Metric(metric, w, t, i) for i, (t, w) in enumerate(samples)])
            utilization = f"system/gpu_{gpu}_utilization_percentage"
            client.log_batch(run_id, metrics=[Metric(utilization, 90.0, t, i) for i, (t, _) in enumerate(samples)])
            energies[str(gpu)] = sum(
                (samples[i][1] + samples[i + 1][1]) / 2 * (samples[i + 1][0] - samples[i][0]) / 1000
                for i in range(len(samples) - 1))
        client.log_batch(run_id, metrics=[Metric("loss", 2.0 / (1 + s), int(T0 * 1000) + 10000 * s, s)
                                           for s in range(29)])
        client.set_terminated(run_id, end_time=int(T0 * 1000) + 305000)
    finally:
        for patch in fixed:
            patch.stop()
        os.chdir(cwd)
    # The store records absolute artifact paths; keep the fixture free of this machine's folders.
    for meta in folder.rglob("meta.yaml"):
        text = meta.read_text()
        meta.write_text("\n".join(
            line.split(":", 1)[0] + ": file:///mlruns" if line.startswith(("artifact_uri:", "artifact_location:"))
            else line for line in text.splitlines()) + "\n")
    return {"run_id": run_id, "joules_per_gpu": energies, "joules": sum(energies.values())}


def megatron_run():
    """An 8-GPU job logging every 10 iterations; returns the job energy the tags imply."""
    from tensorboardX import SummaryWriter

    folder = ROOT / "megatron"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    world_size, log_interval = 8, 10
    with mock.patch.object(time, "time", return_value=T0), \
            mock.patch.object(socket, "gethostname", return_value="fixture-host"):
        writer = SummaryWriter(logdir=str(folder), flush_secs=3600)
    import numpy as np
    wall = T0 + 60.0
    job_joules = 0.0
    bridged_joules = 0.0
    previous = None  # (end wall time, watts per GPU) of the interval before, as the reader sees it
    for point in range(1, 21):
        iteration = point * log_interval
        seconds_per_iteration = 1.5 + 0.1 * (point % 3)
        power_per_gpu = 400.0 + 25.0 * (point % 4)
        energy_per_iteration_per_gpu = power_per_gpu * seconds_per_iteration
        wall += seconds_per_iteration * log_interval
        writer.add_scalar("lm loss", 8.0 / (1 + point), iteration, walltime=wall)
        writer.add_scalar("iter-energy/gpu", energy_per_iteration_per_gpu, iteration, walltime=wall)
        writer.add_scalar("power/gpu", power_per_gpu, iteration, walltime=wall)
        writer.add_scalar("world-size", world_size, iteration, walltime=wall)
        # The values as the file stores them (float32), as the reader sees them: the counters' energy of the
        # interval, and its elapsed time (iterations × J/iteration ÷ W) that places its start.
        stored_energy = float(np.float32(energy_per_iteration_per_gpu))
        stored_power = float(np.float32(power_per_gpu))
        job_joules += stored_energy * log_interval * world_size
        start = wall - log_interval * stored_energy / stored_power
        if previous is not None and start - previous[0] >= 1e-3:
            # A pause between intervals (the monitor stopped): bridged linearly, like any gap.
            bridged_joules += (previous[1] + stored_power) / 2 * world_size * (start - previous[0])
        previous = (wall, stored_power)
        if point == 12:
            wall += 240.0  # an evaluation: the monitor pauses, the interval timer too
    writer.close()
    return {"world_size": world_size, "counter_joules": job_joules, "bridged_joules": bridged_joules,
            "joules": job_joules + bridged_joules, "points": 20, "log_interval": log_interval,
            "first_seconds": T0 + 60.0, "last_seconds": wall}


def codecarbon_run():
    """Rows written through CodeCarbon's FileOutput; returns the GPU, CPU and RAM energy of each run's last row."""
    from codecarbon.output_methods.emissions_data import EmissionsData
    from codecarbon.output_methods.file import FileOutput

    folder = ROOT / "codecarbon"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    output = FileOutput("emissions.csv", str(folder), on_csv_write="append")

    def row(timestamp, run_id, duration, gpu_kwh, cpu_kwh, ram_kwh, gpu_count, gpu_model, intensity=56.0):
        total = gpu_kwh + cpu_kwh + ram_kwh
        emissions = total * intensity / 1000.0
        return EmissionsData(
            timestamp=timestamp, project_name="trackers", run_id=run_id,
            experiment_id="5b0fa12a-3dd7-45bb-9766-cc326314d9f1", duration=duration, emissions=emissions,
            emissions_rate=emissions / duration, cpu_power=42.5, gpu_power=gpu_kwh * 3.6e6 / duration,
            ram_power=10.0, cpu_energy=cpu_kwh, gpu_energy=gpu_kwh, ram_energy=ram_kwh, energy_consumed=total,
            water_consumed=0.0, country_name="France", country_iso_code="FRA", region="ile-de-france",
            cloud_provider="", cloud_region="", os="Linux-6.8.0-x86_64-with-glibc2.39", python_version="3.12.3",
            codecarbon_version="3.3.2", cpu_count=64, cpu_model="AMD EPYC 7543 32-Core Processor",
            gpu_count=gpu_count, gpu_model=gpu_model, longitude=2.35, latitude=48.85, ram_total_size=256.0,
            tracking_mode="machine", cpu_utilization_percent=35.0, gpu_utilization_percent=88.0,
            ram_utilization_percent=20.0, ram_used_gb=51.2, on_cloud="N", pue=1.0, wue=0.0)

    rows = [
        row("2024-06-01T12:10:00", "11111111-aaaa-4bbb-8ccc-000000000001", 600.0, 0.1, 0.007, 0.0017, 2,
            "2 x NVIDIA A100-SXM4-80GB"),
        row("2024-06-01T12:20:00", "11111111-aaaa-4bbb-8ccc-000000000001", 1200.0, 0.2125, 0.0141, 0.0033, 2,
            "2 x NVIDIA A100-SXM4-80GB"),
        row("2024-06-01T13:00:00", "22222222-aaaa-4bbb-8ccc-000000000002", 1800.0, 0.3375, 0.0212, 0.005, 2,
            "2 x NVIDIA A100-SXM4-80GB"),
        row("2024-06-01T13:30:00", "33333333-aaaa-4bbb-8ccc-000000000003", 300.0, 0.0, 0.0035, 0.0008, None, None),
    ]
    for data in rows:
        output.out(data, None)
    last = {}
    for data in rows:
        last[data.run_id] = data
    gpu_runs = [d for d in last.values() if d.gpu_count]
    return {
        "runs": len(last),
        "gpu_runs": len(gpu_runs),
        "gpu_kwh": sum(d.gpu_energy for d in gpu_runs),
        "cpu_kwh": sum(d.cpu_energy for d in last.values()),
        "ram_kwh": sum(d.ram_energy for d in last.values()),
        "emissions_kg": sum(d.emissions for d in last.values()),
    }


def codecarbon_tasks_run():
    """A task-mode run: returns the GPU energy of each task and of the total, kWh."""
    from codecarbon.output_methods.emissions_data import EmissionsData, TaskEmissionsData
    from codecarbon.output_methods.file import FileOutput

    folder = ROOT / "codecarbon-tasks"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    output = FileOutput("emissions.csv", str(folder), on_csv_write="append")
    run_id = "44444444-aaaa-4bbb-8ccc-000000000004"
    common = dict(
        project_name="trackers", run_id=run_id, water_consumed=0.0, country_name="France", country_iso_code="FRA",
        region="ile-de-france", cloud_provider="", cloud_region="", os="Linux-6.8.0-x86_64-with-glibc2.39",
        python_version="3.12.3", codecarbon_version="3.3.2", cpu_count=64, cpu_model="AMD EPYC 7543 32-Core Processor",
        gpu_count=2, gpu_model="2 x NVIDIA A100-SXM4-80GB", longitude=2.35, latitude=48.85, ram_total_size=256.0,
        tracking_mode="machine", cpu_utilization_percent=35.0, gpu_utilization_percent=88.0,
        ram_utilization_percent=20.0, ram_used_gb=51.2, on_cloud="N")
    tasks = [("load", "2024-06-02T10:05:00", 300.0, 0.02), ("train", "2024-06-02T11:05:00", 3600.0, 0.5),
             ("eval", "2024-06-02T11:15:00", 600.0, 0.05)]
    rows = []
    for name, timestamp, duration, gpu_kwh in tasks:
        total = gpu_kwh + 0.001 + 0.0002
        rows.append(TaskEmissionsData(
            task_name=name, timestamp=timestamp, duration=duration, emissions=total * 0.056,
            emissions_rate=total * 0.056 / duration, cpu_power=42.5, gpu_power=gpu_kwh * 3.6e6 / duration,
            ram_power=10.0, cpu_energy=0.001, gpu_energy=gpu_kwh, ram_energy=0.0002, energy_consumed=total,
            **common))
    output.task_out(rows, "exp")
    gpu_kwh = sum(t[3] for t in tasks)
    total = gpu_kwh + 3 * 0.0012
    output.out(EmissionsData(
        timestamp="2024-06-02T11:15:00", experiment_id="5b0fa12a-3dd7-45bb-9766-cc326314d9f1", duration=4500.0,
        emissions=total * 0.056, emissions_rate=total * 0.056 / 4500.0, cpu_power=42.5,
        gpu_power=gpu_kwh * 3.6e6 / 4500.0, ram_power=10.0, cpu_energy=0.003, gpu_energy=gpu_kwh, ram_energy=0.0006,
        energy_consumed=total, pue=1.0, wue=0.0, **common), None)
    return {"task_gpu_kwh": [t[3] for t in tasks], "total_gpu_kwh": gpu_kwh}


def damaged_copies():
    """Cut lines, missing columns, unknown fields and non-numbers, from the files just written."""
    folder = ROOT / "damaged"
    shutil.rmtree(folder, ignore_errors=True)
    metric = next((ROOT / "mlflow").rglob("gpu_0_power_usage_watts"))
    lines = metric.read_text().splitlines()
    damaged = lines[:5] + [lines[5].split(" ")[0] + " abc 5", "garbage", lines[6] + " extra"] + lines[7:20] + [
        lines[20][:9]]
    target = folder / "mlruns/1/run/metrics/system/gpu_0_power_usage_watts"
    target.parent.mkdir(parents=True)
    target.write_text("\n".join(damaged))
    csv_lines = (ROOT / "codecarbon" / "emissions.csv").read_text().splitlines()
    header = csv_lines[0].split(",")
    cut = csv_lines[2].split(",")
    gpu_column = header.index("gpu_energy")
    bad_number = csv_lines[3].split(",")
    bad_number[gpu_column] = "n/a"
    codecarbon = folder / "codecarbon"
    codecarbon.mkdir()
    (codecarbon / "emissions.csv").write_text("\n".join([
        csv_lines[0] + ",future_column",
        csv_lines[1] + ",1",
        ",".join(cut[:gpu_column]),
        ",".join(bad_number) + ",2",
        csv_lines[4],
    ]) + "\n")


def main():
    expected = {
        "mlflow": mlflow_run(), "megatron": megatron_run(), "codecarbon": codecarbon_run(),
        "codecarbon_tasks": codecarbon_tasks_run(),
    }
    damaged_copies()
    (ROOT / "expected-trackers.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
