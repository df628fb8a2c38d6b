"""The consultant's desk at 1440 x 900, in English and Traditional Chinese: see, then decide.

The applicant uploads through the page (the real checks run); the consultant then
reviews in the viewer (page images, zoom, rotate, findings, keyboard shortcuts),
from the queue, or in bulk, and sees each outcome where they are looking.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e import files
from tests.e2e.app import (
    STATUS_TIMEOUT,
    checklist_item,
    in_language,
    person_id,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MAIN_INPUT = "input[type=file][name=file]:not([data-role])"
SAID = {  # what each language's page says, as a person reads it
    "en": {
        "accepted": "Accepted",
        "rejected": "Rejected",
        "failed": "cannot be accepted",
        "bulk": "accepted.",
        "shortcuts": "Keyboard shortcuts",
    },
    "zh-Hant": {
        "accepted": "已接納",
        "rejected": "已拒絕",
        "failed": "不能接納",
        "bulk": "份文件",
        "shortcuts": "鍵盤快捷鍵",
    },
}
LANGS = list(SAID)


def uploaded(page: Page, case_url: str, code: str, person: str, file: Path, status: str) -> str:
    """Upload `file` as the applicant; wait for its checks; return its document id."""
    page.goto(case_url)
    item = checklist_item(page, code, person_id(page, person))
    item.locator(MAIN_INPUT).set_input_files(file)
    document = item.locator("[data-document-id]", has_text=file.name).first
    expect(document).to_be_attached(timeout=STATUS_TIMEOUT)
    expect(item).to_have_attribute("data-status", status, timeout=STATUS_TIMEOUT)
    value = document.get_attribute("data-document-id")
    assert value
    return value


def statement(folder: Path, name: str, pages: int = 1) -> Path:
    return files.text_pdf(folder / name, files.ENGLISH_STATEMENT, pages)


@pytest.mark.parametrize("lang", LANGS)
def test_the_viewer_shows_the_pages_zooms_rotates_and_accepts_from_the_keyboard(
    lang: str, desk: BrowserContext, case_page: Page, case_url: str, tmp_path: Path
) -> None:
    doc = uploaded(
        case_page,
        case_url,
        "B4",
        "Daniel Reyes",
        statement(tmp_path, f"salary-{lang}.pdf", pages=2),
        "in_review",
    )
    page = desk.new_page()
    in_language(page, lang)
    page.goto(f"/consultant/documents/{doc}")
    viewer = page.locator("[data-viewer]")
    pictures = viewer.locator("[data-role=pages] img.page")
    expect(pictures).to_have_count(2)
    pictures.first.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('img.page').naturalWidth > 1000")
    expect(viewer.locator("[data-role=findings]")).to_be_visible()
    expect(page.locator("[data-role=shortcuts]")).to_contain_text(SAID[lang]["shortcuts"])
    expect(viewer.locator("form[data-action=accept]")).to_be_visible()
    expect(viewer.locator("form[data-action=reject] select[name=reason]")).to_be_visible()

    before = pictures.first.bounding_box()
    viewer.locator("[data-view=zoom-in]").click()
    expect(viewer).to_have_attribute("data-zoom", "125")
    page.keyboard.press("+")
    expect(viewer).to_have_attribute("data-zoom", "150")
    after = pictures.first.bounding_box()
    assert before
    assert after
    assert after["width"] > before["width"] * 1.4
    viewer.locator("[data-view=rotate-right]").click()
    page.keyboard.press("]")
    expect(viewer).to_have_attribute("data-turn", "180")
    page.keyboard.press("0")
    expect(viewer).to_have_attribute("data-zoom", "100")

    page.keyboard.press("a")
    page.wait_for_load_state()
    expect(page.locator("[data-outcome=success]")).to_contain_text(SAID[lang]["accepted"])
    expect(page.locator("[data-outcome=success]")).to_contain_text(f"salary-{lang}.pdf")
    assert page.locator("[data-outcome]").first.is_visible()  # in view, not off-screen
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_from_the_queue_a_reason_is_chosen_and_sent_from_the_keyboard(
    lang: str, desk: BrowserContext, case_page: Page, case_url: str, tmp_path: Path
) -> None:
    doc = uploaded(
        case_page,
        case_url,
        "B3",
        "Daniel Reyes",
        statement(tmp_path, f"bank-{lang}.pdf"),
        "in_review",
    )
    page = desk.new_page()
    in_language(page, lang)
    page.locator("[data-role=review-queue-link]").click()  # from the header of any page
    row = page.locator(f'[data-role=review-queue] tr[data-document-id="{doc}"]')
    expect(row).to_be_visible()
    row.get_by_role("link", name=f"bank-{lang}.pdf").click()
    expect(page.locator("[data-viewer]")).to_have_attribute("data-document-id", doc)
    page.wait_for_load_state("domcontentloaded")  # the deferred viewer.js listens for keys
    page.keyboard.press("r")
    reason = page.locator("[data-viewer] form[data-action=reject] select[name=reason]")
    expect(reason).to_be_focused()
    reason.select_option("wrong_person")
    comment = page.locator("[data-viewer] form[data-action=reject] textarea[name=comment]")
    comment.fill("This statement is not the sponsor's.")
    with page.expect_navigation():
        comment.press("Control+Enter")
    expect(page.locator("[data-outcome=success]")).to_contain_text(SAID[lang]["rejected"])
    expect(page.locator(f'[data-viewer][data-document-id="{doc}"]')).to_have_count(0)
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_file_that_failed_its_checks_cannot_be_accepted_and_the_page_says_why(
    lang: str, desk: BrowserContext, case_page: Page, case_url: str, tmp_path: Path
) -> None:
    doc = uploaded(
        case_page,
        case_url,
        "B1",
        "Daniel Reyes",
        files.html_named_pdf(tmp_path / f"id-card-{lang}.pdf"),
        "invalid",
    )
    page = desk.new_page()
    in_language(page, lang)
    page.goto(case_url.replace("/cases/", "/consultant/cases/"))
    element = page.locator(f'[data-document-id="{doc}"]')
    expect(element.locator("[data-role=not-acceptable]")).to_contain_text(SAID[lang]["failed"])
    expect(element.locator("form[data-action=accept]")).to_have_count(0)
    expect(element.locator("form[data-action=reject]")).to_have_count(0)
    expect(element.locator(".finding.error").first).to_be_visible()
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_a_persons_clean_documents_are_accepted_at_once_and_the_outcome_is_beside_them(
    lang: str, desk: BrowserContext, case_page: Page, case_url: str, tmp_path: Path
) -> None:
    uploaded(
        case_page,
        case_url,
        "A4",
        "Sofia Reyes",
        statement(tmp_path, f"school-{lang}.pdf"),
        "in_review",
    )
    page = desk.new_page()
    in_language(page, lang)
    page.goto(case_url.replace("/cases/", "/consultant/cases/"))
    person = page.locator(
        "section.person", has=page.get_by_role("heading", name=re.compile("Sofia Reyes"))
    )
    bulk = person.locator("form[data-action=accept-clean]")
    expect(bulk).to_be_visible()
    with page.expect_navigation():
        bulk.locator("button").click()
    outcome = person.locator("[data-outcome=success]")
    expect(outcome).to_contain_text(SAID[lang]["bulk"])
    expect(outcome).to_be_in_viewport()
    expect(checklist_item(page, "A4", person_id(page, "Sofia Reyes"))).to_have_attribute(
        "data-status", "accepted"
    )
    page.close()
