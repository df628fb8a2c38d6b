"""Programs are data: load a program file, check it against the schema, freeze it.

A broken file is a ProgramError naming the file and the entry, raised at
start-up, never a KeyError in the middle of a request.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tracker.i18n import LANGS, Text
from tracker.rules.conditions import Condition, ConditionError

PROGRAMS_DIR = Path(__file__).resolve().parent.parent / "programs"
FACT_TYPES = ("enum", "bool", "int", "country")
KINDS = ("pdf", "image")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2, as facts store them


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

    def item(self, code: str) -> Item | None:
        return next((i for i in self.items if i.code == code), None)

    def section(self, code: str) -> Section:
        return next(s for s in self.sections if s.code == code)

    def facts_at(self, level: str) -> list[FactSpec]:
        return [f for f in self.facts.values() if f.level == level]


def load_programs(directory: Path = PROGRAMS_DIR) -> dict[str, Program]:
    """Load every `*.toml` program in `directory`, keyed by program code."""
    programs: dict[str, Program] = {}
    for path in sorted(directory.glob("*.toml")):
        program = load_program(path)
        if program.code in programs:
            raise ProgramError(path, "program.code", f"{program.code!r} is defined twice")
        programs[program.code] = program
    return programs


def load_program(path: Path) -> Program:
    """Read and check one program file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgramError(path, "file", str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ProgramError(path, "file", f"not valid TOML: {exc}") from None
    from tracker.rules.schema import build_program

    return build_program(raw, path)


def text_of(raw: object, path: Path, entry: str) -> Text:
    """Check a `{en, zh-Hant, zh-Hans}` table and turn it into a Text."""
    if not isinstance(raw, dict):
        raise ProgramError(path, entry, "must be a table with en, zh-Hant and zh-Hans")
    missing = [lang for lang in LANGS if not isinstance(raw.get(lang), str) or not raw[lang]]
    if missing:
        raise ProgramError(path, entry, f"missing text for {', '.join(missing)}")
    return Text(raw["en"], raw["zh-Hant"], raw["zh-Hans"])


def condition_of(raw: object, path: Path, entry: str) -> Condition | None:
    """Parse an optional `when` expression."""
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ProgramError(path, entry, "`when` must be a string expression")
    try:
        return Condition(raw)
    except ConditionError as exc:
        raise ProgramError(path, entry, str(exc)) from None
