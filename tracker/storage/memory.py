"""An in-memory Storage with LocalStorage's behaviour, for fast tests of the services.

Nothing is half-written in memory, so there are never temporaries. `path()`
needs a real file: give a `spill` directory and it copies the blob there.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tracker.storage.base import Stored, check_key, copy_stream, new_key


class MemoryStorage:
    def __init__(self, spill: Path | None = None) -> None:
        self._blobs: dict[str, bytes] = {}
        self._spill = spill

    def save(self, stream: BinaryIO, *, max_bytes: int) -> Stored:
        buffer = io.BytesIO()
        size, sha256 = copy_stream(stream, buffer, max_bytes)
        key = new_key()
        self._blobs[key] = buffer.getvalue()
        return Stored(key=key, size=size, sha256=sha256)

    def open(self, key: str) -> BinaryIO:
        return io.BytesIO(self._blob(key))

    def path(self, key: str) -> Path:
        """Copy the blob into the spill directory and return that file."""
        blob = self._blob(key)
        if self._spill is None:
            raise NotImplementedError("MemoryStorage(spill=...) is needed for file paths")
        path = self._spill / key
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
        return path

    def delete(self, key: str) -> None:
        self._blobs.pop(check_key(key), None)

    def exists(self, key: str) -> bool:
        return check_key(key) in self._blobs

    def keys(self) -> Iterator[str]:
        return iter(list(self._blobs))

    def temporaries(self) -> list[Path]:
        return []

    def remove_temporaries(self, older_than_seconds: float = 0) -> int:
        return 0

    def _blob(self, key: str) -> bytes:
        try:
            return self._blobs[check_key(key)]
        except KeyError:
            raise FileNotFoundError(f"nothing stored under {key}") from None
