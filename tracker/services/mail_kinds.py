"""The kinds of message the tracker sends, each with its subject line.

A kind's bodies are the templates `mail/<kind>.txt` and `mail/<kind>.html`.
Subjects are rendered in the recipient's language (the caller forces the locale).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _


@dataclass(frozen=True)
class MailKind:
    code: str
    subject: Callable[[Mapping[str, Any]], str]


def _ref(values: Mapping[str, Any]) -> str:
    case = values.get("case")
    return str(case.reference) if case is not None else ""


KINDS: Mapping[str, MailKind] = {
    k.code: k
    for k in (
        MailKind(
            "invitation",
            lambda v: _("You are invited to your visa application %(ref)s", ref=_ref(v)),
        ),
        MailKind("password_reset", lambda v: _("Choose a new password")),
        MailKind(
            "document_rejected",
            lambda v: _("A document needs to be uploaded again (%(ref)s)", ref=_ref(v)),
        ),
        MailKind(
            "translation_needed",
            lambda v: _("A document needs a translation (%(ref)s)", ref=_ref(v)),
        ),
        MailKind(
            "check_failed",
            lambda v: _("A document did not pass its checks (%(ref)s)", ref=_ref(v)),
        ),
        MailKind(
            "reminder",
            lambda v: _("Still to do for your visa application %(ref)s", ref=_ref(v)),
        ),
        MailKind(
            "thread_message",
            lambda v: _("New message about case %(ref)s", ref=_ref(v)),
        ),
        MailKind(
            "ready_to_file",
            lambda v: _("Case %(ref)s is ready to file", ref=_ref(v)),
        ),
        MailKind("digest", lambda v: _("Your cases today")),
    )
}
