"""An in-memory Storage with LocalStorage's behaviour, for fast tests of the services.

Nothing is half-written in memory, so there are never temporaries; a local
path is a temporary copy that goes when its `with` block ends.
"""

from __future__ import annotations

import io
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tracker.storage.base import BlobInfo, Stored, check_key, copy_stream, new_key


class MemoryStorage:
    def __init__(self) -> None:
        self._blobs: dict[str, tuple[bytes, float]] = {}

    def save(self, stream: BinaryIO, *, max_bytes: int) -> Stored:
        return self.put(new_key(), stream, max_bytes=max_bytes)

    def put(self, key: str, stream: BinaryIO, *, max_bytes: int) -> Stored:
        check_key(key)
        buffer = io.BytesIO()
        size, sha256 = copy_stream(stream, buffer, max_bytes)
        self._blobs[key] = (buffer.getvalue(), time.time())
        return Stored(key=key, size=size, sha256=sha256)

    def open(self, key: str) -> BinaryIO:
        return io.BytesIO(self._blob(key)[0])

    @contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        blob = self._blob(key)[0]
        with tempfile.TemporaryDirectory(prefix="tracker-blob-") as folder:
            path = Path(folder) / "blob"
            path.write_bytes(blob)
            yield path

    def stat(self, key: str) -> BlobInfo:
        blob, modified = self._blob(key)
        return BlobInfo(size=len(blob), modified=modified)

    def delete(self, key: str) -> None:
        self._blobs.pop(check_key(key), None)

    def exists(self, key: str) -> bool:
        return check_key(key) in self._blobs

    def keys(self) -> Iterator[str]:
        return iter(list(self._blobs))

    def temporaries(self) -> list[str]:
        return []

    def remove_temporaries(self, older_than_seconds: float = 0) -> int:
        return 0

    def ping(self) -> None:
        return None

    def _blob(self, key: str) -> tuple[bytes, float]:
        try:
            return self._blobs[check_key(key)]
        except KeyError:
            raise FileNotFoundError(f"nothing stored under {key}") from None
