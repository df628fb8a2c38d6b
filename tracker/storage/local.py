"""Blobs as files under one root: written to `tmp/`, fsynced, then renamed into place.

A save that dies half-way (even by SIGKILL) leaves only a file in `tmp/`, never
a blob under a key; `remove_temporaries` clears those.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tracker.storage.base import (
    DISK_TROUBLE,
    BadKey,
    BlobInfo,
    StorageUnavailable,
    Stored,
    check_key,
    copy_stream,
    is_key,
    new_key,
)

PRIVATE_DIR = 0o700


class LocalStorage:
    def __init__(self, root: Path) -> None:
        root.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        self.root = root.resolve()
        self._tmp = self.root / "tmp"
        self._tmp.mkdir(mode=PRIVATE_DIR, exist_ok=True)

    def save(self, stream: BinaryIO, *, max_bytes: int) -> Stored:
        """Stream into a private temporary file, then rename it under a new key."""
        return self.put(new_key(), stream, max_bytes=max_bytes)

    def put(self, key: str, stream: BinaryIO, *, max_bytes: int) -> Stored:
        target = self.path(key)
        try:
            size, sha256 = self._write(stream, target, max_bytes)
        except OSError as exc:
            if exc.errno in DISK_TROUBLE:
                raise StorageUnavailable(f"the file store cannot write: {exc.strerror}") from exc
            raise
        return Stored(key=key, size=size, sha256=sha256)

    def _write(self, stream: BinaryIO, target: Path, max_bytes: int) -> tuple[int, str]:
        """Write a temporary file, fsync it, rename it into place, fsync the directory."""
        fd, name = tempfile.mkstemp(dir=self._tmp, prefix="upload-", suffix=".part")
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                size, sha256 = copy_stream(stream, out, max_bytes)
                out.flush()
                os.fsync(out.fileno())
            _make_dirs(target.parent)
            tmp.replace(target)  # os.replace: atomic on one filesystem
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)  # the rename itself must survive a crash
        return size, sha256

    def open(self, key: str) -> BinaryIO:
        return self.path(key).open("rb")

    @contextmanager
    def local_path(self, key: str) -> Iterator[Path]:
        """The stored file itself: nothing to copy on a local disk."""
        path = self.path(key)
        if not path.is_file():
            raise FileNotFoundError(f"nothing stored under {key}")
        yield path

    def stat(self, key: str) -> BlobInfo:
        info = self.path(key).stat()
        version = f"{info.st_ino}-{info.st_mtime_ns}"  # a write replaces the file: a new inode
        return BlobInfo(size=info.st_size, modified=info.st_mtime, version=version)

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

    def temporaries(self) -> list[str]:
        return [str(path) for path in self._temporary_files()]

    def remove_temporaries(self, older_than_seconds: float = 0) -> int:
        cutoff = time.time() - older_than_seconds
        removed = 0
        for path in self._temporary_files():
            if _modified(path) <= cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def ping(self) -> None:
        """The root is there and writable (a full disk shows when a save fails)."""
        if not os.access(self.root, os.W_OK) or not self._tmp.is_dir():
            raise StorageUnavailable(f"the file store {self.root} is not writable")
        if shutil.disk_usage(self.root).free == 0:
            raise StorageUnavailable(f"the file store {self.root} is full")

    def _temporary_files(self) -> list[Path]:
        return sorted(p for p in self._tmp.iterdir() if p.is_file())


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
