"""What only the in-memory double does: file paths exist only when it may spill."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tracker.storage.memory import MemoryStorage


def test_without_a_spill_directory_there_are_no_paths() -> None:
    storage = MemoryStorage()
    stored = storage.save(io.BytesIO(b"scan"), max_bytes=100)
    with pytest.raises(NotImplementedError):
        storage.path(stored.key)


def test_spilled_files_stay_inside_the_spill_directory(tmp_path: Path) -> None:
    storage = MemoryStorage(spill=tmp_path)
    stored = storage.save(io.BytesIO(b"scan"), max_bytes=100)
    assert storage.path(stored.key).is_relative_to(tmp_path)
