"""Cases: create them, change their facts, and keep their requirements derived.

Re-deriving never deletes: items no longer required turn `not_required`,
keeping their documents, and come back with them if the facts change back.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from tracker.extensions import db
from tracker.i18n import Text
from tracker.models import Case, CaseMember, ItemStatus, Person, PersonRole, Requirement, User
from tracker.models.base import utcnow
from tracker.rules.engine import ChecklistItem, derive_checklist
from tracker.rules.facts import FactsError, parse_facts
from tracker.rules.program import Program
from tracker.services import audit
from tracker.services.deadlines import NO_DATES, Dates, refresh_deadline
from tracker.services.errors import FactsInputError, InvalidInputError
from tracker.services.status import refresh_case


@dataclass(frozen=True)
class NewApplicant:
    name: str
    facts: Mapping[str, Any]
    dates: Dates = NO_DATES


@dataclass
class Changes:
    """What a re-derivation did, per person name: codes added and codes no longer required."""

    added: dict[str, list[str]] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.added and not self.dropped


def create_case(
    program: Program,
    *,
    case_facts: Mapping[str, Any],
    sponsor_name: str,
    applicants: Sequence[NewApplicant],
    consultant: User | None = None,
    actor: User | None = None,
    reference: str | None = None,
    sponsor_dates: Dates = NO_DATES,
    commit: bool = True,
) -> Case:
    """Open a case with its sponsor and applicants, and derive its checklist.

    Bulk loaders pass `commit=False` and commit in batches.
    """
    if not applicants:
        raise InvalidInputError(_("A case needs at least one applicant."))
    case = Case(
        program=program.code,
        program_version=program.version,
        facts=dict(checked_facts(program, case_facts, "case")),
        consultant=consultant,
    )
    if program.has_sponsor:
        case.people.append(
            Person(
                role=PersonRole.SPONSOR,
                name=sponsor_name.strip() or "Sponsor",
                position=0,
                **asdict(sponsor_dates),
            )
        )
    for position, applicant in enumerate(applicants, start=1):
        facts = checked_facts(program, applicant.facts, "applicant")
        case.people.append(
            Person(
                role=PersonRole.APPLICANT,
                name=applicant.name.strip(),
                position=position,
                facts=dict(facts),
                **asdict(applicant.dates),
            )
        )
    _add_with_unique_reference(case, program, reference)
    rederive(case, program)
    audit.record(
        "case.created", case=case, user=actor, program=program.code, version=program.version
    )
    if commit:
        db.session.commit()
    return case


def _add_with_unique_reference(case: Case, program: Program, reference: str | None) -> None:
    """Insert the case; a generated reference already taken is drawn again.

    40 random bits make a clash rare even at ten thousand cases a year; the
    unique constraint stays the last word.
    """
    case.reference = reference or _free_reference(program)
    db.session.add(case)
    db.session.flush()


def _free_reference(program: Program) -> str:
    while True:
        reference = new_reference(program)
        taken = db.session.scalar(select(Case.id).where(Case.reference == reference))
        if taken is None:
            return reference


def update_facts(
    case: Case,
    program: Program,
    *,
    case_facts: Mapping[str, Any] | None = None,
    person_facts: Mapping[int, Mapping[str, Any]] | None = None,
    actor: User | None = None,
) -> Changes:
    """Change facts, re-derive the checklist, and report what was added and dropped."""
    if case_facts is not None:
        case.facts = dict(checked_facts(program, case_facts, "case"))
    people = {p.id: p for p in case.people}
    for person_id, facts in (person_facts or {}).items():
        people[person_id].facts = dict(checked_facts(program, facts, "applicant"))
    changes = rederive(case, program)
    case.last_activity_at = utcnow()
    audit.record(
        "case.facts_changed", case=case, user=actor, added=changes.added, dropped=changes.dropped
    )
    db.session.commit()
    return changes


def add_member(
    case: Case, user: User, role: PersonRole, person: Person | None = None
) -> CaseMember:
    """Give a user access to a case (idempotent); the caller commits."""
    existing = next((m for m in case.members if m.user_id == user.id), None)
    if existing is not None:
        return existing
    member = CaseMember(case=case, user=user, role=role, person=person)
    db.session.add(member)
    return member


def rederive(case: Case, program: Program) -> Changes:
    """Bring the stored requirements in line with the facts; never delete anything."""
    wanted: dict[tuple[int, str], ChecklistItem] = {}
    sponsor = case.sponsor
    for person in case.applicants:
        checklist = derive_checklist(program, _full_facts(program, case, person))
        person.eligible = checklist.eligible
        person.reasons = [r.code for r in checklist.reasons]
        for entry in checklist.items:
            owner = sponsor if entry.item.scope == "sponsor" and sponsor else person
            wanted.setdefault((owner.id, entry.code), entry)
    case.program_version = program.version
    changes = _apply(case, wanted, program)
    refresh_case(case)
    refresh_deadline(case, program)
    return changes


def _apply(case: Case, wanted: dict[tuple[int, str], ChecklistItem], program: Program) -> Changes:
    changes = Changes()
    names = {p.id: p.name for p in case.people}
    order = {item.code: i for i, item in enumerate(program.items)}
    existing = {(r.person_id, r.code): r for r in case.requirements}
    for key, entry in wanted.items():
        req = existing.get(key)
        if req is None:
            req = Requirement(
                case=case, person_id=key[0], code=entry.code, section=entry.item.section
            )
            db.session.add(req)
            changes.added.setdefault(names[key[0]], []).append(entry.code)
        elif req.status is ItemStatus.NOT_REQUIRED:
            req.status = ItemStatus.MISSING  # refresh_case recomputes it from its documents
            changes.added.setdefault(names[key[0]], []).append(entry.code)
        req.position = order[entry.code]
    for key, req in existing.items():
        if key not in wanted and not req.ad_hoc and req.status is not ItemStatus.NOT_REQUIRED:
            req.status = ItemStatus.NOT_REQUIRED
            changes.dropped.setdefault(names[key[0]], []).append(req.code)
    db.session.flush()
    return changes


def _full_facts(program: Program, case: Case, person: Person) -> Mapping[str, Any]:
    try:
        return parse_facts(program, {**case.facts, **person.facts})
    except FactsError as exc:
        said = (
            Text(*(f"{person.name}: {t}" for t in exc.text.as_dict().values()))
            if exc.text
            else None
        )
        raise FactsInputError(
            f"{person.name}: {exc}", said, problem=exc, person=person.name
        ) from None


def checked_facts(program: Program, facts: Mapping[str, Any], level: str) -> Mapping[str, Any]:
    """Check one level of facts, keeping only what was given (defaults apply at derivation)."""
    try:
        parse_facts(program, dict(facts), level=level, partial=True)
    except FactsError as exc:
        raise FactsInputError(str(exc), problem=exc) from None
    return {k: (v.upper() if program.facts[k].type == "country" else v) for k, v in facts.items()}


REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out on the phone


def new_reference(program: Program) -> str:
    """A short, human-friendly case reference: 40 random bits, e.g. HD-2026-7KQ2-M9XA."""
    prefix = "".join(part[0] for part in program.code.split("_")).upper()
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{date.today():%Y}-{code[:4]}-{code[4:]}"
