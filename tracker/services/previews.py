"""Previews of uploads: drawn once in the isolated child after the checks, then stored.

A request only reads the stored picture; nothing is ever drawn on the request path,
so a hostile PDF costs the child (under its limits), never the web process.
"""

from __future__ import annotations

import io
import logging

from sqlalchemy import select

from tracker.extensions import db
from tracker.isolation import IsolationError, run_isolated
from tracker.models import Document, User
from tracker.services.documents import get_document
from tracker.services.registry import get_jobs, get_storage
from tracker.services.stored_files import discard, open_blob
from tracker.storage.base import Storage, StorageError
from tracker.validation.thumbnail import preview_png

log = logging.getLogger(__name__)

PREVIEW_SECONDS = 30.0
PREVIEW_MAX_BYTES = 1024 * 1024  # a 240 x 320 PNG is a few dozen kilobytes


def store_preview(doc: Document) -> None:
    """Draw the document's preview and keep it, once; a file that cannot be drawn has none."""
    if doc.preview_key is not None or doc.kind is None:
        return
    storage = get_storage()
    try:
        with storage.local_path(doc.storage_key) as path:
            png = run_isolated(preview_png, path, doc.kind, timeout=PREVIEW_SECONDS)
        if png is not None:
            _keep(storage, doc, png)
    except (IsolationError, StorageError, OSError) as exc:
        db.session.rollback()
        log.warning("no preview for document %s: %s", doc.id, exc)


def queue_missing_previews() -> int:
    """Queue the check job (it draws only what is missing) for documents without a preview."""
    missing = db.session.scalars(
        select(Document.id).where(Document.preview_key.is_(None), Document.kind.is_not(None))
    ).all()
    for document_id in missing:
        get_jobs().enqueue("check_document", document_id)
    return len(missing)


def stored_preview(user: User, document_id: int) -> bytes | None:
    """The document's stored preview, if this user may see it and it has been drawn."""
    doc = get_document(user, document_id)
    if doc.preview_key is None:
        return None
    with open_blob(doc.preview_key) as stream:
        return stream.read()


def _keep(storage: Storage, doc: Document, png: bytes) -> None:
    stored = storage.save(io.BytesIO(png), max_bytes=PREVIEW_MAX_BYTES)
    doc.preview_key = stored.key
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        discard(stored.key)
        raise
