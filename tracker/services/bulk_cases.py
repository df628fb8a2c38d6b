"""Many new cases at once (demo data, imports): the rows `create_case` makes, in bulk.

Each distinct set of facts is checked and derived once; the rows go in with
executemany, one transaction per batch. tests/services/test_bulk_cases.py
holds a case made here equal to the same case made by `create_case`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import islice
from typing import Any

from sqlalchemy import insert, select

from tracker.extensions import db
from tracker.models import AuditEvent, Case, CaseStatus, ItemStatus, Person, PersonRole, Requirement
from tracker.models.base import utcnow
from tracker.rules.dates import DateEntry, case_dates
from tracker.rules.engine import Checklist, ChecklistItem, derive_checklist
from tracker.rules.facts import parse_facts
from tracker.rules.program import Program
from tracker.rules.status import item_status, readiness
from tracker.services.cases import NewApplicant, checked_facts, new_reference
from tracker.services.deadlines import NO_DATES, Dates, person_dates
from tracker.services.status import COUNTED

BATCH = 1000  # cases per transaction


@dataclass(frozen=True)
class NewCase:
    """What `create_case` takes for one case."""

    facts: Mapping[str, Any]
    sponsor_name: str
    applicants: Sequence[NewApplicant]
    sponsor_dates: Dates = NO_DATES


def insert_cases(
    program: Program,
    cases: Iterable[NewCase],
    *,
    consultant_id: int | None = None,
    actor_id: int | None = None,
) -> int:
    """Create the cases as `create_case` would, committing every BATCH; return how many."""
    rows = _Rows(program, consultant_id, actor_id)
    count = 0
    pending = iter(cases)
    while chunk := list(islice(pending, BATCH)):
        rows.insert(chunk)
        db.session.commit()
        count += len(chunk)
    return count


class _Memo:
    """One function's results by its arguments (plain values, written out as the key)."""

    def __init__(self, func: Callable[..., Any]) -> None:
        self._func = func
        self._seen: dict[str, Any] = {}

    def __call__(self, *args: Any) -> Any:
        key = json.dumps(args, sort_keys=True, default=repr)  # repr: a date is not its text
        if key not in self._seen:
            self._seen[key] = self._func(*args)
        return self._seen[key]


@dataclass
class _Family:
    """One new case's people rows (the sponsor first, if any) and the items `rederive` makes."""

    case_facts: dict[str, Any]
    people: list[dict[str, Any]]
    wanted: dict[tuple[int, str], ChecklistItem]  # (index in people, item code) → entry


