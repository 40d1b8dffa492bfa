"""The error raised when the footprint binary fails."""

from __future__ import annotations


class FootprintError(Exception):
    """The binary exited with a non-zero status.

    ``message`` is its error message (the ``error:`` lines of its standard error), ``status`` its exit status
    (1 invalid usage, 2 nothing analysable, 3 output not written, 4 warnings under ``strict``; see
    ``footprint --help``) and ``stderr`` all it wrote to standard error.
    """

    def __init__(self, message: str, status: int, stderr: str = "") -> None:
        super().__init__(message, status)
        self.message = message
        self.status = status
        self.stderr = stderr

    def __str__(self) -> str:
        return f"{self.message} (exit status {self.status})"
