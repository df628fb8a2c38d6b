"""Program changes: which open cases a new version of a program file would change, and applying it.

Two comparisons: two program files (`tracker programs diff OLD NEW`), or each
open case's stored checklist against the installed program (the consultant's
page: the old file is gone by then, the stored items are what the case was
derived with). The comparison itself is pure (tracker.rules.diff); applying
re-derives through services.cases.rederive, which never deletes a requirement
or a document, and records the change in each case's history.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import selectinload

from tracker.extensions import db
from tracker.models import Case, CaseStatus, ItemStatus, User
from tracker.rules.diff import CaseDiff, diff_case, diff_stored
from tracker.rules.loader import load_program
from tracker.rules.program import Program, ProgramError
from tracker.services import audit
from tracker.services.access import handled_by
from tracker.services.cases import rederive
from tracker.services.errors import InvalidInputError

CLOSED = (CaseStatus.CLOSED, CaseStatus.ARCHIVED)


@dataclass(frozen=True)
class PersonChange:
    person_id: int
    name: str
    role: str
    added: tuple[str, ...]
    dropped: tuple[str, ...]


@dataclass(frozen=True)
class CaseChange:
    """One open case the new version would change; `problem` if its facts no longer fit."""

    case_id: int
    reference: str
    derived_from: str
    people: tuple[PersonChange, ...]
    problem: str | None = None


@dataclass(frozen=True)
class ProgramChange:
    program: str
    old_version: str
    new_version: str
    open_cases: int
    cases: tuple[CaseChange, ...]
    applied: bool = False
    rederived: int = 0

    @property
    def problems(self) -> tuple[CaseChange, ...]:
        return tuple(c for c in self.cases if c.problem is not None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of `tracker programs diff --json`."""
        return {
            "program": self.program,
            "old_version": self.old_version,
            "new_version": self.new_version,
            "open_cases": self.open_cases,
            "applied": self.applied,
            "rederived": self.rederived,
            "cases": [_case_dict(c) for c in self.cases],
        }


def open_cases(program_code: str) -> list[Case]:
    """The cases of a program that are neither closed nor archived, oldest first."""
    query = db.select(Case).where(*_open(program_code)).order_by(Case.id)
    return list(db.session.scalars(query))


def _open(program_code: str) -> list[ColumnElement[bool]]:
    return [Case.program == program_code, Case.status.not_in(CLOSED)]


def preview_change(old: Program, new: Program) -> ProgramChange:
    """List the open cases whose required items `new` would add or drop, changing nothing."""
    _same_program(old, new)
    cases = open_cases(new.code)
    changes = tuple(c for c in (_case_change(case, old, new) for case in cases) if c is not None)
    return ProgramChange(new.code, old.version, new.version, len(cases), changes)


def apply_change(old: Program, new: Program, *, actor: User | None = None) -> ProgramChange:
    """Re-derive every open case whose facts fit `new` and record its version; delete nothing."""
    change = preview_change(old, new)
    skipped = {c.case_id for c in change.problems}
    rederived = 0
    for case in open_cases(new.code):
        if case.id in skipped:
            continue
        _rederive_recorded(case, new, actor)
        rederived += 1
    db.session.commit()
    return replace(change, applied=True, rederived=rederived)


def pending_changes(program: Program, *, user: User) -> ProgramChange:
    """The open cases this user handles derived with another version than `program`'s.

    A case derived with this version is in step with it (every change of facts
    re-derives), so only the others are compared: the costly part stays small.
    """
    mine = [*_open(program.code), handled_by(user)]
    count = db.session.scalar(select(func.count()).select_from(Case).where(*mine)) or 0
    behind = db.session.scalars(
        select(Case)
        .where(*mine, Case.program_version != program.version)
        .order_by(Case.id)
        .options(selectinload(Case.requirements), selectinload(Case.people))
    )
    found = tuple(_stored_change(case, program) for case in behind)
    return ProgramChange(program.code, "", program.version, count, found)


