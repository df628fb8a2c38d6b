"""The real app and the real browser, shared by the browser tests and `docs/screenshots.py`.

`running_tracker` migrates and seeds a throw-away SQLite database, starts
`tracker run` on a free port and stops it afterwards; `launch_chromium` starts
Debian's chromium (never a downloaded one) and fails loudly when it is missing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.servers import free_port

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        Locator,
        Page,
        Playwright,
        StorageState,
    )

TRACKER = str(Path(sys.executable).with_name("tracker"))
CHROMIUM = Path(os.environ.get("TRACKER_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

APPLICANT = ("applicant@example.com", "applicant-demo-1")
OTHER = ("other@example.com", "other-demo-1")
CONSULTANT = ("consultant@example.com", "consultant-demo-1")
DESKTOP: dict[str, Any] = {"viewport": {"width": 1440, "height": 900}}
STATUS_TIMEOUT = 30_000  # ms: the background language check, OCR included


class ChromiumMissing(RuntimeError):
    pass


def environment(workdir: Path) -> dict[str, str]:
    """The app's settings: its own database and files; jobs in-process; plain-HTTP cookies."""
    inherited = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TRACKER_REDIS_URL", "TRACKER_SECURE_COOKIES"}
    }
    return {
        **inherited,
        "TRACKER_DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite'}",
        "TRACKER_UPLOAD_DIR": str(workdir / "uploads"),
        "TRACKER_SECRET_KEY": os.environ.get("TRACKER_SECRET_KEY", "e2e-only-secret"),
    }


@contextmanager
def running_tracker(workdir: Path, *, port: int = 0, **settings: str) -> Iterator[str]:
    """A seeded app served by `tracker run` in `workdir` (extra TRACKER_* settings); its URL."""
    env = {**environment(workdir), **settings}
    for args in (["db", "upgrade"], ["seed-demo"]):
        done = subprocess.run(
            [TRACKER, *args], env=env, cwd=workdir, capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise RuntimeError(f"tracker {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    port = port or free_port()
    log_path = workdir / "server.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [TRACKER, "run", "--port", str(port), "--no-reload"],
            env=env,
            cwd=workdir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, server, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _wait_for_port(port: int, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    server.kill()
    server.wait(timeout=10)
    raise RuntimeError(f"tracker run did not start on port {port}:\n{log.read_text()[-3000:]}")


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's chromium, headless. Missing is an error, never a reason to skip."""
    if not CHROMIUM.exists():
        raise ChromiumMissing(
            f"{CHROMIUM} not found: install Debian's chromium package (never `playwright install`)"
        )
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )


# A 390 × 844 phone, as the issues try the applicant's pages.
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
}


def new_context(
    browser: Browser, base_url: str, state: StorageState | None = None, **options: Any
) -> BrowserContext:
    context = browser.new_context(base_url=base_url, storage_state=state, **options)
    context.set_default_timeout(15_000)
    return context


def log_in(context: BrowserContext, base_url: str, who: tuple[str, str]) -> str:
    """Log in through the form, as a person would; return the page's URL after it."""
    page = context.new_page()
    try:
        page.goto(f"{base_url}/login")
        page.locator("input[name=email]").fill(who[0])
        page.locator("input[name=password]").fill(who[1])
        page.locator("form:has(input[name=password]) [type=submit]").click()
        page.wait_for_url(lambda url: "/login" not in url)
        return page.url
    finally:
        page.close()


def in_language(page: Page, lang: str) -> None:
    """Switch the consultant's pages to `lang` with the language form, as a person would."""
    from playwright.sync_api import expect

    page.goto("/dashboard")
    page.locator("#lang-select").select_option(lang)
    with page.expect_navigation():
        page.locator("form.lang-switch [type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


# ---- finding things on the case page ----


def person_id(page: Page, name: str) -> str:
    """The `data-person` of the checklist under the heading with this person's name."""
    # The applicant's to-do list names each person first; their checklist's heading comes last.
    heading = page.get_by_role("heading", name=name).last
    block = heading.locator("xpath=ancestor::*[.//*[@data-person]][1]")
    value = block.locator("[data-person]").first.get_attribute("data-person")
    assert value, f"no checklist items under {name!r}"
    return value


def checklist_item(page: Page, code: str, person: str) -> Locator:
    """A checklist item by the contract's hooks: `data-item-code`, `data-person`, `data-status`
    (the to-do list's entries carry the first two as well)."""
    return page.locator(f'[data-item-code="{code}"][data-person="{person}"][data-status]')
