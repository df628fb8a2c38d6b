"""Screenshots of the consultant's desk at 1440 x 900: the viewer and the review queue.

    .venv/bin/python docs/screenshots_desk.py

Starts a seeded throw-away app (tests/e2e/app.py), uploads as the demo applicant a
two-page bank statement, an Indonesian marriage certificate with its English
translation and a file that is not what its name says, waits for the checks,
then photographs the queue and the viewer (certificate and translation side by
side) as the demo consultant, in English and Traditional Chinese.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from docs.screenshots import save, upload  # noqa: E402
from tests.e2e import files  # noqa: E402
from tests.e2e.app import (  # noqa: E402
    APPLICANT,
    STATUS_TIMEOUT,
    checklist_item,
    launch_chromium,
    log_in,
    new_context,
    person_id,
    running_tracker,
)

CONSULTANT = ("consultant@example.com", "consultant-demo-1")
DESK = {"viewport": {"width": 1440, "height": 900}, "device_scale_factor": 1}


def applicant_uploads(browser: Browser, url: str, work: Path) -> None:
    context = new_context(browser, url, None, **DESK)
    page = context.new_page()
    page.goto(log_in(context, url, APPLICANT))
    statement = files.text_pdf(work / "bank-statement.pdf", files.ENGLISH_STATEMENT, pages=2)
    upload(page, "B3", "Daniel Reyes", statement, "in_review")
    upload(page, "A2", "Maria Reyes", files.html_named_pdf(work / "passport.pdf"), "invalid")
    certificate = files.text_pdf(work / "akta-perkawinan.pdf", files.INDONESIAN_CERTIFICATE)
    upload(page, "A4", "Maria Reyes", certificate, "needs_translation")
    item = checklist_item(page, "A4", person_id(page, "Maria Reyes"))
    translation = files.text_pdf(work / "translation.pdf", files.ENGLISH_TRANSLATION)
    item.locator('input[type=file][data-role="translation"]').set_input_files(translation)
    expect(item).to_have_attribute("data-status", "in_review", timeout=STATUS_TIMEOUT)
    context.close()


def pictures_loaded(page: Page) -> None:
    page.evaluate(  # a function, not a string: the page's CSP forbids eval
        """() => Promise.all([...document.images].map(i => i.complete ? null
            : new Promise(done => { i.onload = i.onerror = done; })))"""
    )


def consultant_shots(browser: Browser, url: str) -> None:
    context = new_context(browser, url, None, **DESK)
    log_in(context, url, CONSULTANT)
    page = context.new_page()
    for lang, suffix in (("en", ""), ("zh-Hant", "-zh-hant")):
        page.goto("/consultant/review")
        page.locator("#lang-select").select_option(lang)
        with page.expect_navigation():
            page.locator("form.lang-switch [type=submit]").click()
        save(page.screenshot(), f"desk-queue{suffix}.png")
        page.locator("[data-role=review-queue] a", has_text="akta-perkawinan.pdf").click()
        page.locator("[data-viewer]").wait_for()
        pictures_loaded(page)
        save(page.screenshot(), f"desk-viewer{suffix}.png")
    context.close()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tracker-desk-shots-") as folder:
        work = Path(folder)
        app_dir = work / "app"
        app_dir.mkdir()
        with running_tracker(app_dir) as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                applicant_uploads(browser, url, work)
                consultant_shots(browser, url)
            finally:
                browser.close()


if __name__ == "__main__":
    main()
