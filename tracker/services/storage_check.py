"""Compare the file store with the documents table: orphans, missing files, leftovers."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Document
from tracker.services.registry import get_storage
from tracker.storage.consistency import compare

GRACE_SECONDS = 60  # a younger file may belong to an upload being written or committed


def check_storage(*, fix: bool = False, grace_seconds: float = GRACE_SECONDS) -> dict[str, Any]:
    """Compare the store's keys with the documents' (either store); `fix` removes leftovers."""
    storage = get_storage()
    referenced = set(db.session.scalars(select(Document.storage_key)))
    referenced |= set(
        db.session.scalars(select(Document.preview_key).where(Document.preview_key.is_not(None)))
    )
    for keys in db.session.scalars(
        select(Document.page_keys).where(Document.page_keys.is_not(None))
    ):
        referenced |= {str(key) for key in keys or []}
    result = compare(set(storage.keys()), referenced)
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
