"""The web tests' fixtures: compiled catalogs (rebuilt when missing or stale), more apps,
Redis for the job queue."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask

from tests import servers
from tests.apps import dispose, make_app
from tracker.config import PACKAGE_DIR

TRANSLATIONS = PACKAGE_DIR / "translations"


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> None:
    """Compile each .po whose .mo is missing or older, as `pybabel compile` would."""
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parents[1].name)
        # one partial file per process: a parallel run never reads or writes half a file
        partial = po.with_suffix(f".partial-{os.getpid()}.mo")
        with partial.open("wb") as target:
            write_mo(target, catalog)
        partial.replace(mo)


@pytest.fixture
def other_app(database_url: str, tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """Build more apps on the test's database with other settings; close their connections."""
    made: list[Flask] = []

    def build(**settings: Any) -> Flask:
        made.append(make_app(database_url, tmp_path / f"uploads-{len(made)}", **settings))
        return made[-1]

    yield build
    for app in made:
        with app.app_context():
            dispose()


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with servers.redis(Path(tempfile.mkdtemp(prefix="tracker-redis-"))) as url:
        yield url


@pytest.fixture
def redis_app(app: Flask, redis_url: str, tmp_path: Path) -> Iterator[Flask]:
    """The same database, with jobs going to Redis."""
    queued = make_app(
        app.config["SQLALCHEMY_DATABASE_URI"], Path(app.config["UPLOAD_DIR"]), REDIS_URL=redis_url
    )
    jobs = queued.extensions["jobs"]
    jobs.connection.flushdb()
    yield queued
    jobs.connection.close()
    with queued.app_context():
        dispose()
