"""A time budget for checking one file, so a hostile file is refused quickly.

Checkers call `Deadline.check()` between steps and inside their loops; the library
calls between them are bounded by their own size and count limits.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field


class OutOfTime(Exception):
    """The file's time budget ran out."""


@dataclass
class Deadline:
    """A point in time after which checking stops."""

    seconds: float
    started: float = field(default_factory=time.monotonic)

    @property
    def expired(self) -> bool:
        return time.monotonic() - self.started > self.seconds

    def check(self) -> None:
        """Raise OutOfTime once the budget is spent."""
        if self.expired:
            raise OutOfTime(f"over {self.seconds} s")
