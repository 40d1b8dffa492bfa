"""Footprint from Python: energy use and carbon footprint of GPU training runs, from the logs they left behind.

The bundled ``footprint`` binary computes every number; these functions run it and read its JSON:

    >>> import footprint
    >>> report = footprint.report("Fixtures/runs/example", tz="Europe/Berlin", region="DE", pue=1.1)
    >>> report.energy.kwh, report.emissions.kg_co2e
    (0.284750783, 0.107794)

``report()`` and ``estimate()`` return a ``Report`` (which shows itself as HTML in Jupyter), ``audit()`` an
``Audit`` (a list of ``AuditRow``); both have ``to_pandas()`` when pandas is installed. A failing binary raises
``FootprintError`` with its message and exit status.
"""

from ._audit import Audit, AuditRow, audit
from ._errors import FootprintError
from ._report import (
    GPU,
    Clock,
    Emissions,
    Energy,
    Estimate,
    Finding,
    Host,
    Provenance,
    Report,
    Training,
    Window,
    estimate,
    report,
)

__all__ = [
    "GPU",
    "Audit",
    "AuditRow",
    "Clock",
    "Emissions",
    "Energy",
    "Estimate",
    "Finding",
    "FootprintError",
    "Host",
    "Provenance",
    "Report",
    "Training",
    "Window",
    "audit",
    "estimate",
    "report",
]
