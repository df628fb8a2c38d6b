"""The types of the validation fixtures `write` (bytes to a named file) and `check`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tracker.validation.pipeline import FileReport

Write = Callable[[bytes, str], Path]
Check = Callable[..., FileReport]
