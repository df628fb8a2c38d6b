"""`tracker run` (Flask's development server) resumes interrupted checks once, reloader or not."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from tests.casework import add_document
from tests.live import TRACKER, descendants, kill_tree, wait_until
from tests.servers import free_port
from tests.web.uploading import INDONESIAN, pdf_bytes, requirement
from tracker.extensions import db
from tracker.models import CheckState, Document

pytestmark = pytest.mark.slow  # a real server process


def checked(doc_id: int) -> bool:
    db.session.expire_all()
    return db.session.get(Document, doc_id).check_state is CheckState.DONE  # type: ignore[union-attr]


def reloaded(pid: int) -> bool:
    """Whether the server runs under Werkzeug's reloader (a child serving, the parent watching)."""
    return any(p.environ().get("WERKZEUG_RUN_MAIN") == "true" for p in descendants(pid))


@pytest.mark.parametrize("reload", ["--reload", "--no-reload"])
def test_run_resumes_the_checks_a_stop_interrupted_once(
    app: Flask, demo: None, tmp_path: Path, reload: str
) -> None:
    req = requirement("A4", person="Maria Reyes")
    doc = add_document(app, req, pdf_bytes(INDONESIAN), check_state=CheckState.CHECKING)
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "TRACKER_UPLOAD_DIR": app.config["UPLOAD_DIR"],
    }
    command = [TRACKER, "run", reload, "--port", str(free_port())]
    with (tmp_path / "run.log").open("wb") as log:
        server = subprocess.Popen(command, env=env, stderr=log, start_new_session=True)
    try:
        wait_until(lambda: checked(doc.id), what="the interrupted check to finish", seconds=90)
        assert reloaded(server.pid) == (reload == "--reload")
    finally:
        kill_tree(server.pid)
        server.wait(timeout=10)
    said = (tmp_path / "run.log").read_text()
    assert "resumed 1 interrupted check(s)" in said
    assert said.count("interrupted check(s)") == 1, said  # not again in the reloader's parent
    assert db.session.scalars(select(Document.check_error)).one() is None
