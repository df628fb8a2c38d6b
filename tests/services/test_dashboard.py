"""The dashboard: counts, filters, sorting, search, paging and CSV, in a fixed number of queries."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from flask import Flask

from tests.casework import (
    CHILD,
    SPOUSE,
    accept_everything,
    add_document,
    counted_queries,
    new_case,
    pdf_bytes,
    requirement,
    staff,
)
from tracker.extensions import db
from tracker.models import Case, CaseStatus, Role
from tracker.services.cases import NewApplicant
from tracker.services.deadlines import Dates, update_dates
from tracker.services.demo import build_cases
from tracker.services.views.dashboard import (
    UNASSIGNED,
    DashboardQuery,
    dashboard_csv,
    dashboard_page,
)

TODAY = date.today()


def refs(page: Any) -> list[str]:
    return [row.reference for row in page.rows]


def test_rows_carry_readiness_and_counts(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    add_document(app, requirement(case, "A1"), pdf_bytes(), findings=[])
    (row,) = dashboard_page(me, DashboardQuery()).rows
    assert row.case_id == case.id
    assert row.counts == {
        "missing": 6,
        "invalid": 0,
        "rejected": 0,
        "needs_translation": 0,
        "in_review": 1,
    }
    assert row.readiness == 0
    assert row.people == ["Sam Reyes (sponsor)", "Ann Reyes"]


def test_consultant_sees_own_cases_admin_sees_all(app: Flask, program: Any) -> None:
    me, other = staff(), staff("o@example.com")
    admin = staff("a@example.com", Role.ADMIN)
    mine = new_case(program, me)
    theirs = new_case(program, other)
    nobody = new_case(program, None)
    assert refs(dashboard_page(me, DashboardQuery())) == [mine.reference]
    everyone = dashboard_page(admin, DashboardQuery(sort="reference", descending=False))
    assert sorted(refs(everyone)) == sorted([mine.reference, theirs.reference, nobody.reference])
    only_other = dashboard_page(admin, DashboardQuery(consultant_id=other.id))
    assert refs(only_other) == [theirs.reference]
    unassigned = dashboard_page(admin, DashboardQuery(consultant_id=UNASSIGNED))
    assert refs(unassigned) == [nobody.reference]
    # a consultant cannot widen their view with the consultant filter
    assert refs(dashboard_page(me, DashboardQuery(consultant_id=other.id))) == [mine.reference]


def test_filters_status_translation_ready_and_search(app: Flask, program: Any) -> None:
    me = staff()
    plain = new_case(program, me, sponsor="Budi Santoso")
    blocked = new_case(program, me, applicants=[("Nguyen Van An", SPOUSE)])
    add_document(app, requirement(blocked, "A4"), pdf_bytes(), needs_translation=True)
    ready = new_case(program, me, applicants=[("陳大文", CHILD)])
    accept_everything(ready, app)
    closed = new_case(program, me)
    closed.status = CaseStatus.CLOSED
    db.session.commit()

    assert set(refs(dashboard_page(me, DashboardQuery()))) == {
        plain.reference,
        blocked.reference,
        ready.reference,
    }
    assert refs(dashboard_page(me, DashboardQuery(status=CaseStatus.CLOSED))) == [closed.reference]
    assert len(dashboard_page(me, DashboardQuery(status=None)).rows) == 4
    assert refs(dashboard_page(me, DashboardQuery(blocked_by_translation=True))) == [
        blocked.reference
    ]
    assert refs(dashboard_page(me, DashboardQuery(ready_only=True))) == [ready.reference]
    assert refs(dashboard_page(me, DashboardQuery(search="santoso"))) == [plain.reference]
    assert refs(dashboard_page(me, DashboardQuery(search="陳大"))) == [ready.reference]
    assert refs(dashboard_page(me, DashboardQuery(search=blocked.reference.lower()))) == [
        blocked.reference
    ]
    assert refs(dashboard_page(me, DashboardQuery(search="%"))) == []
    assert refs(dashboard_page(me, DashboardQuery(program="us_b1b2"))) == []


def test_deadline_filter_and_sort(app: Flask, program: Any) -> None:
    me = staff()
    soon = new_case(program, me, application_type="extension")
    later = new_case(program, me, application_type="extension")
    none = new_case(program, me)
    for case, days in ((soon, 50), (later, 200)):
        applicant = case.applicants[0]
        dates = Dates(stay_expires_on=TODAY + timedelta(days=days))
        update_dates(case, program, {applicant.id: dates}, actor=me)
    # gep is a specified scheme: apply at the latest 6 weeks before expiry
    assert soon.next_deadline == TODAY + timedelta(days=50) - timedelta(weeks=6)
    assert soon.next_deadline_code == "extension_latest"
    within = dashboard_page(me, DashboardQuery(within_days=30))
    assert refs(within) == [soon.reference]
    by_deadline = dashboard_page(me, DashboardQuery(sort="deadline", descending=False))
    assert refs(by_deadline) == [soon.reference, later.reference, none.reference]


def test_pages_and_sorting_by_readiness(app: Flask, program: Any) -> None:
    me = staff()
    cases = [new_case(program, me) for _ in range(5)]
    accept_everything(cases[2], app)
    first = dashboard_page(me, DashboardQuery(sort="readiness", per_page=2))
    assert first.total == 5
    assert first.pages == 3
    assert first.rows[0].reference == cases[2].reference
    last = dashboard_page(me, DashboardQuery(sort="readiness", per_page=2, page=3))
    assert len(last.rows) == 1
    beyond = dashboard_page(me, DashboardQuery(per_page=2, page=99))
    assert beyond.query.page == 3


def test_csv_has_every_matching_case_and_defuses_formulas(app: Flask, program: Any) -> None:
    me = staff()
    new_case(program, me, sponsor="=HYPERLINK(evil)")
    new_case(program, me)
    text = "".join(dashboard_csv(me, DashboardQuery(per_page=1)))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert {"reference", "readiness", "missing", "next_deadline", "people"} <= set(rows[0])
    assert any(r["people"].startswith("'=HYPERLINK") for r in rows)


def query_count(app: Flask, program: Any, user: Any, cases: int) -> int:
    build_cases(program, cases, user)
    db.session.expire_all()
    with counted_queries() as statements:
        page = dashboard_page(user, DashboardQuery(per_page=25))
    assert page.total >= cases
    return len(statements)


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.ADMIN])
def test_queries_do_not_grow_with_the_number_of_cases(app: Flask, program: Any, role: Role) -> None:
    user = staff("q@example.com", role)
    at_5 = query_count(app, program, user, 5)
    at_50 = query_count(app, program, user, 45)
    assert at_5 == at_50 <= 5  # the user (expired), the total, the page, its people, resets


def test_new_applicant_dates_fill_the_deadline_at_creation(app: Flask, program: Any) -> None:
    from tracker.services.cases import create_case

    me = staff()
    case: Case = create_case(
        program,
        case_facts={"application_type": "extension", "sponsor_category": "student"},
        sponsor_name="S",
        applicants=[NewApplicant("A", SPOUSE, Dates(stay_expires_on=date(2030, 3, 31)))],
        consultant=me,
    )
    assert case.next_deadline == date(2030, 3, 30)  # not specified: before the stay ends
