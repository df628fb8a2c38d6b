"""Deciding quickly: only checked documents can be accepted, the queue, bulk accept, outcomes."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from tests.casework import (
    add_document,
    case_by_reference,
    counted_queries,
    forget_current_user,
    pdf_bytes,
    requirement,
    staff,
)
from tracker.extensions import db
from tracker.models import AuditEvent, CheckState, Document, ItemStatus, Requirement, Review
from tracker.models.base import utcnow
from tracker.validation.findings import Finding, Severity

BROKEN = Finding.make("pdf_encrypted", Severity.ERROR)
UNSURE = Finding.make("language_undetermined", Severity.WARNING)


def element(html: str, doc: Document) -> str:
    """The document's own element on the case page (up to the next document)."""
    start = html.index(f'data-document-id="{doc.id}"')
    following = html.find("data-document-id=", start + 20)
    return html[start : following if following > 0 else len(html)]


def test_a_document_that_failed_its_checks_offers_no_decision_and_says_why(
    app: Flask, consultant_client: FlaskClient
) -> None:
    req = requirement(case_by_reference("DEMO-0001"), "A4", "Maria Reyes")
    doc = add_document(app, req, b"%PDF-1.7 cut", findings=[BROKEN])
    html = element(consultant_client.get(f"/consultant/cases/{req.case_id}").get_data(True), doc)
    assert 'data-action="accept"' not in html
    assert 'data-action="reject"' not in html
    assert 'data-role="not-acceptable"' in html
    assert "cannot be accepted" in html
    refused = consultant_client.post(f"/consultant/documents/{doc.id}/accept")
    assert refused.headers["Location"].endswith(f"#doc-{doc.id}")
    page = consultant_client.get(refused.headers["Location"]).get_data(as_text=True)
    said = element(page, doc)
    assert 'data-outcome="error"' in said
    assert "failed a check" in said
    db.session.refresh(doc)
    assert doc.review is Review.PENDING


def test_a_checked_document_has_the_contract_hooks_and_no_preselected_reason(
    app: Flask, consultant_client: FlaskClient
) -> None:
    req = requirement(case_by_reference("DEMO-0001"), "A4", "Maria Reyes")
    doc = add_document(app, req, pdf_bytes())
    html = element(consultant_client.get(f"/consultant/cases/{req.case_id}").get_data(True), doc)
    assert 'data-action="accept"' in html
    assert 'data-action="reject"' in html
    assert '<option value="" selected>' in html
    assert re.search(r'<textarea[^>]*name="comment"', html)


def test_the_outcome_is_said_beside_the_document_not_at_the_top(
    app: Flask, consultant_client: FlaskClient
) -> None:
    req = requirement(case_by_reference("DEMO-0001"), "A4", "Maria Reyes")
    doc = add_document(app, req, pdf_bytes(), name="statement.pdf")
    done = consultant_client.post(f"/consultant/documents/{doc.id}/accept", follow_redirects=True)
    html = done.get_data(as_text=True)
    assert 'data-outcome="success"' in element(html, doc)
    assert "Accepted: statement.pdf" in element(html, doc)
    top = html[: html.index("<h1>")]
    assert "Accepted: statement.pdf" not in top


def test_the_queue_holds_the_consultants_open_cases_documents_that_can_be_accepted(
    app: Flask, consultant_client: FlaskClient
) -> None:
    one, two = case_by_reference("DEMO-0001"), case_by_reference("DEMO-0002")
    first = add_document(app, requirement(one, "A4", "Maria Reyes"), pdf_bytes())
    add_document(app, requirement(one, "A2", "Maria Reyes"), b"cut", findings=[BROKEN])
    checking = add_document(
        app, requirement(one, "A1", "Maria Reyes"), pdf_bytes(), check_state=CheckState.CHECKING
    )
    taken_back = add_document(app, requirement(one, "A4", "Sofia Reyes"), pdf_bytes())
    taken_back.removed_at = utcnow()
    second = add_document(app, requirement(two, "A4"), pdf_bytes())
    theirs = case_by_reference("DEMO-0002")
    theirs.consultant = staff("someone-else@example.com")
    db.session.commit()
    html = consultant_client.get("/consultant/review").get_data(as_text=True)
    listed = [int(i) for i in re.findall(r'<tr data-document-id="(\d+)"', html)]
    assert listed == [first.id]
    assert checking.id not in listed
    assert taken_back.id not in listed  # removed by the family before a decision
    refused = consultant_client.post(f"/consultant/documents/{taken_back.id}/accept")
    page = consultant_client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "The family removed this document" in page
    assert second.id not in listed  # another consultant's case


