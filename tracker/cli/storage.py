"""`tracker storage check [--fix]` and `tracker storage copy --to URL`, for either store."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click
from flask import current_app
from flask.cli import AppGroup

from tracker.cli.helpers import emit, fail
from tracker.storage.base import StorageUnavailable

if TYPE_CHECKING:
    from tracker.services.storage_copy import CopyReport

SWITCH = """\
To use the new store, set for every tracker process (web, worker, cron) and restart them:
  TRACKER_STORAGE_URL={url}
{endpoint}plus AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_DEFAULT_REGION for an S3 store.
Uploads made between this copy and the restart are not in the new store yet: stop the web
processes first, or run this command again right before switching (it copies only what
is missing). Keep the old store until `tracker storage check` is clean on the new one."""


@click.group("storage", cls=AppGroup)
def storage_group() -> None:
    """The file store (a local folder or an S3 bucket)."""


@storage_group.command("check")
@click.option("--fix", is_flag=True, help="Remove leftovers of unfinished uploads and orphans.")
@click.option(
    "--grace",
    default=60,
    show_default=True,
    type=click.IntRange(min=0),
    help="Leave alone what is younger than this many seconds (an upload in progress).",
)
@click.option("--json", "as_json", is_flag=True)
def storage_check_command(fix: bool, grace: int, as_json: bool) -> None:
    """Report files without rows, rows without files and leftovers of unfinished uploads."""
    from tracker.services.storage_check import check_storage

    with _reachable():
        report = check_storage(fix=fix, grace_seconds=grace)
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


@storage_group.command("copy")
@click.option("--to", "url", required=True, help="The new store: s3://BUCKET/PREFIX or file:///DIR")
@click.option("--endpoint-url", help="The new store's S3 endpoint [TRACKER_S3_ENDPOINT_URL].")
@click.option("--json", "as_json", is_flag=True)
def storage_copy_command(url: str, endpoint_url: str | None, as_json: bool) -> None:
    """Copy every stored file into another store, verify each, and say how to switch."""
    from tracker.services.storage_copy import copy_storage
    from tracker.storage.urls import BadStorageURL, open_storage

    endpoint = endpoint_url or current_app.config["S3_ENDPOINT_URL"]
    try:
        target = open_storage(url, s3_endpoint_url=endpoint)
    except BadStorageURL as exc:
        fail(str(exc))
    with _reachable():
        target.ping()
        manifest = _manifest_path(url, endpoint)
        report = copy_storage(target, manifest=manifest, progress=_progress(quiet=as_json))
    if as_json:
        emit({**report.as_dict(), "ok": report.ok})
    else:
        _summary(report, url, endpoint)
    if not report.ok:
        raise SystemExit(1)


def _manifest_path(url: str, endpoint: str | None) -> Path:
    """Where this instance remembers what it verified in that target (one file per target)."""
    name = hashlib.sha256(f"{endpoint or ''} {url}".encode()).hexdigest()[:16]
    return Path(current_app.instance_path) / "storage-copies" / f"{name}.json"


@contextmanager
def _reachable() -> Iterator[None]:
    try:
        yield
    except StorageUnavailable as exc:
        click.echo(f"error: the file store is unavailable: {exc}", err=True)
        raise SystemExit(3) from None


def _progress(*, quiet: bool) -> Callable[[str, str], None]:
    def say(key: str, outcome: str) -> None:
        if not quiet:
            click.echo(f"  {key}: {outcome}")

    return say


def _summary(report: CopyReport, url: str, endpoint: str | None) -> None:
    for outcome, count in report.counts.items():
        click.echo(f"{outcome}: {count}")
    click.echo(f"failed: {len(report.failed)}")
    click.echo(f"missing from the current store: {len(report.missing)}")
    for key in report.missing:
        click.echo(f"  {key}")
    if not report.ok:
        click.echo("Not every file is in the new store: fix the above and run the copy again.")
        return
    line = f"  TRACKER_S3_ENDPOINT_URL={endpoint}\n" if endpoint and url.startswith("s3:") else ""
    click.echo(SWITCH.format(url=url, endpoint=line))
