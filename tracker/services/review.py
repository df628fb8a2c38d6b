"""Consultants' review: accept or reject documents, add ad-hoc items, overrule a language verdict.

Every decision is recorded in the case's audit log and settles the case's
statuses (services.status.refresh_case) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import gettext as _

from tracker.extensions import db
from tracker.i18n import LANGS
from tracker.models import Case, CheckState, Document, ItemStatus, Requirement, Review, User
from tracker.models.base import utcnow
from tracker.rules.review_reasons import reason
from tracker.services import audit, notices
from tracker.services.access import can_see_case
from tracker.services.case_lifecycle import touch
from tracker.services.errors import ConflictError, InvalidInputError, NotFoundError
from tracker.services.status import effective_needs_translation, is_good_translation, refresh_case
from tracker.validation.findings import NEEDS_TRANSLATION

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


def can_accept(doc: Document) -> bool:
    """Only a current document whose checks finished without a blocking finding may be accepted."""
    return doc.current and doc.check_state is not CheckState.CHECKING and not doc.blocked


def is_clean(doc: Document) -> bool:
    """Awaiting a decision with nothing for a person to weigh: safe to accept in bulk."""
    others = [f for f in doc.findings if f.code != NEEDS_TRANSLATION]
    untranslated = effective_needs_translation(doc) and not any(
        is_good_translation(t) for t in doc.translations
    )
    return (
        doc.translation_of_id is None
        and doc.current
        and doc.review is Review.PENDING
        and doc.check_state is CheckState.DONE
        and doc.requirement.status is ItemStatus.IN_REVIEW
        and not others
        and not untranslated
    )


def accept(doc: Document, *, actor: User) -> None:
    """Accept a document whose checks have finished without an error."""
    if not doc.current:
        raise ConflictError(_("The family removed this document: there is nothing to decide."))
    if doc.check_state is CheckState.CHECKING:
        raise ConflictError(_("This document is still being checked."))
    if doc.blocked:
        raise ConflictError(_("This document failed a check: ask for a new upload instead."))
    _decide(doc, Review.ACCEPTED, None, None, actor)
    _settle(doc.case)


def accept_clean(case: Case, person_id: int, *, actor: User) -> list[Document]:
    """Accept every clean document of one person in one transaction, each one audited."""
    person = next((p for p in case.people if p.id == person_id), None)
    if person is None:
        raise InvalidInputError(_("That person is not part of this case."))
    clean = [d for r in person.requirements for d in r.documents if is_clean(d)]
    if not clean:
        raise ConflictError(_("No clean document is waiting for a decision."))
    for doc in clean:
        _decide(doc, Review.ACCEPTED, None, None, actor, bulk=True)
    _settle(case)
    return clean


def reject(doc: Document, code: str, comment: str, *, actor: User) -> None:
    """Reject a document with a reason code (and a comment, required for 'other')."""
    found = reason(code)
    if found is None:
        raise InvalidInputError(_("Choose a reason for the rejection."))
    comment = comment.strip()[:MAX_TEXT]
    if found.needs_comment and not comment:
        raise InvalidInputError(_("Say what is wrong in the comment."))
    _decide(doc, Review.REJECTED, found.code, comment or None, actor)
    _settle(doc.case)


def _decide(
    doc: Document,
    review: Review,
    code: str | None,
    comment: str | None,
    actor: User,
    *,
    bulk: bool = False,
) -> None:
    if not doc.current:
        raise ConflictError(_("The applicant removed this file; it is kept only for the history."))
    doc.review, doc.review_reason, doc.review_comment = review, code, comment
    doc.reviewed_by_id, doc.reviewed_at = actor.id, utcnow()
    if review is Review.REJECTED:
        notices.document_rejected(doc)
    audit.record(
        f"document.{review.value}",
        case=doc.case,
        user=actor,
        document=doc.id,
        item=doc.requirement.code,
        person=doc.requirement.person_id,
        reason=code,
        comment=comment,
        bulk=bulk or None,
    )


def add_item(case: Case, person_id: int, titles: Mapping[str, str], *, actor: User) -> Requirement:
    """Ask one person for a further document (the Department may ask for more, VII note 1)."""
    person = next((p for p in case.people if p.id == person_id), None)
    if person is None:
        raise InvalidInputError(_("That person is not part of this case."))
    given = {lang: text for lang in LANGS if (text := (titles.get(lang) or "").strip()[:200])}
    if not given:
        raise InvalidInputError(_("Give the document's title in at least one language."))
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
        title=given,  # only the languages given: the pages say which one a title is in
        status=ItemStatus.MISSING,
    )
    db.session.add(req)
    db.session.flush()
    audit.record(
        "item.added", case=case, user=actor, item=req.code, person=person.id, title=req.title
    )
    _settle(case)
    return req


def withdraw_item(req: Requirement, *, actor: User) -> None:
    """An ad-hoc item the Department no longer needs: not required, its documents kept."""
    if not req.ad_hoc:
        raise ConflictError(_("Only items added to the case can be withdrawn; change the facts."))
    req.status = ItemStatus.NOT_REQUIRED
    audit.record("item.withdrawn", case=req.case, user=actor, item=req.code, person=req.person_id)
    _settle(req.case)


def override_language(doc: Document, verdict: str, why: str, *, actor: User) -> None:
    """Overrule the detected language verdict ('' gives the decision back to the detector)."""
    if verdict and verdict not in LANGUAGE_VERDICTS:
        raise InvalidInputError(_("The translation is either needed or not needed."))
    why = why.strip()[:MAX_TEXT]
    if not why:
        raise InvalidInputError(_("Give the reason for overruling the language check."))
    previous = doc.language_override
    doc.language_override = verdict or None
    audit.record(
        "document.language_override",
        case=doc.case,
        user=actor,
        document=doc.id,
        item=doc.requirement.code,
        verdict=verdict or None,
        previous=previous,
        reason=why,
    )
    _settle(doc.case)


def _settle(case: Case) -> None:
    """Settle the case's statuses and commit the decision with its audit events."""
    refresh_case(case)
    touch(case)
    db.session.commit()
