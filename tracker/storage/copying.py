"""Copy blobs from one store to another under the same keys, verifying every byte.

A blob already in the target with the expected size and sha256 is left alone,
so an interrupted copy is simply run again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from tracker.storage.base import CHUNK, Storage

NO_LIMIT = 2**62  # the source already enforced every upload's limit


@dataclass(frozen=True)
class Digest:
    size: int
    sha256: str


class Outcome(StrEnum):
    COPIED = "copied"
    ALREADY_THERE = "already there"
    DIFFERS = "differs"  # the copy's bytes are not the expected ones


def digest(storage: Storage, key: str) -> Digest:
    """Size and sha256 of a stored blob, read as a stream."""
    sha, size = hashlib.sha256(), 0
    with storage.open(key) as stream:
        while chunk := stream.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return Digest(size, sha.hexdigest())


def copy_blob(source: Storage, target: Storage, key: str, expected: Digest | None) -> Outcome:
    """Make the target hold the blob; `expected` is what the database recorded, if anything."""
    if expected is not None and _holds(target, key, expected):
        return Outcome.ALREADY_THERE
    with source.open(key) as stream:
        sent = target.put(key, stream, max_bytes=NO_LIMIT)
    wanted = expected or Digest(sent.size, sent.sha256)
    return Outcome.COPIED if digest(target, key) == wanted else Outcome.DIFFERS


def _holds(target: Storage, key: str, expected: Digest) -> bool:
    return (
        target.exists(key)
        and target.stat(key).size == expected.size
        and digest(target, key) == expected
    )
