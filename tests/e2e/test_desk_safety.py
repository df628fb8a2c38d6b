"""Nothing silent, nothing by accident, at 1440 x 900 in English and Traditional Chinese.

Closing asks first; the dashboard flags a near deadline and a password-reset request;
the history reads as sentences in the page's language. DEMO-0002 is put back as found.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.app import in_language

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SAID = {
    "en": {
        "close": "Close the case",
        "yes": "Yes, close the case",
        "no": "No, back to the case",
        "reopen": "Reopen",
        "reset": "new password",
        "opened": "opened the case.",
    },
    "zh-Hant": {
        "close": "結束個案",
        "yes": "是，結束個案",
        "no": "否，返回個案",
        "reopen": "重新開啟",
        "reset": "重設密碼",
        "opened": "開立了個案。",
    },
}


def open_case(page: Page, reference: str) -> None:
    page.goto("/dashboard?status=all")
    page.get_by_role("link", name=reference, exact=True).click()
    expect(page.locator("h1")).to_contain_text(reference)


def set_travel_document_expiry(page: Page, when: str) -> None:
    dates = page.locator("#dates")
    if not dates.locator("details[open]").count():
        dates.locator("summary").click()
    dates.locator('input[name$="-travel_document_expires_on"]').first.fill(when)
    with page.expect_navigation():
        dates.locator("form [type=submit]").click()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_closing_asks_first_and_nothing_changes_until_confirmed(
    lang: str, desk: BrowserContext
) -> None:
    page = desk.new_page()
    in_language(page, lang)
    open_case(page, "DEMO-0002")
    status = page.locator("[data-status-of-case]")
    try:
        page.get_by_role("button", name=SAID[lang]["close"]).click()
        expect(page.locator('[data-role="confirm-status"][data-status="closed"]')).to_be_visible()
        page.get_by_role("link", name=SAID[lang]["no"]).click()
        expect(page.locator("[data-case-status]")).to_have_attribute("data-case-status", "open")
        page.get_by_role("button", name=SAID[lang]["close"]).click()
        page.get_by_role("button", name=SAID[lang]["yes"]).click()
        expect(page.locator("[data-case-status]")).to_have_attribute("data-case-status", "closed")
    finally:
        if page.locator('[data-case-status="closed"]').count():
            page.get_by_role("button", name=SAID[lang]["reopen"]).click()
    expect(page.locator("[data-case-status]")).to_have_attribute("data-case-status", "open")
    expect(status).to_be_visible()
    page.close()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_dashboard_flags_a_near_deadline_and_a_reset_request(
    lang: str, desk: BrowserContext, chromium: Browser, tracker_url: str
) -> None:
    page = desk.new_page()
    in_language(page, lang)
    open_case(page, "DEMO-0002")
    set_travel_document_expiry(page, (date.today() + timedelta(days=10)).isoformat())
    try:
        reset = chromium.new_context(base_url=tracker_url)  # someone who forgot their password
        anonymous = reset.new_page()
        anonymous.goto("/reset")
        anonymous.locator("input[name=email]").fill("other@example.com")
        with anonymous.expect_navigation():
            anonymous.locator("form:has(input[name=email]) [type=submit]").click()
        reset.close()
        page.goto("/dashboard")
        row = page.locator("tr[data-case-id]", has_text="DEMO-0002")
        expect(row.locator('[data-flag="deadline"]')).to_be_visible()
        expect(row.locator('[data-flag="reset"]')).to_contain_text(SAID[lang]["reset"])
    finally:
        open_case(page, "DEMO-0002")
        set_travel_document_expiry(page, "")
    page.close()


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_history_reads_as_sentences_in_the_pages_language(
    lang: str, desk: BrowserContext
) -> None:
    page = desk.new_page()
    in_language(page, lang)
    open_case(page, "DEMO-0001")
    history = page.locator("#audit")
    expect(history.locator('[data-action="case.created"] [data-role=sentence]')).to_contain_text(
        SAID[lang]["opened"]
    )
    page.close()
