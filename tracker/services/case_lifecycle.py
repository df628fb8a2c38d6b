"""Consultants' case management: open a case, assign it, close, archive or reopen it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from tracker.extensions import db
from tracker.models import Case, CaseStatus, User
from tracker.models.base import utcnow
from tracker.rules.program import Program
from tracker.services import audit
from tracker.services.cases import Changes, NewApplicant, create_case, update_facts
from tracker.services.deadlines import NO_DATES, Dates, refresh_deadline
from tracker.services.errors import ConflictError, InvalidInputError

STATUS_ACTIONS = {
    CaseStatus.OPEN: "case.reopened",
    CaseStatus.CLOSED: "case.closed",
    CaseStatus.ARCHIVED: "case.archived",
}


@dataclass(frozen=True)
class NewCase:
    """A case as the consultant's form describes it."""

    case_facts: dict[str, Any]
    sponsor_name: str
    applicants: Sequence[NewApplicant]
    sponsor_dates: Dates = NO_DATES


def open_case(program: Program, new: NewCase, *, actor: User) -> Case:
    """Create the case, handled by the consultant who opens it; nothing is kept on bad input."""
    try:
        return create_case(
            program,
            case_facts=new.case_facts,
            sponsor_name=new.sponsor_name,
            applicants=new.applicants,
            sponsor_dates=new.sponsor_dates,
            consultant=actor,
            actor=actor,
        )
    except BaseException:
        db.session.rollback()
        raise


def change_facts(
    case: Case,
    program: Program,
    *,
    case_facts: dict[str, Any],
    person_facts: dict[int, dict[str, Any]],
    actor: User,
) -> Changes:
    """Change the facts and re-derive; on bad input nothing changes."""
    try:
        return update_facts(
            case, program, case_facts=case_facts, person_facts=person_facts, actor=actor
        )
    except BaseException:
        db.session.rollback()
        raise


def assign_consultant(case: Case, consultant_id: int, *, actor: User) -> None:
    """Hand the case to another active consultant or admin."""
    target = db.session.get(User, consultant_id)
    if target is None or not target.is_staff or not target.active:
        raise InvalidInputError(_("Choose an active consultant."))
    if target.id == case.consultant_id:
        return
    previous = case.consultant_id
    case.consultant = target
    touch(case)
    audit.record("case.assigned", case=case, user=actor, previous=previous, consultant=target.id)
    db.session.commit()


def set_case_status(case: Case, status: str, *, program: Program, actor: User) -> None:
    """Close, archive or reopen a case; closed and archived cases have no deadlines."""
    try:
        new = CaseStatus(status)
    except ValueError:
        raise InvalidInputError(_("Unknown case status %(status)s.", status=repr(status))) from None
    if new is case.status:
        raise ConflictError(_already(new))
    previous, case.status = case.status, new
    refresh_deadline(case, program)
    touch(case)
    audit.record(STATUS_ACTIONS[new], case=case, user=actor, previous=previous.value)
    db.session.commit()


def touch(case: Case) -> None:
    """Mark activity on the case now (the dashboard's 'last activity')."""
    case.last_activity_at = utcnow()


def _already(status: CaseStatus) -> str:
    messages: dict[CaseStatus, str] = {
        CaseStatus.OPEN: _("The case is already open."),
        CaseStatus.CLOSED: _("The case is already closed."),
        CaseStatus.ARCHIVED: _("The case is already archived."),
    }
    return messages[status]
