"""Access to the loaded programs from views."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from tracker.rules.program import Program
from tracker.services.errors import NotFoundError


def program(code: str) -> Program:
    programs: dict[str, Program] = current_app.extensions["programs"]
    if code not in programs:
        raise NotFoundError(_("Unknown program %(code)s.", code=repr(code)))
    return programs[code]
