"""What a program is, as frozen data: facts, rules, items, notes and dates.

Loading and checking a program file is tracker/rules/loader.py and schema.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.i18n import Text
from tracker.rules.conditions import Condition
from tracker.validation.limits import KINDS


class ProgramError(ValueError):
    """A program file that breaks the schema."""

    def __init__(self, path: Path | str, entry: str, problem: str) -> None:
        super().__init__(f"{path}: {entry}: {problem}")
        self.path, self.entry, self.problem = str(path), entry, problem


@dataclass(frozen=True)
class FactSpec:
    key: str
    type: str
    level: str
    title: Text
    values: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    default: object = None
    required: bool = True
    min: int | None = None
    max: int | None = None
    required_when: Condition | None = None  # required only when this holds (else may be absent)
    ask_when: Condition | None = None  # asked only when the answers so far make it matter

    def value_title(self, value: str) -> Text | None:
        attrs = self.values.get(value)
        return attrs.get("title") if attrs else None


@dataclass(frozen=True)
class Rule:
    """One eligibility rule: when its condition holds, the applicant is not eligible."""

    code: str
    when: Condition
    source: str
    message: Text


@dataclass(frozen=True)
class Constraint:
    """A combination of facts that cannot be true (an infant in employment): bad input."""

    code: str
    when: Condition
    message: Text


@dataclass(frozen=True)
class Hint:
    when: Condition | None
    text: Text


@dataclass(frozen=True)
class PhotoRule:
    formats: tuple[str, ...]
    square: bool
    min_side: int
    max_side: int
    max_bytes: int
    colour: bool


@dataclass(frozen=True)
class Item:
    code: str
    section: str
    scope: str
    title: Text
    source: str
    when: Condition | None
    accepts: tuple[str, ...]
    max_bytes: int
    max_files: int
    min_width: int = 0
    min_height: int = 0
    hint: Text | None = None
    hints: tuple[Hint, ...] = ()
    photo: PhotoRule | None = None
    check_language: bool = True  # False for portraits: no text to read, nothing to translate
    travel_document: bool = False  # a passport or ID card page: its MRZ is read and checked


@dataclass(frozen=True)
class ItemLimits:
    """The program's default upload limits ([defaults]): what an item without its own takes."""

    accepts: tuple[str, ...] = KINDS
    max_bytes: int = 10 * 1024 * 1024
    max_files: int = 10


@dataclass(frozen=True)
class Section:
    code: str
    scope: str
    title: Text
    source: str
    when: Condition | None


@dataclass(frozen=True)
class Note:
    code: str
    when: Condition | None
    source: str
    message: Text
    applies_to: str = "eligible"  # eligible | ineligible | everyone


@dataclass(frozen=True)
class Offset:
    years: int = 0
    months: int = 0
    weeks: int = 0
    days: int = 0


DEFAULT_NOTICE_DAYS = 14  # a deadline this close is highlighted, unless its rule says otherwise


@dataclass(frozen=True)
class DateRule:
    """A dated entry: `offset` from a case or person date, for the facts `when` holds.

    `source` cites the program's guide; None marks the tracker's own advice, which
    is never a deadline. An entry dated before any entry named in `must_outlast`
    (or before today) is a warning and a deadline on its own date.
    """

    code: str
    base: str
    offset: Offset
    when: Condition | None
    applicants_only: bool
    title: Text
    source: str | None
    deadline: bool
    must_outlast: tuple[str, ...]
    notice_days: int = DEFAULT_NOTICE_DAYS  # highlighted from this many days before


@dataclass(frozen=True)
class Guide:
    """The document a program's sources cite ("para 22"): its name and official page."""

    title: Text
    url: Text


@dataclass(frozen=True)
class Program:
    code: str
    version: str
    source: str
    title: Text
    path: str
    facts: Mapping[str, FactSpec]
    constants: Mapping[str, object]
    lists: Mapping[str, tuple[object, ...]]
    eligibility: tuple[Rule, ...]
    sections: tuple[Section, ...]
    items: tuple[Item, ...]
    notes: tuple[Note, ...]
    constraints: tuple[Constraint, ...] = ()
    dates: tuple[DateRule, ...] = ()
    guide: Guide | None = None  # None: each source names its own document
    has_sponsor: bool = True  # a case has a sponsor whose documents count for every applicant
    intro: Text | None = None  # one line above a case's checklist (e.g. when processing starts)
    label_fact: str | None = None  # the applicant fact that names a person in file names
    ad_hoc_source: str | None = None  # what allows a consultant's extra item, if the guide says
    limits_by: Text | None = None  # whose upload limits the items carry, when not the guide's
    date_inputs: Mapping[str, Text] = field(default_factory=dict)  # person dates asked, titled
    defaults: ItemLimits = ItemLimits()  # the limits of an item a consultant adds to a case

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def ad_hoc_item(self, code: str, section: str, title: Text) -> Item:
        """An item a consultant added: the program's default limits, checked like any other."""
        return Item(
            code=code,
            section=section,
            scope="applicant",
            title=title,
            source=self.ad_hoc_source or "",
            when=None,
            accepts=self.defaults.accepts,
            max_bytes=self.defaults.max_bytes,
            max_files=self.defaults.max_files,
        )

    def date_title(self, code: str) -> Text | None:
        """The title of a dated entry (several rules may share a code and its title)."""
        return next((d.title for d in self.dates if d.code == code), None)

    def section(self, code: str) -> Section:
        return next(s for s in self.sections if s.code == code)

    def facts_at(self, level: str) -> list[FactSpec]:
        return [f for f in self.facts.values() if f.level == level]
