"""What a deep check learned about a file: its page count or pixel size, and its findings."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.validation.findings import Finding


@dataclass(frozen=True)
class Inspection:
    """The result of the checks for one kind of file."""

    findings: tuple[Finding, ...] = ()
    pages: int | None = None
    width: int | None = None
    height: int | None = None
