"""The case page without JavaScript, on a phone, and in Traditional Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, StorageState, expect

from tests.e2e.app import checklist_item, new_context, person_id

# one worker drives the browser under `pytest -n`: one app server, one chromium
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}


def test_without_javascript_the_plain_form_uploads_and_comes_back(
    chromium: Browser,
    tracker_url: str,
    case_url: str,
    applicant_login: tuple[StorageState, str],
    upload_files: dict[str, Path],
) -> None:
    context = new_context(chromium, tracker_url, applicant_login[0], java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(case_url)
        item = checklist_item(page, "A1", person_id(page, "Sofia Reyes"))
        item_id = item.get_attribute("data-item-id")
        form = item.locator("form", has=page.locator("input[type=file]"))
        upload_button = form.get_by_role("button", name="Upload")
        expect(upload_button).to_be_visible()  # only the script hides it

        form.locator("input[type=file]").set_input_files(upload_files["photo_png"])
        with page.expect_navigation():
            upload_button.click()

        expect(page).to_have_url(re.compile(rf"{re.escape(case_url)}#item-{item_id}$"))
        expect(page.locator(".flash")).to_contain_text("Uploaded")
        item = checklist_item(page, "A1", person_id(page, "Sofia Reyes"))
        expect(item.locator("[data-document-id]", has_text="sofia-photo.png")).to_be_visible()
        expect(item).not_to_have_attribute("data-status", "missing")
        page.close()
    finally:
        context.close()


def test_on_a_phone_the_case_page_fits_and_the_file_input_is_reachable(
    chromium: Browser, tracker_url: str, case_url: str, applicant_login: tuple[StorageState, str]
) -> None:
    context = new_context(chromium, tracker_url, applicant_login[0], **PHONE)
    try:
        page = context.new_page()
        page.goto(case_url)
        expect(page.locator("[data-item-code]").first).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways: {width}px wide"
        assert page.evaluate("window.innerWidth") == 375

        # An item still missing: the other browser tests accept items on this shared demo
        # case, and an accepted item folds away with its input.
        item = page.locator('[data-item-id][data-status="missing"]').first
        file_input = item.locator("input[type=file]").first
        file_input.scroll_into_view_if_needed()
        expect(file_input).to_be_visible()
        expect(file_input).to_be_enabled()
        box = file_input.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 375
        assert box["height"] >= 40, f"too small a target for a finger: {box}"
        sticking_out = page.evaluate(
            """() => [...document.querySelectorAll('[data-item-code]')].flatMap(item => {
                const edge = item.getBoundingClientRect().right + 0.5;
                return [...item.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > edge)
                    .map(e => `${item.id} ${e.tagName}.${e.className}`);
            })"""
        )
        assert not sticking_out, f"wider than their checklist item: {sticking_out}"
        # A tap on it opens the phone's file chooser.
        with page.expect_file_chooser() as chooser:
            file_input.tap()
        assert chooser.value.is_multiple()
        page.close()
    finally:
        context.close()


def test_switching_to_traditional_chinese_is_remembered(
    chromium: Browser, tracker_url: str, case_url: str, applicant_login: tuple[StorageState, str]
) -> None:
    context = new_context(chromium, tracker_url, applicant_login[0])
    try:
        page = context.new_page()
        page.goto(case_url)
        expect(page.get_by_text("Recent photograph of the applicant").first).to_be_visible()

        page.get_by_label("Language").select_option(label="繁體中文")
        with page.expect_navigation():
            page.locator("form:has(select[name=lang]) [type=submit]").click()

        expect(page).to_have_url(case_url)
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
        expect(page.get_by_text("申請人的近照").first).to_be_visible()
        expect(page.get_by_text("Recent photograph of the applicant")).to_have_count(0)
        body = page.locator("main").inner_text()
        assert len(re.findall(r"[\u4e00-\u9fff]", body)) > 100

        page.goto(case_url)  # a new page load keeps the choice
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
        expect(page.get_by_text("申請人的近照").first).to_be_visible()
        page.close()
    finally:
        context.close()
