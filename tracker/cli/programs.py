"""`tracker programs`: the installed programs, and what a changed program file would do.

The app loads tracker/programs/*.toml when it starts, so a rule change goes:

  1. cp tracker/programs/us_b1b2.toml /tmp/us_b1b2.old.toml
  2. edit tracker/programs/us_b1b2.toml and bump [program] version
  3. tracker programs diff /tmp/us_b1b2.old.toml tracker/programs/us_b1b2.toml
     (the open cases whose required items would change; nothing is written)
  4. the same with --apply: re-derive the open cases, recording the new version
  5. restart the web app so new cases are derived from the new file too
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext

from tracker.cli.helpers import emit, fail
from tracker.i18n import LANGS
from tracker.rules.loader import load_program
from tracker.rules.program import Program, ProgramError
from tracker.services.program_changes import ProgramChange, apply_change, preview_change
from tracker.services.registry import get_programs


@click.group("programs", invoke_without_command=True, cls=AppGroup)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
@with_appcontext
def programs_group(ctx: click.Context, as_json: bool) -> None:
    """List the installed programs: code, version, title, source and file."""
    if ctx.invoked_subcommand is not None:
        return
    programs = get_programs()
    if as_json:
        emit([_program_dict(p) for p in programs.values()])
        return
    for program in programs.values():
        click.echo(f"{program.code}  {program.version}  {program.title.en}")
        click.echo(f"    source: {program.source}")
        click.echo(f"    file:   {program.path}")


@programs_group.command("diff")
@click.argument("old_path", metavar="OLD")
@click.argument("new_path", metavar="NEW")
@click.option("--apply", "apply", is_flag=True, help="Re-derive the open cases with NEW.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def diff_command(old_path: str, new_path: str, apply: bool, as_json: bool) -> None:
    """Show the open cases whose required items NEW would add or drop compared with OLD.

    \b
    The app derives checklists from the files in tracker/programs, so:
      cp tracker/programs/X.toml /tmp/X.old.toml
      edit tracker/programs/X.toml, bump its [program] version
      tracker programs diff /tmp/X.old.toml tracker/programs/X.toml
      tracker programs diff /tmp/X.old.toml tracker/programs/X.toml --apply
    --apply re-derives every open case whose facts fit NEW and records NEW's
    version; items no longer required turn not_required, uploads are kept.
    Restart the web app afterwards.
    """
    from tracker.services.errors import TrackerError

    old, new = _load(old_path), _load(new_path)
    if old.code != new.code:
        fail(f"the files define different programs: {old.code} and {new.code}")
    if apply:
        _check_installed(new, Path(new_path))
        _check_versions(old, new)
    elif old.version == new.version:
        click.echo(f"warning: both files carry version {new.version}; bump it in NEW", err=True)
    try:
        change = apply_change(old, new) if apply else preview_change(old, new)
    except TrackerError as exc:
        fail(str(exc))
    if as_json:
        emit(change.to_dict())
    else:
        _print_change(change)
    if change.applied and change.problems:
        click.echo(f"error: {len(change.problems)} case(s) left as they were", err=True)
        sys.exit(1)


def _program_dict(program: Program) -> dict[str, object]:
    return {
        "code": program.code,
        "version": program.version,
        "title": {lang: program.title(lang) for lang in LANGS},
        "source": program.source,
        "path": program.path,
    }


def _load(path: str) -> Program:
    if not Path(path).is_file():
        fail(f"no such program file: {path}")
    try:
        return load_program(Path(path))
    except ProgramError as exc:
        fail(str(exc))


def _check_installed(new: Program, new_path: Path) -> None:
    """Applying NEW only makes sense if it is what the app derives checklists from."""
    installed = get_programs().get(new.code)
    if installed is None:
        fail(f"program {new.code} is not installed; put {new_path} in the programs folder first")
    if Path(installed.path).read_bytes() != new_path.read_bytes():
        fail(f"{new_path} is not the installed {new.code}; copy it to {installed.path} first")


def _check_versions(old: Program, new: Program) -> None:
    if old.version == new.version:
        fail(f"both files carry version {new.version}; bump [program] version in the new file")


def _print_change(change: ProgramChange) -> None:
    click.echo(
        f"{change.program}: version {change.old_version} -> {change.new_version}; "
        f"{len(change.cases)} of {change.open_cases} open case(s) affected"
    )
    rows = [
        (c.reference, c.derived_from, p.name, _codes(p.added), _codes(p.dropped))
        for c in change.cases
        for p in c.people
    ]
    if rows:
        _table([("CASE", "DERIVED FROM", "PERSON", "ADDED", "DROPPED"), *rows])
    for case in change.problems:
        click.echo(f"{case.reference}: {case.problem} (left as it is)")
    if change.applied:
        click.echo(f"re-derived {change.rederived} open case(s) with version {change.new_version}")
    else:
        click.echo("preview only: add --apply to re-derive the open cases (no upload is deleted)")


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(codes) or "-"


def _table(rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
