"""Uploading documents and translations: store, check, record — all or nothing.

The fast checks (type, size, PDF, image) run during the request; language and
OCR run as a background job. Every upload is a new version: a failed or
rejected upload never replaces an earlier document of the item.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import CaseStatus, CheckState, Document, ItemStatus, Requirement, User
from tracker.rules.program import Program
from tracker.services import audit
from tracker.services.access import can_see_person
from tracker.services.check_queue import queue_check
from tracker.services.errors import ConflictError, InvalidInputError, NotFoundError
from tracker.services.file_checks import item_of, limits_for
from tracker.services.registry import get_storage
from tracker.services.removal import mark_removed
from tracker.services.status import doc_state, item_originals, lock_case, refresh_item
from tracker.services.stored_files import discard, open_blob, storage_errors
from tracker.storage.base import Storage, Stored, TooLarge, copy_stream
from tracker.storage.names import safe_display_name
from tracker.validation.findings import Finding, Severity
from tracker.validation.image import strip_location
from tracker.validation.pipeline import FileReport, validate_file


def get_requirement(user: User, requirement_id: int) -> Requirement:
    """The requirement if this user may see its person; otherwise 404."""
    req = db.session.get(Requirement, requirement_id)
    if req is None or not can_see_person(user, req.case, req.person):
        raise NotFoundError(_("No such checklist item."))
    return req


def item_max_bytes(req: Requirement, program: Program) -> int:
    """The most one file of this item may weigh: shown on the page, checked, reported."""
    return limits_for(item_of(program, req)).max_bytes


def get_document(user: User, document_id: int) -> Document:
    doc = db.session.get(Document, document_id)
    if doc is None or not can_see_person(user, doc.case, doc.requirement.person):
        raise NotFoundError(_("No such document."))
    return doc


def submit_document(
    user: User,
    req: Requirement,
    upload: BinaryIO,
    filename: str,
    *,
    program: Program,
    translation_of: Document | None = None,
    replaces: Document | None = None,
    copy_of: Document | None = None,
    recorded: Callable[[Document], None] | None = None,
) -> Document:
    """Store an upload for an item (or as the translation of one of its documents).

    The bytes are checked in a private local copy, then streamed to the store
    (photos without their GPS position): the store only ever sees what is kept.
    An upload that `replaces` an earlier one removes it only when it passed its
    checks itself: a broken replacement never pushes out a working file. A
    compliant `copy_of` an earlier one takes its place in the item's file count.
    `recorded(doc)` adds the caller's own audit event before the one commit.
    """
    _check_open(req, translation_of)
    if translation_of is None:
        check_room(req, program, adding=1, replaces=replaces or copy_of)
    storage = get_storage()
    name = safe_display_name(filename)
    item = item_of(program, req)
    with spooled(upload) as local:
        report = validate_file(local, name=name, limits=limits_for(item))
        with _without_location(local, report) as kept:
            stored = _store(storage, kept)
    try:
        if translation_of is None:  # again, now that the case's other writers wait for us:
            lock_case(req.case)  # two uploads at once must not both take the last place
            check_room(req, program, adding=1, replaces=replaces or copy_of)
        deep = item is None or item.check_language or item.travel_document
        slow = report.ok and (deep or translation_of is not None)
        doc = _record(user, req, stored, name, report, translation_of, slow=slow)
        doc.copy_of_id = copy_of.id if copy_of is not None else None
        if replaces is not None and report.ok:
            mark_removed(user, replaces, replaced_by=doc)
        refresh_item(req)
        if recorded is not None:  # the caller's own audit event, in the same transaction
            recorded(doc)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        discard(stored.key)
        raise
    if report.ok:  # its preview is drawn in the background; its language too, if `slow`
        queue_check(doc.id)
    return doc


def submit_uploads(
    user: User,
    req: Requirement,
    files: list[tuple[Any, str]],
    *,
    program: Program,
    translation_of: Document | None = None,
    replaces: Document | None = None,
) -> list[Document]:
    """Several files for one item (each its own version), as a plain form sends them."""
    if replaces is not None and (len(files) != 1 or replaces.requirement_id != req.id):
        raise InvalidInputError(_("Choose one file to replace this one."))
    if translation_of is None:
        check_room(req, program, adding=len(files), replaces=replaces)
    return [
        submit_document(
            user,
            req,
            stream,
            name,
            program=program,
            translation_of=translation_of,
            replaces=replaces,
        )
        for stream, name in files
    ]


def check_room(
    req: Requirement, program: Program, *, adding: int, replaces: Document | None
) -> None:
    """Refuse more usable files than the program allows for the item (failed ones do not count)."""
    most = item_of(program, req).max_files
    originals = item_originals(req)  # one query, whatever the item holds
    copied = {d.copy_of_id for d in originals}  # a compliant copy stands in for these
    kept = [
        d for d in originals if doc_state(d).usable and d is not replaces and d.id not in copied
    ]
    if len(kept) + adding > most:
        raise ConflictError(
            ngettext(
                "This item takes at most %(num)d file. Remove one before adding another.",
                "This item takes at most %(num)d files. Remove one before adding another.",
                most,
            )
        )


def open_for_download(user: User, document_id: int) -> tuple[Document, BinaryIO]:
    """The document's stored bytes as a stream, if this user may see it; audited."""
    doc = get_document(user, document_id)
    stream = open_blob(doc.storage_key)
    audit.record("document.downloaded", case=doc.case, user=user, document=doc.id)
    db.session.commit()
    return doc, stream


