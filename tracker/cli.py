"""The `tracker` command: Flask's CLI around the app factory, plus the project's commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, NoReturn

import click
from flask import current_app
from flask.cli import FlaskGroup

from tracker import create_app
from tracker.i18n import LANGS
from tracker.rules.program import Program

cli = FlaskGroup(
    create_app=lambda: create_app(), help="tracker: visa applications complete and correct."
)


def main() -> None:
    cli.main(prog_name="tracker")


def fail(message: str) -> NoReturn:
    """Bad input: one line on stderr, exit 2."""
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def get_program(code: str) -> Program:
    programs: dict[str, Program] = current_app.extensions["programs"]
    if code not in programs:
        fail(f"unknown program {code!r} (installed: {', '.join(sorted(programs))})")
    return programs[code]


def emit(document: Any) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2))


@cli.command("checklist")
@click.option("--program", "program_code", required=True, help="Program code, e.g. hk_dependant.")
@click.option(
    "--facts", "facts_path", required=True, type=click.Path(dir_okay=False), help="Facts JSON file."
)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
def checklist_command(program_code: str, facts_path: str, lang: str) -> None:
    """Print who is eligible, why not, the documents to upload and the notes that apply."""
    from tracker.rules.engine import derive_checklist
    from tracker.rules.facts import FactsError, parse_facts

    program = get_program(program_code)
    try:
        raw = json.loads(Path(facts_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        fail(f"no such facts file: {facts_path}")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        fail(f"facts file {facts_path} is not valid JSON: {exc}")
    try:
        facts = parse_facts(program, raw)
    except FactsError as exc:
        fail(str(exc))
    emit(derive_checklist(program, facts).to_dict(lang))


from tracker import (  # noqa: E402,F401  (register commands on `cli`)
    commands,
    ops_commands,
    program_commands,  # noqa: E402,F401  (registers `tracker programs`)
)
