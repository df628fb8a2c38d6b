"""In the browser, with a real SMTP server: an invitation arrives and the family follows it;
the family resets its own password from the e-mail."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests import servers
from tests.e2e.app import log_in, new_context, running_tracker
from tests.mailing import text_of

pytestmark = pytest.mark.browser
CONSULTANT = ("consultant@example.com", "consultant-demo-1")
FAMILY = "wong.family@example.com"


@pytest.fixture(scope="module")
def smtp() -> Iterator[servers.SmtpServer]:
    with servers.smtp() as server:
        yield server


@pytest.fixture(scope="module")
def mail_tracker(
    tmp_path_factory: pytest.TempPathFactory, smtp: servers.SmtpServer
) -> Iterator[str]:
    """An app of its own whose mail goes to the test's SMTP server and links point back to it."""
    port = servers.free_port()
    base = f"http://127.0.0.1:{port}"
    settings = {"TRACKER_SMTP_URL": smtp.url, "TRACKER_BASE_URL": base}
    with running_tracker(tmp_path_factory.mktemp("e2e-mail"), port=port, **settings) as url:
        yield url


def link_to(smtp: servers.SmtpServer, address: str, count: int, base: str) -> str:
    """The tracker link in the `count`-th message to `address` (waits for it to arrive)."""
    messages = smtp.wait_for(count, to=address)
    assert len(messages) == count, [m["Subject"] for m in messages]
    found = re.search(re.escape(base) + r"/\S+", text_of(messages[-1]))
    assert found, text_of(messages[-1])
    return found.group(0)


def invite(page: Page, base: str) -> None:
    page.goto(f"{base}/dashboard")
    page.locator("[data-case-id]", has_text="DEMO-0002").get_by_role("link").first.click()
    page.locator("#invite-email").fill(FAMILY)
    page.locator("#invite-lang").select_option("en")
    page.get_by_role("button", name="Make an invitation link").click()
    expect(page.locator('[data-mail-state="queued"]')).to_contain_text(FAMILY)


def test_an_invited_family_joins_and_later_resets_its_password_by_email(
    chromium: Browser, mail_tracker: str, smtp: servers.SmtpServer
) -> None:
    staff: BrowserContext = new_context(chromium, mail_tracker)
    family: BrowserContext = new_context(chromium, mail_tracker)
    try:
        log_in(staff, mail_tracker, CONSULTANT)
        invite(staff.new_page(), mail_tracker)
        invitation = link_to(smtp, FAMILY, 1, mail_tracker)
        assert "/invite/" in invitation

        page = family.new_page()
        page.goto(invitation)
        page.locator("#name").fill("Wong Mei Ling")
        page.locator("#password").fill("first-password-1")
        page.locator("#confirm").fill("first-password-1")
        page.locator("form:has(#confirm) [type=submit]").click()
        page.wait_for_url(re.compile(r"/cases/\d+$"))
        page.get_by_role("button", name=re.compile("Log out", re.I)).click()

        page.goto(f"{mail_tracker}/reset")
        page.locator("input[name=email]").fill(FAMILY)
        page.locator("form:has(input[name=email]) [type=submit]").click()
        expect(page.locator("body")).to_contain_text("If this address has an account")
        reset = link_to(smtp, FAMILY, 2, mail_tracker)
        assert "/reset/" in reset
        page.goto(reset)
        page.locator("#password").fill("second-password-2")
        page.locator("#confirm").fill("second-password-2")
        page.locator("form:has(#confirm) [type=submit]").click()
        page.wait_for_url(re.compile(r"/login"))
        assert "/cases/" in log_in(family, mail_tracker, (FAMILY, "second-password-2"))
    finally:
        staff.close()
        family.close()
