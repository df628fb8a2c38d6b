"""The `tracker` command: Flask's CLI around the app factory, plus the project's commands."""

from __future__ import annotations

from flask.cli import FlaskGroup

from tracker import create_app
from tracker.cli import checklist, ops, programs, serve, storage, users, validate

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
    cli.main(prog_name="tracker")
