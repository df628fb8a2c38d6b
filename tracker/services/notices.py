"""Who hears about what: the e-mails that case events cause, queued in the event's transaction.

Each function is called by the service that commits the event and only adds
outbox rows (services.outbox.queue_message); it never commits.
"""

from __future__ import annotations

from typing import Any

from tracker.models import Case, Document, Person, User
from tracker.rules.review_reasons import reason
from tracker.services.access import can_see_person
from tracker.services.outbox import external_url, queue_message, reader_lang
from tracker.services.registry import get_programs
from tracker.services.status import effective_needs_translation
from tracker.services.views.checklist import item_title
from tracker.validation.findings import blocks


def family_of(case: Case, person: Person) -> list[User]:
    """The active accounts of the case that see this person's items."""
    return [m.user for m in case.members if m.user.active and can_see_person(m.user, case, person)]


def document_rejected(doc: Document) -> None:
    found = reason(doc.review_reason or "")
    for user in family_of(doc.case, doc.requirement.person):
        lang = reader_lang(user, doc.case)
        _about_document(
            "document_rejected",
            doc,
            user,
            lang,
            reason=found.label(lang) if found else "",
            advice=found.advice(lang) if found else "",
            comment=doc.review_comment or "",
        )


def checks_finished(doc: Document) -> None:
    """After the background checks: tell the family when the file needs their action."""
    if doc.blocked:
        for user in family_of(doc.case, doc.requirement.person):
            lang = reader_lang(user, doc.case)
            problems = [f.message(lang) for f in doc.findings if blocks(f)]  # type: ignore[arg-type]
            _about_document("check_failed", doc, user, lang, problems=problems)
    elif effective_needs_translation(doc) and doc.translation_of_id is None:
        for user in family_of(doc.case, doc.requirement.person):
            _about_document("translation_needed", doc, user, reader_lang(user, doc.case))


def _about_document(kind: str, doc: Document, user: User, lang: str, **context: Any) -> None:
    program = get_programs()[doc.case.program]
    queue_message(
        kind,
        to=user.email,
        lang=lang,
        context={
            "item": item_title(program, doc.requirement)(lang),
            "person": doc.requirement.person.name,
            **context,
        },
        case=doc.case,
        user=user,
        link=external_url("applicant.case", case_id=doc.case.id),
    )
