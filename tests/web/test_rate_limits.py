"""Issue 11 finding 12: the rate limiter degrades when Redis is down (in-memory limits and a
logged warning, never a 500), and logged-in actions are limited per account."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests import servers
from tests.web.limited import (
    APPLICANT,
    LOGINS_PER_MINUTE,
    OTHER,
    UPLOADS_PER_MINUTE,
    WRONG,
)
from tests.web.uploading import requirement
from tracker.extensions import limiter

OtherApp = Callable[..., Flask]


@pytest.fixture(autouse=True)
def _limiter_storage_alive() -> Iterator[None]:
    """Flask-Limiter keeps "storage is down" on the one global extension, across apps, and
    looks again only after a back-off: the next test's app must start on its own storage."""
    yield
    limiter._storage_dead = False


def _limited(other_app: OtherApp, storage: str) -> Flask:
    return other_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage)


def _post(app: Flask, client: FlaskClient, path: str, data: dict[str, str] | None = None) -> int:
    """POST in a fresh app context, as a server would (the test's shares Flask-Login's `g`)."""
    with app.app_context():
        return client.post(path, data=data or {}).status_code


def test_redis_down_degrades_to_in_memory_limits(
    other_app: OtherApp, tmp_path: Path, app: Flask, demo: None, caplog: pytest.LogCaptureFixture
) -> None:
    """Finding 12: with Redis down nobody could log in (the limiter failed closed, 500)."""
    with servers.redis(tmp_path / "redis") as url:
        limited = _limited(other_app, url)
        assert _post(limited, limited.test_client(), "/login", APPLICANT) == 302
    # redis-server has stopped
    with caplog.at_level(logging.WARNING):
        assert _post(limited, limited.test_client(), "/login", APPLICANT) == 302
    assert "falling back to in-memory storage" in caplog.text
    stranger = limited.test_client()
    answers = [_post(limited, stranger, "/login", WRONG) for _ in range(LOGINS_PER_MINUTE)]
    assert answers[-1] == 429  # still limited, in this process's memory


def test_a_logged_in_user_is_limited_per_account_not_per_address(
    other_app: OtherApp, app: Flask, demo: None
) -> None:
    """Finding 12: one family's uploads used up the limit of everyone behind one address."""
    limited = _limited(other_app, "memory://")
    url = f"/items/{requirement('A1', person='Maria Reyes').id}/documents"
    busy, other = limited.test_client(), limited.test_client()
    assert _post(limited, busy, "/login", APPLICANT) == 302
    answers = [_post(limited, busy, url) for _ in range(UPLOADS_PER_MINUTE + 1)]
    assert set(answers[:-1]) == {400}  # "choose a file": each one counted
    assert answers[-1] == 429
    assert _post(limited, other, "/login", OTHER) == 302
    assert _post(limited, other, url) == 404  # not this family's item, but not limited


def test_anonymous_requests_are_limited_per_address(
    other_app: OtherApp, app: Flask, demo: None
) -> None:
    limited = _limited(other_app, "memory://")
    first, second = limited.test_client(), limited.test_client()
    answers = [_post(limited, first, "/login", WRONG) for _ in range(LOGINS_PER_MINUTE + 1)]
    assert answers[-1] == 429
    assert _post(limited, second, "/login", WRONG) == 429
