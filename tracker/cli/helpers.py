"""What every command shares: failing on bad input, finding a program, printing JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

import click
from flask.cli import with_appcontext

from tracker.rules.program import Program
from tracker.services.registry import get_programs


def command(name: str) -> Callable[[Callable[..., Any]], click.Command]:
    """A `tracker` command that runs in the app context, as FlaskGroup's own commands do."""
    return lambda function: click.command(name)(with_appcontext(function))


def fail(message: str) -> NoReturn:
    """Bad input: one line on stderr, exit 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def get_program(code: str) -> Program:
    """The app's program `code`, or exit with the installed ones named."""
    return pick_program(get_programs(), code)


def pick_program(programs: Mapping[str, Program], code: str) -> Program:
    if code not in programs:
        fail(f"unknown program {code!r} (installed: {', '.join(sorted(programs))})")
    return programs[code]


def emit(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))