class _Rows:
    """Turns new cases into table rows, deriving each distinct set of facts once."""

    def __init__(self, program: Program, consultant_id: int | None, actor_id: int | None) -> None:
        self.program = program
        self.consultant_id = consultant_id
        self.actor_id = actor_id
        self.checked = _Memo(partial(checked_facts, program))
        self.checklist = _Memo(lambda facts: derive_checklist(program, parse_facts(program, facts)))
        self.deadline = _Memo(self._next_deadline)
        self.order = {item.code: i for i, item in enumerate(program.items)}
        self.missing = ItemStatus(item_status([]))  # a new item has no documents yet

    def insert(self, cases: Sequence[NewCase]) -> None:
        families = [self._family(case) for case in cases]
        case_rows = [self._case(family) for family in families]
        for row, reference in zip(case_rows, self._free_references(len(case_rows)), strict=True):
            row["reference"] = reference
        case_ids = _inserted_ids(Case, case_rows)
        people = [
            {**person, "case_id": case_id}
            for case_id, family in zip(case_ids, families, strict=True)
            for person in family.people
        ]
        person_ids = iter(_inserted_ids(Person, people))
        requirements = []
        for case_id, family in zip(case_ids, families, strict=True):
            ids = [next(person_ids) for _ in family.people]
            requirements += self._requirements(case_id, ids, family)
        db.session.execute(insert(Requirement), requirements)
        db.session.execute(insert(AuditEvent), [self._created(case_id) for case_id in case_ids])

    def _family(self, case: NewCase) -> _Family:
        if not case.applicants:
            raise ValueError("a case needs at least one applicant")
        family = _Family(dict(self.checked(case.facts, "case")), [], {})
        sponsor = self.program.has_sponsor
        if sponsor:
            name = case.sponsor_name.strip() or "Sponsor"
            family.people.append(_person(PersonRole.SPONSOR, name, 0, {}, case.sponsor_dates))
        for position, applicant in enumerate(case.applicants, start=1):
            facts = self.checked(applicant.facts, "applicant")
            person = _person(
                PersonRole.APPLICANT, applicant.name.strip(), position, facts, applicant.dates
            )
            checklist: Checklist = self.checklist({**family.case_facts, **facts})
            person["eligible"] = checklist.eligible
            person["reasons"] = [r.code for r in checklist.reasons]
            family.people.append(person)
            for entry in checklist.items:
                owner = 0 if entry.item.scope == "sponsor" and sponsor else len(family.people) - 1
                family.wanted.setdefault((owner, entry.code), entry)
        return family

    def _case(self, family: _Family) -> dict[str, Any]:
        statuses = Counter({self.missing: len(family.wanted)})
        ready = readiness([status.value for status in statuses.elements()])
        complete_since = date.today() if ready == 100 else None
        people = [_dates_key(index, person) for index, person in enumerate(family.people)]
        found: DateEntry | None = self.deadline(family.case_facts, people, complete_since)
        now = utcnow()
        return {
            "program": self.program.code,
            "program_version": self.program.version,
            "facts": family.case_facts,
            "status": CaseStatus.OPEN,
            "consultant_id": self.consultant_id,
            "readiness": ready,
            "complete_since": complete_since,
            "created_at": now,
            "last_activity_at": now,
            **{column: statuses[status] for status, column in COUNTED.items()},
            "next_deadline": found.on if found else None,
            "next_deadline_code": found.code if found else None,
        }

    def _next_deadline(
        self, case_facts: Mapping[str, Any], people: Any, complete_since: date | None
    ) -> DateEntry | None:
        return case_dates(
            self.program,
            [person_dates(i, Dates(*dates), facts and dict(facts)) for i, dates, facts in people],
            case_facts=dict(case_facts),
            complete_since=complete_since,
            today=date.today(),
        ).next_deadline

    def _requirements(
        self, case_id: int, person_ids: list[int], family: _Family
    ) -> list[dict[str, Any]]:
        now = utcnow()
        return [
            {
                "case_id": case_id,
                "person_id": person_ids[owner],
                "code": code,
                "section": entry.item.section,
                "position": self.order[code],
                "status": self.missing,
                "ad_hoc": False,
                "title": None,
                "updated_at": now,
            }
            for (owner, code), entry in family.wanted.items()
        ]

    def _created(self, case_id: int) -> dict[str, Any]:
        return {
            "case_id": case_id,
            "user_id": self.actor_id,
            "action": "case.created",
            "detail": {"program": self.program.code, "version": self.program.version},
            "created_at": utcnow(),
        }

    def _free_references(self, count: int) -> list[str]:
        """`count` new references, none already taken (the unique constraint stays the judge)."""
        drawn: set[str] = set()
        while len(drawn) < count:
            fresh = {new_reference(self.program) for _ in range(count - len(drawn))} - drawn
            taken = db.session.scalars(select(Case.reference).where(Case.reference.in_(fresh)))
            drawn |= fresh - set(taken)
        return sorted(drawn)


def _person(
    role: PersonRole, name: str, position: int, facts: Mapping[str, Any], dates: Dates
) -> dict[str, Any]:
    return {
        "role": role,
        "name": name,
        "position": position,
        "facts": dict(facts),
        "eligible": True,
        "reasons": [],
        "stay_expires_on": dates.stay_expires_on,
        "travel_document_expires_on": dates.travel_document_expires_on,
        "first_entry_on": dates.first_entry_on,
    }


def _dates_key(index: int, person: dict[str, Any]) -> tuple[Any, ...]:
    """What the date rules read of a person, hashable (the deadline memo's key)."""
    dates = (person["stay_expires_on"], person["travel_document_expires_on"])
    facts = person["facts"] if person["role"] is PersonRole.APPLICANT else None
    return index, (*dates, person["first_entry_on"]), facts


def _inserted_ids(model: type[Case] | type[Person], rows: list[dict[str, Any]]) -> list[int]:
    """Insert with executemany; the new ids in the order of the rows."""
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(db.session.scalars(statement, rows))