def test_the_viewer_moves_on_to_the_next_document_after_a_decision(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    first = add_document(app, requirement(case, "A4", "Maria Reyes"), pdf_bytes(), name="a.pdf")
    second = add_document(app, requirement(case, "A4", "Sofia Reyes"), pdf_bytes(), name="b.pdf")
    start = consultant_client.get("/consultant/review/next")
    assert start.headers["Location"].endswith(f"/consultant/documents/{first.id}")
    viewer = consultant_client.get(start.headers["Location"]).get_data(as_text=True)
    assert f'href="/consultant/documents/{second.id}"' in viewer  # "next", without deciding
    decided = consultant_client.post(
        f"/consultant/documents/{first.id}/reject",
        data={"reason": "wrong_person", "comment": "", "back": "viewer"},
    )
    assert decided.headers["Location"].endswith(f"/consultant/documents/{second.id}")
    shown = consultant_client.get(decided.headers["Location"]).get_data(as_text=True)
    assert "Rejected: a.pdf" in shown
    last = consultant_client.post(
        f"/consultant/documents/{second.id}/accept", data={"back": "viewer"}
    )
    assert last.headers["Location"].endswith("/consultant/review")
    empty = consultant_client.get("/consultant/review").get_data(as_text=True)
    assert 'data-role="queue-empty"' in empty
    assert "Accepted: b.pdf" in empty


def test_a_refused_decision_in_the_viewer_stays_on_the_document_and_says_why(
    app: Flask, consultant_client: FlaskClient
) -> None:
    req = requirement(case_by_reference("DEMO-0001"), "A4", "Maria Reyes")
    doc = add_document(app, req, pdf_bytes())
    refused = consultant_client.post(
        f"/consultant/documents/{doc.id}/reject", data={"reason": "", "back": "viewer"}
    )
    assert refused.headers["Location"].endswith(f"/consultant/documents/{doc.id}")
    html = consultant_client.get(refused.headers["Location"]).get_data(as_text=True)
    assert 'data-outcome="error"' in html
    assert "Choose a reason for the rejection." in html


def test_bulk_accept_takes_only_a_persons_clean_documents_and_audits_each(
    app: Flask, consultant_client: FlaskClient
) -> None:
    case = case_by_reference("DEMO-0001")
    maria = next(p for p in case.applicants if p.name == "Maria Reyes")
    clean = [
        add_document(app, requirement(case, code, "Maria Reyes"), pdf_bytes())
        for code in ("A2", "A4")
    ]
    unsure = add_document(
        app, requirement(case, "A1", "Maria Reyes"), pdf_bytes(), findings=[UNSURE]
    )
    sofia = add_document(app, requirement(case, "A4", "Sofia Reyes"), pdf_bytes())
    page = consultant_client.get(f"/consultant/cases/{case.id}").get_data(as_text=True)
    assert "Accept all 2 clean documents" in page
    done = consultant_client.post(
        f"/consultant/cases/{case.id}/people/{maria.id}/accept-clean", follow_redirects=True
    )
    assert "2 documents accepted." in done.get_data(as_text=True)
    reviews = {d.id: d.review for d in db.session.scalars(select(Document))}
    assert [reviews[d.id] for d in clean] == [Review.ACCEPTED, Review.ACCEPTED]
    assert reviews[unsure.id] is Review.PENDING  # a warning: a person looks first
    assert reviews[sofia.id] is Review.PENDING  # another person
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "document.accepted")
    ).all()
    assert sorted(e.detail["document"] for e in events) == sorted(d.id for d in clean)
    assert all(e.detail["bulk"] is True for e in events)
    again = consultant_client.post(
        f"/consultant/cases/{case.id}/people/{maria.id}/accept-clean", follow_redirects=True
    )
    assert "No clean document is waiting for a decision." in again.get_data(as_text=True)


def test_the_queue_and_the_viewer_cost_as_many_queries_for_10_items_as_for_4(
    app: Flask, consultant_client: FlaskClient
) -> None:
    reqs = sorted(case_by_reference("DEMO-0001").requirements, key=lambda r: r.id)
    missing = [r.id for r in reqs if r.status is ItemStatus.MISSING]
    assert len(missing) == 10  # the demo case's

    def items() -> list[Requirement]:  # afresh: counting starts from an empty session
        return [db.session.get_one(Requirement, i) for i in missing]

    first = add_document(app, items()[0], pdf_bytes()).id

    def queries() -> tuple[int, int, int]:
        counts = []
        for url in ("/consultant/review", f"/consultant/documents/{first}"):
            db.session.remove()  # nothing loaded beforehand: each row's lazy loads would show
            forget_current_user()
            with counted_queries() as statements:
                assert consultant_client.get(url).status_code == 200
            counts.append(len(statements))
        html = consultant_client.get("/consultant/review").get_data(as_text=True)
        return counts[0], counts[1], len(re.findall(r"<tr data-document-id=", html))

    for req in items()[1:4]:
        add_document(app, req, pdf_bytes())
    queue, viewer, listed = queries()
    assert listed == 4
    for req in items()[4:]:  # each of another item, some of another person
        add_document(app, req, pdf_bytes())
    assert queries() == (queue, viewer, 10)