def _check_open(req: Requirement, translation_of: Document | None) -> None:
    if req.case.status is CaseStatus.CLOSED:
        raise ConflictError(
            _(
                "This case is closed, so no more documents can be added. "
                "Ask your consultant to reopen it if something is still needed."
            )
        )
    if req.case.status is CaseStatus.ARCHIVED:
        raise ConflictError(
            _(
                "This case is archived, so no more documents can be added. "
                "Ask your consultant to reopen it if something is still needed."
            )
        )
    if req.status is ItemStatus.NOT_REQUIRED:
        raise ConflictError(_("This item is no longer required for the case."))
    if translation_of is not None and translation_of.requirement_id != req.id:
        raise InvalidInputError(_("A translation must be attached to a document of the same item."))
    if translation_of is not None and translation_of.translation_of_id is not None:
        raise InvalidInputError(_("Attach the translation to the original document."))


@contextmanager
def spooled(upload: BinaryIO) -> Iterator[Path]:
    """Copy the upload into a private temporary file, refusing more than the app accepts."""
    limit = int(current_app.config["MAX_CONTENT_LENGTH"])
    with tempfile.TemporaryDirectory(prefix="tracker-upload-") as folder:
        path = Path(folder) / "upload"
        try:
            with path.open("wb") as out:
                copy_stream(upload, out, limit)
        except TooLarge:
            raise InvalidInputError(
                _(
                    "The file is larger than %(mb)s MB, the most the app accepts.",
                    mb=limit // (1024 * 1024),
                )
            ) from None
        yield path


def _store(storage: Storage, path: Path) -> Stored:
    """Stream a checked local file into the store."""
    with path.open("rb") as stream, storage_errors():
        return storage.save(stream, max_bytes=path.stat().st_size)


def _record(
    user: User,
    req: Requirement,
    stored: Stored,
    name: str,
    report: FileReport,
    translation_of: Document | None,
    *,
    slow: bool,
) -> Document:
    findings = [*report.findings, *_duplicate(req, stored)]
    doc = Document(
        requirement=req,
        case_id=req.case_id,
        translation_of=translation_of,
        uploaded_by_id=user.id,
        storage_key=stored.key,
        original_name=name,
        mime=report.mime,
        kind=report.kind,
        size=stored.size,
        sha256=stored.sha256,
        pages=report.pages,
        width=report.width,
        height=report.height,
        findings=findings,
        check_state=CheckState.CHECKING if slow else CheckState.DONE,
    )
    db.session.add(doc)
    db.session.flush()
    req.case.last_activity_at = doc.created_at
    audit.record(
        "document.uploaded",
        case=req.case,
        user=user,
        document=doc.id,
        item=req.code,
        person=req.person_id,
        size=stored.size,
        ok=report.ok,
        translation_of=translation_of.id if translation_of else None,
    )
    return doc


@contextmanager
def _without_location(path: Path, report: FileReport) -> Iterator[Path]:
    """Keep photos' GPS position out of the store: yield a copy without it when needed.

    Only images that passed their checks are opened again (a bomb stays unopened).
    """
    if report.kind != "image" or not report.ok:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="tracker-clean-") as folder:
        clean = Path(folder) / "clean"
        yield clean if strip_location(path, clean) else path


def _duplicate(req: Requirement, stored: Stored) -> list[Finding]:
    """The same bytes already uploaded anywhere in this case: a warning, not a refusal."""
    earlier = db.session.scalars(
        select(Document).where(Document.case_id == req.case_id, Document.sha256 == stored.sha256)
    ).first()
    if earlier is None:
        return []
    return [
        Finding.make(
            "duplicate_file",
            Severity.WARNING,
            item=earlier.requirement.code,
            name=earlier.original_name,
        )
    ]
