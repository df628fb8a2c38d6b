"""The bundle page and the rule-change page at 1440 x 900, in English and Traditional Chinese.

The consultant picks the index language on the bundle page and downloads the ZIP
through the browser; the index is read back with pypdf. The rule-change page runs
on its own app whose demo cases were derived from an older program file.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
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
ROOT = Path(__file__).resolve().parents[2]
SCAN_OVER_5_MB = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.casework import add_document, case_by_reference, noise_png, requirement
from tracker import create_app
from tracker.models import Review
app = create_app()
with app.app_context():
    photo = requirement(case_by_reference("DEMO-0001"), "A1", "Maria Reyes")
    add_document(app, photo, noise_png((1500, 1300)), name="scan.png", mime="image/png",
                 kind="image", review=Review.ACCEPTED)
"""
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


@pytest.fixture(scope="module")
def too_big_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An app whose DEMO-0001 holds an accepted 5.6 MB photo (accepted under older limits)."""
    work = tmp_path_factory.mktemp("e2e-too-big")
    env = environment(work)
    for args in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([TRACKER, *args], env=env, cwd=work, check=True, capture_output=True)
    command = [sys.executable, "-c", SCAN_OVER_5_MB, str(ROOT)]
    subprocess.run(command, env=env, cwd=work, check=True, capture_output=True)
    with running_tracker(work) as url:
        yield url


def test_a_file_over_the_limits_is_listed_and_copied_in_one_click(
    chromium: Browser, too_big_url: str
) -> None:
    for page in consultant(chromium, too_big_url, "zh-Hant"):
        page.locator("a", has_text="DEMO-0001").first.click()
        page.locator("a", has_text="遞交文件包").first.click()
        listed = page.locator('[data-role="over-limit"] li[data-document-id]')
        expect(listed).to_have_count(1)
        expect(listed).to_contain_text("超過入境處每個檔案 5 MB 的上限")
        bundle_url = page.url

    for page in consultant(chromium, too_big_url, "en"):
        page.goto(bundle_url)
        listed = page.locator('[data-role="over-limit"] li[data-document-id]')
        expect(listed).to_contain_text("over the Department's 5 MB")
        with page.expect_navigation():
            listed.locator('[data-action="filing-copy"]').click()
        expect(page.locator("body")).to_contain_text("A smaller copy was made")
        expect(listed.locator('[data-action="filing-copy"]')).to_have_count(0)
        expect(listed).to_contain_text("waiting for its checks and your review")
