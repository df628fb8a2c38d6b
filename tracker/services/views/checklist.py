"""Read models for case pages: people, their sections and items, with texts from the program."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.i18n import LANGS, Text
from tracker.models import Case, Document, Person, PersonRole, Requirement, User
from tracker.rules.engine import Note, derive_checklist
from tracker.rules.facts import parse_facts
from tracker.rules.program import Program
from tracker.rules.status import family_action
from tracker.services.access import can_see_person
from tracker.services.file_checks import item_of
from tracker.services.removal import can_remove
from tracker.services.status import doc_state
from tracker.services.views.documents import document_dict


@dataclass(frozen=True)
class ItemView:
    requirement: Requirement
    title: Text
    source: str
    hints: tuple[Text, ...]
    accepts: tuple[str, ...]
    max_bytes: int
    documents: tuple[dict[str, Any], ...] = ()
    action: str | None = None  # why the family must act (rules.status.family_action)
    max_files: int = 10
    title_langs: tuple[str, ...] = LANGS  # an added item's title may be in fewer languages


@dataclass(frozen=True)
class SectionView:
    code: str
    title: Text
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class PersonView:
    person: Person
    sections: tuple[SectionView, ...]
    reasons: tuple[Any, ...]
    notes: tuple[Note, ...]

    @property
    def todo(self) -> list[ItemView]:
        """The items that still wait on the family, in checklist order."""
        return [i for s in self.sections for i in s.items if i.action]


def case_view(case: Case, program: Program, user: User, lang: str = "en") -> list[PersonView]:
    """Everything the case page shows that this user may see, in checklist order."""
    return [
        _person_view(case, program, p, user, lang)
        for p in case.people
        if can_see_person(user, case, p)
    ]


def _person_view(case: Case, program: Program, person: Person, user: User, lang: str) -> PersonView:
    reasons: tuple[Any, ...] = ()
    notes: tuple[Note, ...] = ()
    hints: dict[str, tuple[Text, ...]] = {}
    if person.role is PersonRole.APPLICANT:
        checklist = derive_checklist(program, parse_facts(program, {**case.facts, **person.facts}))
        reasons, notes = checklist.reasons, checklist.notes
        hints = {entry.code: entry.hints for entry in checklist.items}
    sections: dict[str, list[ItemView]] = {}
    for req in sorted(person.requirements, key=lambda r: (r.position, r.id)):
        sections.setdefault(req.section, []).append(
            _item_view(program, req, hints.get(req.code, ()), user, lang)
        )
    ordered = [s for s in program.sections if s.code in sections]
    views = tuple(SectionView(s.code, s.title, tuple(sections.pop(s.code))) for s in ordered)
    views += tuple(
        SectionView(code, Text(code, code, code), tuple(items)) for code, items in sections.items()
    )
    return PersonView(person, views, reasons, notes)


def _item_view(
    program: Program, req: Requirement, hints: tuple[Text, ...], user: User, lang: str
) -> ItemView:
    item = item_of(program, req)
    current = [d for d in req.documents if d.translation_of_id is None and d.current]
    documents = tuple(_shown(d, user, lang) for d in reversed(current))  # newest first
    action = family_action(req.status.value, [doc_state(d) for d in current])
    return ItemView(
        req,
        item.title,
        item.source,
        hints or ((item.hint,) if item.hint else ()),
        item.accepts,
        item.max_bytes,
        documents,
        action,
        item.max_files,
        _given(req),
    )


def _given(req: Requirement) -> tuple[str, ...]:
    """The languages a consultant gave an added item's title in (all, for the program's)."""
    if not req.ad_hoc or not req.title:
        return LANGS
    return tuple(lang for lang in LANGS if req.title.get(lang))


def item_title(program: Program, req: Requirement) -> Text:
    """The item's title: the program's, or the one the consultant gave an ad-hoc item."""
    return item_of(program, req).title


def _shown(doc: Document, user: User, lang: str) -> dict[str, Any]:
    """A current document with what this reader may do with it (and its current translations)."""
    shown = document_dict(doc, lang)
    shown["removable"] = can_remove(user, doc)
    shown["translations"] = [
        {**document_dict(t, lang), "removable": can_remove(user, t)}
        for t in doc.translations
        if t.current
    ]
    return shown
