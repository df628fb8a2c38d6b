"""Issue 11 finding 11: request arguments never reach `url_for` (no 500 from a query string)."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.web.fact_fields import DASHBOARD_ARGS

ODD_KEYS = ["_method", "_external", "_scheme", "_anchor", "endpoint", "values"]
ODD_ARGS = ["_method=POST", "_external=1", "_scheme=javascript", "_anchor=x", "endpoint=auth.home"]


def _links(html: str, path: str) -> list[str]:
    return re.findall(rf'href="([^"]*{re.escape(path)}[^"]*)"', html)


@pytest.mark.parametrize("args", ODD_ARGS)
def test_dashboard_ignores_url_for_keywords(consultant_client: FlaskClient, args: str) -> None:
    """Finding 11: `/dashboard?_method=POST` gave a 500 (request arguments reached url_for)."""
    response = consultant_client.get(f"/dashboard?{args}&status=all&per_page=1")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert _links(html, "/dashboard.csv") == ["/dashboard.csv?status=all&amp;per_page=1"]
    assert _links(html, "/dashboard?") == ["/dashboard?status=all&amp;per_page=1&amp;page=2"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    args=st.dictionaries(
        st.sampled_from([*ODD_KEYS, *DASHBOARD_ARGS]),
        # text a URL can carry: UTF-8 (no lone surrogate), no NUL
        st.text(st.characters(codec="utf-8", blacklist_characters="\x00"), max_size=20),
    )
)
def test_any_dashboard_query_gets_a_page(
    consultant_client: FlaskClient, args: dict[str, str]
) -> None:
    """Finding 11 ("look for the same pattern"): no query string makes the dashboard fail
    (a NUL is refused before any view: tests/web/test_bad_input.py)."""
    assert consultant_client.get("/dashboard", query_string=args).status_code == 200
    assert consultant_client.get("/dashboard.csv", query_string=args).status_code == 200
