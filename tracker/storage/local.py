"""Blobs as files under one root: written to `tmp/`, fsynced, then renamed into place.

A save that dies half-way (even by SIGKILL) leaves only a file in `tmp/`, never
a blob under a key; `remove_temporaries` clears those.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tracker.storage.base import BadKey, Stored, check_key, copy_stream, is_key, new_key

PRIVATE_DIR = 0o700


class LocalStorage:
    def __init__(self, root: Path) -> None:
        root.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        self.root = root.resolve()
        self._tmp = self.root / "tmp"
        self._tmp.mkdir(mode=PRIVATE_DIR, exist_ok=True)

    def save(self, stream: BinaryIO, *, max_bytes: int) -> Stored:
        """Stream into a private temporary file, then rename it under a new key."""
        fd, name = tempfile.mkstemp(dir=self._tmp, prefix="upload-", suffix=".part")
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                size, sha256 = copy_stream(stream, out, max_bytes)
                out.flush()
                os.fsync(out.fileno())
            key = new_key()
            target = self.path(key)
            _make_dirs(target.parent)
            tmp.replace(target)  # os.replace: atomic on one filesystem
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)  # the rename itself must survive a crash
        return Stored(key=key, size=size, sha256=sha256)

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    def path(self, key: str) -> Path:
        """Return the file for a key, refusing anything that resolves outside the root."""
        path = (self.root / check_key(key)).resolve()
        if not path.is_relative_to(self.root):
            raise BadKey(f"key leaves the store: {key!r}")
        return path

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def keys(self) -> Iterator[str]:
        for path in self.root.glob("??/??/*"):
            key = path.relative_to(self.root).as_posix()
            if is_key(key) and path.is_file():
                yield key

    def temporaries(self) -> list[Path]:
        return sorted(p for p in self._tmp.iterdir() if p.is_file())

    def remove_temporaries(self, older_than_seconds: float = 0) -> int:
        cutoff = time.time() - older_than_seconds
        removed = 0
        for path in self.temporaries():
            if _modified(path) <= cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _make_dirs(directory: Path) -> None:
    """Create the shard directories, syncing each new entry into its parent."""
    for level in (directory.parent, directory):
        if not level.is_dir():
            level.mkdir(mode=PRIVATE_DIR, exist_ok=True)
            _fsync_dir(level.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _modified(path: Path) -> float:
    """A file's mtime; one that vanished meanwhile counts as new (someone else has it)."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return float("inf")
