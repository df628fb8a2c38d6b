"""The case page's dates: each row says what it is, and a near limit of stay stands out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask.testing import FlaskClient

from tests.casework import case_by_reference, sponsor_of


def row(html: str, code: str) -> str:
    start = html.index(f'data-date="{code}"')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


@pytest.mark.parametrize(
    ("accept", "milestone", "deadline", "ago"),
    [("en", "Milestone", "Deadline", "121 days ago"), ("zh-HK", "里程碑", "限期", "121 日前")],
)
def test_rows_say_what_they_are_and_a_near_limit_of_stay_is_highlighted(
    consultant_client: FlaskClient, accept: str, milestone: str, deadline: str, ago: str
) -> None:
    case = case_by_reference("DEMO-0001")
    applicant, sponsor = case.applicants[0], sponsor_of(case)
    today = date.today()
    first_entry = today - timedelta(days=121)
    first_entry = first_entry.replace(year=first_entry.year - 7)
    form = {
        f"p{applicant.id}-first_entry_on": first_entry.isoformat(),
        f"p{sponsor.id}-stay_expires_on": (today + timedelta(days=20)).isoformat(),
    }
    response = consultant_client.post(f"/consultant/cases/{case.id}/dates", data=form)
    assert response.status_code == 302
    html = consultant_client.get(
        f"/consultant/cases/{case.id}", headers={"Accept-Language": accept}
    ).get_data(as_text=True)
    abode = row(html, "right_of_abode")
    assert 'data-kind="milestone"' in abode
    assert milestone in abode
    assert ago in abode
    assert "overdue" not in abode
    assert "逾期" not in abode
    stay = row(html, "stay_expires")
    assert 'data-kind="deadline"' in stay
    assert 'data-urgency="soon"' in stay
    assert deadline in stay
    assert sponsor.name in stay
