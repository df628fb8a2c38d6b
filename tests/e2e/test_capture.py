"""On a phone (390 × 844): several photographed pages become one PDF, big photos shrink first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, StorageState, expect

from tests.e2e.app import PHONE, STATUS_TIMEOUT, new_context
from tests.e2e.capture import big_photo, blurry_scan, page_photo

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MB = 1024 * 1024
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
    .map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))
    .slice(0, 8)"""


@pytest.fixture
def phone(
    chromium: Browser, tracker_url: str, case_url: str, applicant_login: tuple[StorageState, str]
) -> Iterator[Page]:
    context = new_context(chromium, tracker_url, applicant_login[0], **PHONE)
    page = context.new_page()
    page.goto(case_url)
    yield page
    context.close()


def missing_item(page: Page) -> Locator:
    """A still-missing item that takes several pages, by its id (the status will change)."""
    items = page.locator('[data-status="missing"]:has(form[data-role="capture"])')
    expect(items.first).to_be_attached()
    return page.locator(f"#item-{items.last.get_attribute('data-item-id')}")


def add_page(page: Page, item: Locator, photo: Path) -> None:
    with page.expect_file_chooser() as chooser:
        item.locator("[data-role=add-page]").click()
    chooser.value.set_files(photo)


def test_pages_photographed_one_after_another_become_one_pdf(phone: Page, tmp_path: Path) -> None:
    item = missing_item(phone)
    item.scroll_into_view_if_needed()
    expect(item.locator("[data-role=pages]")).to_be_hidden()  # "Add a page" instead
    photos = [page_photo(tmp_path / f"IMG_{n}.jpg", n) for n in (1, 2, 3)]
    extra = page_photo(tmp_path / "IMG_wrong.jpg", 9)
    for photo in (photos[0], extra, photos[1], photos[2]):
        add_page(phone, item, photo)
    rows = item.locator("[data-pages] li")
    expect(rows).to_have_count(4)
    rows.nth(1).get_by_role("button").click()  # the wrong page goes before sending
    expect(rows).to_have_count(3)
    wide = phone.evaluate(WIDER_THAN_SCREEN)
    assert not wide, f"wider than the phone: {wide}"

    item.locator("[data-role=make-pdf]").click()
    doc = item.locator("[data-document-id]")
    expect(doc).to_have_count(1, timeout=STATUS_TIMEOUT)
    expect(doc).to_contain_text("IMG_1-3-pages.pdf")
    expect(doc).to_contain_text("3 pages")
    expect(item).to_have_attribute("data-status", re.compile("checking|in_review"))


def test_a_photo_over_the_items_limit_is_made_smaller_before_it_is_sent(
    phone: Page, tmp_path: Path
) -> None:
    item = missing_item(phone)
    limit = int(item.locator("form.upload").get_attribute("data-max-bytes") or 0)
    photo = big_photo(tmp_path / "whole-page.jpg", limit / MB + 1)
    item.locator("input[id^=file-]").set_input_files(photo)
    doc = item.locator("[data-document-id]")
    expect(doc).to_have_count(1, timeout=STATUS_TIMEOUT)
    expect(doc).to_contain_text("whole-page.jpg")
    expect(item.locator('[data-finding="too_large"]')).to_have_count(0)
    expect(item).not_to_have_attribute("data-status", "invalid")
    state = phone.request.get(item.get_attribute("data-item-url") or "").json()
    (stored,) = state["documents"]
    assert stored["size"] <= limit < photo.stat().st_size


def test_a_blurry_sideways_scan_is_told_to_retake_it(phone: Page, tmp_path: Path) -> None:
    item = missing_item(phone)
    scan = tmp_path / "scan.jpg"
    blurry_scan(scan)
    item.locator("input[id^=file-]").set_input_files(scan)
    finding = item.locator('[data-finding="image_blurry"]')
    # A sideways 12 MP scan on a travel-document item: the MRZ reader tries each quarter
    # turn and OCR reads the blur before the checks finish; the other xdist worker shares
    # the two cores.
    expect(finding).to_be_visible(timeout=3 * STATUS_TIMEOUT)
    expect(finding).to_contain_text("hold the phone steady")
    expect(item).not_to_have_attribute("data-status", "invalid")  # a warning, not a refusal
