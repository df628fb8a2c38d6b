"""Access to the loaded programs from views."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.rules.program import Program
from tracker.services.errors import NotFoundError
from tracker.services.registry import get_programs


def program(code: str) -> Program:
    programs = get_programs()
    if code not in programs:
        raise NotFoundError(_("Unknown program %(code)s.", code=repr(code)))
    return programs[code]
