"""Issue 15 at phone size (390 × 844) in Debian's chromium: the to-do list, removing and
replacing one's own uploads, errors that stay, the touch prompt, and axe-core on every
applicant page in all three languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, StorageState, expect

from tests.e2e.app import APPLICANT, PHONE, STATUS_TIMEOUT, log_in, new_context, running_tracker
from tests.e2e.axe import serious_violations
from tests.e2e.phone_flows import (
    MAIN_INPUT,
    choose_language,
    decide_as_consultant,
    item,
    newest_document_id,
    reject_as_consultant,
    upload,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

LANGS = ("en", "zh-Hant", "zh-Hans")
LOCALES = {"en": "en-GB", "zh-Hant": "zh-HK", "zh-Hans": "zh-CN"}


@pytest.fixture(scope="module")
def own_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app of this module's own: the other browser tests review and upload in theirs."""
    with running_tracker(tmp_path_factory.mktemp("e2e-phone-app")) as url:
        yield url


@pytest.fixture(scope="module")
def own_login(chromium: Browser, own_url: str) -> tuple[StorageState, str]:
    context = new_context(chromium, own_url)
    try:
        landed = log_in(context, own_url, APPLICANT)
        return context.storage_state(), landed
    finally:
        context.close()


@pytest.fixture
def phone(chromium: Browser, own_url: str, own_login: tuple[StorageState, str]) -> Iterator[Page]:
    context = new_context(chromium, own_url, own_login[0], **PHONE)
    page = context.new_page()
    page.goto(own_login[1])
    yield page
    context.close()


def test_the_to_do_list_leads_to_each_item(phone: Page) -> None:
    """Finding 4: nothing said what was left to do."""
    choose_language(phone, "zh-Hant")
    todo = phone.locator('[data-role="todo"]')
    expect(todo).to_be_in_viewport()
    entries = todo.locator("[data-todo-item]")
    expect(entries.first).to_be_visible()
    assert entries.count() >= 5
    for n in range(entries.count()):
        entry = entries.nth(n)
        assert entry.get_attribute("data-item-code")
        assert entry.get_attribute("data-person")
    expect(todo).to_contain_text("尚欠")
    last = entries.last
    code, person = last.get_attribute("data-item-code"), last.get_attribute("data-person")
    last.get_by_role("link").click()
    target = phone.locator(f'[data-item-code="{code}"][data-person="{person}"][data-status]')
    expect(target).to_be_in_viewport()
    expect(phone.locator("[data-role=progress-counts]")).to_contain_text("待處理")


def test_a_failed_upload_can_be_removed(phone: Page, upload_files: dict[str, Path]) -> None:
    """Finding 2: no way to undo a mistake; the failed file kept its error."""
    upload(phone, "B1", "Daniel Reyes", upload_files["fake_pdf"], "invalid")
    target = item(phone, "B1", "Daniel Reyes")
    doc = target.locator("[data-document-id]").first
    expect(doc.locator('form[data-action="remove-document"]')).to_be_visible()
    with phone.expect_navigation():
        doc.locator('form[data-action="remove-document"] button').click()
    target = item(phone, "B1", "Daniel Reyes")
    expect(target).to_have_attribute("data-status", "missing")
    expect(target.locator("[data-document-id]")).to_have_count(0)
    expect(phone.locator('[data-todo-item][data-item-code="B1"]')).to_have_attribute(
        "data-action-needed", "missing"
    )


def test_a_pending_file_is_replaced_through_the_items_own_input(
    phone: Page, upload_files: dict[str, Path]
) -> None:
    upload(phone, "A4", "Maria Reyes", upload_files["fake_pdf"], "invalid")
    old = newest_document_id(phone, "A4", "Maria Reyes")
    with phone.expect_file_chooser() as chooser:
        item(phone, "A4", "Maria Reyes").locator(f'[data-replaces="{old}"]').click()
    chooser.value.set_files(upload_files["statement"])
    target = item(phone, "A4", "Maria Reyes")
    expect(target).to_have_attribute("data-status", "in_review", timeout=STATUS_TIMEOUT)
    expect(target.locator(f'[data-document-id="{old}"]')).to_have_count(0)
    expect(target.locator("[data-document-id]")).to_have_count(1)


