"""Documents as the pages and the JSON API show them, in the reader's language."""

from __future__ import annotations

from typing import Any

from tracker.models import CheckState, Document, Requirement
from tracker.services.status import effective_needs_translation, is_good_translation
from tracker.validation.findings import NEEDS_TRANSLATION


def findings_of(doc: Document, lang: str) -> list[dict[str, str]]:
    return [f.to_dict(lang) for f in doc.findings]  # type: ignore[arg-type]  # pick() falls back to English


def document_dict(doc: Document, lang: str) -> dict[str, Any]:
    """One document with its findings, state and translations.

    Once a good translation is attached, the original's `needs_translation` finding is
    answered: it is no longer shown as a problem.
    """
    translated = any(is_good_translation(t) for t in doc.translations)
    findings = [
        f for f in findings_of(doc, lang) if not (translated and f["code"] == NEEDS_TRANSLATION)
    ]
    return {
        "id": doc.id,
        "file": doc.original_name,
        "kind": doc.kind,
        "mime": doc.mime,
        "size": doc.size,
        "pages": doc.pages,
        "width": doc.width,
        "height": doc.height,
        "languages": list(doc.languages),
        "needs_translation": effective_needs_translation(doc),
        "translated": translated,
        "check_state": doc.check_state.value,
        "checking": doc.check_state is CheckState.CHECKING,
        "review": doc.review.value,
        "review_reason": doc.review_reason,
        "review_comment": doc.review_comment,
        "findings": findings,
        "blocked": doc.blocked,
        "translations": [document_dict(t, lang) for t in doc.translations],
        "uploaded_at": doc.created_at.isoformat(),
    }


def item_dict(req: Requirement, lang: str) -> dict[str, Any]:
    """An item's status and its documents (newest first), for the page's live updates."""
    originals = [d for d in req.documents if d.translation_of_id is None]
    return _item(req, originals, lang)


def upload_dict(req: Requirement, uploaded: list[Document], lang: str) -> dict[str, Any]:
    """The answer to an upload: the item's status and only the documents just added."""
    return _item(req, uploaded, lang)


def _item(req: Requirement, docs: list[Document], lang: str) -> dict[str, Any]:
    return {
        "id": req.id,
        "code": req.code,
        "person": req.person_id,
        "status": req.status.value,
        "readiness": req.case.readiness,
        "documents": [document_dict(d, lang) for d in reversed(docs)],
    }
