"""Issue 11 finding 6: logout ends that session; a new password ends every session of the
user; the remember-me cookie is Secure when TRACKER_SECURE_COOKIES is on."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.apps import login
from tracker.extensions import db
from tracker.models import Case
from tracker.services import invitations
from tracker.services.users import find_user

EMAIL, PASSWORD = "applicant@example.com", "applicant-demo-1"


def _remembered(client: FlaskClient) -> tuple[str, str]:
    """Log in with "remember me"; the session and remember-me cookies it got."""
    response = client.post("/login", data={"email": EMAIL, "password": PASSWORD, "remember": "1"})
    assert response.status_code == 302
    session, remember = client.get_cookie("session"), client.get_cookie("remember_token")
    assert session is not None
    assert remember is not None
    return session.value, remember.value


def _opens_cases(app: Flask, name: str, value: str) -> bool:
    """Whether a fresh browser holding only this one cookie sees the applicant's cases.

    Its own app context: the test's would share `g`, where Flask-Login keeps the user.
    """
    browser = app.test_client()
    browser.set_cookie(name, value)
    with app.app_context():
        response = browser.get("/cases", follow_redirects=True)
    return response.status_code == 200 and response.request.path.startswith("/cases")


def _reset_password(app: Flask) -> None:
    case = db.session.scalars(select(Case).where(Case.reference == "DEMO-0001")).one()
    user, consultant = find_user(EMAIL), find_user("consultant@example.com")
    assert user is not None
    assert consultant is not None
    link = invitations.reset_link(case, user.id, actor=consultant)
    invitations.reset_password(link.token, "a-brand-new-password")


def test_old_cookies_work_until_logout(app: Flask, client: FlaskClient, demo: None) -> None:
    session, remember = _remembered(client)
    assert _opens_cases(app, "session", session)
    assert _opens_cases(app, "remember_token", remember)


@pytest.mark.parametrize("cookie", ["session", "remember_token"])
def test_logout_ends_that_session(app: Flask, client: FlaskClient, demo: None, cookie: str) -> None:
    """Finding 6: after logout the old cookie alone still opened the case."""
    cookies = dict(zip(["session", "remember_token"], _remembered(client), strict=True))
    client.post("/logout")
    assert not _opens_cases(app, cookie, cookies[cookie])


def test_logout_leaves_other_logins_of_the_user(
    app: Flask, client: FlaskClient, demo: None
) -> None:
    phone = app.test_client()
    with app.app_context():  # each browser's requests in their own `g`, as in production
        login(phone, EMAIL, PASSWORD)
    session, _remember = _remembered(client)
    with app.app_context():
        phone.post("/logout")
    assert _opens_cases(app, "session", session)


@pytest.mark.parametrize("cookie", ["session", "remember_token"])
def test_a_password_reset_ends_every_session(
    app: Flask, client: FlaskClient, demo: None, cookie: str
) -> None:
    """Finding 6: after a password reset the old cookies still opened the case."""
    cookies = dict(zip(["session", "remember_token"], _remembered(client), strict=True))
    _reset_password(app)
    assert not _opens_cases(app, cookie, cookies[cookie])
    login(app.test_client(), EMAIL, "a-brand-new-password")


def test_remember_cookie_is_secure_when_cookies_must_be(
    other_app: Callable[..., Flask], monkeypatch: pytest.MonkeyPatch, app: Flask, demo: None
) -> None:
    """Finding 6: with TRACKER_SECURE_COOKIES=1 the 365-day remember cookie was not Secure."""
    monkeypatch.setenv("TRACKER_SECURE_COOKIES", "1")
    secure = other_app()
    response = secure.test_client().post(
        "/login", data={"email": EMAIL, "password": PASSWORD, "remember": "1"}
    )
    cookies = response.headers.getlist("Set-Cookie")
    remember = next(c for c in cookies if c.startswith("remember_token="))
    assert "Secure" in remember
    assert all("Secure" in c for c in cookies)
