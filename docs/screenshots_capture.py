"""Screenshots of "Add a page" on a phone (390 x 844), in English and Traditional Chinese.

    .venv/bin/python docs/screenshots_capture.py

Starts a seeded throw-away app the way the browser tests do, logs in as the demo
applicant, photographs three pages of the sponsor's address proof one after another
(generated pictures) and takes a picture of the item with the pages collected, then
of the one PDF they became. PNGs reduced to a palette to stay small.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from docs.screenshots import save  # noqa: E402
from tests.e2e.app import (  # noqa: E402
    APPLICANT,
    PHONE,
    STATUS_TIMEOUT,
    checklist_item,
    launch_chromium,
    log_in,
    new_context,
    person_id,
    running_tracker,
)
from tests.e2e.capture import page_photo  # noqa: E402

ITEMS = {"en": "B4", "zh-hant": "B1"}  # one item each, so both start empty


def capture(page: Page, code: str, photos: list[Path], name: str) -> None:
    item = checklist_item(page, code, person_id(page, "Daniel Reyes"))
    item.scroll_into_view_if_needed()
    for photo in photos:
        with page.expect_file_chooser() as chooser:
            item.locator("[data-role=add-page]").click()
        chooser.value.set_files(photo)
    expect(item.locator("[data-pages] li")).to_have_count(len(photos))
    page.wait_for_timeout(300)  # the thumbnails are object URLs: drawn at once
    save(item.screenshot(), f"capture-{name}.png")
    item.locator("[data-role=make-pdf]").click()
    doc = item.locator("[data-document-id]")
    expect(doc).to_have_count(1, timeout=STATUS_TIMEOUT)
    expect(item).not_to_have_attribute("data-status", "checking", timeout=STATUS_TIMEOUT)
    save(item.screenshot(), f"capture-{name}-sent.png")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tracker-shots-") as folder:
        work = Path(folder)
        photos = [page_photo(work / f"IMG_{n}.jpg", n) for n in (1, 2, 3)]
        app_dir = work / "app"
        app_dir.mkdir()
        with running_tracker(app_dir) as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                context = new_context(browser, url, None, **PHONE)
                case_url = log_in(context, url, APPLICANT)
                page = context.new_page()
                page.goto(case_url)
                capture(page, ITEMS["en"], photos, "phone-en")
                page.get_by_label("Language").select_option("zh-Hant")
                with page.expect_navigation():
                    page.locator("form:has(select[name=lang]) [type=submit]").click()
                capture(page, ITEMS["zh-hant"], photos, "phone-zh-hant")
                context.close()
            finally:
                browser.close()


if __name__ == "__main__":
    main()
