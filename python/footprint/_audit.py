"""``audit()``: every run under a folder, one typed row per run, from the binary's ``audit.json``."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _binary, _options
from ._report import import_pandas


@dataclass(frozen=True)
class AuditRow:
    """One run of an audit: the columns of ``audit.csv`` (README, "Report columns"), an empty cell as None."""

    run: str | None
    start_utc: str | None
    end_utc: str | None
    duration_s: float | None
    gpus: int | None
    energy_j: float | None
    energy_kwh: float | None
    all_gpus_energy_kwh: float | None
    mean_w: float | None
    pue: float | None
    intensity_g_per_kwh: float | None
    intensity_source: str | None
    intensity_year: int | None
    kg_co2e: float | None
    coverage: float | None
    warnings: int | None
    train_seconds: float | None
    train_energy_kwh: float | None
    joules_per_step: float | None
    steps: int | None
    method: str | None
    kg_co2e_low: float | None
    kg_co2e_high: float | None
    facility_kwh: float | None
    embodied_kg_co2e: float | None
    system_energy_kwh: float | None
    slurm_job: str | None
    status: str | None
    clock_zone: str | None
    clock_source: str | None
    error: str | None
    path: str | None

    @classmethod
    def from_cells(cls, cells: dict[str, str]) -> AuditRow:
        """The row of an ``audit.json`` row object, whose cells are all strings: numbers are read as the
        field's type, and an empty or missing cell is None."""
        hints = typing.get_type_hints(cls)
        values: dict[str, Any] = {}
        for item in dataclasses.fields(cls):
            cell = cells.get(item.name) or None
            kind = next(arg for arg in typing.get_args(hints[item.name]) if arg is not type(None))
            values[item.name] = kind(cell) if cell is not None else None
        return cls(**values)


class Audit(list[AuditRow]):
    """The rows of an audit, one per run (broken runs included, with ``status`` and ``error``).

    ``raw`` is the binary's whole ``audit.json``: totals (``energy_kwh``, ``kg_co2e``, … over the runs with
    measured GPU energy), ``statuses``, ``groups`` and the rows as strings.
    """

    def __init__(self, rows: list[AuditRow], raw: dict[str, Any]) -> None:
        super().__init__(rows)
        self.raw = raw

    def to_pandas(self) -> Any:
        """A pandas DataFrame with one row per run, its columns those of ``AuditRow`` (missing values NaN or
        None). Needs pandas (``pip install pandas``)."""
        pandas = import_pandas()
        columns = [item.name for item in dataclasses.fields(AuditRow)]
        return pandas.DataFrame([dataclasses.asdict(row) for row in self], columns=columns)


def audit(root: str | os.PathLike[str] | None = None, **options: Any) -> Audit:
    """``footprint audit ROOT``: every run under ``root`` (or each job of ``sacct=FILE``), one row per run.

    Options are ``audit``'s and the run options, as keywords (``tz``, ``region``, ``jobs``, ``since``,
    ``group_by``, ``run_depth``, …; README "Auditing many runs"); ``output`` is not offered. Errors as for
    ``report()``.
    """
    arguments = _options.arguments("audit", _options.AUDIT_OPTIONS, options)
    with tempfile.TemporaryDirectory(prefix="footprint-") as folder:
        positional = ["--", os.fspath(root)] if root is not None else []
        _binary.run(["audit", *arguments, f"--output={folder}", *positional])
        document = json.loads(Path(folder, "audit.json").read_text())
    return Audit([AuditRow.from_cells(cells) for cells in document.get("rows", [])], document)
