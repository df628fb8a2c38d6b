"""A case's history as sentences in the reader's language ("Maria Reyes uploaded …").

Each audit action has one sentence; the event's details fill it with names a person
knows (people, items, files) instead of ids. An action without a sentence yet is
still shown, by its code, so nothing recorded is ever hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from tracker.models import AuditEvent, Case, Document
from tracker.rules.program import Program
from tracker.rules.review_reasons import reason
from tracker.services.views.checklist import item_title


@dataclass(frozen=True)
class HistoryLine:
    event: AuditEvent
    sentence: str


@dataclass(frozen=True)
class _Said:
    """What a sentence may name, looked up from the event's details."""

    who: str
    detail: Mapping[str, Any]
    file: str
    item: str
    person: str
    lang: str


def history_lines(
    case: Case, program: Program, events: list[AuditEvent], lang: str
) -> list[HistoryLine]:
    """Each event of the case as one sentence, newest first as given."""
    documents = {d.id: d for r in case.requirements for d in r.documents}
    people = {p.id: p.name for p in case.people}
    titles = {(r.person_id, r.code): item_title(program, r)(lang) for r in case.requirements}
    return [HistoryLine(e, _sentence(e, _said(e, documents, people, titles, lang))) for e in events]


def _said(
    event: AuditEvent,
    documents: Mapping[int, Document],
    people: Mapping[int, str],
    titles: Mapping[tuple[int, str], str],
    lang: str,
) -> _Said:
    detail = event.detail or {}
    user = event.user
    who = (user.name or user.email) if user is not None else _("The tracker")
    person = people.get(detail.get("person") or 0, "")
    title = titles.get((detail.get("person") or 0, detail.get("item") or ""), detail.get("item"))
    item = _("“%(title)s” of %(person)s", title=title, person=person) if person else title or ""
    doc = documents.get(detail.get("document") or 0)
    return _Said(who, detail, _file(doc), item, person, lang)


def _file(doc: Document | None) -> str:
    if doc is None:
        return str(_("a document"))
    if doc.pages:
        pages = ngettext("%(num)d page", "%(num)d pages", doc.pages)
        return str(_("%(name)s (%(pages)s)", name=doc.original_name, pages=pages))
    return doc.original_name


def _sentence(event: AuditEvent, s: _Said) -> str:
    say = SENTENCES.get(event.action)
    if say is None:
        return f"{s.who}: {event.action}"
    return say(s)


def _rejected(s: _Said) -> str:
    found = reason(s.detail.get("reason") or "")
    why = found.label(s.lang) if found else s.detail.get("reason") or ""
    said = _(
        "%(who)s rejected %(file)s for %(item)s: %(why)s.",
        who=s.who,
        file=s.file,
        item=s.item,
        why=why,
    )
    return f"{said} “{s.detail['comment']}”" if s.detail.get("comment") else str(said)


def _accepted(s: _Said) -> str:
    if s.detail.get("bulk"):
        return str(
            _(
                "%(who)s accepted %(file)s for %(item)s, with the person's other clean documents.",
                who=s.who,
                file=s.file,
                item=s.item,
            )
        )
    return str(_("%(who)s accepted %(file)s for %(item)s.", who=s.who, file=s.file, item=s.item))


def _checked(s: _Said) -> str:
    if s.detail.get("state") == "failed":
        return str(_("The checks of %(file)s failed: a person must look at it.", file=s.file))
    return str(_("The checks of %(file)s finished.", file=s.file))


def _program_changed(s: _Said) -> str:
    """Which version now applies, and the items it added or no longer requires, by person."""
    said = [
        _(
            "%(who)s applied version %(new)s of the program's rules (the case followed %(old)s).",
            who=s.who,
            new=s.detail.get("new_version", "?"),
            old=s.detail.get("old_version", "?"),
        )
    ]
    if added := _codes_by_person(s.detail.get("added")):
        said.append(_("Now also required: %(items)s.", items=added))
    if dropped := _codes_by_person(s.detail.get("dropped")):
        said.append(_("No longer required: %(items)s.", items=dropped))
    return " ".join(str(part) for part in said)


def _codes_by_person(codes: object) -> str:
    """{'Maria Reyes': ['A9']} as 'A9 (Maria Reyes)'."""
    if not isinstance(codes, Mapping):
        return ""
    return ", ".join(f"{', '.join(map(str, items))} ({name})" for name, items in codes.items())


SENTENCES: dict[str, Callable[[_Said], str]] = {
    "case.created": lambda s: _("%(who)s opened the case.", who=s.who),
    "case.facts_changed": lambda s: _("%(who)s changed the facts of the case.", who=s.who),
    "case.dates_changed": lambda s: _("%(who)s changed the dates.", who=s.who),
    "case.program_changed": _program_changed,
    "case.exported": lambda s: _("%(who)s downloaded the submission bundle.", who=s.who),
    "case.assigned": lambda s: _("%(who)s handed the case to another consultant.", who=s.who),
    "case.closed": lambda s: _("%(who)s closed the case.", who=s.who),
    "case.archived": lambda s: _("%(who)s archived the case.", who=s.who),
    "case.reopened": lambda s: _("%(who)s reopened the case.", who=s.who),
    "document.uploaded": lambda s: _(
        "%(who)s uploaded %(file)s for %(item)s.", who=s.who, file=s.file, item=s.item
    ),
    "document.removed": lambda s: _(
        "%(who)s removed %(file)s from %(item)s.", who=s.who, file=s.file, item=s.item
    ),
    "document.checked": _checked,
    "document.checks_retried": lambda s: _(
        "The checks of %(file)s were started again.", file=s.file
    ),
    "document.accepted": _accepted,
    "document.rejected": _rejected,
    "document.language_override": lambda s: _(
        "%(who)s overruled the language check of %(file)s.", who=s.who, file=s.file
    ),
    "document.mrz_corrected": lambda s: _(
        "%(who)s corrected a field read from %(file)s.", who=s.who, file=s.file
    ),
    "document.photo_fixed": lambda s: _(
        "%(who)s made a compliant copy of %(file)s.", who=s.who, file=s.file
    ),
    "document.made_smaller": lambda s: _(
        "%(who)s made a copy of %(file)s within the Department's 5 MB.", who=s.who, file=s.file
    ),
    "document.downloaded": lambda s: _("%(who)s downloaded %(file)s.", who=s.who, file=s.file),
    "item.added": lambda s: _(
        "%(who)s asked %(person)s for another document.", who=s.who, person=s.person
    ),
    "item.withdrawn": lambda s: _("%(who)s withdrew %(item)s.", who=s.who, item=s.item),
    "person.travel_document_read": lambda s: _(
        "The travel document of %(person)s was read.", person=s.person
    ),
    "invitation.created": lambda s: _(
        "%(who)s invited %(email)s.", who=s.who, email=s.detail.get("email", "")
    ),
    "invitation.accepted": lambda s: _(
        "%(who)s accepted the invitation and joined the case.", who=s.who
    ),
    "auth.reset_requested": lambda s: _(
        "%(email)s asked for a new password.", email=s.detail.get("email", "")
    ),
    "auth.reset_link_sent": lambda s: _(
        "%(who)s asked for a new password; a reset link was e-mailed.", who=s.who
    ),
    "thread.message": lambda s: _("%(who)s wrote a message about the case.", who=s.who),
    "auth.reset_link_created": lambda s: _(
        "%(who)s made a password reset link for %(email)s.",
        who=s.who,
        email=s.detail.get("email", ""),
    ),
    "auth.password_reset": lambda s: _("%(who)s set a new password.", who=s.who),
}
