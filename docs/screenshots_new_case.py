"""Screenshots of opening a case and of its dates at 1440 x 900, English and Traditional Chinese.

    .venv/bin/python docs/screenshots_new_case.py

Starts a seeded throw-away app (tests/e2e/app.py); as the demo consultant, fills the
new-case form for a family of two, adds the second applicant (nothing typed is lost),
opens it with a relationship left out (the problem is said beside the field), then
gives the demo case a sponsor's limit of stay 20 days away and a right-of-abode date
passed, and photographs the dates table.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from docs.screenshots import save  # noqa: E402
from tests.e2e.app import (  # noqa: E402
    CONSULTANT,
    DESKTOP,
    in_language,
    launch_chromium,
    log_in,
    new_context,
    running_tracker,
)

NATIONALITY = {"en": "Philippines", "zh-Hant": "菲律賓"}
SUFFIX = {"en": "", "zh-Hant": "-zh-hant"}


def form_with_a_problem(page: Page, lang: str) -> None:
    page.goto("/consultant/cases/new?program=hk_dependant")
    page.locator("#case-application_type").select_option("entry")
    page.locator("#case-sponsor_category").select_option("gep")
    page.locator("#sponsor-name").fill("Daniel Chan")
    for n, (name, age) in enumerate((("Maria Chan", "34"), ("Sofia Chan", "8"))):
        if n:
            page.locator('button[value="add_applicant"]').click()
        page.locator(f"#a{n}-name").fill(name)
        page.locator(f"#a{n}-applicant_age").fill(age)
        page.locator(f"#a{n}-applicant_nationality").fill(NATIONALITY[lang])
        page.locator(f"#a{n}-applicant_residence").select_option("overseas")
    page.locator("#a0-relationship").select_option("spouse")
    page.locator('button[value="open"].primary').click()
    problem = page.locator('[data-error-for="a1-relationship"]')
    expect(problem).to_be_visible()
    problem.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -300)")
    save(page.screenshot(), f"new-case-form{SUFFIX[lang]}.png")


def dates_table(page: Page, lang: str) -> None:
    page.goto("/dashboard?q=DEMO-0001")
    page.locator("[data-case-id] a").first.click()
    today = date.today()
    first_entry = today - timedelta(days=121)
    page.locator("#dates details").evaluate("details => { details.open = true; }")
    people = page.locator("#dates fieldset")
    stay = (today + timedelta(days=20)).isoformat()
    people.first.locator('input[name$="-stay_expires_on"]').fill(stay)
    entered = first_entry.replace(year=first_entry.year - 7).isoformat()
    people.nth(1).locator('input[name$="-first_entry_on"]').fill(entered)
    page.locator("#dates form button.primary").click()
    table = page.locator("table.dates")
    expect(table.locator('tr[data-urgency="soon"]')).to_have_count(1)
    save(page.locator("#dates").screenshot(), f"case-dates{SUFFIX[lang]}.png")


def shots(browser: Browser, url: str) -> None:
    context = new_context(browser, url, **DESKTOP, device_scale_factor=1)
    log_in(context, url, CONSULTANT)
    page = context.new_page()
    for lang in ("en", "zh-Hant"):
        in_language(page, lang)
        form_with_a_problem(page, lang)
        dates_table(page, lang)
    context.close()


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="tracker-new-case-shots-") as folder,
        running_tracker(Path(folder)) as url,
        sync_playwright() as playwright,
    ):
        browser = launch_chromium(playwright)
        try:
            shots(browser, url)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
