"""The rules engine: facts in, verdict, reasons, checklist items and notes out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from tracker.i18n import Text
from tracker.rules.facts import Facts, scope_of
from tracker.rules.program import Guide, Item, Program


@dataclass(frozen=True)
class Reason:
    code: str
    message: Text
    source: str


@dataclass(frozen=True)
class Note:
    code: str
    message: Text
    source: str


@dataclass(frozen=True)
class ChecklistItem:
    item: Item
    hints: tuple[Text, ...]

    @property
    def code(self) -> str:
        return self.item.code


@dataclass(frozen=True)
class Checklist:
    program: Program
    eligible: bool
    reasons: tuple[Reason, ...]
    items: tuple[ChecklistItem, ...]
    notes: tuple[Note, ...]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The contract's `checklist` JSON document."""
        return {
            "program": self.program.code,
            "version": self.program.version,
            "eligible": self.eligible,
            "reasons": [_said(r.code, r.message, r.source, lang) for r in self.reasons],
            "items": [_item_dict(i, lang) for i in self.items],
            "notes": [_said(n.code, n.message, n.source, lang) for n in self.notes],
            "guide": _guide(self.program.guide, lang),
        }


def derive_checklist(program: Program, facts: Facts) -> Checklist:
    """Apply the program's rules to complete facts."""
    scope = scope_of(program, facts)
    reasons = tuple(
        Reason(r.code, r.message, r.source) for r in program.eligibility if r.when.evaluate(scope)
    )
    audience = ("eligible" if not reasons else "ineligible", "everyone")
    notes = tuple(
        Note(n.code, n.message, n.source)
        for n in program.notes
        if n.applies_to in audience and (n.when is None or n.when.evaluate(scope))
    )
    items: tuple[ChecklistItem, ...] = ()
    if not reasons:
        open_sections = {
            s.code for s in program.sections if s.when is None or s.when.evaluate(scope)
        }
        items = tuple(
            ChecklistItem(item, _hints(item, scope))
            for item in program.items
            if item.section in open_sections and (item.when is None or item.when.evaluate(scope))
        )
    return Checklist(program, not reasons, reasons, items, notes)


def _hints(item: Item, scope: Mapping[str, Any]) -> tuple[Text, ...]:
    chosen = [h.text for h in item.hints if h.when is None or h.when.evaluate(scope)]
    return tuple(chosen + ([item.hint] if item.hint else []))


def _guide(guide: Guide | None, lang: str) -> dict[str, str] | None:
    """The document the sources cite, when the program has one."""
    return {"title": guide.title(lang), "url": guide.url(lang)} if guide else None


def _said(code: str, message: Text, source: str, lang: str) -> dict[str, str]:
    return {"code": code, "message": message(lang), "source": source}


def _item_dict(entry: ChecklistItem, lang: str) -> dict[str, Any]:
    item = entry.item
    said: dict[str, Any] = {
        "code": item.code,
        "title": item.title(lang),
        "source": item.source,
        "scope": item.scope,
        "section": item.section,
        "accepts": list(item.accepts),
        "max_bytes": item.max_bytes,
        "hints": [h(lang) for h in entry.hints],
    }
    if item.photo is not None:
        said["photo"] = {**asdict(item.photo), "formats": list(item.photo.formats)}
    return said
