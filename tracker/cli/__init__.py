"""The `tracker` command: Flask's CLI around the app factory, plus the project's commands.

A command's module is imported only when that command runs: `tracker validate` then
pays neither for the database and web libraries the other commands need nor for the app.
"""

from __future__ import annotations

import importlib
import sys

import click
from flask.cli import FlaskGroup

from tracker import create_app
from tracker.cli.helpers import fail

# Command name → "module:attribute" of the click command.
COMMANDS = {
    "checklist": "tracker.cli.checklist:checklist_command",
    "validate": "tracker.cli.validate:validate_command",
    "create-user": "tracker.cli.users:create_user_command",
    "seed-demo": "tracker.cli.users:seed_demo_command",
    "run": "tracker.cli.dev:run_command",
    "serve": "tracker.cli.serve:serve_command",
    "worker": "tracker.cli.ops:worker_command",
    "storage": "tracker.cli.storage:storage_group",
    "checks": "tracker.cli.ops:checks_group",
    "programs": "tracker.cli.programs:programs_group",
    "mail": "tracker.cli.mail:mail_group",
    "remind": "tracker.cli.mail:remind_command",
}


class TrackerGroup(FlaskGroup):
    """Flask's group, with the project's commands imported on first use."""

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return super().get_command(ctx, name)
        module, attribute = COMMANDS[name].split(":")
        command: click.Command = getattr(importlib.import_module(module), attribute)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})


cli = TrackerGroup(
    create_app=lambda: create_app(), help="tracker: visa applications complete and correct."
)


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
