"""An upload's cost does not grow with the documents the case already holds (issue 11, item 9)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from tests.web.uploading import requirement, upload
from tracker.extensions import db

NOT_A_PDF = b"<html>not a pdf</html>"  # refused by the fast checks: no background job


@contextmanager
def counted_statements() -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements_for_one_upload(client: FlaskClient, code: str, n: int) -> int:
    req = requirement(code, person="Maria Reyes")
    url = f"/items/{req.id}/documents"
    db.session.remove()
    with counted_statements() as statements:
        body = upload(client, url, NOT_A_PDF + str(n).encode(), "x.pdf").get_json()
    assert body["status"] == "invalid"
    assert len(body["documents"]) == 1  # only the new document comes back
    return len(statements)


def test_upload_cost_is_the_same_with_3_or_40_documents_in_the_case(
    app: Flask, applicant_client: FlaskClient
) -> None:
    few = [statements_for_one_upload(applicant_client, "A4", n) for n in range(3)]
    a4 = requirement("A4", person="Maria Reyes")
    others = [r.id for r in a4.person.requirements if r.code != "A4" and r.required]
    for n in range(37):
        url = f"/items/{others[n % len(others)]}/documents"
        upload(applicant_client, url, NOT_A_PDF + b"%d" % (100 + n), "old.pdf")
    many = statements_for_one_upload(applicant_client, "A4", 99)
    assert many == few[-1], (few, many)
