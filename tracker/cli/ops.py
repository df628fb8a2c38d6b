"""Operations commands: the job worker, the file-store check and retrying stuck checks."""

from __future__ import annotations

from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.cli.helpers import command, emit, fail
from tracker.services.registry import get_jobs


@command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty (for tests and cron).")
def worker_command(burst: bool) -> None:
    """Serve the Redis job queue (needs TRACKER_REDIS_URL)."""
    from tracker.jobs import RedisJobs
    from tracker.worker import AppWorker

    jobs = get_jobs()
    if not isinstance(jobs, RedisJobs):
        fail("TRACKER_REDIS_URL is not set: jobs run inside the web process, no worker needed")
    worker = AppWorker([jobs.queue], connection=jobs.connection, app=current_app)
    worker.work(burst=burst, logging_level="INFO")


@click.group("storage", cls=AppGroup)
def storage_group() -> None:
    """The file store."""


@storage_group.command("check")
@click.option("--fix", is_flag=True, help="Remove leftover temporary files and orphan files.")
@click.option("--json", "as_json", is_flag=True)
def storage_check_command(fix: bool, as_json: bool) -> None:
    """Report files without rows and rows without files."""
    from tracker.services.storage_check import check_storage

    report = check_storage(fix=fix)
    if as_json:
        emit(report)
        return
    for key in ("temporaries", "orphan_files", "missing_files"):
        click.echo(f"{key.replace('_', ' ')}: {len(report[key])}")
        for entry in report[key]:
            click.echo(f"  {entry}")
    if fix:
        click.echo(f"removed: {report['removed']}")
    if report["missing_files"]:
        raise SystemExit(1)


@click.group("checks", cls=AppGroup)
def checks_group() -> None:
    """Background checks of uploaded documents."""


@checks_group.command("retry")
@click.option("--stale-minutes", default=30, show_default=True, type=int)
def checks_retry_command(stale_minutes: int) -> None:
    """Queue again the checks that failed or have been running too long."""
    from tracker.services.background_checks import retry_stale

    count = retry_stale(timedelta(minutes=stale_minutes))
    click.echo(f"queued {count} document(s) for checking")
