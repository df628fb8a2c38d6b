"""Screenshots of the applicant's pages at phone and desktop size, into docs/screenshots/.

    .venv/bin/python docs/screenshots.py

Starts a seeded throw-away app the way the browser tests do (tests/e2e/app.py),
logs in as the demo applicant, uploads a photo, a bank statement, a file that
is not what its name says and an Indonesian marriage certificate (so that one
item asks for a translation), waits for the background checks, and takes
full-page pictures with Debian's chromium. The PNGs are reduced to a palette
to stay small enough to commit.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

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

OUT = ROOT / "docs" / "screenshots"
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 1,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def upload(page: Page, code: str, person: str, file: Path, status: str) -> None:
    item = checklist_item(page, code, person_id(page, person))
    item.locator("input[type=file][id^=file-]").set_input_files(file)
    expect(item).to_have_attribute("data-status", status, timeout=STATUS_TIMEOUT)


def load_thumbnails(page: Page) -> None:
    """A full-page picture does not scroll, so lazy thumbnails below the fold are loaded first."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"
    )
    page.evaluate(  # a function, not a string: the page's CSP forbids eval
        """() => Promise.all([...document.images].map(i => i.complete ? null
            : new Promise(done => { i.onload = i.onerror = done; })))"""
    )


def save(png: bytes, name: str) -> None:
    path = OUT / name
    path.write_bytes(png)
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    print(
        f"{path.relative_to(ROOT)}  {small.width}x{small.height}  {path.stat().st_size // 1024} KB"
    )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tracker-shots-") as folder:
        work = Path(folder)
        made = {
            "photo": files.photo(work / "maria-photo.jpg"),
            "statement": files.text_pdf(work / "bank-statement.pdf", files.ENGLISH_STATEMENT),
            "fake": files.html_named_pdf(work / "passport.pdf"),
            "indonesian": files.text_pdf(
                work / "akta-perkawinan.pdf", files.INDONESIAN_CERTIFICATE
            ),
        }
        app_dir = work / "app"
        app_dir.mkdir()
        with running_tracker(app_dir) as url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                for size, options in (("desktop", DESKTOP), ("phone", PHONE)):
                    context = new_context(browser, url, None, **options)
                    login = context.new_page()
                    login.goto("/login")
                    save(login.screenshot(full_page=True), f"login-{size}.png")
                    login.close()
                    context.close()

                context = new_context(browser, url, None, **DESKTOP)
                case_url = log_in(context, url, APPLICANT)
                page = context.new_page()
                page.goto(case_url)
                upload(page, "A1", "Maria Reyes", made["photo"], "in_review")
                upload(page, "B3", "Daniel Reyes", made["statement"], "in_review")
                upload(page, "A2", "Maria Reyes", made["fake"], "invalid")
                upload(page, "A4", "Maria Reyes", made["indonesian"], "needs_translation")
                state = context.storage_state()
                page.close()
                context.close()

                for size, options in (("desktop", DESKTOP), ("phone", PHONE)):
                    context = new_context(browser, url, state, **options)
                    page = context.new_page()
                    page.goto(case_url)
                    load_thumbnails(page)
                    save(page.screenshot(full_page=True), f"case-{size}.png")
                    if size == "phone":
                        page.get_by_label("Language").select_option("zh-Hant")
                        with page.expect_navigation():
                            page.locator("form:has(select[name=lang]) [type=submit]").click()
                        load_thumbnails(page)
                        save(page.screenshot(full_page=True), f"case-{size}-zh-hant.png")
                    page.close()
                    context.close()
            finally:
                browser.close()


if __name__ == "__main__":
    main()
