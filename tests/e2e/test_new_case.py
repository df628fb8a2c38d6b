"""Opening a case at 1440 x 900, in English and Traditional Chinese, and reading its dates.

Nothing typed is lost (another applicant, another program), problems are said beside
their fields, only the questions the answers need are shown, and each date row says
what it is.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, StorageState, expect

from tests.e2e.app import DESKTOP, in_language, new_context

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SAID = {
    "en": {
        "philippines": "Philippines",
        "answer": "Relationship to the sponsor: answer this question.",
        "milestone": "Milestone",
        "deadline": "Deadline",
        "ago": "121 days ago",
    },
    "zh-Hant": {
        "philippines": "菲律賓",
        "answer": "與保證人的關係：請回答此問題。",
        "milestone": "里程碑",
        "deadline": "限期",
        "ago": "121 日前",
    },
}
LANGS = list(SAID)


def new_case_page(desk: BrowserContext, lang: str) -> Page:
    page = desk.new_page()
    in_language(page, lang)
    page.goto("/consultant/cases/new?program=hk_dependant")
    return page


@pytest.mark.parametrize("lang", LANGS)
def test_a_case_is_opened_without_losing_anything_typed(lang: str, desk: BrowserContext) -> None:
    said = SAID[lang]
    page = new_case_page(desk, lang)
    page.locator("#case-application_type").select_option("entry")
    page.locator("#case-sponsor_category").select_option("gep")
    page.locator("#sponsor-name").fill("Daniel Chan")
    page.locator("#a0-name").fill("Maria Chan")
    page.locator("#a0-applicant_age").fill("34")
    page.locator("#a0-applicant_nationality").fill(said["philippines"])
    macau = page.locator('fieldset.question[data-field="a0-macau_former_mainland_resident"]')
    expect(macau).to_be_hidden()
    page.locator("#a0-applicant_residence").select_option("macau")
    expect(macau).to_be_visible()  # asked once the answers need it
    page.locator("#a0-applicant_residence").select_option("overseas")
    expect(macau).to_be_hidden()

    page.locator('button[value="add_applicant"]').click()
    expect(page.locator("#a1-name")).to_be_visible()
    expect(page.locator("#sponsor-name")).to_have_value("Daniel Chan")
    expect(page.locator("#a0-name")).to_have_value("Maria Chan")
    expect(page.locator("#a0-applicant_nationality")).to_have_value(said["philippines"])

    page.locator("#a1-name").fill("Sofia Chan")
    page.locator("#a1-applicant_age").fill("8")
    page.locator("#a1-applicant_nationality").fill(said["philippines"])
    page.locator("#a1-applicant_residence").select_option("overseas")
    page.locator("#a0-name").press("Enter")  # Enter opens the case, as the main button does
    expect(page.locator('[data-error-for="a0-relationship"]')).to_have_text(said["answer"])
    expect(page.locator('[data-error-for="a1-relationship"]')).to_have_text(said["answer"])
    expect(page.locator("#a1-name")).to_have_value("Sofia Chan")

    page.locator("#a0-relationship").select_option("spouse")
    page.locator("#a1-relationship").select_option("child")
    page.locator('button[value="open"].primary').click()
    page.wait_for_url("**/consultant/cases/*")
    expect(page.get_by_role("heading", name="Sofia Chan")).to_be_visible()
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_changing_program_keeps_what_was_typed(lang: str, desk: BrowserContext) -> None:
    page = new_case_page(desk, lang)
    page.locator("#sponsor-name").fill("Daniel Chan")
    page.locator("#a0-name").fill("Ho Ka Yan")
    page.locator("#a0-applicant_age").fill("40")
    with page.expect_navigation():
        page.locator("#program").select_option("us_b1b2")
    expect(page.locator('[data-role="sponsor"]')).to_have_count(0)
    expect(page.locator("#a0-purpose")).to_be_visible()
    expect(page.locator("#a0-name")).to_have_value("Ho Ka Yan")
    expect(page.locator("#a0-applicant_age")).to_have_value("40")
    with page.expect_navigation():
        page.locator("#program").select_option("hk_dependant")
    expect(page.locator("#sponsor-name")).to_have_value("Daniel Chan")
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_dates_say_what_they_are_and_a_near_limit_of_stay_stands_out(
    lang: str, desk: BrowserContext
) -> None:
    said = SAID[lang]
    page = desk.new_page()
    in_language(page, lang)
    page.goto("/dashboard?q=DEMO-0001")
    page.locator("[data-case-id] a").first.click()
    today = date.today()
    first_entry = today - timedelta(days=121)
    first_entry = first_entry.replace(year=first_entry.year - 7)
    page.locator("#dates details").evaluate("details => { details.open = true; }")
    sponsor = page.locator("#dates fieldset").first
    sponsor.locator('input[name$="-stay_expires_on"]').fill(
        (today + timedelta(days=20)).isoformat()
    )
    applicant = page.locator("#dates fieldset").nth(1)
    applicant.locator('input[name$="-first_entry_on"]').fill(first_entry.isoformat())
    page.locator("#dates form button.primary").click()
    abode = page.locator('tr[data-date="right_of_abode"]')
    expect(abode).to_have_attribute("data-kind", "milestone")
    expect(abode).to_contain_text(said["milestone"])
    expect(abode).to_contain_text(said["ago"])
    stay = page.locator('tr[data-date="stay_expires"][data-urgency="soon"]')
    expect(stay).to_have_count(1)
    expect(stay).to_contain_text(said["deadline"])
    background = stay.evaluate("row => getComputedStyle(row).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted on screen
    page.close()


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_questions_update_with_a_button(
    lang: str, chromium: Browser, tracker_url: str, consultant_login: StorageState
) -> None:
    context = new_context(
        chromium, tracker_url, consultant_login, java_script_enabled=False, **DESKTOP
    )
    page = context.new_page()
    in_language(page, lang)
    page.goto("/consultant/cases/new?program=hk_dependant")
    page.locator("#a0-name").fill("Lee Wai")
    page.locator("#a0-applicant_residence").select_option("macau")
    macau = page.locator('fieldset.question[data-field="a0-macau_former_mainland_resident"]')
    expect(macau).to_be_hidden()
    page.locator('button[data-role="refresh"]').click()
    expect(macau).to_be_visible()
    expect(page.locator("#a0-name")).to_have_value("Lee Wai")
    context.close()


def test_a_late_answer_to_an_earlier_change_does_not_undo_a_later_one(
    desk: BrowserContext,
) -> None:
    page = new_case_page(desk, "en")
    held: list[Route] = []
    page.route("**/cases/new/questions", lambda route: held.append(route))  # answered below
    residence = page.locator("#a0-applicant_residence")
    macau = page.locator('fieldset.question[data-field="a0-macau_former_mainland_resident"]')
    residence.select_option("overseas")
    residence.select_option("macau")
    for _ in range(100):  # the route handler runs while Playwright waits
        if len(held) == 2:
            break
        page.wait_for_timeout(100)
    assert len(held) == 2
    earlier, later = held
    with page.expect_response("**/cases/new/questions"):
        later.continue_()
    expect(macau).to_be_visible()
    with page.expect_response("**/cases/new/questions"):
        earlier.continue_()  # says "not needed": it was asked before Macau was chosen
    page.wait_for_timeout(500)  # time for the late answer to be (wrongly) applied
    expect(macau).to_be_visible()
    page.close()
