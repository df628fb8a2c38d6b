"""`tracker checklist`: what a program asks of the people the facts describe."""

from __future__ import annotations

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
    from tracker.rules.facts_json import read_facts_json

    program = get_program(program_code)
    try:
        data = Path(facts_path).read_bytes()
    except FileNotFoundError:
        fail(f"no such facts file: {facts_path}")
    except OSError as exc:
        fail(f"cannot read facts file {facts_path}: {exc.strerror}")
    try:
        facts = parse_facts(program, read_facts_json(data))
    except FactsError as exc:
        fail(f"facts file {facts_path}: {exc}")
    emit(derive_checklist(program, facts).to_dict(lang))
