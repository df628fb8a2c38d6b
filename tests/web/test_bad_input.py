"""Issue 11, "also hold": bad input gets a clear message in the user's language, never a 500,
on every database (PostgreSQL refuses NUL characters that SQLite stores)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.mark.parametrize(
    ("path", "form"),
    [
        ("/login", {"email": "a\x00@example.com", "password": "x"}),
        ("/reset", {"email": "\x00"}),
        ("/dashboard?q=%00", None),
    ],
)
def test_a_nul_character_is_refused_clearly(
    consultant_client: FlaskClient, path: str, form: dict[str, str] | None
) -> None:
    """A NUL in a search or a form gave a 500 on PostgreSQL."""
    headers = {"Accept-Language": "zh-Hant"}
    if form is None:
        response = consultant_client.get(path, headers=headers)
    else:
        response = consultant_client.post(path, data=form, headers=headers)
    assert response.status_code == 400
    assert "空字元" in response.get_data(as_text=True)


@FUZZ
@given(email=st.text(max_size=60), password=st.text(max_size=60))
def test_any_login_form_gets_an_answer(client: FlaskClient, email: str, password: str) -> None:
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]
