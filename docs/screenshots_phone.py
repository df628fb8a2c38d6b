"""Screenshots of issue 15's phone flows at 390 × 844, in English and Traditional Chinese.

    .venv/bin/python docs/screenshots_phone.py

The to-do list at the top of the applicant's page, and a fixed mistake: a
statement the consultant rejected as unreadable (the reason in the page's
language), then the new upload that answers it. Same flows as
tests/e2e/test_phone.py, on a throw-away seeded app.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from docs.screenshots import save  # noqa: E402
from tests.e2e import files  # noqa: E402
from tests.e2e.app import (  # noqa: E402
    APPLICANT,
    PHONE,
    launch_chromium,
    log_in,
    new_context,
    running_tracker,
)
from tests.e2e.phone_flows import (  # noqa: E402
    choose_language,
    item,
    newest_document_id,
    reject_as_consultant,
    upload,
)

SUFFIX = {"en": "en", "zh-Hant": "zh-hant"}
TALL = {"width": 390, "height": 1400}


def shoot_todo_and_rejection(page: Page, lang: str, stage: str) -> None:
    choose_language(page, lang)
    if stage == "rejected":
        save(page.locator('[data-role="todo"]').screenshot(), f"todo-phone-{SUFFIX[lang]}.png")
    target = item(page, "B4", "Daniel Reyes")
    target.scroll_into_view_if_needed()
    save(target.screenshot(), f"mistake-{stage}-phone-{SUFFIX[lang]}.png")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tracker-shots-") as folder:
        work = Path(folder)
        statement = files.text_pdf(work / "bank-statement.pdf", files.ENGLISH_STATEMENT)
        rescan = files.text_pdf(
            work / "bank-statement-rescan.pdf", (*files.ENGLISH_STATEMENT, "Page 1 of 1")
        )
        fake = files.html_named_pdf(work / "hkid.pdf")
        app_dir = work / "app"
        app_dir.mkdir()
        with running_tracker(app_dir) as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                # Tall enough that no element shot needs the page resized (which drops the
                # touch emulation and would show the desktop's drag-and-drop prompt).
                context = new_context(browser, url, None, **{**PHONE, "viewport": TALL})
                case_url = log_in(context, url, APPLICANT)
                page = context.new_page()
                page.goto(case_url)
                upload(page, "B1", "Daniel Reyes", fake, "invalid")
                upload(page, "B4", "Daniel Reyes", statement, "in_review")
                doc_id = newest_document_id(page, "B4", "Daniel Reyes")
                reject_as_consultant(browser, url, case_url, doc_id, "unreadable")
                page.reload()
                for lang in SUFFIX:
                    shoot_todo_and_rejection(page, lang, "rejected")
                upload(page, "B4", "Daniel Reyes", rescan, "in_review")
                expect(page.locator('[data-todo-item][data-item-code="B4"]')).to_have_count(0)
                for lang in SUFFIX:
                    shoot_todo_and_rejection(page, lang, "fixed")
                context.close()
            finally:
                browser.close()


if __name__ == "__main__":
    main()
