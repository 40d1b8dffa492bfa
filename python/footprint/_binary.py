"""Where the footprint binary is, and running it."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from ._errors import FootprintError

ERROR_LINE = re.compile(r"^Error: |: error: ")
"""The lines of standard error that carry an error: argument-parser's ``Error: …`` and footprint's ``…: error: …``."""


def binary() -> str:
    """The binary to run: ``FOOTPRINT_BINARY`` when set, else the one installed with this package."""
    path = os.environ.get("FOOTPRINT_BINARY") or str(Path(__file__).resolve().parent / "bin" / "footprint")
    if not os.access(path, os.X_OK):
        raise FileNotFoundError(
            f"no footprint binary at {path}: install the footprint-energy wheel, or set FOOTPRINT_BINARY"
        )
    return path


def run(arguments: list[str]) -> str:
    """Runs ``footprint ARGUMENTS…`` and returns its standard output; a non-zero exit raises FootprintError."""
    done = subprocess.run([binary(), *arguments], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if ERROR_LINE.search(line)]
        message = "\n".join(errors) or (lines[-1] if lines else f"footprint exited with status {done.returncode}")
        raise FootprintError(message, done.returncode, done.stderr)
    return done.stdout
