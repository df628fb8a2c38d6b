"""A case's dates: what the rules compute from its people's dates, and the stored next deadline.

The next deadline is kept on the case (with its code) so that the dashboard can
sort and filter on it in SQL; every change of facts, dates or status refreshes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _

from tracker.extensions import db
from tracker.models import Case, CaseStatus, PersonRole, User
from tracker.models.base import utcnow
from tracker.rules.dates import CaseDates, PersonDates, case_dates
from tracker.rules.program import Program
from tracker.services import audit
from tracker.services.errors import InvalidInputError


@dataclass(frozen=True)
class Dates:
    """A person's dates as entered: limit of stay, travel document, first entry."""

    stay_expires_on: date | None = None
    travel_document_expires_on: date | None = None
    first_entry_on: date | None = None


NO_DATES = Dates()


def dates_of(case: Case, program: Program, *, today: date | None = None) -> CaseDates:
    """Every dated entry of the case, each with its guidebook source."""
    people = [
        person_dates(
            p.id,
            Dates(p.stay_expires_on, p.travel_document_expires_on, p.first_entry_on),
            p.facts if p.role is PersonRole.APPLICANT else None,
        )
        for p in case.people
    ]
    return case_dates(
        program,
        people,
        case_facts=case.facts,
        complete_since=case.complete_since,
        today=today or date.today(),
    )


def person_dates(key: int, dates: Dates, applicant_facts: Mapping[str, Any] | None) -> PersonDates:
    """What the date rules take of one person; the sponsor has no facts of their own (None)."""
    return PersonDates(
        key,
        applicant=applicant_facts is not None,
        **asdict(dates),
        facts=applicant_facts or {},
    )


def refresh_deadline(case: Case, program: Program) -> None:
    """Store the case's earliest deadline; a closed or archived case has none."""
    found = dates_of(case, program).next_deadline if case.status is CaseStatus.OPEN else None
    case.next_deadline = found.on if found else None
    case.next_deadline_code = found.code if found else None


def update_dates(case: Case, program: Program, dates: Mapping[int, Dates], *, actor: User) -> None:
    """Change people's dates, refresh the next deadline, and record what changed."""
    people = {p.id: p for p in case.people}
    if not set(dates) <= set(people):
        raise InvalidInputError(_("That person is not part of this case."))
    changed: dict[str, dict[str, Any]] = {}
    for person_id, new in dates.items():
        person = people[person_id]
        for name, value in asdict(new).items():
            if getattr(person, name) != value:
                setattr(person, name, value)
                changed.setdefault(str(person_id), {})[name] = value and value.isoformat()
    if not changed:
        return
    refresh_deadline(case, program)
    case.last_activity_at = utcnow()
    audit.record("case.dates_changed", case=case, user=actor, changed=changed)
    db.session.commit()
