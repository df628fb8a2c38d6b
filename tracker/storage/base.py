"""The storage contract: blobs saved under generated keys, streamed and hashed once.

Keys are made here, never taken from a client, so a key that does not match
`KEY_PATTERN` is refused by every store before it is turned into a path.
"""

from __future__ import annotations

import errno
import hashlib
import re
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK = 64 * 1024

# "ab/cd/abcd…": two shard levels taken from the uuid4 hex itself.
KEY_PATTERN = re.compile(r"(?P<a>[0-9a-f]{2})/(?P<b>[0-9a-f]{2})/(?P=a)(?P=b)[0-9a-f]{28}")


class StorageError(Exception):
    """Base of the storage errors."""


class TooLarge(StorageError):
    """More than the allowed number of bytes arrived; nothing was stored."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


class BadKey(StorageError, ValueError):
    """A key this store never generates (or one that would leave its root)."""


class StorageUnavailable(StorageError):
    """The store cannot take or give bytes now (unreachable, full, read-only); nothing changed."""


# What a full, read-only or failing disk raises: the store is unavailable, not the upload bad.
DISK_TROUBLE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO})


@dataclass(frozen=True)
class Stored:
    key: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BlobInfo:
    size: int
    modified: float  # seconds since the epoch
    # Changes whenever the blob is written again, even within the same second (S3's ETag;
    # on disk the file's inode and nanosecond time); "" where the store has none.
    version: str = ""


class Storage(Protocol):
    def save(self, stream: BinaryIO, *, max_bytes: int) -> Stored:
        """Stream the bytes into a new blob; raise TooLarge past max_bytes."""
        ...

    def put(self, key: str, stream: BinaryIO, *, max_bytes: int) -> Stored:
        """Stream the bytes under a given key (a copy between stores keeps its keys)."""
        ...

    def open(self, key: str) -> BinaryIO:
        """Open a stored blob for streaming reads; FileNotFoundError if there is none."""
        ...

    def local_path(self, key: str) -> AbstractContextManager[Path]:
        """Yield a local file with the blob's bytes, valid inside the `with` block."""
        ...

    def stat(self, key: str) -> BlobInfo:
        """Return a stored blob's size and time; FileNotFoundError if there is none."""
        ...

    def delete(self, key: str) -> None:
        """Remove a blob; removing one that is not there is not an error."""
        ...

    def exists(self, key: str) -> bool:
        """Tell whether a blob is stored under the key."""
        ...

    def keys(self) -> Iterator[str]:
        """Yield every stored key (temporary files excluded)."""
        ...

    def temporaries(self) -> list[str]:
        """Name what unfinished saves left behind (temporary files, incomplete uploads)."""
        ...

    def remove_temporaries(self, older_than_seconds: float = 0) -> int:
        """Delete leftovers at least this old; return how many went."""
        ...

    def ping(self) -> None:
        """Return if the store answers; raise StorageUnavailable if it does not."""
        ...


def new_key() -> str:
    """Generate a random, sharded key."""
    name = uuid.uuid4().hex
    return f"{name[:2]}/{name[2:4]}/{name}"


def is_key(key: str) -> bool:
    """Tell whether this module could have made the key."""
    return KEY_PATTERN.fullmatch(key) is not None


def check_key(key: str) -> str:
    """Return the key unchanged, or raise BadKey if this module could not have made it."""
    if not is_key(key):
        raise BadKey(f"not a storage key: {key!r}")
    return key


def copy_stream(stream: BinaryIO, out: BinaryIO, max_bytes: int) -> tuple[int, str]:
    """Copy in chunks, never reading past max_bytes + 1; return the size and sha256."""
    sha = hashlib.sha256()
    size = 0
    while chunk := stream.read(min(CHUNK, max_bytes - size + 1)):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(max_bytes)
        sha.update(chunk)
        out.write(chunk)
    return size, sha.hexdigest()
