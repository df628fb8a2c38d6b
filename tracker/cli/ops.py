"""Operations commands: the job worker, retrying stuck checks, drawing missing previews."""

from __future__ import annotations

from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.cli.helpers import command, fail
from tracker.services.registry import get_jobs


@command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for tests and cron).")
@click.option(
    "--sweep-seconds",
    default=60,
    show_default=True,
    type=click.IntRange(min=1),
    help="How often to queue again the checks whose job was lost (a killed worker).",
)
def worker_command(burst: bool, sweep_seconds: int) -> None:
    """Serve the Redis job queue (needs TRACKER_REDIS_URL)."""
    from tracker.jobs import RedisJobs
    from tracker.services.check_queue import resume_interrupted
    from tracker.worker import AppWorker

    jobs = get_jobs()
    if not isinstance(jobs, RedisJobs):
        fail("TRACKER_REDIS_URL is not set: jobs run inside the web process, no worker needed")
    resumed = resume_interrupted()  # uploads made while Redis was down
    click.echo(f"queued {resumed} check(s) deferred while the queue was down")
    worker = AppWorker(
        [jobs.queue], connection=jobs.connection, app=current_app, sweep_seconds=sweep_seconds
    )
    worker.work(burst=burst, logging_level="INFO", with_scheduler=True)


@click.group("checks", cls=AppGroup)
def checks_group() -> None:
    """Background checks of uploaded documents."""


@checks_group.command("retry")
@click.option("--stale-minutes", default=30, show_default=True, type=int)
def checks_retry_command(stale_minutes: int) -> None:
    """Queue again the checks that failed or have been running too long."""
    from tracker.jobs import JOB_TIMEOUT
    from tracker.services.background_checks import retry_stale

    count = retry_stale(timedelta(minutes=stale_minutes))
    click.echo(f"queued {count} document(s) for checking")
    get_jobs().wait(timeout=JOB_TIMEOUT * max(count, 1))  # in-process jobs die with this command


@checks_group.command("previews")
def checks_previews_command() -> None:
    """Draw the previews that are missing (documents uploaded before previews were stored)."""
    from tracker.jobs import JOB_TIMEOUT
    from tracker.services.previews import queue_missing_previews

    count = queue_missing_previews()
    click.echo(f"queued {count} document(s) for a preview")
    get_jobs().wait(timeout=JOB_TIMEOUT * max(count, 1))  # in-process jobs die with this command
