"""Language checks run off the request path, in-process or on Redis with `tracker worker`."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.apps import login
from tests.live import TRACKER
from tests.queues import run_worker
from tests.web.uploading import INDONESIAN, pdf_bytes, requirement, upload
from tracker.extensions import db
from tracker.models import CheckState, Document
from tracker.services import background_checks, check_queue


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Hold every language check until the test opens the gate."""
    event = threading.Event()
    real = background_checks._detect_language

    def held(doc: Document) -> None:
        assert event.wait(60), "the test never opened the gate"
        real(doc)

    monkeypatch.setattr(background_checks, "_detect_language", held)
    yield event
    event.set()


def test_upload_returns_before_the_check_finishes(
    app: Flask, applicant_client: FlaskClient, gate: threading.Event
) -> None:
    req = requirement("A4", person="Maria Reyes")
    body = upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "a.pdf")
    assert body.get_json()["status"] == "checking"
    page = applicant_client.get(f"/cases/{req.case_id}").get_data(as_text=True)
    assert 'data-status="checking"' in page
    gate.set()
    app.extensions["jobs"].wait()
    db.session.expire_all()
    assert applicant_client.get(f"/items/{req.id}").get_json()["status"] == "needs_translation"


def upload_with_a_crashing_check(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Upload a foreign document to A4 whose language check raises; wait for the job."""

    def boom(doc: Document) -> None:
        raise RuntimeError("tesseract exploded")

    monkeypatch.setattr(background_checks, "_detect_language", boom)
    req = requirement("A4", person="Maria Reyes")
    upload(client, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "a.pdf")
    app.extensions["jobs"].wait()


def test_a_crashing_check_marks_the_document_for_a_person_and_can_be_retried(
    app: Flask, applicant_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload_with_a_crashing_check(app, applicant_client, monkeypatch)
    db.session.expire_all()
    doc = db.session.scalars(select(Document)).one()
    assert doc.check_state is CheckState.FAILED
    assert doc.check_error == "RuntimeError"
    assert requirement("A4", person="Maria Reyes").status.value == "in_review"

    monkeypatch.undo()
    from datetime import timedelta

    assert background_checks.retry_stale(timedelta(minutes=30)) == 1
    app.extensions["jobs"].wait()
    db.session.expire_all()
    assert db.session.get(Document, doc.id).check_state is CheckState.DONE  # type: ignore[union-attr]
    assert requirement("A4", person="Maria Reyes").status.value == "needs_translation"


def test_redis_queue_and_worker(app: Flask, redis_app: Flask, demo: None) -> None:
    client = redis_app.test_client()
    with redis_app.app_context():
        login(client, "applicant@example.com", "applicant-demo-1")
        req = requirement("A4", person="Maria Reyes")
        body = upload(client, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "a.pdf")
        assert body.get_json()["status"] == "checking"
        assert redis_app.extensions["jobs"].queue.count == 1
        db.session.remove()
    run_worker(redis_app)
    db.session.expire_all()
    assert requirement("A4", person="Maria Reyes").status.value == "needs_translation"


def test_worker_command_refuses_without_redis(app: Flask) -> None:
    from tracker.cli import cli

    result = app.test_cli_runner().invoke(cli, ["worker", "--burst"])
    assert result.exit_code == 2
    assert "TRACKER_REDIS_URL" in result.output


def test_checks_interrupted_by_a_stop_are_resumed_once(
    app: Flask, applicant_client: FlaskClient, gate: threading.Event
) -> None:
    req = requirement("A4", person="Maria Reyes")
    upload(applicant_client, f"/items/{req.id}/documents", pdf_bytes(INDONESIAN), "a.pdf")
    assert check_queue.mark_interrupted() == 1
    jobs = app.extensions["jobs"]
    assert check_queue.resume_interrupted() == 1
    assert check_queue.resume_interrupted() == 0  # nothing left to claim
    gate.set()
    jobs.wait()
    db.session.expire_all()
    assert requirement("A4", person="Maria Reyes").status.value == "needs_translation"


def test_checks_retry_command_runs_the_checks_without_redis(
    app: Flask, applicant_client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    upload_with_a_crashing_check(app, applicant_client, monkeypatch)
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "TRACKER_UPLOAD_DIR": app.config["UPLOAD_DIR"],
    }
    result = subprocess.run(
        [TRACKER, "checks", "retry"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "queued 1 document(s)" in result.stdout
    assert "atexit" not in result.stderr
    db.session.expire_all()
    assert db.session.scalars(select(Document)).one().check_state is CheckState.DONE
    assert requirement("A4", person="Maria Reyes").status.value == "needs_translation"
