"""Pictures of uploads: drawn once in the isolated child after the checks, then stored.

Each document gets a small preview and the viewer's page images. A request only
reads the stored pictures; nothing is ever drawn on the request path, so a
hostile PDF costs the child (under its limits), never the web process.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import or_, select

from tracker.extensions import db
from tracker.isolation import IsolationError, run_isolated
from tracker.models import Document, User
from tracker.services.documents import get_document
from tracker.services.registry import get_jobs, get_storage
from tracker.services.stored_files import discard, open_blob
from tracker.storage.base import Storage, StorageError
from tracker.validation.thumbnail import page_jpegs, preview_png

log = logging.getLogger(__name__)

PREVIEW_SECONDS = 30.0
PAGES_SECONDS = 90.0
PREVIEW_MAX_BYTES = 1024 * 1024  # a 240 x 320 PNG is a few dozen kilobytes
PAGE_MAX_BYTES = 4 * 1024 * 1024  # an A4 page at 150 dpi in JPEG: a few hundred kilobytes


def store_preview(doc: Document) -> None:
    """Draw the document's preview and page images and keep them, once (only what is missing)."""
    if doc.kind is None:
        return
    if doc.preview_key is None:
        _draw(doc, preview_png, PREVIEW_SECONDS, _keep_preview)
    if doc.page_keys is None:
        _draw(doc, page_jpegs, PAGES_SECONDS, _keep_pages)


def _draw(
    doc: Document,
    drawer: Callable[[Path, str | None], object],
    seconds: float,
    keep: Callable[[Storage, Document, object], None],
) -> None:
    storage = get_storage()
    try:
        with storage.local_path(doc.storage_key) as path:
            drawn = run_isolated(drawer, path, doc.kind, timeout=seconds)
        keep(storage, doc, drawn)
    except (IsolationError, StorageError, OSError) as exc:
        db.session.rollback()
        log.warning("no pictures for document %s: %s", doc.id, exc)


def queue_missing_previews() -> int:
    """Queue the check job (it draws only what is missing) for documents without pictures."""
    missing = db.session.scalars(
        select(Document.id).where(
            or_(Document.preview_key.is_(None), Document.page_keys.is_(None)),
            Document.kind.is_not(None),
        )
    ).all()
    for document_id in missing:
        get_jobs().enqueue("check_document", document_id)
    return len(missing)


def stored_preview(user: User, document_id: int) -> bytes | None:
    """The document's stored preview, if this user may see it and it has been drawn."""
    doc = get_document(user, document_id)
    return _read(doc.preview_key)


def stored_page(user: User, document_id: int, number: int) -> bytes | None:
    """Page `number` (from 1) of the document's viewer images, if drawn and this user may see it."""
    doc = get_document(user, document_id)
    keys = doc.page_keys or []
    return _read(str(keys[number - 1])) if 1 <= number <= len(keys) else None


def _read(key: str | None) -> bytes | None:
    if key is None:
        return None
    with open_blob(key) as stream:
        return stream.read()


def _keep_preview(storage: Storage, doc: Document, png: object) -> None:
    if not isinstance(png, bytes):
        return  # cannot be drawn: no preview, and the next job tries again
    keys = _save(storage, [png], PREVIEW_MAX_BYTES)
    doc.preview_key = keys[0]
    _commit(keys)


def _keep_pages(storage: Storage, doc: Document, pages: object) -> None:
    pictures = [p for p in pages if isinstance(p, bytes)] if isinstance(pages, list) else []
    keys = _save(storage, pictures, PAGE_MAX_BYTES)
    doc.page_keys = keys
    _commit(keys)


def _save(storage: Storage, pictures: list[bytes], max_bytes: int) -> list[str]:
    keys: list[str] = []
    try:
        for picture in pictures:
            keys.append(storage.save(io.BytesIO(picture), max_bytes=max_bytes).key)
    except BaseException:
        for key in keys:
            discard(key)
        raise
    return keys


def _commit(keys: list[str]) -> None:
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        for key in keys:
            discard(key)
        raise
