"""Compare the file store with the documents table: orphans, missing files, leftovers."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Document
from tracker.services.registry import get_storage
from tracker.storage.consistency import compare
from tracker.storage.copying import Digest

GRACE_SECONDS = 60  # a younger file may belong to an upload being written or committed


def check_storage(*, fix: bool = False, grace_seconds: float = GRACE_SECONDS) -> dict[str, Any]:
    """Compare the store's keys with the documents' (either store); `fix` removes leftovers."""
    storage = get_storage()
    result = compare(set(storage.keys()), set(referenced_blobs()))
    report: dict[str, Any] = {
        "temporaries": storage.temporaries(),
        "orphan_files": list(result.orphan_files),
        "missing_files": list(result.missing_files),
        "removed": 0,
    }
    if fix:
        report["removed"] = storage.remove_temporaries(older_than_seconds=grace_seconds)
        for key in result.orphan_files:
            if time.time() - storage.stat(key).modified >= grace_seconds:
                storage.delete(key)
                report["removed"] += 1
    return report


def referenced_blobs() -> dict[str, Digest | None]:
    """Every key the database refers to: uploads with the size and sha256 recorded at upload,
    images drawn from them (previews, page images) with none."""
    rows = db.session.execute(select(Document.storage_key, Document.size, Document.sha256))
    blobs: dict[str, Digest | None] = {key: Digest(size, sha) for key, size, sha in rows}
    drawn = db.session.execute(
        select(Document.preview_key, Document.page_keys).where(
            Document.preview_key.is_not(None) | Document.page_keys.is_not(None)
        )
    )
    for preview, pages in drawn:
        for key in [preview, *(pages or [])]:
            if key is not None:
                blobs.setdefault(str(key), None)
    return blobs
