"""`tracker run`: Flask's development server, resuming interrupted checks as `serve` does."""

from __future__ import annotations

from typing import Any

import click
from flask import Flask
from flask.cli import ScriptInfo
from flask.cli import run_command as flask_run_command
from flask.helpers import get_debug_flag
from werkzeug.serving import is_running_from_reloader


@click.pass_context
def _run(ctx: click.Context, /, **options: Any) -> None:
    reload = options["reload"] if options["reload"] is not None else get_debug_flag()
    # With the reloader, the first process only watches files: the serving child resumes.
    if not reload or is_running_from_reloader():
        _resume_checks(ctx.ensure_object(ScriptInfo).load_app())
    ctx.invoke(flask_run_command.callback, **options)  # type: ignore[arg-type]


def _resume_checks(app: Flask) -> None:
    """Alone at start, with in-process jobs: every `checking` check lost its job; queue it."""
    from tracker.server import in_process_jobs
    from tracker.services.check_queue import mark_interrupted, resume_interrupted

    with app.app_context():
        if in_process_jobs() is not None:
            mark_interrupted()
            click.echo(f"resumed {resume_interrupted()} interrupted check(s)", err=True)


run_command = click.Command(
    "run",
    callback=_run,
    params=flask_run_command.params,
    help=flask_run_command.help,
    short_help=flask_run_command.short_help,
)
