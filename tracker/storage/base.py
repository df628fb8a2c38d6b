"""The storage contract: blobs saved under generated keys, streamed and hashed once.

Keys are made here, never taken from a client, so a key that does not match
`KEY_PATTERN` is refused by every store before it is turned into a path.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator
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


@dataclass(frozen=True)
class Stored:
    key: str
    size: int
    sha256: str


class Storage(Protocol):
    def save(self, stream: BinaryIO, *, max_bytes: int) -> Stored:
        """Stream the bytes into a new blob; raise TooLarge past max_bytes."""
        ...

    def open(self, key: str) -> BinaryIO:
        """Open a stored blob for reading; FileNotFoundError if there is none."""
        ...

    def path(self, key: str) -> Path:
        """Return the blob's local file path."""
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

    def temporaries(self) -> list[Path]:
        """List the temporary files left by unfinished saves."""
        ...

    def remove_temporaries(self, older_than_seconds: float = 0) -> int:
        """Delete temporary files at least this old; return how many went."""
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
