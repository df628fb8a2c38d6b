"""`tracker checklist`: what a program asks of the people the facts describe."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tracker.cli.helpers import command, emit, fail, get_program
from tracker.i18n import LANGS


@command("checklist")
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
