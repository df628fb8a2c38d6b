"""A large, realistic data set inserted in bulk: cases, people, requirements and documents.

Checklists come from the real rules (derive_checklist), statuses from the real
status rule (item_status) over generated document states, and the stored counts,
readiness and next deadline from the same pure functions the services use. Only
Document rows are made: no files are stored (the dashboard never opens them).
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, insert, select, text

from tracker.extensions import db
from tracker.models import Case, Document, Person, Requirement
from tracker.rules.dates import case_dates
from tracker.rules.engine import derive_checklist
from tracker.rules.facts import parse_facts
from tracker.rules.program import Program
from tracker.rules.status import DocState, item_status, readiness
from tracker.services.deadlines import Dates, person_dates
from tracker.services.demo import CATEGORIES, NATIONALITIES, RESIDENCES

BATCH = 500
# What happened to an item so far: (weight, documents as (review, error, needs translation,
# translated)); a translated document is followed by its translation.
SCENARIOS: list[tuple[int, list[tuple[str, bool, bool, bool]]]] = [
    (12, []),  # missing
    (32, [("accepted", False, False, False)]),
    (10, [("rejected", False, False, False), ("accepted", False, False, False)]),
    (10, [("accepted", False, True, True)]),
    (16, [("pending", False, False, False)]),
    (5, [("rejected", False, False, False)]),
    (5, [("pending", True, False, False)]),  # invalid
    (6, [("pending", False, True, False)]),  # needs a translation
    (10, [("pending", False, False, False), ("pending", False, False, False)]),
]
WEIGHTS = [w for w, _ in SCENARIOS]
SURNAMES = ("Reyes", "Santoso", "Nguyen", "Sharma", "Tanaka", "Kim", "Smith", "陳", "李", "王")
COUNTED = ("missing", "invalid", "rejected", "needs_translation", "in_review")


@dataclass
class Rows:
    cases: list[dict[str, Any]] = field(default_factory=list)
    people: list[dict[str, Any]] = field(default_factory=list)
    requirements: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Ids:
    case: int
    person: int
    requirement: int
    document: int


def bulk_cases(program: Program, count: int, consultant_id: int, *, seed: int = 11) -> int:
    """Insert `count` cases with ~10 documents each; return the number of documents."""
    rng = random.Random(seed)  # noqa: S311 - reproducible benchmark data
    ids = _next_ids()
    documents = 0
    for start in range(0, count, BATCH):
        rows = Rows()
        for _ in range(min(BATCH, count - start)):
            _case(program, rng, ids, consultant_id, rows)
        for model, batch in (
            (Case, rows.cases),
            (Person, rows.people),
            (Requirement, rows.requirements),
            (Document, rows.documents),
        ):
            db.session.execute(insert(model), batch)
        db.session.commit()
        documents += len(rows.documents)
    _advance_sequences()
    return documents


def _next_ids() -> Ids:
    def top(model: Any) -> int:
        return int(db.session.scalar(select(func.coalesce(func.max(model.id), 0))) or 0) + 1

    return Ids(top(Case), top(Person), top(Requirement), top(Document))


def _case(program: Program, rng: random.Random, ids: Ids, consultant: int, rows: Rows) -> None:
    case_id, ids.case = ids.case, ids.case + 1
    facts = {
        "application_type": rng.choice(("entry", "entry", "extension")),
        "sponsor_category": rng.choice(CATEGORIES),
    }
    surname = rng.choice(SURNAMES)
    people = [_person(rng, ids, case_id, 0, f"Sponsor {surname} {case_id}", {})]
    nationality, residence = rng.choice(NATIONALITIES), rng.choice(RESIDENCES)
    for position in range(1, 2 + rng.choice((0, 0, 1, 2))):
        relationship = "spouse" if position == 1 else "child"
        person_facts = {
            "relationship": relationship,
            "applicant_age": rng.randint(22, 60) if position == 1 else rng.randint(0, 17),
            "applicant_nationality": nationality,
            "applicant_residence": residence,
        }
        name = f"{relationship.title()} {surname} {case_id}-{position}"
        people.append(_person(rng, ids, case_id, position, name, person_facts))
    statuses = _requirements(program, rng, ids, case_id, facts, people, rows)
    rows.people += people
    rows.cases.append(_case_row(program, rng, case_id, consultant, facts, people, statuses))


def _person(
    rng: random.Random, ids: Ids, case_id: int, position: int, name: str, facts: dict[str, Any]
) -> dict[str, Any]:
    person_id, ids.person = ids.person, ids.person + 1
    today = date.today()
    return {
        "id": person_id,
        "case_id": case_id,
        "role": "sponsor" if position == 0 else "applicant",
        "name": name,
        "position": position,
        "facts": facts,
        "eligible": True,
        "reasons": [],
        "stay_expires_on": today + timedelta(days=rng.randint(-20, 700)),
        "travel_document_expires_on": today + timedelta(days=rng.randint(30, 3650)),
        "first_entry_on": today - timedelta(days=rng.randint(0, 4000)),
    }


def _requirements(
    program: Program,
    rng: random.Random,
    ids: Ids,
    case_id: int,
    facts: dict[str, Any],
    people: list[dict[str, Any]],
    rows: Rows,
) -> list[str]:
    wanted: dict[tuple[int, str], Any] = {}
    for person in people[1:]:
        checklist = derive_checklist(program, parse_facts(program, {**facts, **person["facts"]}))
        person["eligible"] = checklist.eligible
        person["reasons"] = [r.code for r in checklist.reasons]
        for entry in checklist.items:
            owner = people[0] if entry.item.scope == "sponsor" else person
            wanted.setdefault((owner["id"], entry.code), entry)
    order = {item.code: i for i, item in enumerate(program.items)}
    statuses = []
    for (person_id, code), entry in wanted.items():
        req_id, ids.requirement = ids.requirement, ids.requirement + 1
        status = _documents(rng, ids, case_id, req_id, rows)
        statuses.append(status)
        rows.requirements.append(
            {
                "id": req_id,
                "case_id": case_id,
                "person_id": person_id,
                "code": code,
                "section": entry.item.section,
                "position": order[code],
                "status": status,
                "ad_hoc": False,
                "title": None,
                "updated_at": datetime.now(UTC),
            }
        )
    return statuses


def _documents(rng: random.Random, ids: Ids, case_id: int, req_id: int, rows: Rows) -> str:
    (scenario,) = rng.choices([s for _, s in SCENARIOS], WEIGHTS)
    states = []
    for review, error, translation, translated in scenario:
        doc_id = _document(rng, ids, case_id, req_id, rows, review, error, translation, None)
        if translated:
            _document(rng, ids, case_id, req_id, rows, "pending", False, False, doc_id)
        states.append(DocState(False, error, translation, translated, review))
    return item_status(states)


def _document(
    rng: random.Random,
    ids: Ids,
    case_id: int,
    req_id: int,
    rows: Rows,
    review: str,
    error: bool,
    translation: bool,
    original: int | None,
) -> int:
    doc_id, ids.document = ids.document, ids.document + 1
    findings = [{"code": "pdf_encrypted", "severity": "error", "params": {}}] if error else []
    rows.documents.append(
        {
            "id": doc_id,
            "requirement_id": req_id,
            "case_id": case_id,
            "translation_of_id": original,
            "storage_key": f"bench/{doc_id}",
            "original_name": f"scan-{doc_id}.pdf",
            "mime": "application/pdf",
            "kind": "pdf",
            "size": rng.randint(50_000, 4_000_000),
            "sha256": f"{doc_id:064x}",
            "pages": rng.randint(1, 6),
            "findings": findings,
            "languages": ["id"] if translation else ["en"],
            "needs_translation": translation,
            "check_state": "done",
            "review": review,
            "created_at": datetime.now(UTC) - timedelta(days=rng.randint(0, 90)),
        }
    )
    return doc_id


def _case_row(
    program: Program,
    rng: random.Random,
    case_id: int,
    consultant: int,
    facts: dict[str, Any],
    people: list[dict[str, Any]],
    statuses: list[str],
) -> dict[str, Any]:
    counts = Counter(statuses)
    ready = readiness(statuses)
    found = case_dates(
        program,
        [
            person_dates(
                p["id"],
                Dates(p["stay_expires_on"], p["travel_document_expires_on"], p["first_entry_on"]),
                p["facts"] if p["role"] == "applicant" else None,
            )
            for p in people
        ],
        case_facts=facts,
        complete_since=None,
        today=date.today(),
    ).next_deadline
    return {
        "id": case_id,
        "reference": f"BENCH-{case_id:06d}",
        "program": program.code,
        "program_version": program.version,
        "facts": facts,
        "status": rng.choices(("open", "closed", "archived"), (85, 10, 5))[0],
        "consultant_id": consultant,
        "readiness": ready,
        "complete_since": date.today() if ready == 100 else None,
        "created_at": datetime.now(UTC) - timedelta(days=rng.randint(90, 400)),
        "last_activity_at": datetime.now(UTC) - timedelta(minutes=rng.randint(0, 90 * 24 * 60)),
        **{f"count_{status}": counts[status] for status in COUNTED},
        "next_deadline": found.on if found else None,
        "next_deadline_code": found.code if found else None,
    }


def _advance_sequences() -> None:
    """Explicit ids leave PostgreSQL's sequences behind: move them past the new rows."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("cases", "people", "requirements", "documents"):
        db.session.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}")
        )
    db.session.commit()
