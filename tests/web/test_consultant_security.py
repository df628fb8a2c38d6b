"""Every consultant route refuses applicants and other consultants; every POST needs a CSRF token.

Routes are enumerated from the app's URL map, never listed by hand, so a new
route is covered the day it is added.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.apps import login
from tests.casework import add_document, case_by_reference, pdf_bytes, requirement, staff
from tracker.services.login_sessions import start_session
from tracker.services.users import find_user

ONES: dict[str, object] = {"token": "x"}  # any other argument is an id: 1


def ids_for(app: Flask) -> dict[str, object]:
    """Real ids from the applicant's own case, so that only the role can refuse them."""
    case = case_by_reference("DEMO-0001")
    req = requirement(case, "A4", "Maria Reyes")
    doc = add_document(app, req, pdf_bytes())
    user = find_user("applicant@example.com")
    assert user is not None
    return {
        "case_id": case.id,
        "req_id": req.id,
        "doc_id": doc.id,
        "user_id": user.id,
        "token": "not-a-token",
    }


def consultant_routes(app: Flask) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("consultant."):
            for method in sorted((rule.methods or set()) & {"GET", "POST"}):
                found.append((method, rule.endpoint, sorted(rule.arguments)))
    assert len(found) >= 15
    return [(m, e, {a: None for a in args}) for m, e, args in found]


def url(app: Flask, endpoint: str, args: dict[str, Any], values: dict[str, object]) -> str:
    adapter = app.url_map.bind("localhost")
    return adapter.build(endpoint, {a: values.get(a, 1) for a in args})


def test_applicants_are_refused_everywhere(app: Flask, applicant_client: FlaskClient) -> None:
    values = ids_for(app)
    for method, endpoint, args in consultant_routes(app):
        response = applicant_client.open(url(app, endpoint, args, values), method=method)
        assert response.status_code in (403, 404), (method, endpoint, response.status_code)


def test_other_consultants_get_not_found(app: Flask, client: FlaskClient, demo: None) -> None:
    values = ids_for(app)
    staff("stranger@example.com")
    login(client, "stranger@example.com", "long-password-1")
    for method, endpoint, args in consultant_routes(app):
        if not args:
            continue  # the dashboard and new-case pages are the stranger's own
        response = client.open(url(app, endpoint, args, values), method=method)
        assert response.status_code == 404, (method, endpoint, response.status_code)


def test_logged_out_visitors_go_to_the_login_page(app: Flask, client: FlaskClient) -> None:
    for method, endpoint, args in consultant_routes(app):
        response = client.open(url(app, endpoint, args, ONES), method=method)
        assert response.status_code == 302, (method, endpoint)
        assert "/login" in response.headers["Location"]


@pytest.fixture
def csrf_app(app: Flask) -> Flask:
    app.config["WTF_CSRF_ENABLED"] = True
    return app


def test_every_post_route_needs_a_csrf_token(csrf_app: Flask, demo: None) -> None:
    consultant = find_user("consultant@example.com")
    assert consultant is not None
    client = csrf_app.test_client()
    start_session(consultant)
    with client.session_transaction() as session:  # logged in without posting the form
        session["_user_id"] = consultant.get_id()
        session["_fresh"] = True
    posts = [r for r in csrf_app.url_map.iter_rules() if "POST" in (r.methods or set())]
    assert len(posts) >= 15
    for rule in posts:
        target = url(csrf_app, rule.endpoint, dict.fromkeys(rule.arguments), ONES)
        response = client.post(target, data={"anything": "1"})
        assert response.status_code == 400, (rule.rule, response.status_code)
        body = response.get_data(as_text=True)
        assert "The form expired" in body, rule.rule


def test_a_valid_token_is_accepted(csrf_app: Flask, client: FlaskClient, demo: None) -> None:
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/login",
        data={
            "email": "consultant@example.com",
            "password": "consultant-demo-1",
            "csrf_token": token,
        },
    )
    assert response.status_code == 302