def test_a_rejected_file_is_explained_in_chinese_and_fixed_by_a_new_upload(
    phone: Page,
    chromium: Browser,
    own_url: str,
    own_login: tuple[StorageState, str],
    upload_files: dict[str, Path],
) -> None:
    """Findings 1 and 2: the reason arrived in English; the fix is one new upload."""
    upload(phone, "B4", "Daniel Reyes", upload_files["statement"], "in_review")
    doc_id = newest_document_id(phone, "B4", "Daniel Reyes")
    reject_as_consultant(chromium, own_url, own_login[1], doc_id, "unreadable")

    phone.reload()
    choose_language(phone, "zh-Hant")
    rejected = item(phone, "B4", "Daniel Reyes")
    expect(rejected).to_have_attribute("data-status", "rejected")
    doc = rejected.locator(f'[data-document-id="{doc_id}"]')
    expect(doc).to_contain_text("無法閱讀")
    expect(doc).not_to_contain_text("Unreadable")
    expect(doc.locator('form[data-action="remove-document"]')).to_have_count(0)  # decided
    todo = phone.locator('[data-todo-item][data-item-code="B4"]')
    expect(todo).to_contain_text("已退回")

    upload(phone, "B4", "Daniel Reyes", upload_files["photo"], "in_review")
    expect(phone.locator('[data-todo-item][data-item-code="B4"]')).to_have_count(0)
    phone.reload()
    expect(phone.locator('[data-todo-item][data-item-code="B4"]')).to_have_count(0)


def test_a_file_over_the_items_limit_is_refused_and_the_error_stays(
    phone: Page, tmp_path: Path
) -> None:
    """Finding 3: the 413 message was wiped by a reload 0.1 s later, and said 25 MB."""
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.4\n" + bytes(6 * 1024 * 1024))
    target = item(phone, "B3", "Daniel Reyes")
    limit = target.locator("p.muted").first
    expect(limit).to_contain_text("5 MB")
    target.locator(MAIN_INPUT).set_input_files(big)
    error = target.locator(".upload-progress.error")
    expect(error).to_contain_text("scan.pdf")
    expect(error).to_contain_text("5 MB")
    phone.wait_for_timeout(2500)  # the old script reloaded the item after 0.1 s
    expect(item(phone, "B3", "Daniel Reyes").locator(".upload-progress.error")).to_be_visible()


def test_a_touch_screen_is_not_asked_to_drop_files(
    phone: Page,
    chromium: Browser,
    own_url: str,
    own_login: tuple[StorageState, str],
) -> None:
    target = item(phone, "A4", "Maria Reyes")
    expect(target.locator(".drop-pointer")).to_be_hidden()
    expect(target.locator(".drop-touch")).to_be_visible()
    desktop = new_context(chromium, own_url, own_login[0])
    try:
        page = desktop.new_page()
        page.goto(own_login[1])
        expect(item(page, "A4", "Maria Reyes").locator(".drop-pointer")).to_be_visible()
        expect(item(page, "A4", "Maria Reyes").locator(".drop-touch")).to_be_hidden()
    finally:
        desktop.close()


@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_serious_on_any_applicant_page(
    chromium: Browser,
    own_url: str,
    own_login: tuple[StorageState, str],
    lang: str,
) -> None:
    """Finding 8: axe-core on every applicant page, in each language: 0 serious or critical."""
    found: dict[str, list[object]] = {}
    visitor = new_context(chromium, own_url, locale=LOCALES[lang], bypass_csp=True, **PHONE)
    applicant = new_context(
        chromium, own_url, own_login[0], locale=LOCALES[lang], bypass_csp=True, **PHONE
    )
    try:
        page = visitor.new_page()
        for path in ("/login", "/reset"):
            page.goto(path)
            expect(page.locator("html")).to_have_attribute("lang", lang)
            found[path] = list(serious_violations(page))
        page = applicant.new_page()
        page.goto(own_login[1])
        choose_language(page, lang)
        for path in ("/cases", own_login[1], "/documents/0/file", "/no-such-page"):
            page.goto(path)
            found[path] = list(serious_violations(page))
    finally:
        visitor.close()
        applicant.close()
    count = sum(len(v) for v in found.values())
    print(f"axe-core {lang}: {count} serious/critical violations on {len(found)} pages")
    assert {path: v for path, v in found.items() if v} == {}


