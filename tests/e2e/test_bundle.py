"""The bundle page and the rule-change page at 1440 x 900, in English and Traditional Chinese.

The consultant picks the index language on the bundle page and downloads the ZIP
through the browser; the index is read back with pypdf. The rule-change page runs
on its own app whose demo cases were derived from an older program file.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.app import TRACKER, environment, log_in, new_context, running_tracker
from tracker.rules.loader import PROGRAMS_DIR

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CONSULTANT = ("consultant@example.com", "consultant-demo-1")
DESKTOP = {"viewport": {"width": 1440, "height": 900}, "accept_downloads": True}
SAID = {
    "en": {
        "title": "Submission bundle",
        "missing": "Missing",
        "columns": "Item",
        "limits": "The Department's limits",
    },
    "zh-Hant": {
        "title": "遞交文件包",
        "missing": "欠缺",
        "columns": "項目",
        "limits": "入境處的檔案限制",
    },
}
OTHER = {"en": "zh-Hant", "zh-Hant": "en"}
OLD_ITEM = """[[items]]
code = "A9"
section = "A"
title = { en = "Old declaration form", zh-Hant = "舊聲明表格", zh-Hans = "旧声明表格" }

[[items]]
code = "A1"
"""


def consultant(browser: Browser, url: str, lang: str) -> Iterator[Page]:
    context: BrowserContext = new_context(browser, url, None, **DESKTOP)
    page = context.new_page()
    page.goto(log_in(context, url, CONSULTANT))
    page.goto("/dashboard")
    page.locator("#lang-select").select_option(lang)
    with page.expect_navigation():
        page.locator("form.lang-switch [type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", lang)
    yield page
    context.close()


@pytest.fixture(params=list(SAID))
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def desk(chromium: Browser, tracker_url: str, lang: str) -> Iterator[Page]:
    yield from consultant(chromium, tracker_url, lang)


def test_the_index_is_downloaded_in_the_language_chosen_on_the_page(desk: Page, lang: str) -> None:
    desk.locator("a", has_text="DEMO-0001").first.click()
    desk.locator("a", has_text=SAID[lang]["title"]).first.click()
    expect(desk.locator("h1")).to_contain_text(SAID[lang]["title"])
    expect(desk.locator('[data-role="over-limit"]')).to_contain_text(SAID[lang]["limits"])
    expect(desk.locator("#index-lang")).to_have_value(lang)  # the page's language by default
    chosen = OTHER[lang]
    desk.locator("#index-lang").select_option(chosen)
    with desk.expect_download() as download:
        desk.locator('[data-action="download-bundle"]').click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert archive.namelist()[0] == "00 Index.pdf"
    reader = pypdf.PdfReader(io.BytesIO(archive.read("00 Index.pdf")))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for word in (SAID[chosen]["title"], SAID[chosen]["missing"], SAID[chosen]["columns"]):
        assert word in text
    assert "needs_translation" not in text
    assert "in_review" not in text


@pytest.fixture(scope="module")
def older_rules_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app whose demo cases were derived from an hk_dependant with one more item (A9)."""
    work = tmp_path_factory.mktemp("e2e-rules")
    old = work / "programs"
    shutil.copytree(PROGRAMS_DIR, old)
    path = old / "hk_dependant.toml"
    text = path.read_text(encoding="utf-8").replace('[[items]]\ncode = "A1"\n', OLD_ITEM, 1)
    path.write_text(text.replace('version = "', 'version = "old-', 1), encoding="utf-8")
    env = {**environment(work), "TRACKER_PROGRAMS_DIR": str(old)}
    for args in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([TRACKER, *args], env=env, cwd=work, check=True, capture_output=True)
    with running_tracker(work) as url:  # now serving the installed programs
        yield url


def test_rule_change_is_shown_confirmed_applied_and_recorded(
    chromium: Browser, older_rules_url: str
) -> None:
    for page in consultant(chromium, older_rules_url, "zh-Hant"):
        page.locator('[data-role="program-changes"]').click()
        expect(page.locator("h1")).to_have_text("規則變更")
        section = page.locator('[data-program="hk_dependant"]')
        expect(section.locator('[data-role="loses"] [data-code="A9"]').first).to_be_visible()
        page.locator('[data-action="apply-program-change"]').click()  # not confirmed yet
        expect(page.locator('[data-role="confirm-change"]')).not_to_be_checked()
        expect(section.locator('[data-role="loses"] [data-code="A9"]').first).to_be_visible()

    for page in consultant(chromium, older_rules_url, "en"):
        page.goto("/consultant/programs")
        section = page.locator('[data-program="hk_dependant"]')
        row = section.locator("tr[data-case-id]").first
        case_id = row.get_attribute("data-case-id")
        expect(row.locator('[data-role="loses"]')).to_contain_text("A9")
        section.locator('[data-role="confirm-change"]').check()
        with page.expect_navigation():
            section.locator('[data-action="apply-program-change"]').click()
        expect(page.locator("body")).to_contain_text("now follow version")
        expect(
            page.locator('[data-program="hk_dependant"] [data-role="no-changes"]')
        ).to_be_visible()
        page.goto(f"/consultant/cases/{case_id}")
        expect(page.locator('[data-action="case.program_changed"]').first).to_be_attached()
