"""Tests of the Python API against the binary it wraps: the figures must be the binary's own.

Run with the package installed (``.ci/run`` installs the wheel into a fresh virtual environment). Fixtures are
read from the repository: ``FOOTPRINT_REPO``, else two levels above this folder. When ``FOOTPRINT_SWIFT_BUILD``
names the ``swift build`` binary, the installed command's output is compared with it too.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import footprint
from footprint import _binary, _options

REPO = Path(os.environ.get("FOOTPRINT_REPO") or Path(__file__).resolve().parents[2])
EXAMPLE = REPO / "Fixtures/runs/example"
OPTIONS = {"tz": "Europe/Berlin", "region": "DE", "pue": 1.1}
CLI_OPTIONS = ["--tz", "Europe/Berlin", "--region", "DE", "--pue", "1.1"]


def cli(*arguments: str, binary: str | None = None) -> subprocess.CompletedProcess[str]:
    """The bundled binary (or ``binary``) run directly."""
    return subprocess.run([binary or _binary.binary(), *arguments], capture_output=True, text=True, cwd=REPO)


def cli_json(*arguments: str) -> dict[str, Any]:
    """The binary's JSON report, from its standard output."""
    done = cli(*arguments, "--format", "json")
    assert done.returncode == 0, done.stderr
    document: dict[str, Any] = json.loads(done.stdout)
    return document


def test_options_become_flags() -> None:
    arguments = _options.arguments(
        "report",
        _options.REPORT_OPTIONS,
        {
            "tz": "Europe/Berlin",
            "gpus": [0, "GPU-1234abcd"],
            "query_gpu": ("timestamp", "index", "power.draw"),
            "pue": 1.1,
            "intensity": 300,
            "gpu_count": 8,
            "embodied": True,
            "strict": False,
            "region": None,
            "intensity_series": Path("series.csv"),
        },
    )
    assert arguments == [
        "--tz=Europe/Berlin",
        "--gpus=0,GPU-1234abcd",
        "--query-gpu=timestamp,index,power.draw",
        "--pue=1.1",
        "--intensity=300",
        "--gpu-count=8",
        "--embodied",
        "--intensity-series=series.csv",
    ]
    audit = _options.arguments("audit", _options.AUDIT_OPTIONS, {"since": datetime.date(2024, 3, 1), "tz": "-05:00"})
    assert audit == ["--since=2024-03-01", "--tz=-05:00"]


def test_unknown_option_lists_the_valid_ones() -> None:
    with pytest.raises(TypeError, match=r"unexpected keyword argument 'colour'.*valid options: .*\bpue\b.*\btz\b"):
        _options.arguments("report", _options.REPORT_OPTIONS, {"colour": "red"})


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"pue": "1.1"}, TypeError, "pue must be a number, not str"),
        ({"pue": True}, TypeError, "pue must be a number"),
        ({"gpu_count": 2.0}, TypeError, "gpu_count must be an int, not float"),
        ({"embodied": "yes"}, TypeError, "embodied must be a bool"),
        ({"tz": 1}, TypeError, "tz must be a str"),
        ({"gpus": [0.5]}, TypeError, "gpus must be a str, an int or a list"),
        ({"gpus": []}, ValueError, "gpus must not be empty"),
        ({"intensity": math.nan}, ValueError, "intensity must be a finite number"),
    ],
)
def test_option_types_are_checked(options: dict[str, object], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        _options.arguments("report", _options.REPORT_OPTIONS, options)


def test_options_are_checked_before_the_binary_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOOTPRINT_BINARY", "/nonexistent/footprint")
    with pytest.raises(TypeError, match="unexpected keyword argument 'format'"):
        footprint.report(EXAMPLE, format="md")
    with pytest.raises(TypeError, match="unexpected keyword argument 'output'"):
        footprint.audit(REPO / "Fixtures/runs", output="/tmp")
    with pytest.raises(TypeError, match="hours must be a number"):
        footprint.estimate("A100", "ten")  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError, match="FOOTPRINT_BINARY"):
        footprint.report(EXAMPLE)


def test_nothing_analysable_is_exit_status_2(tmp_path: Path) -> None:
    with pytest.raises(footprint.FootprintError) as raised:
        footprint.report(tmp_path)
    assert raised.value.status == 2
    assert raised.value.message.startswith(f"footprint: {tmp_path}: error: found no GPU power log")
    assert "(exit status 2)" in str(raised.value)


