"""An applicant logs in and uploads from the case page, in a real browser with JavaScript on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Request, Route, StorageState, expect

from tests.e2e.app import (
    APPLICANT,
    STATUS_TIMEOUT,
    checklist_item,
    log_in,
    new_context,
    person_id,
    running_tracker,
)

# one worker drives the browser under `pytest -n`: one app server, one chromium
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

UPLOAD_URL = re.compile(r"/items/\d+/documents$|/documents/\d+/translations$")
# The item's own upload input: not the pages of a capture, not a translation.
MAIN_INPUT = "input[type=file][id^=file-]"
STATUSES = {
    *("missing", "checking", "invalid", "needs_translation"),
    *("in_review", "rejected", "accepted", "not_required"),
}


@pytest.fixture(scope="module")
def own_app(
    chromium: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, StorageState, str]]:
    """A demo app of this module's own, the applicant logged in: these tests start from items
    nobody has touched, while the desk, bundle and capture tests upload and decide in theirs."""
    with running_tracker(tmp_path_factory.mktemp("e2e-uploads-app")) as url:
        context = new_context(chromium, url)
        try:
            landed = log_in(context, url, APPLICANT)
            state = context.storage_state()
        finally:
            context.close()
        yield url, state, landed


@pytest.fixture
def case_page(chromium: Browser, own_app: tuple[str, StorageState, str]) -> Iterator[Page]:
    url, state, case_url = own_app
    context = new_context(chromium, url, state)
    page = context.new_page()
    page.goto(case_url)
    yield page
    context.close()


def test_log_in_through_the_form_lands_on_the_case(chromium: Browser, tracker_url: str) -> None:
    context = chromium.new_context(base_url=tracker_url)
    page = context.new_page()
    try:
        page.goto("/login")
        page.locator("input[name=email]").fill(APPLICANT[0])
        page.locator("input[name=password]").fill("not-the-password")
        page.locator("form:has(input[name=password]) [type=submit]").click()
        expect(page).to_have_url(re.compile(r"/login"))
        expect(page.get_by_text("Wrong e-mail or password.")).to_be_visible()

        page.locator("input[name=email]").fill(APPLICANT[0])
        page.locator("input[name=password]").fill(APPLICANT[1])
        page.locator("form:has(input[name=password]) [type=submit]").click()
        expect(page).to_have_url(re.compile(r"/cases/\d+$"))
        expect(page.get_by_text("DEMO-0001")).to_be_visible()
        for name in ("Daniel Reyes", "Maria Reyes", "Sofia Reyes"):
            expect(page.get_by_role("heading", name=name)).to_be_visible()
        items = page.locator("[data-item-code][data-status]")
        expect(items.first).to_be_visible()
        assert items.count() >= 9
        statuses = set(items.evaluate_all("els => els.map(e => e.dataset.status)"))
        assert statuses <= STATUSES, statuses
        assert "missing" in statuses
    finally:
        page.close()
        context.close()


def _held_uploads(page: Page) -> list[Route]:
    """Hold every upload request in the network until the test lets it go."""
    held: list[Route] = []

    def hold(route: Route, _request: Request) -> None:
        held.append(route)

    page.route(UPLOAD_URL, hold)
    return held


def _release(page: Page, held: list[Route]) -> None:
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the upload never left the page"
    while held:
        held.pop().continue_()
    page.unroute(UPLOAD_URL)


def test_upload_a_photo_and_a_pdf_with_progress(
    case_page: Page, upload_files: dict[str, Path]
) -> None:
    page = case_page
    maria, sponsor = person_id(page, "Maria Reyes"), person_id(page, "Daniel Reyes")
    page.evaluate("() => { window.e2eSamePage = true; }")

    for item, file in (
        (checklist_item(page, "A1", maria), upload_files["photo"]),
        (checklist_item(page, "B3", sponsor), upload_files["statement"]),
    ):
        expect(item).to_have_attribute("data-status", "missing")
        held = _held_uploads(page)
        item.locator(MAIN_INPUT).set_input_files(file)
        bar = item.locator(".progress-list progress")
        expect(bar).to_be_visible()  # while the file is on its way
        expect(item.locator(".progress-list")).to_contain_text(file.name)
        _release(page, held)

        document = item.locator("[data-document-id]", has_text=file.name)
        # Generous: the first language check of a fresh server starts the isolated child,
        # and OCR on a shared machine can take seconds.
        expect(document).to_be_visible(timeout=STATUS_TIMEOUT)
        expect(item).not_to_have_attribute("data-status", "checking", timeout=STATUS_TIMEOUT)
        expect(item).to_have_attribute("data-status", "in_review")
        expect(document.locator("img.thumb")).to_be_visible()
        assert document.locator(".finding.error").count() == 0

    # All of it without a page load: the marker set before the uploads is still there.
    assert page.evaluate("() => window.e2eSamePage") is True


def test_an_invalid_file_is_explained(case_page: Page, upload_files: dict[str, Path]) -> None:
    page = case_page
    item = checklist_item(page, "A2", person_id(page, "Maria Reyes"))

    item.locator(MAIN_INPUT).set_input_files(upload_files["fake_pdf"])

    expect(item).to_have_attribute("data-status", "invalid", timeout=STATUS_TIMEOUT)
    document = item.locator("[data-document-id]", has_text="passport.pdf")
    expect(document).to_be_visible()
    finding = document.locator(".finding.error").first
    expect(finding).to_be_visible()
    expect(finding).to_contain_text(re.compile(r"\w+ \w+ \w+"))  # words, not a code
    assert "_" not in (finding.text_content() or "")
    expect(item.locator("[data-status-label]")).to_have_text("Cannot be accepted")
    # The upload form stays, for the corrected file.
    expect(item.locator(MAIN_INPUT)).to_be_attached()


def test_a_foreign_language_document_needs_a_translation_until_one_is_attached(
    case_page: Page, upload_files: dict[str, Path]
) -> None:
    page = case_page
    item = checklist_item(page, "A4", person_id(page, "Maria Reyes"))

    item.locator(MAIN_INPUT).set_input_files(upload_files["indonesian"])

    expect(item).to_have_attribute("data-status", "needs_translation", timeout=STATUS_TIMEOUT)
    original = item.locator("[data-document-id]", has_text="akta-perkawinan.pdf").first
    expect(original.locator(".finding").first).to_contain_text("Indonesian")
    translation_input = item.locator('input[type=file][data-role="translation"]')
    expect(translation_input).to_be_visible()
    expect(page.locator(f'label[for="{translation_input.get_attribute("id")}"]')).to_be_visible()

    translation_input.set_input_files(upload_files["translation"])

    expect(item).to_have_attribute("data-status", "in_review", timeout=STATUS_TIMEOUT)
    expect(item.locator('input[type=file][data-role="translation"]')).to_have_count(0)
    expect(item.get_by_text("marriage-certificate-translation.pdf")).to_be_visible()
