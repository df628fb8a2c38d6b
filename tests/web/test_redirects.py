"""Issue 11 finding 5: `next` targets are local paths only, judged by one helper."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tracker.web.redirects import local_target

HOSTILE = [
    "//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " /\x00/evil.example",
    "evil.example",
    "",
    "/" + "a" * 3000,
]


@pytest.mark.parametrize("target", HOSTILE)
def test_doubtful_targets_fall_back_to_the_default(target: str) -> None:
    """Finding 5: what a browser would read as another host, or anything odd, is refused."""
    assert local_target(target, "/home") == "/home"


@pytest.mark.parametrize("target", ["/cases/1", "/cases/1?tab=documents#item-3", "/"])
def test_local_paths_are_kept(target: str) -> None:
    assert local_target(target, "/home") == target


@pytest.mark.parametrize("query", ["%2F%09%2Fevil.example", "/%0A/evil.example", "%5C%5Cevil"])
def test_login_never_redirects_off_site(client: FlaskClient, demo: None, query: str) -> None:
    """Finding 5: `POST /login?next=%2F%09%2Fevil.example` answered `Location: //evil.example`."""
    response = client.post(
        f"/login?next={query}",
        data={"email": "applicant@example.com", "password": "applicant-demo-1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/evil.example", "/\\evil.example"])
def test_language_switch_never_redirects_off_site(client: FlaskClient, target: str) -> None:
    """Finding 5: `/lang` had the same flaw."""
    response = client.post("/lang", data={"lang": "en", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_language_switch_returns_to_the_page(client: FlaskClient) -> None:
    response = client.post("/lang", data={"lang": "zh-Hant", "next": "/login?x=1"})
    assert response.headers["Location"] == "/login?x=1"
