"""Access to the loaded programs from views."""

from __future__ import annotations

from flask import current_app

from tracker.rules.program import Program
from tracker.services.errors import NotFoundError


def program(code: str) -> Program:
    programs: dict[str, Program] = current_app.extensions["programs"]
    if code not in programs:
        raise NotFoundError(f"unknown program {code!r}")
    return programs[code]
