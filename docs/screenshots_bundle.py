"""Screenshots of the submission bundle: its index PDF (page 1) and the bundle page.

    .venv/bin/python docs/screenshots_bundle.py

Starts a seeded throw-away app (tests/e2e/app.py); the demo applicant uploads a
bank statement, an Indonesian marriage certificate and a photo (for the first person
of each item); the demo
consultant accepts the statement, then downloads the bundle from the bundle page
with the index in English and in Traditional Chinese. Page 1 of each index is
rendered with pdfium at 1.5 × (about 110 dpi).
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright  # noqa: E402

from docs.screenshots import save  # noqa: E402
from docs.screenshots_desk import CONSULTANT, DESK  # noqa: E402
from tests.e2e import files  # noqa: E402
from tests.e2e.app import (  # noqa: E402
    APPLICANT,
    STATUS_TIMEOUT,
    launch_chromium,
    log_in,
    new_context,
    running_tracker,
)


def applicant_uploads(browser: Browser, url: str, work: Path) -> None:
    context = new_context(browser, url, None, **DESK)
    page = context.new_page()
    page.goto(log_in(context, url, APPLICANT))
    statement = files.text_pdf(work / "bank-statement.pdf", files.ENGLISH_STATEMENT, pages=2)
    upload(page, "B3", statement, "in_review")
    certificate = files.text_pdf(work / "akta-perkawinan.pdf", files.INDONESIAN_CERTIFICATE)
    upload(page, "A4", certificate, "needs_translation")
    upload(page, "A1", files.photo(work / "maria.jpg"), "in_review")
    context.close()


def item_of(page: Page, code: str) -> Locator:
    """The first person's checklist item (the to-do list above it has no data-status)."""
    return page.locator(f'[data-item-code="{code}"][data-status]').first


def upload(page: Page, code: str, file: Path, status: str) -> None:
    item = item_of(page, code)
    item.locator("input[type=file][id^=file-]").set_input_files(file)
    expect(item).to_have_attribute("data-status", status, timeout=STATUS_TIMEOUT)


def accept(page: Page, code: str) -> None:
    item = item_of(page, code)
    with page.expect_navigation():
        item.locator('form[data-action="accept"] [type=submit]').first.click()


def index_page_one(page: Page, lang: str) -> bytes:
    page.locator("#index-lang").select_option(lang)
    with page.expect_download() as download:
        page.locator('[data-action="download-bundle"]').click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    document = pypdfium2.PdfDocument(archive.read("00 Index.pdf"))
    try:
        picture = document[0].render(scale=1.5).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def consultant_shots(browser: Browser, url: str) -> None:
    context = new_context(browser, url, None, accept_downloads=True, **DESK)
    page = context.new_page()
    page.goto(log_in(context, url, CONSULTANT))
    page.locator("a", has_text="DEMO-0001").first.click()
    case_url = page.url
    accept(page, "B3")
    accept(page, "A1")
    page.goto(f"{case_url}/bundle?lang=en")
    save(page.screenshot(full_page=True), "bundle-page.png")
    save(index_page_one(page, "en"), "bundle-index.png")
    save(index_page_one(page, "zh-Hant"), "bundle-index-zh-hant.png")
    context.close()


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="tracker-bundle-shots-") as folder,
        running_tracker(Path(folder)) as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            applicant_uploads(browser, url, Path(folder))
            consultant_shots(browser, url)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