def apply_pending(program: Program, case_ids: Collection[int], *, actor: User) -> ProgramChange:
    """Re-derive the listed cases that still differ from `program` (as the page showed them)."""
    change = pending_changes(program, user=actor)
    chosen = [c for c in change.cases if c.case_id in case_ids and c.problem is None]
    for item in chosen:
        _rederive_recorded(db.session.get_one(Case, item.case_id), program, actor)
    db.session.commit()
    return replace(change, cases=tuple(chosen), applied=True, rederived=len(chosen))


def _rederive_recorded(case: Case, new: Program, actor: User | None) -> None:
    derived_from = case.program_version
    result = rederive(case, new)
    audit.record(
        "case.program_changed",
        case=case,
        user=actor,
        old_version=derived_from,
        new_version=new.version,
        added=result.added,
        dropped=result.dropped,
    )


def _stored_change(case: Case, program: Program) -> CaseChange:
    result = diff_stored(
        program,
        _stored_codes(case),
        case_facts=case.facts,
        applicants={p.id: p.facts for p in case.applicants},
        sponsor=case.sponsor.id if case.sponsor else None,
    )
    return CaseChange(
        case.id, case.reference, case.program_version, _people(case, result), result.problem
    )


def _stored_codes(case: Case) -> dict[int, tuple[str, ...]]:
    """The program's items each person's stored checklist requires (ad-hoc items aside)."""
    codes: dict[int, tuple[str, ...]] = {}
    for req in sorted(case.requirements, key=lambda r: r.position):
        if not req.ad_hoc and req.status is not ItemStatus.NOT_REQUIRED:
            codes[req.person_id] = (*codes.get(req.person_id, ()), req.code)
    return codes


def _same_program(old: Program, new: Program) -> None:
    if old.code != new.code:
        raise InvalidInputError(f"the files define different programs: {old.code} and {new.code}")


def _case_change(case: Case, old: Program, new: Program) -> CaseChange | None:
    result = diff_case(
        old,
        new,
        case_facts=case.facts,
        applicants={p.id: p.facts for p in case.applicants},
        sponsor=case.sponsor.id if case.sponsor else None,
    )
    if result.empty:
        return None
    return CaseChange(
        case.id, case.reference, case.program_version, _people(case, result), result.problem
    )


def _people(case: Case, result: CaseDiff) -> tuple[PersonChange, ...]:
    return tuple(
        PersonChange(p.id, p.name, p.role.value, d.added, d.dropped)
        for p in case.people
        if (d := result.people.get(p.id)) is not None
    )


def _case_dict(change: CaseChange) -> dict[str, Any]:
    return {
        "case_id": change.case_id,
        "reference": change.reference,
        "derived_from": change.derived_from,
        "problem": change.problem,
        "people": [_person_dict(p) for p in change.people],
    }


def _person_dict(person: PersonChange) -> dict[str, Any]:
    return {
        "person_id": person.person_id,
        "name": person.name,
        "role": person.role,
        "added": list(person.added),
        "dropped": list(person.dropped),
    }


@dataclass(frozen=True)
class OnDisk:
    """The program file on disk now, when it is not the version the app loaded at start."""

    version: str | None
    problem: str | None = None


def disk_version(program: Program) -> OnDisk | None:
    """What the installed program's file holds now, if another version (or an error)."""
    path = Path(program.path)
    try:
        seen = path.stat()
        version = _version_on_disk(path, seen.st_mtime_ns, seen.st_size)
    except (ProgramError, OSError) as exc:
        return OnDisk(None, str(exc))
    return None if version == program.version else OnDisk(version)


@lru_cache(maxsize=32)
def _version_on_disk(path: Path, mtime_ns: int, size: int) -> str:
    """The version a program file holds, parsed once per state of the file (its time, size)."""
    return load_program(path).version
