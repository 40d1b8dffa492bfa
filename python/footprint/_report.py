"""The report: typed views of the binary's ``report.json`` (README, "Formats"), and ``report()``/``estimate()``.

Every field is the JSON's value under the same name, unchanged: a null or missing value is None (never 0), a
missing list is empty. Objects the API does not type (``method``, ``breakdown``, ``sources``, ``files``, …) are the
JSON's dicts and lists, and ``Report.raw`` holds the whole document.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import _binary, _options

T = TypeVar("T")


@dataclass(frozen=True)
class Window:
    """The report's time window (UTC, ISO 8601)."""

    start: str | None
    end: str | None
    seconds: float | None


@dataclass(frozen=True)
class Energy:
    """Measured GPU energy of the job's GPUs (``kwh``) and of all GPUs in the logs (``all_gpus_kwh``)."""

    joules: float | None
    kwh: float | None
    all_gpus_joules: float | None
    all_gpus_kwh: float | None
    mean_watts: float | None
    coverage: float | None
    unmeasured_seconds: float | None
    max_bridge_seconds: float | None
    unmeasured_idle_joules: float | None
    unmeasured_typical_joules: float | None
    sensor_excess_joules: float | None
    missing_reason: str | None
    source: str | None


@dataclass(frozen=True)
class Emissions:
    """CO2e and the factors behind it: grid intensity, PUE, embodied carbon."""

    method: str | None
    kg_co2e: float | None
    kg_co2e_low: float | None
    kg_co2e_high: float | None
    market_kg_co2e: float | None
    it_kwh: float | None
    facility_kwh: float | None
    energy_uncertainty: float | None
    embodied_kg_co2e: float | None
    intensity_g_per_kwh: float | None
    intensity_low_g_per_kwh: float | None
    intensity_high_g_per_kwh: float | None
    intensity_kind: str | None
    intensity_source: str | None
    intensity_year: int | None
    location: str | None
    intensity_assumed: bool | None
    intensity_series: dict[str, Any] | None
    market_g_per_kwh: float | None
    renewable_share: float | None
    residual_g_per_kwh: float | None
    pue: float | None
    pue_low: float | None
    pue_high: float | None
    pue_source: str | None
    pue_year: int | None
    pue_assumed: bool | None
    embodied: dict[str, Any] | None


@dataclass(frozen=True)
class GPU:
    """One GPU of the logs, the job's (``used_by_job``) or not."""

    id: str | None
    host: str | None
    name: str | None
    uuid: str | None
    pci_bus_id: str | None
    used_by_job: bool | None
    usage: str | None
    joules: float | None
    kwh: float | None
    samples: int | None
    invalid_samples: int | None
    mean_watts: float | None
    min_watts: float | None
    max_watts: float | None
    max_utilization_percent: float | None
    first_sample: str | None
    last_sample: str | None
    median_interval_seconds: float | None
    coverage: float | None
    power_field: str | None
    gap_count: int | None
    gap_seconds: float | None
    unbridged_gap_count: int | None
    unmeasured_seconds: float | None
    files: list[str]


@dataclass(frozen=True)
class Host:
    """One host's GPUs and energy."""

    name: str | None
    gpus: int | None
    job_gpus: int | None
    joules: float | None
    kwh: float | None
    mean_watts_per_gpu: float | None


@dataclass(frozen=True)
class Training:
    """The training window read from TensorBoard event files, and its energy."""

    tag: str | None
    folder: str | None
    points: int | None
    first_step: int | None
    last_step: int | None
    steps: int | None
    start: str | None
    end: str | None
    seconds: float | None
    joules: float | None
    kwh: float | None
    joules_per_step: float | None
    window_coverage: float | None
    target: dict[str, Any] | None


@dataclass(frozen=True)
class Estimate:
    """What an estimate was made from: GPU model, count, hours and TDP or given watts."""

    gpu: str | None
    requested: str | None
    variants: list[str]
    count: int | None
    hours: float | None
    gpu_hours: float | None
    tdp_watts: float | None
    tdp_watts_low: float | None
    tdp_watts_high: float | None
    utilization: float | None
    watts: float | None


@dataclass(frozen=True)
class Clock:
    """The zone the logs' local times were read in, and where it came from."""

    zone: str | None
    source: str | None
    local_times_read: bool | None


@dataclass(frozen=True)
class Finding:
    """A note, warning or error about the inputs."""

    severity: str | None
    code: str | None
    file: str | None
    line: int | None
    record: int | None
    byte_offset: int | None
    message: str | None
    count: int | None


@dataclass(frozen=True)
class Provenance:
    """The tool, the options and the inputs (SHA-256) behind the figures."""

    tool: str | None
    generated: str | None
    options: dict[str, Any] | None
    estimate_options: dict[str, Any] | None
    inputs: list[dict[str, Any]]
    tables: list[dict[str, Any]]


