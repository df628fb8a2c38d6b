"""The project's other CLI commands: users, demo data, validation."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.cli import cli, emit, fail, get_program
from tracker.i18n import LANGS
from tracker.models import Role


@cli.command("create-user")
@click.option("--email", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option(
    "--role",
    type=click.Choice([r.value for r in Role]),
    default=Role.CONSULTANT.value,
    show_default=True,
)
@click.option("--name", default="")
def create_user_command(email: str, password: str, role: str, name: str) -> None:
    """Create a user who can log in."""
    from tracker.services.errors import TrackerError
    from tracker.services.users import create_user

    try:
        user = create_user(email, password, Role(role), name=name)
    except TrackerError as exc:
        fail(str(exc))
    click.echo(f"created {user.role.value} {user.email}")


@cli.command("seed-demo")
@click.option(
    "--cases", "extra_cases", default=0, show_default=True, help="Also build N realistic cases."
)
def seed_demo_command(extra_cases: int) -> None:
    """Create the demo users and cases (idempotent) and print how to log in."""
    from tracker.services.demo import seed_demo

    for line in seed_demo(get_program("hk_dependant"), extra_cases=extra_cases):
        click.echo(line)


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--item", "item_code", default=None, help="Judge against this item's rules.")
@click.option("--program", "program_code", default="hk_dependant", show_default=True)
@click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True)
def validate_command(
    files: tuple[str, ...], item_code: str | None, program_code: str, lang: str
) -> None:
    """Check files as an upload would be checked; print the verdicts as JSON."""
    from tracker.services.checks import check_file, limits_for

    program = get_program(program_code)
    if item_code is not None and program.item(item_code) is None:
        fail(f"program {program_code} has no item {item_code!r}")
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        fail(f"no such file: {missing[0]}")
    limits = limits_for(program.item(item_code) if item_code else None)
    results = [check_file(Path(f), name=Path(f).name, limits=limits).to_dict(lang) for f in files]
    emit(results[0] if len(results) == 1 else results)
