"""Issue 11 finding 11: request arguments never reach `url_for` (no 500 from a query string)."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

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
