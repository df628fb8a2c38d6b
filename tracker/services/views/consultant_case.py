"""The consultant's case page: checklist, dates, people, members, links and the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.i18n import Text
from tracker.models import AuditEvent, Case, CaseMember, Document, Invitation, Requirement, User
from tracker.models.base import utcnow
from tracker.rules.dates import CaseDates
from tracker.rules.program import Program
from tracker.services.deadlines import dates_of
from tracker.services.review import can_accept, is_clean
from tracker.services.status import effective_needs_translation, is_good_translation
from tracker.services.views.checklist import PersonView, case_view
from tracker.services.views.dashboard import consultants
from tracker.services.views.documents import findings_of
from tracker.services.views.history import HistoryLine, history_lines

AUDIT_LIMIT = 200


@dataclass(frozen=True)
class FactLine:
    title: Text
    value: str
    value_title: Text | None


@dataclass(frozen=True)
class DocumentLine:
    """A document as the reviewer sees it: its findings rendered, its translation state."""

    doc: Document
    findings: tuple[dict[str, str], ...]  # code, severity, message
    needs_translation: bool
    translated: bool
    acceptable: bool  # passed its checks: the review offers accept
    translations: tuple[DocumentLine, ...] = ()


@dataclass(frozen=True)
class CasePage:
    case: Case
    program: Program
    people: list[PersonView]
    case_facts: list[FactLine]
    person_facts: dict[int, list[FactLine]]
    documents: dict[int, list[DocumentLine]]  # by requirement id, newest first
    dates: CaseDates
    today: date
    members: list[CaseMember]
    invitations: list[Invitation]
    audit: list[HistoryLine]  # newest first
    consultants: list[User]
    clean: dict[int, int]  # by person id: documents that may be accepted in bulk


def case_page(case: Case, program: Program, user: User, lang: str) -> CasePage:
    """Everything the consultant's case page shows."""
    today = date.today()
    return CasePage(
        case=case,
        program=program,
        people=case_view(case, program, user, lang),
        case_facts=fact_lines(program, case.facts),
        person_facts={p.id: fact_lines(program, p.facts) for p in case.applicants},
        documents={r.id: document_lines(r, lang) for r in case.requirements},
        dates=dates_of(case, program, today=today),
        today=today,
        members=sorted(case.members, key=lambda m: m.id),
        invitations=pending_invitations(case),
        audit=history_lines(case, program, audit_log(case), lang),
        consultants=consultants(),
        clean={
            p.id: sum(is_clean(d) for r in p.requirements for d in r.documents) for p in case.people
        },
    )


def fact_lines(program: Program, facts: dict[str, object]) -> list[FactLine]:
    """The facts in the program's order, with their titles and value titles."""
    lines = []
    for key, spec in program.facts.items():
        if key in facts:
            value = facts[key]
            shown = ("yes" if value else "no") if isinstance(value, bool) else str(value)
            lines.append(FactLine(spec.title, shown, spec.value_title(shown)))
    return lines


def document_lines(req: Requirement, lang: str) -> list[DocumentLine]:
    """The item's original documents, newest first, each with its translations."""
    originals = [d for d in reversed(req.documents) if d.translation_of_id is None]
    return [document_line(d, lang) for d in originals]


def document_line(doc: Document, lang: str) -> DocumentLine:
    """A document with its findings in `lang`, and its translations' lines."""
    translations = tuple(document_line(t, lang) for t in doc.translations)
    return DocumentLine(
        doc,
        tuple(findings_of(doc, lang)),
        effective_needs_translation(doc),
        any(is_good_translation(t) for t in doc.translations),
        can_accept(doc),
        translations,
    )


def pending_invitations(case: Case) -> list[Invitation]:
    query = (
        select(Invitation)
        .where(
            Invitation.case_id == case.id,
            Invitation.purpose == "invite",
            Invitation.used_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .order_by(Invitation.id)
    )
    return list(db.session.scalars(query))


def audit_log(case: Case) -> list[AuditEvent]:
    """The case's latest events, newest first, with who did them."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.case_id == case.id)
        .options(selectinload(AuditEvent.user))
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(AUDIT_LIMIT)
    )
    return list(db.session.scalars(query))