def test_invalid_value_is_exit_status_1_with_the_binary_message() -> None:
    with pytest.raises(footprint.FootprintError) as raised:
        footprint.report(EXAMPLE, pue=9)
    assert raised.value.status == 1
    assert (
        raised.value.message == "footprint: error: --pue 9.0 is outside 1.0–5.0; a PUE is facility energy / IT energy"
    )
    with pytest.raises(footprint.FootprintError) as raised:
        footprint.report(EXAMPLE, tz="Mars/Olympus")
    assert raised.value.status == 1


def test_strict_with_warnings_is_exit_status_4() -> None:
    with pytest.raises(footprint.FootprintError) as raised:
        footprint.report(EXAMPLE, strict=True, **OPTIONS)
    assert raised.value.status == 4
    assert "warning:" in raised.value.stderr


def test_report_is_the_binarys_json() -> None:
    expected = cli_json("report", str(EXAMPLE), *CLI_OPTIONS)
    report = footprint.report(EXAMPLE, **OPTIONS)
    assert report.raw == expected
    assert report.energy is not None and report.emissions is not None
    assert report.energy.kwh == expected["energy"]["kwh"] == 0.284750783
    assert report.emissions.kg_co2e == expected["emissions"]["kg_co2e"]
    assert report.emissions.kg_co2e_low == expected["emissions"]["kg_co2e_low"]
    assert report.emissions.pue == 1.1 and report.emissions.location == "Germany (DE)"
    assert [gpu.used_by_job for gpu in report.gpus] == [True, True, True, False]
    assert report.gpus[2].gap_count == 1 and report.gpus[0].files == ["nvidia-smi.csv"]
    assert report.window is not None and report.window.seconds == expected["window"]["seconds"]
    assert report.clock is not None and report.clock.zone == "Europe/Berlin"
    assert [finding.severity for finding in report.findings] == ["note", "warning", "warning"]
    assert report.provenance is not None and report.provenance.options is not None
    assert report.provenance.options["emission"]["pue"] == 1.1
    assert report.training is None and report.estimate is None and report.system_energy is None
    assert report.svg is not None and report.svg.startswith("<svg")


def test_report_of_a_training_run() -> None:
    report = footprint.report(REPO / "Fixtures/runs/training-resumed", region="DE")
    assert report.training is not None
    assert report.training.steps == report.raw["training"]["steps"] == 1000
    assert report.training.kwh == report.raw["training"]["kwh"]


def test_estimate_is_the_binarys() -> None:
    expected = cli_json("estimate", "--gpu", "A100", "--hours", "10", "--count", "8", "--region", "FR")
    report = footprint.estimate("A100", 10, count=8, region="FR")
    assert report.raw == expected
    assert report.estimate is not None and report.estimate.gpu == "NVIDIA A100 SXM4 80GB"
    assert report.estimate.count == 8 and report.estimate.variants[0] == "NVIDIA A100 SXM4 80GB"
    assert report.energy is not None and report.energy.kwh is None
    assert report.emissions is not None and report.emissions.it_kwh == expected["emissions"]["it_kwh"]
    assert report.gpus == []


def test_audit_rows_are_the_binarys(tmp_path: Path) -> None:
    done = cli("audit", "Fixtures/runs", "--tz", "Europe/Berlin", "--output", str(tmp_path))
    assert done.returncode == 0, done.stderr
    expected = json.loads((tmp_path / "audit.json").read_text())
    result = footprint.audit(REPO / "Fixtures/runs", tz="Europe/Berlin", jobs=2)
    assert len(result) == len(expected["rows"]) == expected["runs"]
    assert result.raw["energy_kwh"] == expected["energy_kwh"]
    rows = {row.path: row for row in result}
    example = rows["example"]
    assert example.energy_kwh == 0.284750783 and example.gpus == 3 and example.status == "ok"
    assert example.intensity_year == 2024 and example.warnings == 2
    assert example.train_seconds is None and example.error is None
    assert rows["training-resumed"].steps == 1000
    for row, cells in zip(result, expected["rows"], strict=True):
        assert row.kg_co2e == (float(cells["kg_co2e"]) if cells["kg_co2e"] else None)


def test_audit_of_a_folder_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(footprint.FootprintError) as raised:
        footprint.audit(tmp_path / "missing")
    assert raised.value.status != 0 and "error" in raised.value.message.lower()


