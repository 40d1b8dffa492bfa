"""The ``footprint`` console command: replaces the Python process with the bundled binary."""

from __future__ import annotations

import os
import sys

from ._binary import binary


def main() -> None:
    """Runs the binary with this process's arguments; its exit status is the command's (1 when it is missing)."""
    try:
        path = binary()
    except FileNotFoundError as error:
        sys.exit(f"footprint: error: {error}")
    os.execv(path, [path, *sys.argv[1:]])
