"""The family's phone flows of issue 15, shared by the browser tests and
`docs/screenshots_phone.py`: choose a language, upload, reject as the consultant."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import expect

from tests.e2e.app import STATUS_TIMEOUT, checklist_item, log_in, new_context, person_id

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

CONSULTANT = ("consultant@example.com", "consultant-demo-1")
MAIN_INPUT = "form.upload:not(.replace) input[type=file]"


def choose_language(page: Page, lang: str) -> None:
    """Pick the language with the page's own switch, as a person would."""
    page.locator("#lang-select").select_option(lang)
    with page.expect_navigation():
        page.locator("form.lang-switch button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)


def item(page: Page, code: str, person: str) -> Locator:
    return checklist_item(page, code, person_id(page, person))


def upload(page: Page, code: str, person: str, file: Path, status: str | re.Pattern[str]) -> None:
    target = item(page, code, person)
    target.locator(MAIN_INPUT).set_input_files(file)
    expect(item(page, code, person)).to_have_attribute(
        "data-status", status, timeout=STATUS_TIMEOUT
    )


def newest_document_id(page: Page, code: str, person: str) -> str:
    doc_id = (
        item(page, code, person)
        .locator("[data-document-id]")
        .first.get_attribute("data-document-id")
    )
    assert doc_id
    return doc_id


def reject_as_consultant(
    browser: Browser, base_url: str, case_url: str, doc_id: str, reason: str
) -> None:
    """The consultant rejects one document from their case page, in their own browser."""
    decide_as_consultant(browser, base_url, case_url, doc_id, "reject", reason)


def decide_as_consultant(
    browser: Browser, base_url: str, case_url: str, doc_id: str, action: str, reason: str = ""
) -> None:
    """The consultant accepts or rejects (with `reason`) one document from their case page."""
    context = new_context(browser, base_url)
    try:
        log_in(context, base_url, CONSULTANT)
        page = context.new_page()
        case_id = case_url.rstrip("/").rsplit("/", 1)[-1]
        page.goto(f"/consultant/cases/{case_id}")
        form = page.locator(f'[data-document-id="{doc_id}"] form[data-action="{action}"]')
        if reason:
            form.locator("select[name=reason]").select_option(reason)
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        page.close()
    finally:
        context.close()
