"""`tracker validate`: check files as an upload would be checked."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli.helpers import emit, fail, pick_program
from tracker.i18n import LANGS


# No app: the checks need the programs and the child's limits, not the database or
# the web, whose libraries would cost a second of start-up and ~100 MB.
@click.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--item", "item_code", default=None, help="Judge against this item's rules.")
@click.option("--program", "program_code", default="hk_dependant", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
def validate_command(
    files: tuple[str, ...], item_code: str | None, program_code: str, lang: str
) -> None:
    """Check files as an upload would be checked; print the verdicts as JSON."""
    from tracker import config
    from tracker.rules.loader import load_programs
    from tracker.services.file_checks import check_file, limits_for

    config.limit_isolated_child(config.child_limits())
    program = pick_program(load_programs(config.programs_dir()), program_code)
    if item_code is not None and program.item(item_code) is None:
        fail(f"program {program_code} has no item {item_code!r}")
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        fail(f"no such file: {missing[0]}")
    item = program.item(item_code) if item_code else None
    limits, travel = limits_for(item), item is not None and item.travel_document
    results = [
        check_file(Path(f), name=Path(f).name, limits=limits, travel_document=travel).to_dict(lang)
        for f in files
    ]
    emit(results[0] if len(results) == 1 else results)
