"""Redis stops: uploads are still answered and kept, and checked once the queue is back."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from tests import servers
from tests.apps import dispose, login, make_app
from tests.web.uploading import INDONESIAN, pdf_bytes, requirement, upload
from tracker.extensions import db
from tracker.models import CheckState, Document

pytestmark = pytest.mark.slow  # two redis-servers and a language check


def test_an_upload_while_redis_is_down_is_kept_and_checked_when_it_returns(
    app: Flask, demo: None, tmp_path: Path
) -> None:
    database, store = app.config["SQLALCHEMY_DATABASE_URI"], Path(app.config["UPLOAD_DIR"])
    with servers.redis(tmp_path / "redis") as url:
        queued = make_app(database, store, REDIS_URL=url)
    client = queued.test_client()  # redis-server has stopped
    with queued.app_context():
        login(client, "applicant@example.com", "applicant-demo-1")
        url = f"/items/{requirement('A4', person='Maria Reyes').id}/documents"
        answer = upload(client, url, pdf_bytes(INDONESIAN), "akta.pdf")
        assert answer.status_code == 200
        assert answer.get_json()["status"] == "checking"
        db.session.remove()
        dispose()
    queued.extensions["jobs"].connection.close()
    db.session.expire_all()
    assert db.session.scalars(select(Document)).one().check_state is CheckState.CHECKING

    with servers.redis(tmp_path / "redis-again") as url:  # the queue is back
        back = make_app(database, store, REDIS_URL=url)
        from tracker.cli import cli

        with back.app_context():
            result = back.test_cli_runner().invoke(cli, ["worker", "--burst"])
            db.session.remove()
            dispose()
        assert "queued 1 check(s) deferred" in result.output, result.output
        back.extensions["jobs"].connection.close()
    db.session.expire_all()
    assert db.session.scalars(select(Document)).one().check_state is CheckState.DONE
    assert requirement("A4", person="Maria Reyes").status.value == "needs_translation"
