"""Two uploads to one case overlap: the later writer counts what the earlier one committed."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.apps import login
from tests.web.uploading import requirement, upload
from tracker.extensions import db
from tracker.models import Case, ItemStatus, Requirement
from tracker.services import audit


def test_an_upload_waiting_to_commit_is_counted_by_the_next_one(
    app: Flask, demo: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    counted, go = threading.Event(), threading.Event()
    record = audit.record

    def held_first_time(action: str, **detail: Any) -> None:
        record(action, **detail)
        if action == "document.uploaded" and not counted.is_set():  # counted, not committed
            counted.set()
            assert go.wait(60)

    monkeypatch.setattr(audit, "record", held_first_time)
    a4 = requirement("A4", person="Maria Reyes")
    first, second = a4.id, next(r.id for r in a4.person.requirements if r.code != "A4")
    db.session.remove()

    def send(item: int) -> None:
        client = app.test_client()
        login(client, "applicant@example.com", "applicant-demo-1")
        upload(client, f"/items/{item}/documents", b"<html>no</html>%d" % item, "x.pdf")

    threads = [threading.Thread(target=send, args=(item,)) for item in (first, second)]
    threads[0].start()
    assert counted.wait(60)
    threads[1].start()
    threads[1].join(timeout=2)  # old code: done already, its counts miss the first upload
    go.set()
    for thread in threads:
        thread.join(timeout=60)
    case = db.session.scalars(select(Case).where(Case.reference == "DEMO-0001")).one()
    invalid = db.session.scalar(
        select(func.count())
        .select_from(Requirement)
        .where(Requirement.case_id == case.id, Requirement.status == ItemStatus.INVALID)
    )
    assert (case.count_invalid, invalid) == (2, 2)
