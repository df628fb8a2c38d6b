"""One seeded `tracker run` and one Debian chromium for the whole browser test session.

Each test gets a fresh browser context (its own cookies) already logged in as
the demo applicant; the log-in itself goes through the form once per user, so
the login rate limit is never reached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    StorageState,
    expect,
    sync_playwright,
)

from tests.e2e import files
from tests.e2e.app import (
    APPLICANT,
    CONSULTANT,
    DESKTOP,
    OTHER,
    ChromiumMissing,
    launch_chromium,
    log_in,
    new_context,
    running_tracker,
)

# A page waits on the server, whose first language check stalls it for seconds.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="session")
def tracker_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_tracker(tmp_path_factory.mktemp("e2e-app")) as url:
        yield url


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright: Playwright) -> Iterator[Browser]:
    try:
        browser = launch_chromium(playwright)
    except ChromiumMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def applicant_login(chromium: Browser, tracker_url: str) -> tuple[StorageState, str]:
    """The applicant's cookies after logging in, and the case page it landed on."""
    return _login(chromium, tracker_url, APPLICANT)


@pytest.fixture(scope="session")
def other_login(chromium: Browser, tracker_url: str) -> tuple[StorageState, str]:
    return _login(chromium, tracker_url, OTHER)


def _login(browser: Browser, base_url: str, who: tuple[str, str]) -> tuple[StorageState, str]:
    context = browser.new_context(base_url=base_url)
    try:
        landed = log_in(context, base_url, who)
        return context.storage_state(), landed
    finally:
        context.close()


@pytest.fixture(scope="session")
def consultant_login(chromium: Browser, tracker_url: str) -> StorageState:
    context = chromium.new_context(base_url=tracker_url)
    try:
        log_in(context, tracker_url, CONSULTANT)
        return context.storage_state()
    finally:
        context.close()


@pytest.fixture
def desk(
    chromium: Browser, tracker_url: str, consultant_login: StorageState
) -> Iterator[BrowserContext]:
    """A logged-in consultant's browser at desktop size (1440 x 900)."""
    context = new_context(chromium, tracker_url, consultant_login, **DESKTOP)
    yield context
    context.close()


@pytest.fixture
def case_url(applicant_login: tuple[StorageState, str]) -> str:
    url = applicant_login[1]
    assert re.search(r"/cases/\d+$", url), f"the applicant landed on {url}, not their case"
    return url


@pytest.fixture
def applicant_context(
    chromium: Browser, tracker_url: str, applicant_login: tuple[StorageState, str]
) -> Iterator[BrowserContext]:
    context = new_context(chromium, tracker_url, applicant_login[0])
    yield context
    context.close()


@pytest.fixture
def case_page(applicant_context: BrowserContext, case_url: str) -> Iterator[Page]:
    """The applicant's case page, JavaScript on, desktop size."""
    page = applicant_context.new_page()
    page.goto(case_url)
    yield page
    page.close()


@pytest.fixture(scope="session")
def upload_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("e2e-files")
    return {
        "photo": files.photo(folder / "maria-photo.jpg"),
        "photo_png": files.photo(folder / "sofia-photo.png"),
        "statement": files.text_pdf(folder / "bank-statement.pdf", files.ENGLISH_STATEMENT),
        "fake_pdf": files.html_named_pdf(folder / "passport.pdf"),
        "indonesian": files.text_pdf(folder / "akta-perkawinan.pdf", files.INDONESIAN_CERTIFICATE),
        "translation": files.text_pdf(
            folder / "marriage-certificate-translation.pdf", files.ENGLISH_TRANSLATION
        ),
    }
