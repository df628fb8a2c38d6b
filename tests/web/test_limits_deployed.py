"""Rate limits as deployed: shared by every worker through Redis, forwarded addresses trusted only
when configured, and a family sending twenty documents at once is never throttled."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from flask import Flask

from tests import servers
from tests.apps import login
from tests.live import CSRF, environment, serving
from tests.web.limited import LIMITED, LOGINS_PER_MINUTE, WRONG
from tests.web.uploading import pdf_bytes, requirement, upload

pytestmark = pytest.mark.slow  # real server processes: seconds each


def wrong_logins(app: Flask, forwarded_for: str, times: int) -> list[int]:
    client = app.test_client()
    headers = {"X-Forwarded-For": forwarded_for}
    answers = []
    for _ in range(times):
        with app.app_context():
            answers.append(client.post("/login", data=WRONG, headers=headers).status_code)
    return answers


def test_forwarded_addresses_are_ignored_unless_proxies_are_configured(
    other_app: Callable[..., Flask], demo: None
) -> None:
    direct = other_app(**LIMITED)
    assert wrong_logins(direct, "203.0.113.1", LOGINS_PER_MINUTE)[-1] != 429
    assert wrong_logins(direct, "203.0.113.2", 1) == [429]  # a forged header buys nothing


def test_behind_a_configured_proxy_each_forwarded_address_has_its_own_limit(
    other_app: Callable[..., Flask], demo: None
) -> None:
    proxied = other_app(**LIMITED, PROXY_HOPS=1)
    assert wrong_logins(proxied, "203.0.113.1", LOGINS_PER_MINUTE + 1)[-1] == 429
    assert wrong_logins(proxied, "203.0.113.2", 1) != [429]


def test_a_family_uploading_twenty_documents_at_once_is_not_throttled(
    other_app: Callable[..., Flask], demo: None
) -> None:
    limited = other_app(**LIMITED)
    client = limited.test_client()
    with limited.app_context():
        login(client, "applicant@example.com", "applicant-demo-1")
        # Two items: each takes at most ten files.
        urls = [f"/items/{requirement(c, person='Maria Reyes').id}/documents" for c in ("A2", "A4")]
    answers = []
    for n in range(20):
        url = urls[n % 2]
        with limited.app_context():
            answers.append(
                upload(client, url, pdf_bytes(f"Page {n} " * 20), f"{n}.pdf").status_code
            )
            answers.append(client.get(url.removesuffix("/documents")).status_code)
    assert set(answers) == {200}


def test_with_redis_every_worker_counts_against_the_same_limit(tmp_path: Path) -> None:
    with servers.redis(Path(tempfile.mkdtemp(prefix="tracker-redis-limits-"))) as url:
        env = environment(tmp_path, TRACKER_REDIS_URL=url)
        with serving(env, tmp_path, workers=3) as (_master, base):
            session = requests.Session()
            page = session.get(f"{base}/login", timeout=30).text
            form = {**WRONG, "csrf_token": CSRF.search(page).group(1)}  # type: ignore[union-attr]
            answers = [
                session.post(f"{base}/login", data=form, timeout=30).status_code
                for _ in range(LOGINS_PER_MINUTE + 1)
            ]
    assert answers[:LOGINS_PER_MINUTE].count(429) == 0
    assert answers[-1] == 429
