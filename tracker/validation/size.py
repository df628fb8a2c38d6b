"""Size and identity of a file: streamed once for its byte count and sha256.

The first gates of the pipeline: an empty file or one over the item's limit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from tracker.validation import terms
from tracker.validation.findings import Finding, Severity

CHUNK = 1024 * 1024


def digest(path: Path) -> tuple[int, str]:
    """Return the file's size and sha256, reading it in chunks."""
    sha = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            sha.update(chunk)
            size += len(chunk)
    return size, sha.hexdigest()


def check_empty(size: int) -> Iterator[Finding]:
    """Refuse a file of zero bytes."""
    if size == 0:
        yield Finding.make("empty_file", Severity.ERROR)


def check_size(size: int, max_bytes: int) -> Iterator[Finding]:
    """Refuse a file over the item's byte limit."""
    if size > max_bytes:
        found, limit = terms.compared_bytes(size, max_bytes)
        yield Finding.make("too_large", Severity.ERROR, size=found, limit=limit)
