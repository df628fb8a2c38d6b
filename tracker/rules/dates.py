"""The dates that matter to a case, as the program's date rules compute them.

Pure: the program, the case's facts and people's dates in; dated entries out,
each citing its source in the program's guide, or marked as the tracker's own
advice (which never makes a deadline).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from tracker.i18n import Text
from tracker.rules.facts import scope_of
from tracker.rules.program import DEFAULT_NOTICE_DAYS, DateRule, Offset, Program


@dataclass(frozen=True)
class PersonDates:
    """One person's dates as entered; `key` identifies the person to the caller."""

    key: int
    applicant: bool
    stay_expires_on: date | None = None
    travel_document_expires_on: date | None = None
    first_entry_on: date | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)  # the person's own facts


@dataclass(frozen=True)
class DateEntry:
    """A dated row: a deadline (to act by), a milestone (a date reached) or the tracker's advice."""

    code: str
    on: date
    source: str | None  # None: the tracker's advice, not the guide's
    title: Text
    deadline: bool = False  # counts towards the case's next deadline
    warning: bool = False  # a problem now (e.g. a travel document expiring before it is needed)
    notice_days: int = DEFAULT_NOTICE_DAYS  # a deadline is highlighted from this many days before

    @property
    def advice(self) -> bool:
        return self.source is None

    @property
    def kind(self) -> str:
        """`deadline`, `milestone` or `advice`: what the row asks of the reader."""
        if self.deadline:
            return "deadline"
        return "advice" if self.advice else "milestone"

    def days_from(self, today: date) -> int:
        return (self.on - today).days

    def overdue(self, today: date) -> bool:
        """A deadline already passed (a milestone in the past is simply reached)."""
        return self.deadline and self.on < today

    def urgent(self, today: date) -> bool:
        """A deadline coming within its notice period: highlighted."""
        return self.deadline and 0 <= self.days_from(today) <= self.notice_days


@dataclass(frozen=True)
class CaseDates:
    case: tuple[DateEntry, ...]
    people: Mapping[int, tuple[DateEntry, ...]]

    @property
    def entries(self) -> tuple[DateEntry, ...]:
        return self.case + tuple(e for entries in self.people.values() for e in entries)

    @property
    def next_deadline(self) -> DateEntry | None:
        return next_deadline(self.entries)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shifted(day: date, offset: Offset) -> date:
    """`day` moved by the offset: calendar years and months first, then weeks and days."""
    moved = add_months(day, 12 * offset.years + offset.months)
    return moved + timedelta(weeks=offset.weeks, days=offset.days)


def case_dates(
    program: Program,
    people: Sequence[PersonDates],
    *,
    case_facts: Mapping[str, Any],
    complete_since: date | None,
    today: date,
) -> CaseDates:
    """Every dated entry of a case: the case's own (expected decision), then each person's.

    While the case is incomplete its decision is not dated, but it cannot come before
    it would if the case were complete today: travel documents must outlast that.
    """
    scope = scope_of(program, case_facts)
    case = _checked(_entries(program, {"complete_since": complete_since}, scope), (), today)
    earliest = case or _checked(_entries(program, {"complete_since": today}, scope), (), today)
    return CaseDates(
        case, {p.key: person_entries(program, p, case_facts, earliest, today) for p in people}
    )


def person_entries(
    program: Program,
    person: PersonDates,
    case_facts: Mapping[str, Any],
    case: Sequence[DateEntry],
    today: date,
) -> tuple[DateEntry, ...]:
    """One person's entries in date order; `case` holds case entries they may need to outlast."""
    facts = {**case_facts, **person.facts}
    bases = {
        "stay_expires_on": person.stay_expires_on,
        "travel_document_expires_on": person.travel_document_expires_on,
        "first_entry_on": person.first_entry_on,
        **fact_dates(program, facts),
    }
    scope = scope_of(program, facts)
    own = _entries(program, bases, scope, applicant=person.applicant)
    return tuple(sorted(_checked(own, case, today), key=lambda e: e.on))


def fact_dates(program: Program, facts: Mapping[str, Any]) -> dict[str, date]:
    """The facts that are dates and were given (an intended arrival), as dates."""
    return {
        key: date.fromisoformat(facts[key])
        for key, spec in program.facts.items()
        if spec.type == "date" and facts.get(key)
    }


def _entries(
    program: Program,
    bases: Mapping[str, date | None],
    scope: Mapping[str, Any],
    *,
    applicant: bool = True,
) -> tuple[tuple[DateRule, DateEntry], ...]:
    found = []
    for rule in program.dates:
        base = bases.get(rule.base)
        if base is None or (rule.applicants_only and not applicant):
            continue
        if rule.when is None or rule.when.evaluate(scope):
            on = shifted(base, rule.offset)
            entry = DateEntry(rule.code, on, rule.source, rule.title, notice_days=rule.notice_days)
            found.append((rule, entry))
    return tuple(found)


def _checked(
    found: Sequence[tuple[DateRule, DateEntry]], case: Sequence[DateEntry], today: date
) -> tuple[DateEntry, ...]:
    """Set each entry's deadline; one dated before what it must outlast is a warning too."""
    others = {e.code: e.on for e in case} | {e.code: e.on for _, e in found}
    result = []
    for rule, entry in found:
        needed = [today, *(others[c] for c in rule.must_outlast if c in others)]
        short = bool(rule.must_outlast) and entry.on < max(needed)
        deadline = rule.deadline or (short and rule.source is not None)
        result.append(replace(entry, deadline=deadline, warning=short))
    return tuple(result)


def next_deadline(entries: Iterable[DateEntry]) -> DateEntry | None:
    """The earliest deadline, overdue ones included: they are the most urgent."""
    return min((e for e in entries if e.deadline), key=lambda e: e.on, default=None)