def test_to_pandas() -> None:
    pandas = pytest.importorskip("pandas")
    report = footprint.report(EXAMPLE, **OPTIONS)
    gpus = report.to_pandas()
    assert isinstance(gpus, pandas.DataFrame)
    assert list(gpus["id"]) == ["0", "1", "2", "3"]
    assert gpus["kwh"].tolist() == [gpu["kwh"] for gpu in report.raw["gpus"]]
    assert list(gpus.columns)[:3] == ["id", "host", "name"]
    runs = footprint.audit(REPO / "Fixtures/runs", tz="Europe/Berlin").to_pandas()
    assert len(runs) == 5 and "energy_kwh" in runs.columns
    assert runs.set_index("path").loc["example", "energy_kwh"] == 0.284750783
    assert runs["train_seconds"].isna().sum() == sum(1 for row in runs["steps"] if pandas.isna(row))
    assert footprint.estimate("H100", 1).to_pandas().empty


def test_to_pandas_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    report = footprint.report(EXAMPLE, **OPTIONS)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        report.to_pandas()


def test_repr_html_shows_the_headline_tables_and_plot() -> None:
    html = footprint.report(EXAMPLE, **OPTIONS)._repr_html_()
    assert "<b>0.2848 kWh</b>" in html
    assert "<b>0.1078 kg CO2e</b> (range 0.1024–0.1222)" in html
    assert "3 GPUs" in html and "20 min 6 s" in html
    assert "Germany (DE)" in html and "<td>PUE</td><td>1.100</td>" in html
    assert html.count("NVIDIA A100-SXM4-80GB") == 4
    assert "<svg" in html and "3 findings (2 warnings)" in html
    estimate = footprint.estimate("A100", 10, count=8)._repr_html_()
    assert "<b>32.00 kWh</b>" in estimate and "8 GPUs" in estimate and "<i>estimated</i>" in estimate


def test_repr_html_escapes_a_hostile_run_path(tmp_path: Path) -> None:
    run = tmp_path / '<img src=x onerror="alert(1)">&'
    run.mkdir()
    shutil.copy(EXAMPLE / "nvidia-smi.csv", run)
    html = footprint.report(run, tz="UTC")._repr_html_()
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;" in html


def test_a_path_beginning_with_a_dash_is_not_an_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = tmp_path / "--help"
    run.mkdir()
    shutil.copy(EXAMPLE / "nvidia-smi.csv", run)
    monkeypatch.chdir(tmp_path)
    assert footprint.report("--help", tz="UTC").run == "--help"


def test_console_command_prints_the_same_report_as_the_binary() -> None:
    command = shutil.which("footprint", path=os.path.dirname(sys.executable)) or shutil.which("footprint")
    assert command is not None, "the footprint console command is not installed"
    installed = subprocess.run(
        [command, "report", "Fixtures/runs/example", *CLI_OPTIONS], capture_output=True, text=True, cwd=REPO
    )
    direct = cli("report", "Fixtures/runs/example", *CLI_OPTIONS)
    assert installed.returncode == direct.returncode == 0
    assert installed.stdout == direct.stdout and "0.2848 kWh" in installed.stdout
    module = subprocess.run([sys.executable, "-m", "footprint", "--version"], capture_output=True, text=True)
    assert module.stdout == cli("--version").stdout
    swift_build = os.environ.get("FOOTPRINT_SWIFT_BUILD")
    if swift_build:
        assert installed.stdout == cli("report", "Fixtures/runs/example", *CLI_OPTIONS, binary=swift_build).stdout


def test_console_command_without_its_binary_is_exit_status_1() -> None:
    environment = {**os.environ, "FOOTPRINT_BINARY": "/nonexistent/footprint"}
    done = subprocess.run(
        [sys.executable, "-m", "footprint", "--version"], capture_output=True, text=True, env=environment
    )
    assert done.returncode == 1
    assert done.stderr.startswith("footprint: error: no footprint binary at /nonexistent/footprint")


def test_python_one_liner_prints_the_binarys_kwh() -> None:
    script = "import footprint; print(footprint.report('Fixtures/runs/example', tz='Europe/Berlin').energy.kwh)"
    printed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
    done = cli("report", "Fixtures/runs/example", "--tz", "Europe/Berlin", "--format", "json")
    kwh = next(line for line in done.stdout.splitlines() if line.strip().startswith('"kwh"'))
    assert printed.stdout.strip() == kwh.split(":")[1].strip(" ,")


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="needs Linux ldd")
def test_installed_binary_needs_no_swift_libraries() -> None:
    libraries = subprocess.run(["ldd", _binary.binary()], capture_output=True, text=True, check=True).stdout
    assert "not found" not in libraries
    for name in ("libswift", "libFoundation", "libdispatch", "libBlocksRuntime", "lib_Foundation"):
        assert name not in libraries, libraries
