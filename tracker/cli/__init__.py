"""The `tracker` command: Flask's CLI around the app factory, plus the project's commands."""

from __future__ import annotations

import sys

import click
from flask.cli import FlaskGroup

from tracker import create_app
from tracker.cli import checklist, ops, programs, serve, storage, users, validate
from tracker.cli.helpers import fail

cli = FlaskGroup(
    create_app=lambda: create_app(), help="tracker: visa applications complete and correct."
)
for command in (
    checklist.checklist_command,
    validate.validate_command,
    users.create_user_command,
    users.seed_demo_command,
    serve.serve_command,
    ops.worker_command,
    storage.storage_group,
    ops.checks_group,
    programs.programs_group,
):
    cli.add_command(command)


def main() -> None:
    """Run `tracker`; a usage error is one line on stderr and exit 2, as bad input is."""
    try:
        code = cli.main(prog_name="tracker", standalone_mode=False)
    except click.UsageError as exc:
        where = f" (see: {exc.ctx.command_path} --help)" if exc.ctx else ""
        fail(" ".join(exc.format_message().split()) + where)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    if isinstance(code, int):  # click.exceptions.Exit, e.g. from --help or ctx.exit(n)
        sys.exit(code)
