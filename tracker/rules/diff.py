"""Rule changes: what a new version of a program would add to or drop from a checklist.

Pure: two Program objects and the facts of one case in, per-person item codes out.
Sponsor items belong to the sponsor once, whichever applicant needs them, as in
the stored requirements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.rules.engine import derive_checklist
from tracker.rules.facts import FactsError, parse_facts
from tracker.rules.program import Program


@dataclass(frozen=True)
class ItemDiff:
    """Item codes the new version requires that the old did not, and the reverse."""

    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.added and not self.dropped


@dataclass(frozen=True)
class CaseDiff:
    """Per person key: the change; `problem` when the facts do not fit a version."""

    people: Mapping[int, ItemDiff]
    problem: str | None = None

    @property
    def empty(self) -> bool:
        return self.problem is None and all(d.empty for d in self.people.values())


def required_codes(program: Program, facts: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    """The item codes `program` requires for complete raw facts, by scope."""
    checklist = derive_checklist(program, parse_facts(program, dict(facts)))
    by_scope: dict[str, tuple[str, ...]] = {"applicant": (), "sponsor": ()}
    for entry in checklist.items:
        by_scope[entry.item.scope] += (entry.code,)
    return by_scope


def diff_codes(before: Sequence[str], after: Sequence[str]) -> ItemDiff:
    """Codes only in `after` (added) and only in `before` (dropped), each in its order."""
    return ItemDiff(
        added=tuple(c for c in after if c not in before),
        dropped=tuple(c for c in before if c not in after),
    )


def diff_program(old: Program, new: Program, facts: Mapping[str, Any]) -> dict[str, ItemDiff]:
    """What moving one applicant's facts from `old` to `new` changes, by scope."""
    before, after = required_codes(old, facts), required_codes(new, facts)
    return {scope: diff_codes(before[scope], after[scope]) for scope in before}


def diff_case(
    old: Program,
    new: Program,
    *,
    case_facts: Mapping[str, Any],
    applicants: Mapping[int, Mapping[str, Any]],
    sponsor: int | None,
) -> CaseDiff:
    """Per person (applicant keys and `sponsor`): the items `new` adds and drops."""
    try:
        before = _owned(old, case_facts, applicants, sponsor)
    except FactsError as exc:
        return CaseDiff({}, f"the facts do not fit version {old.version}: {exc}")
    return diff_stored(new, before, case_facts=case_facts, applicants=applicants, sponsor=sponsor)


def diff_stored(
    new: Program,
    before: Mapping[int, Sequence[str]],
    *,
    case_facts: Mapping[str, Any],
    applicants: Mapping[int, Mapping[str, Any]],
    sponsor: int | None,
) -> CaseDiff:
    """Per person: the items `new` requires beyond `before` (codes by person), and the reverse."""
    try:
        after = _owned(new, case_facts, applicants, sponsor)
    except FactsError as exc:
        return CaseDiff({}, f"the facts do not fit version {new.version}: {exc}")
    keys = set(before) | set(after)
    people = {key: diff_codes(before.get(key, ()), after.get(key, ())) for key in keys}
    return CaseDiff({k: d for k, d in people.items() if not d.empty})


def _owned(
    program: Program,
    case_facts: Mapping[str, Any],
    applicants: Mapping[int, Mapping[str, Any]],
    sponsor: int | None,
) -> dict[int, tuple[str, ...]]:
    """Required codes per owner: the applicant, or the sponsor for sponsor items."""
    owned: dict[int, tuple[str, ...]] = {}
    for key, facts in applicants.items():
        by_scope = required_codes(program, {**case_facts, **facts})
        owned[key] = owned.get(key, ()) + by_scope["applicant"]
        if sponsor is None:  # a program without a sponsor has no sponsor items
            continue
        shared = owned.get(sponsor, ())
        owned[sponsor] = shared + tuple(c for c in by_scope["sponsor"] if c not in shared)
    return _in_program_order(program, owned)


def _in_program_order(
    program: Program, owned: dict[int, tuple[str, ...]]
) -> dict[int, tuple[str, ...]]:
    order = {item.code: i for i, item in enumerate(program.items)}
    return {key: tuple(sorted(codes, key=order.__getitem__)) for key, codes in owned.items()}