def test_the_axe_check_can_fail(
    chromium: Browser, own_url: str, own_login: tuple[StorageState, str]
) -> None:
    """The check above is real: an image without a text alternative is reported as critical."""
    context = new_context(chromium, own_url, bypass_csp=True, **PHONE)
    try:
        page = context.new_page()
        page.goto("/login")
        page.evaluate("() => document.querySelector('main').append(document.createElement('img'))")
        assert [v["id"] for v in serious_violations(page)] == ["image-alt"]
    finally:
        context.close()


def test_the_translation_warning_clears_once_a_translation_is_attached(
    phone: Page, upload_files: dict[str, Path]
) -> None:
    """Finding 5: the warning never cleared."""
    upload(phone, "A4", "Sofia Reyes", upload_files["indonesian"], "needs_translation")
    target = item(phone, "A4", "Sofia Reyes")
    expect(target.locator('[data-finding="needs_translation"]')).to_be_visible()
    target.locator('input[type=file][data-role="translation"]').set_input_files(
        upload_files["translation"]
    )
    target = item(phone, "A4", "Sofia Reyes")
    expect(target).to_have_attribute("data-status", "in_review", timeout=STATUS_TIMEOUT)
    expect(target.locator('[data-role="translated"]')).to_be_visible(timeout=STATUS_TIMEOUT)
    expect(target.locator('[data-finding="needs_translation"]')).to_have_count(0)
    sofia = target.get_attribute("data-person")
    expect(
        phone.locator(f'[data-todo-item][data-item-code="A4"][data-person="{sofia}"]')
    ).to_have_count(0)


def test_a_one_file_item_refuses_a_second_file_and_says_so(
    phone: Page, upload_files: dict[str, Path]
) -> None:
    """Finding 2: a photo item that allows one file took three."""
    upload(phone, "A1", "Sofia Reyes", upload_files["photo"], re.compile("in_review|invalid"))
    target = item(phone, "A1", "Sofia Reyes")
    expect(target.locator(MAIN_INPUT)).not_to_have_attribute("multiple", "")
    target.locator(MAIN_INPUT).set_input_files(upload_files["photo_png"])
    error = item(phone, "A1", "Sofia Reyes").locator(".upload-progress.error")
    expect(error).to_contain_text("at most 1 file")
    phone.wait_for_timeout(2000)
    expect(error).to_be_visible()
    expect(item(phone, "A1", "Sofia Reyes").locator("[data-document-id]")).to_have_count(1)


def test_phone_details_hong_kong_time_log_out_and_the_way_back(phone: Page) -> None:
    """Finding 7: UTC times, log-out away from the language switch, bare error pages."""
    choose_language(phone, "zh-Hant")
    switch = phone.locator("form.lang-switch").bounding_box()
    log_out = phone.locator('form[data-action="logout"] button')
    expect(log_out).to_be_in_viewport()
    box = log_out.bounding_box()
    assert switch is not None
    assert box is not None
    assert abs(box["y"] - switch["y"]) < switch["height"], (switch, box)  # the same row
    times = phone.locator("[data-document-id] time")
    expect(times.first).to_contain_text("香港時間")
    case = phone.url
    phone.goto("/documents/999999/file", referer=case)
    expect(phone.locator("h1")).to_have_text("找不到此頁")
    phone.locator('[data-role="back"]').click()
    expect(phone).to_have_url(case)


def test_an_accepted_item_folds_away(
    phone: Page,
    chromium: Browser,
    own_url: str,
    own_login: tuple[StorageState, str],
    upload_files: dict[str, Path],
) -> None:
    """Finding 4: ~3,400 px of identical boxes; done items fold away."""
    upload(phone, "B3", "Daniel Reyes", upload_files["statement"], "in_review")
    doc_id = newest_document_id(phone, "B3", "Daniel Reyes")
    decide_as_consultant(chromium, own_url, own_login[1], doc_id, "accept")
    phone.reload()
    done = item(phone, "B3", "Daniel Reyes")
    expect(done).to_have_attribute("data-status", "accepted")
    expect(done.locator("details.folded")).not_to_have_attribute("open", "")
    expect(done.locator("[data-status-label]")).to_be_visible()
    expect(done.locator(MAIN_INPUT)).to_be_hidden()
    expect(phone.locator('[data-todo-item][data-item-code="B3"]')).to_have_count(0)
    done.locator("details.folded > summary").click()
    expect(done.locator(f'[data-document-id="{doc_id}"]')).to_be_visible()
