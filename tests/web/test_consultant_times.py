"""The consultant's pages give times as Hong Kong reads them, like the family's pages."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.casework import add_document, case_by_reference, pdf_bytes, requirement
from tracker.extensions import db
from tracker.models import AuditEvent


def _hong_kong(utc: datetime) -> str:
    return f"{utc + timedelta(hours=8):%Y-%m-%d %H:%M} Hong Kong time"


def test_the_case_history_and_the_dashboard_are_in_hong_kong_time(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    add_document(app, requirement(case, "A4", "Maria Reyes"), pdf_bytes())
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.case_id == case.id)).all()
    page = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    times = re.findall(r"<time [^>]*>(.*?)</time>", page)
    assert times
    assert {_hong_kong(e.created_at) for e in events} >= set(times)

    activity = case_by_reference("DEMO-0001").last_activity_at
    dashboard = consultant_client.get("/dashboard").get_data(as_text=True)
    assert _hong_kong(activity) in dashboard
