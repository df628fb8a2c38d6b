"""Consultants' review: accept or reject documents, add ad-hoc items, overrule a language verdict.

Every decision is recorded in the case's audit log and settles the case's
statuses (services.status.refresh_case) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from tracker.extensions import db
from tracker.i18n import LANGS
from tracker.models import Case, CheckState, Document, ItemStatus, Requirement, Review, User
from tracker.models.base import utcnow
from tracker.rules.review_reasons import reason
from tracker.services import audit
from tracker.services.access import can_see_case
from tracker.services.case_lifecycle import touch
from tracker.services.errors import ConflictError, InvalidInputError, NotFoundError
from tracker.services.status import refresh_case

AD_HOC_PREFIX = "X"  # ad-hoc item codes: X1, X2 … per person
AD_HOC_POSITION = 1000  # after every item of the program
LANGUAGE_VERDICTS = ("needed", "not_needed")
MAX_TEXT = 2000


def get_document(user: User, document_id: int) -> Document:
    """A document of a case this staff member handles; otherwise 404."""
    doc = db.session.get(Document, document_id)
    if doc is None or not user.is_staff or not can_see_case(user, doc.case):
        raise NotFoundError(_("No such document."))
    return doc


def get_requirement(user: User, requirement_id: int) -> Requirement:
    req = db.session.get(Requirement, requirement_id)
    if req is None or not user.is_staff or not can_see_case(user, req.case):
        raise NotFoundError(_("No such checklist item."))
    return req


def accept(doc: Document, *, actor: User) -> None:
    """Accept a document whose checks have finished without an error."""
    if doc.check_state is CheckState.CHECKING:
        raise ConflictError(_("This document is still being checked."))
    if doc.blocked:
        raise ConflictError(_("This document failed a check: ask for a new upload instead."))
    _decide(doc, Review.ACCEPTED, None, None, actor)


def reject(doc: Document, code: str, comment: str, *, actor: User) -> None:
    """Reject a document with a reason code (and a comment, required for 'other')."""
    found = reason(code)
    if found is None:
        raise InvalidInputError(_("Choose a reason for the rejection."))
    comment = comment.strip()[:MAX_TEXT]
    if found.needs_comment and not comment:
        raise InvalidInputError(_("Say what is wrong in the comment."))
    _decide(doc, Review.REJECTED, found.code, comment or None, actor)


def _decide(
    doc: Document, review: Review, code: str | None, comment: str | None, actor: User
) -> None:
    doc.review, doc.review_reason, doc.review_comment = review, code, comment
    doc.reviewed_by_id, doc.reviewed_at = actor.id, utcnow()
    _settle(
        doc.case,
        f"document.{review.value}",
        actor,
        document=doc.id,
        item=doc.requirement.code,
        person=doc.requirement.person_id,
        reason=code,
        comment=comment,
    )


def add_item(case: Case, person_id: int, titles: Mapping[str, str], *, actor: User) -> Requirement:
    """Ask one person for a further document (the Department may ask for more, VII note 1)."""
    person = next((p for p in case.people if p.id == person_id), None)
    if person is None:
        raise InvalidInputError(_("That person is not part of this case."))
    english = (titles.get("en") or "").strip()[:200]
    if not english:
        raise InvalidInputError(_("Describe the document in English at least."))
    taken = {r.code for r in person.requirements}
    number = next(n for n in range(1, len(taken) + 2) if f"{AD_HOC_PREFIX}{n}" not in taken)
    sections = [r.section for r in sorted(person.requirements, key=lambda r: r.position)]
    req = Requirement(
        case=case,
        person=person,
        code=f"{AD_HOC_PREFIX}{number}",
        section=sections[0] if sections else AD_HOC_PREFIX,
        position=AD_HOC_POSITION + number,
        ad_hoc=True,
        title={lang: (titles.get(lang) or "").strip()[:200] or english for lang in LANGS},
        status=ItemStatus.MISSING,
    )
    db.session.add(req)
    db.session.flush()
    _settle(case, "item.added", actor, item=req.code, person=person.id, title=req.title)
    return req


def withdraw_item(req: Requirement, *, actor: User) -> None:
    """An ad-hoc item the Department no longer needs: not required, its documents kept."""
    if not req.ad_hoc:
        raise ConflictError(_("Only items added to the case can be withdrawn; change the facts."))
    req.status = ItemStatus.NOT_REQUIRED
    _settle(req.case, "item.withdrawn", actor, item=req.code, person=req.person_id)


def override_language(doc: Document, verdict: str, why: str, *, actor: User) -> None:
    """Overrule the detected language verdict ('' gives the decision back to the detector)."""
    if verdict and verdict not in LANGUAGE_VERDICTS:
        raise InvalidInputError(_("The translation is either needed or not needed."))
    why = why.strip()[:MAX_TEXT]
    if not why:
        raise InvalidInputError(_("Give the reason for overruling the language check."))
    previous = doc.language_override
    doc.language_override = verdict or None
    _settle(
        doc.case,
        "document.language_override",
        actor,
        document=doc.id,
        item=doc.requirement.code,
        verdict=verdict or None,
        previous=previous,
        reason=why,
    )


def _settle(case: Case, action: str, actor: User, **detail: Any) -> None:
    refresh_case(case)
    touch(case)
    audit.record(action, case=case, user=actor, **detail)
    db.session.commit()
