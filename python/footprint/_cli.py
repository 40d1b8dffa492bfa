"""The ``footprint`` console command: replaces the Python process with the bundled binary."""

from __future__ import annotations

import os
import sys

from ._binary import binary


def main() -> None:
    """Runs the binary with this process's arguments; its exit status is the command's."""
    path = binary()
    os.execv(path, [path, *sys.argv[1:]])
