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
from tracker.rules.program import Program
from tracker.services import audit, notices
from tracker.services.check_queue import INTERRUPTED
from tracker.services.file_checks import QUALITY_CODES, language_of, mrz_of, quality_of
from tracker.services.previews import store_preview
from tracker.services.registry import get_jobs, get_programs, get_storage
from tracker.services.status import refresh_item
from tracker.services.travel_documents import settle_reading

log = logging.getLogger(__name__)


def check_document(document_id: int) -> None:
    """Draw the preview, judge blur and light, detect the language (or read the MRZ); settle."""
    doc = db.session.get(Document, document_id)
    if doc is None:
        return
    store_preview(doc)  # first: once the item is settled, its page shows the picture
    if doc.check_state is not CheckState.CHECKING:
        return
    try:
        _check_quality(doc)
        program = _travel_program(doc)
        if program is not None:
            _read_mrz(doc, program)
        else:
            _detect_language(doc)
        doc.check_state, doc.check_error = CheckState.DONE, None
    except Exception as exc:  # noqa: BLE001 - any failure goes to a person, never lost
        db.session.rollback()
        if get_jobs().closing:
            return  # stopped with the server: still `checking`, resumed at the next start
        doc = db.session.get(Document, document_id)
        if doc is None:
            return
        log.warning("checks failed for document %s: %s", document_id, type(exc).__name__)
        doc.check_state, doc.check_error = CheckState.FAILED, type(exc).__name__
    refresh_item(doc.requirement)
    if doc.check_state is CheckState.DONE:
        notices.checks_finished(doc)
    audit.record("document.checked", case=doc.case, document=doc.id, state=doc.check_state.value)
    db.session.commit()


def _check_quality(doc: Document) -> None:
    """Blur and light: warnings beside the document, replaced when checked again."""
    with get_storage().local_path(doc.storage_key) as path:
        found = quality_of(path, doc.kind or "")
    doc.findings = [*(f for f in doc.findings if f.code not in QUALITY_CODES), *found]


def _detect_language(doc: Document) -> None:
    with get_storage().local_path(doc.storage_key) as path:
        verdict = language_of(path, doc.kind or "")
    doc.languages = list(verdict.languages)
    doc.needs_translation = verdict.needs_translation
    kept = [f for f in doc.findings if f.code not in LANGUAGE_CODES]
    doc.findings = [*kept, *verdict.findings]


LANGUAGE_CODES = frozenset({"needs_translation", "language_undetermined"})


def _travel_program(doc: Document) -> Program | None:
    """The program, when the document is a passport or ID card upload (not a translation)."""
    program = get_programs().get(doc.case.program)
    item = program.item(doc.requirement.code) if program else None
    travel = item is not None and item.travel_document and doc.translation_of_id is None
    return program if travel else None


def _read_mrz(doc: Document, program: Program) -> None:
    """Read the zone instead of the language: an ICAO data page carries English."""
    with get_storage().local_path(doc.storage_key) as path:
        reading = mrz_of(path, doc.kind or "")
    doc.mrz = reading.to_dict() if reading else None
    doc.languages, doc.needs_translation = [], False
    kept = [
        f for f in doc.findings if not f.code.startswith("mrz_") and f.code not in LANGUAGE_CODES
    ]
    doc.findings = [*kept, *settle_reading(doc, reading, program)]


def retry_stale(older_than: timedelta) -> int:
    """Re-queue failed checks, deferred ones and those stuck longer than `older_than`."""
    cutoff = datetime.now(UTC) - older_than
    checking = Document.check_state == CheckState.CHECKING
    stuck = db.session.scalars(
        select(Document).where(
            (Document.check_state == CheckState.FAILED)
            | (checking & (Document.created_at < cutoff))
            | (checking & (Document.check_error == INTERRUPTED))
        )
    ).all()
    for doc in stuck:
        doc.check_state, doc.check_error = CheckState.CHECKING, None
        audit.record("document.checks_retried", case=doc.case, document=doc.id)
    db.session.commit()
    for doc in stuck:
        get_jobs().enqueue("check_document", doc.id)
    return len(stuck)
