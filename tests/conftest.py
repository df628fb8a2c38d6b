"""Shared fixtures: the app on SQLite and on a real PostgreSQL, clients, demo data.

Every test that uses `app` runs once per database in `--databases`
(default: both). The schema comes from the migrations, as in production.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests import servers
from tests.apps import MADE, dispose, dispose_made_since, empty_and_dispose, login, make_app

os.environ.setdefault("TRACKER_SECRET_KEY", "tests-only-secret")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--databases",
        default=os.environ.get("TRACKER_TEST_DATABASES", "sqlite,postgresql"),
        help="comma-separated databases to run the app tests on (sqlite, postgresql)",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_url" in metafunc.fixturenames:
        names = metafunc.config.getoption("--databases").split(",")
        metafunc.parametrize("database_url", names, indirect=True, scope="session")


@pytest.fixture(autouse=True)
def _pools_closed() -> Iterator[None]:
    """Close the connection pools of every app a test built, whoever forgot to: a pool left
    to the garbage collector reports its open connections inside some later test."""
    built_before = len(MADE)
    yield
    dispose_made_since(built_before)


@pytest.fixture(scope="session")
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A migrated, empty database of the requested kind."""
    kind = request.param
    if kind == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'tracker.sqlite'}"
        _migrate(url, tmp_path_factory)
        yield url
    elif kind == "postgresql":
        with servers.postgres() as url:
            _migrate(url, tmp_path_factory)
            yield url
    else:
        raise pytest.UsageError(f"unknown database {kind!r}")


@pytest.fixture(scope="session")
def s3_server() -> Iterator[servers.SeaweedFS]:
    """A real S3 server for the run, its AWS_* credentials in the environment, as deployed."""
    with servers.seaweedfs() as server, pytest.MonkeyPatch.context() as env:
        for name, value in server.environment().items():
            env.setenv(name, value)
        yield server


@pytest.fixture
def s3_url(s3_server: servers.SeaweedFS) -> str:
    """A TRACKER_STORAGE_URL of its own for each test: the bucket, under a fresh prefix."""
    return f"s3://{s3_server.bucket}/test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def storage_kind() -> str:
    """Where the app keeps files; tests that matter parametrize it with "s3" too."""
    return "local"


def _migrate(url: str, factory: pytest.TempPathFactory) -> None:
    from flask_migrate import upgrade

    app = make_app(url, factory.mktemp("uploads"))
    with app.app_context():
        upgrade()
        dispose()


def _finish_jobs(app: Flask) -> None:
    """Let in-process jobs (previews, language) finish before their rows and pool go."""
    from tracker.jobs import InProcessJobs

    jobs = app.extensions["jobs"]
    if isinstance(jobs, InProcessJobs):
        jobs.wait()
        jobs.close()  # and drop mail retries scheduled for later (a timer per task)
        jobs.wait()  # a retry whose timer fired just before the close


@pytest.fixture
def app(
    database_url: str, tmp_path: Path, storage_kind: str, request: pytest.FixtureRequest
) -> Iterator[Flask]:
    """The app on a clean database (and a local or S3 store); rows are removed after the test."""

    settings = request.node.get_closest_marker("app_config")
    extra = dict(settings.kwargs) if settings else {}
    if storage_kind == "s3":
        extra["STORAGE_URL"] = request.getfixturevalue("s3_url")
    app = make_app(database_url, tmp_path / "uploads", **extra)
    with app.app_context():
        try:
            yield app
        finally:
            _finish_jobs(app)
            empty_and_dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def program(app: Flask) -> Any:
    return app.extensions["programs"]["hk_dependant"]


@pytest.fixture
def demo(app: Flask, program: Any) -> None:
    from tracker.services.demo import seed_demo

    list(seed_demo(program))


@pytest.fixture
def applicant_client(client: FlaskClient, demo: None) -> FlaskClient:
    login(client, "applicant@example.com", "applicant-demo-1")
    return client


@pytest.fixture
def consultant_client(client: FlaskClient, demo: None) -> FlaskClient:
    login(client, "consultant@example.com", "consultant-demo-1")
    return client


@pytest.fixture
def smtp_server() -> Iterator[servers.SmtpServer]:
    """A real SMTP server (aiosmtpd) on loopback for one test."""
    with servers.smtp() as server:
        yield server


@pytest.fixture
def mail_app(app: Flask, smtp_server: servers.SmtpServer) -> Flask:
    """The app sending its mail to the test's SMTP server, links on a fixed public address."""
    app.config.update(SMTP_URL=smtp_server.url, BASE_URL="https://tracker.example.org")
    return app
