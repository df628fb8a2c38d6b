"""The dashboard page: contract hooks, filters in the query string, CSV, constant query count."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.apps import login
from tests.casework import accept_everything, case_by_reference, counted_queries, staff
from tracker.extensions import db
from tracker.models import Role
from tracker.services.demo import build_cases
from tracker.services.users import find_user


def rows_of(html: str) -> int:
    return html.count("data-case-id=")


def test_dashboard_rows_have_the_contract_hooks(consultant_client: FlaskClient) -> None:
    html = consultant_client.get("/dashboard").get_data(as_text=True)
    demo = case_by_reference("DEMO-0001")
    assert f'data-case-id="{demo.id}" data-readiness="0"' in html
    assert "Daniel Reyes (sponsor)" in html
    assert 'href="/consultant/cases/' in html


def test_readiness_shows_100_when_everything_is_accepted(
    app: Flask, consultant_client: FlaskClient
) -> None:
    demo = case_by_reference("DEMO-0002")
    accept_everything(demo, app)
    html = consultant_client.get("/dashboard?ready=1").get_data(as_text=True)
    assert f'data-case-id="{demo.id}" data-readiness="100"' in html
    assert rows_of(html) == 1


def test_filters_and_search_from_the_query_string(consultant_client: FlaskClient) -> None:
    html = consultant_client.get("/dashboard?q=santoso").get_data(as_text=True)
    assert rows_of(html) == 1
    assert "DEMO-0002" in html
    html = consultant_client.get("/dashboard?status=closed").get_data(as_text=True)
    assert rows_of(html) == 0
    html = consultant_client.get("/dashboard?translation=1&within=30").get_data(as_text=True)
    assert rows_of(html) == 0
    nonsense = "/dashboard?page=x&per_page=-3&sort=drop&within=abc&status=zzz&consultant=1e9"
    assert consultant_client.get(nonsense).status_code == 200


def test_pagination_links(app: Flask, consultant_client: FlaskClient, program: Any) -> None:
    build_cases(program, 5, find_user("consultant@example.com"))  # type: ignore[arg-type]
    html = consultant_client.get("/dashboard?per_page=3&q=DEMO").get_data(as_text=True)
    assert rows_of(html) == 2
    html = consultant_client.get("/dashboard?per_page=3").get_data(as_text=True)
    assert rows_of(html) == 3
    assert "page=2" in html
    assert "per_page=3" in html
    page2 = consultant_client.get("/dashboard?per_page=3&page=3").get_data(as_text=True)
    assert rows_of(page2) == 1


def test_csv_export_follows_the_filters(consultant_client: FlaskClient) -> None:
    response = consultant_client.get("/dashboard.csv?q=reyes")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [r["reference"] for r in rows] == ["DEMO-0001"]
    assert rows[0]["missing"] == "10"


def test_admin_sees_every_case_and_can_filter_by_consultant(
    app: Flask, client: FlaskClient, demo: None, program: Any
) -> None:
    staff("admin2@example.com", Role.ADMIN)
    other = staff("other-consultant@example.com")
    build_cases(program, 2, other)
    login(client, "admin2@example.com", "long-password-1")
    assert rows_of(client.get("/dashboard").get_data(as_text=True)) == 4
    only = client.get(f"/dashboard?consultant={other.id}").get_data(as_text=True)
    assert rows_of(only) == 2
    assert rows_of(client.get("/dashboard?consultant=none").get_data(as_text=True)) == 0


def page_queries(client: FlaskClient) -> int:
    db.session.expire_all()  # as in a fresh request: the user is loaded again
    with counted_queries() as statements:
        response = client.get("/dashboard?per_page=100")
    assert response.status_code == 200
    return len(statements)


def test_query_count_does_not_grow_with_the_cases(
    app: Flask, consultant_client: FlaskClient, program: Any
) -> None:
    consultant = find_user("consultant@example.com")
    assert consultant is not None
    build_cases(program, 3, consultant)  # 5 cases with the two demo ones
    at_5 = page_queries(consultant_client)
    build_cases(program, 45, consultant, seed=8)  # 50
    html = consultant_client.get("/dashboard?per_page=100").get_data(as_text=True)
    assert rows_of(html) == 50
    at_50 = page_queries(consultant_client)
    assert at_5 == at_50
    assert at_50 <= 6
