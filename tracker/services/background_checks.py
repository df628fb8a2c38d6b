"""The slow checks of an upload (language, OCR), run as a background job.

A job that crashes or times out never loses the document: it is marked
`failed` for a person to look at, and can be retried.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import CheckState, Document
from tracker.services import audit
from tracker.services.file_checks import language_of
from tracker.services.registry import get_jobs, get_storage
from tracker.services.status import refresh_case

log = logging.getLogger(__name__)


def check_document(document_id: int) -> None:
    """Detect the document's language and settle its item's status."""
    doc = db.session.get(Document, document_id)
    if doc is None or doc.check_state is not CheckState.CHECKING:
        return
    try:
        _detect_language(doc)
        doc.check_state, doc.check_error = CheckState.DONE, None
    except Exception as exc:  # noqa: BLE001 - any failure goes to a person, never lost
        db.session.rollback()
        doc = db.session.get(Document, document_id)
        if doc is None:
            return
        log.warning("checks failed for document %s: %s", document_id, type(exc).__name__)
        doc.check_state, doc.check_error = CheckState.FAILED, type(exc).__name__
    refresh_case(doc.case)
    audit.record("document.checked", case=doc.case, document=doc.id, state=doc.check_state.value)
    db.session.commit()


def _detect_language(doc: Document) -> None:
    with get_storage().local_path(doc.storage_key) as path:
        verdict = language_of(path, doc.kind or "")
    doc.languages = list(verdict.languages)
    doc.needs_translation = verdict.needs_translation
    kept = [f for f in doc.findings if f.code not in LANGUAGE_CODES]
    doc.findings = [*kept, *verdict.findings]


LANGUAGE_CODES = frozenset({"needs_translation", "language_undetermined"})


def retry_stale(older_than: timedelta) -> int:
    """Re-queue failed checks and checks stuck longer than `older_than` (a crashed worker)."""
    cutoff = datetime.now(UTC) - older_than
    stuck = db.session.scalars(
        select(Document).where(
            (Document.check_state == CheckState.FAILED)
            | ((Document.check_state == CheckState.CHECKING) & (Document.created_at < cutoff))
        )
    ).all()
    for doc in stuck:
        doc.check_state, doc.check_error = CheckState.CHECKING, None
        audit.record("document.checks_retried", case=doc.case, document=doc.id)
    db.session.commit()
    for doc in stuck:
        get_jobs().enqueue("check_document", doc.id)
    return len(stuck)
