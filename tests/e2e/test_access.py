"""Another applicant, logged in, reaches nothing of the first one's case.

The URLs are not hand-picked: they are every case-specific link, image, poll
URL and form action on the first applicant's page, after an upload.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import APIRequestContext, Browser, Page, StorageState, expect

from tests.e2e.app import STATUS_TIMEOUT, checklist_item, new_context, person_id

# one worker drives the browser under `pytest -n`: one app server, one chromium
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

NOT_THE_CASE = ("/login", "/logout", "/lang", "/static/", "/cases")  # everyone's, not the case's


def _case_urls(page: Page, base: str) -> tuple[set[str], set[str]]:
    """(URLs the page GETs, URLs its forms POST to), as paths, for this case only.

    Links to other sites (the guidebook's official page) are not the tracker's.
    """
    gets = set(
        page.evaluate(
            """() => [
                ...[...document.querySelectorAll('a[href]')].map(a => a.href),
                ...[...document.querySelectorAll('img[src]')].map(i => i.src),
                ...[...document.querySelectorAll('[data-item-url]')].map(e => e.dataset.itemUrl),
            ]"""
        )
    )
    posts = set(page.evaluate("() => [...document.forms].map(f => f.action)"))

    def own(urls: set[str]) -> set[str]:
        host = urlsplit(base).netloc
        paths = {urlsplit(u).path for u in urls if urlsplit(u).netloc in ("", host)}
        return {p for p in paths if p != "/" and not p.startswith(NOT_THE_CASE)}

    return own(gets), own(posts)


def _status(request: APIRequestContext, method: str, path: str, **kwargs: Any) -> int:
    response = request.fetch(path, method=method, max_redirects=0, **kwargs)
    try:
        return response.status
    finally:
        response.dispose()


def test_another_applicant_reaches_none_of_the_case(
    chromium: Browser,
    tracker_url: str,
    case_page: Page,
    case_url: str,
    other_login: tuple[StorageState, str],
    upload_files: dict[str, Path],
) -> None:
    # The first applicant uploads, so that there are documents to try.
    page = case_page
    item = checklist_item(page, "A2", person_id(page, "Sofia Reyes"))
    item.locator("input[type=file]").first.set_input_files(upload_files["statement"])
    expect(item).not_to_have_attribute("data-status", "missing", timeout=STATUS_TIMEOUT)
    expect(item).not_to_have_attribute("data-status", "checking", timeout=STATUS_TIMEOUT)
    page.reload()
    gets, posts = _case_urls(page, tracker_url)
    case_path = urlsplit(case_url).path
    gets.add(case_path)
    assert any(p.startswith("/documents/") and p.endswith("/file") for p in gets), gets
    assert any(p.startswith("/documents/") and p.endswith("/preview") for p in gets), gets
    assert any(p.startswith("/items/") for p in gets), gets
    assert any(p.endswith("/documents") for p in posts), posts
    for path in gets:  # they are real: the owner reaches every one
        assert _status(page.request, "GET", path) == 200, path

    state, other_case = other_login
    assert urlsplit(other_case).path != case_path
    context = new_context(chromium, tracker_url, state)
    try:
        other = context.new_page()
        own = other.goto(other_case)
        assert own is not None
        assert own.status == 200
        token = other.locator("input[name=csrf_token]").first.get_attribute("value")
        assert token

        response = other.goto(case_path)
        assert response is not None
        assert response.status in (403, 404)
        expect(other.get_by_text("Maria Reyes")).to_have_count(0)

        refused = {path: _status(context.request, "GET", path) for path in sorted(gets)}
        upload = {
            "csrf_token": token,
            "file": {
                "name": "statement.pdf",
                "mimeType": "application/pdf",
                "buffer": upload_files["statement"].read_bytes(),
            },
        }
        for path in sorted(posts):
            refused[f"POST {path}"] = _status(
                context.request, "POST", path, multipart=upload, headers={"X-CSRFToken": token}
            )
        reached = {path: status for path, status in refused.items() if status not in (403, 404)}
        assert not reached, f"the other applicant reached: {reached}"
        other.close()
    finally:
        context.close()

    # Nothing the other applicant sent landed in the case.
    page.reload()
    expect(page.get_by_text("statement.pdf", exact=True)).to_have_count(0)
