"""Copy blobs from one store to another under the same keys, verifying every byte.

A blob verified by an earlier run is remembered in a manifest (its digest and the
size, time and version the target reported then): while the target still reports
them, it is not read again. Any other blob already in the target is read and compared, and
replaced if it differs, so an interrupted copy is simply run again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path

from tracker.storage.base import CHUNK, BlobInfo, Storage

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


@dataclass(frozen=True)
class Verified:
    """A blob the target held with this digest, and how the target described it then."""

    sha256: str
    size: int
    modified: float
    version: str


class Manifest:
    """What earlier runs verified in one target, kept in a JSON file (written atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            entries = json.loads(path.read_text())
        except FileNotFoundError:
            entries = {}
        self.entries = {key: Verified(**entry) for key, entry in entries.items()}

    def holds(self, key: str, info: BlobInfo, expected: Digest | None) -> bool:
        """The target still describes the blob as when it was verified (with the right digest)."""
        seen = self.entries.get(key)
        return (
            seen is not None
            and (seen.size, seen.modified, seen.version) == (info.size, info.modified, info.version)
            and (expected is None or (expected.size, expected.sha256) == (seen.size, seen.sha256))
        )

    def remember(self, key: str, found: Digest, info: BlobInfo) -> None:
        self.entries[key] = Verified(found.sha256, info.size, info.modified, info.version)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".part")
        partial.write_text(json.dumps({key: asdict(v) for key, v in self.entries.items()}))
        partial.replace(self.path)


def copy_blob(
    source: Storage, target: Storage, key: str, expected: Digest | None, manifest: Manifest
) -> Outcome:
    """Make the target hold the blob; `expected` is what the database recorded, if anything."""
    info = _stat(target, key)
    if info is not None and manifest.holds(key, info, expected):
        return Outcome.ALREADY_THERE
    if info is not None and expected is not None and _holds(target, key, info, expected):
        manifest.remember(key, expected, info)
        return Outcome.ALREADY_THERE
    with source.open(key) as stream:
        sent = target.put(key, stream, max_bytes=NO_LIMIT)
    wanted = expected or Digest(sent.size, sent.sha256)
    if digest(target, key) != wanted:
        return Outcome.DIFFERS
    manifest.remember(key, wanted, target.stat(key))
    return Outcome.COPIED


def _holds(target: Storage, key: str, info: BlobInfo, expected: Digest) -> bool:
    """Read and compare an upload no run verified yet (a drawn image is simply copied anew)."""
    return info.size == expected.size and digest(target, key) == expected


def _stat(storage: Storage, key: str) -> BlobInfo | None:
    try:
        return storage.stat(key)
    except FileNotFoundError:
        return None
