"""Keyword arguments to command-line options: each keyword is the option's name with ``_`` for ``-``
(``gap_threshold=5`` is ``--gap-threshold=5``), its value checked for type before the binary runs. The binary
checks the values themselves (ranges, zone names, region codes) and its message comes back as FootprintError.
"""

from __future__ import annotations

import datetime
import math
import os
from collections.abc import Mapping, Sequence

TEXT = "text"
PATH = "path"
NUMBER = "number"
INTEGER = "integer"
FLAG = "flag"
LIST = "list"
DATE = "date"

EMISSION_OPTIONS: dict[str, str] = {
    "region": TEXT,
    "cloud": TEXT,
    "intensity": NUMBER,
    "intensity_series": PATH,
    "pue": NUMBER,
    "pue_preset": TEXT,
    "embodied": FLAG,
    "lifetime_years": NUMBER,
    "market_intensity": NUMBER,
    "renewable_share": NUMBER,
    "residual_intensity": NUMBER,
}
"""The emission options shared by ``report``, ``audit`` and ``estimate`` (EmissionArguments.swift)."""

RUN_OPTIONS: dict[str, str] = {
    "tz": TEXT,
    "gpus": LIST,
    "gap_threshold": NUMBER,
    "max_bridge": NUMBER,
    "query_gpu": LIST,
    "dmon_start": TEXT,
    "dmon_interval": NUMBER,
    "host_from": TEXT,
    **EMISSION_OPTIONS,
    "gpu_model": TEXT,
    "gpu_count": INTEGER,
    "utilization": NUMBER,
    "step_tag": TEXT,
    "target": TEXT,
    "max_inflated_bytes": INTEGER,
    "max_line_bytes": INTEGER,
    "max_record_bytes": INTEGER,
    "max_json_depth": INTEGER,
}
"""The options that describe a run, shared by ``report`` and ``audit`` (RunOptions.swift)."""

REPORT_OPTIONS: dict[str, str] = {**RUN_OPTIONS, "stamp": FLAG, "strict": FLAG}
"""``report``'s options; ``format``, ``output``, ``training_type`` and ``shard`` are the API's to choose."""

AUDIT_OPTIONS: dict[str, str] = {
    **RUN_OPTIONS,
    "sacct": PATH,
    "jobs": INTEGER,
    "cache": PATH,
    "since": DATE,
    "until": DATE,
    "shard": TEXT,
    "group_by": TEXT,
    "run_depth": INTEGER,
    "run_glob": TEXT,
}
"""``audit``'s options; ``output`` is the API's to choose."""

ESTIMATE_OPTIONS: dict[str, str] = {
    "count": INTEGER,
    "utilization": NUMBER,
    "watts": NUMBER,
    "year": INTEGER,
    **EMISSION_OPTIONS,
}
"""``estimate``'s options besides ``gpu`` and ``hours``; ``format`` and ``output`` are the API's to choose."""


def arguments(command: str, allowed: Mapping[str, str], options: Mapping[str, object]) -> list[str]:
    """The command-line options for ``options``, as ``--name=value`` (so a value may begin with ``-``) or
    ``--name`` for a true flag; a None value or a false flag is left out, like an option not given.

    Raises TypeError for an unknown keyword (listing the valid ones) or a value of the wrong type, ValueError for
    an empty list or a number that is not finite.
    """
    result: list[str] = []
    for name, value in options.items():
        if name not in allowed:
            valid = ", ".join(sorted(allowed))
            raise TypeError(f"{command}() got an unexpected keyword argument {name!r}; valid options: {valid}")
        if value is None:
            continue
        flag = "--" + name.replace("_", "-")
        kind = allowed[name]
        if kind == FLAG:
            if not isinstance(value, bool):
                raise TypeError(f"{name} must be a bool, not {type(value).__name__}")
            if value:
                result.append(flag)
            continue
        result.append(f"{flag}={text(name, kind, value)}")
    return result


def text(name: str, kind: str, value: object) -> str:
    """The option's value as the command line spells it, once its type is checked."""
    if kind == TEXT and isinstance(value, str):
        return value
    if kind == PATH and isinstance(value, (str, os.PathLike)):
        return os.fspath(value)
    if kind == DATE and isinstance(value, (str, datetime.date)) and not isinstance(value, datetime.datetime):
        return value if isinstance(value, str) else value.isoformat()
    if kind == INTEGER and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if kind == NUMBER and isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"{name} must be a finite number, not {value!r}")
        return repr(value)
    if kind == LIST and isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value)
    if (
        kind == LIST
        and isinstance(value, Sequence)
        and all(isinstance(item, (str, int)) and not isinstance(item, bool) for item in value)
    ):
        if not value:
            raise ValueError(f"{name} must not be empty")
        return ",".join(str(item) for item in value)
    expected = {
        TEXT: "a str",
        PATH: "a str or path",
        DATE: "a 'YYYY-MM-DD' str or a datetime.date",
        INTEGER: "an int",
        NUMBER: "a number",
        LIST: "a str, an int or a list of them",
    }[kind]
    raise TypeError(f"{name} must be {expected}, not {type(value).__name__}")