@dataclass(frozen=True)
class Report:
    """One run's (or one estimate's) report, as ``footprint report --format json`` writes it.

    ``svg`` is the power plot (``--format svg``); in Jupyter the report shows itself as HTML (``_repr_html_``).
    """

    run: str | None
    window: Window | None
    energy: Energy | None
    system_energy: dict[str, Any] | None
    slurm_job: dict[str, Any] | None
    estimate: Estimate | None
    method: dict[str, Any] | None
    gpus: list[GPU]
    hosts: list[Host]
    sources: list[dict[str, Any]]
    training: Training | None
    profiler: dict[str, Any] | None
    trackers: list[dict[str, Any]]
    emissions: Emissions | None
    breakdown: dict[str, Any] | None
    clock: Clock | None
    files: list[dict[str, Any]]
    findings: list[Finding]
    provenance: Provenance | None
    raw: dict[str, Any] = field(repr=False)
    svg: str | None = field(default=None, repr=False)

    @classmethod
    def from_json(cls, document: dict[str, Any], svg: str | None = None) -> Report:
        """The report of a parsed report.json, with its power plot."""
        return load(cls, document, raw=document, svg=svg)

    def to_pandas(self) -> Any:
        """A pandas DataFrame with one row per GPU (the job's and the others: see ``used_by_job``), its columns
        the fields of ``GPU``. Needs pandas (``pip install pandas``)."""
        pandas = import_pandas()
        columns = [item.name for item in dataclasses.fields(GPU)]
        return pandas.DataFrame([dataclasses.asdict(gpu) for gpu in self.gpus], columns=columns)

    def _repr_html_(self) -> str:
        """The report as HTML for Jupyter: headline, emission factors, GPUs, the power plot and the findings."""
        from ._html import report_html

        return report_html(self)


def load(cls: type[T], data: Any, **given: Any) -> T:
    """An instance of the dataclass ``cls`` from a JSON object: each field from the key of its name, nested
    dataclasses (and lists of them) built the same way, except the fields ``given``."""
    hints = typing.get_type_hints(cls)
    values = {
        item.name: convert(hints[item.name], data.get(item.name) if isinstance(data, dict) else None)
        for item in dataclasses.fields(cls)  # type: ignore[arg-type]
        if item.name not in given
    }
    return cls(**values, **given)


def convert(hint: Any, value: Any) -> Any:
    """A JSON value for a field of type ``hint``: None stays None (an empty list for a list field)."""
    if isinstance(hint, types.UnionType):
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        items = value if isinstance(value, list) else []
        return [load(item, entry) for entry in items] if is_dataclass_type(item) else items
    if value is not None and is_dataclass_type(hint):
        return load(hint, value)
    return value


def is_dataclass_type(hint: Any) -> bool:
    """Whether ``hint`` is a dataclass (not an instance of one)."""
    return isinstance(hint, type) and dataclasses.is_dataclass(hint)


def import_pandas() -> Any:
    """pandas, or an ImportError saying how to get it."""
    try:
        import pandas
    except ImportError as error:
        raise ImportError("to_pandas() needs pandas: pip install pandas") from error
    return pandas


def run_report(command: list[str], positional: list[str]) -> Report:
    """Runs a report-writing command with ``--format=json,svg`` into a temporary folder and reads both files;
    ``positional`` arguments follow ``--``, so that a path beginning with ``-`` is not an option."""
    with tempfile.TemporaryDirectory(prefix="footprint-") as folder:
        _binary.run([*command, "--format=json,svg", f"--output={folder}", "--", *positional])
        document = json.loads(Path(folder, "report.json").read_text())
        plot = Path(folder, "report.svg")
        return Report.from_json(document, plot.read_text() if plot.is_file() else None)


def report(path: str | os.PathLike[str], **options: Any) -> Report:
    """``footprint report PATH``: the report of a run folder (or one log file).

    Options are ``report``'s, as keywords (``tz='Europe/Berlin'``, ``region='DE'``, ``pue=1.1``,
    ``gpus=[0, 1]``, ``embodied=True``, …; README "Options"); ``format``, ``output``, ``training_type`` and
    ``shard`` are not offered. Raises TypeError or ValueError for an unknown option or a value of the wrong type, and
    FootprintError with the binary's message and exit status when it fails (2: nothing analysable; 4: warnings
    under ``strict=True``).
    """
    arguments = _options.arguments("report", _options.REPORT_OPTIONS, options)
    return run_report(["report", *arguments], [os.fspath(path)])


def estimate(gpu: str, hours: float, **options: Any) -> Report:
    """``footprint estimate --gpu GPU --hours H``: a report estimated from GPUs × hours × TDP (× utilization),
    or × ``watts``, for a run without a power log.

    Options: ``count``, ``utilization``, ``watts``, ``year`` and the emission options (``region``, ``cloud``,
    ``intensity``, ``pue``, ``embodied``, …). The estimate's energy is ``emissions.it_kwh`` (``energy.kwh``,
    the measured energy, is None). Errors as for ``report()``.
    """
    required = {"gpu": _options.TEXT, "hours": _options.NUMBER}
    arguments = _options.arguments("estimate", required, {"gpu": gpu, "hours": hours})
    arguments += _options.arguments("estimate", _options.ESTIMATE_OPTIONS, options)
    return run_report(["estimate", *arguments], [])
