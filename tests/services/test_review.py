"""Review: accept, reject with a reason, ad-hoc items, language overrides — all audited."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.casework import add_document, new_case, pdf_bytes, requirement, staff
from tracker.extensions import db
from tracker.i18n import LANGS
from tracker.models import AuditEvent, CheckState, ItemStatus, Review
from tracker.rules.review_reasons import REASONS
from tracker.services import review
from tracker.services.errors import ConflictError, InvalidInputError, NotFoundError
from tracker.validation.findings import Finding, Severity

ERROR = Finding.make("pdf_encrypted", Severity.ERROR)


def actions(case_id: int) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id)
    return list(db.session.scalars(query))


def test_accepting_every_item_makes_the_case_ready(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    docs = [add_document(app, r, pdf_bytes()) for r in case.requirements if r.required]
    assert case.readiness == 0
    for doc in docs:
        review.accept(doc, actor=me)
    assert case.readiness == 100
    assert case.complete_since is not None
    assert case.count_in_review == 0
    assert actions(case.id).count("document.accepted") == len(docs)
    review.reject(docs[0], "expired", "", actor=me)
    assert case.readiness < 100
    assert case.complete_since is None


def test_rejection_needs_a_known_reason_and_shows_up_in_status(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    req = requirement(case, "A4")
    doc = add_document(app, req, pdf_bytes())
    with pytest.raises(InvalidInputError):
        review.reject(doc, "ugly", "", actor=me)
    with pytest.raises(InvalidInputError, match="comment"):
        review.reject(doc, "other", "  ", actor=me)
    review.reject(doc, "incomplete_pages", "Page 2 is missing", actor=me)
    assert req.status is ItemStatus.REJECTED
    assert (doc.review, doc.review_reason, doc.review_comment) == (
        Review.REJECTED,
        "incomplete_pages",
        "Page 2 is missing",
    )
    assert doc.reviewed_by_id == me.id
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "document.rejected")
    ).one()
    assert event.user_id == me.id
    assert event.detail["reason"] == "incomplete_pages"
    assert case.count_rejected == 1


def test_cannot_accept_a_document_still_checking_or_failing(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    checking = add_document(
        app, requirement(case, "A1"), pdf_bytes(), check_state=CheckState.CHECKING
    )
    broken = add_document(app, requirement(case, "A2"), pdf_bytes(), findings=[ERROR])
    with pytest.raises(ConflictError):
        review.accept(checking, actor=me)
    with pytest.raises(ConflictError):
        review.accept(broken, actor=me)


@pytest.mark.parametrize("code", sorted(REASONS))
def test_every_reason_has_texts_and_advice_in_three_languages(code: str) -> None:
    reason = REASONS[code]
    for lang in LANGS:
        assert reason.label(lang)
        assert len(reason.advice(lang)) > 10
    assert reason.advice("zh-Hant") != reason.advice("en")


def test_reason_codes_are_the_contracts() -> None:
    assert set(REASONS) == {
        "unreadable",
        "wrong_document",
        "incomplete_pages",
        "expired",
        "wrong_person",
        "needs_certified_translation",
        "other",
    }


def test_ad_hoc_item_is_added_to_one_person_and_survives_rederivation(
    app: Flask, program: Any
) -> None:
    from tracker.services.cases import update_facts

    me = staff()
    case = new_case(program, me)
    ann = case.applicants[0]
    req = review.add_item(case, ann.id, {"en": "Bank statement, last 6 months"}, actor=me)
    assert (req.code, req.ad_hoc, req.section, req.status) == ("X1", True, "A", ItemStatus.MISSING)
    assert req.title == {"en": "Bank statement, last 6 months"}  # only what was given
    second = review.add_item(
        case, ann.id, {"en": "Lease", "zh-Hant": "租約", "zh-Hans": "租约"}, actor=me
    )
    assert second.code == "X2"
    assert second.title is not None
    assert second.title["zh-Hant"] == "租約"
    update_facts(case, program, case_facts={**case.facts, "sponsor_category": "qmas"})
    assert req.status is ItemStatus.MISSING
    assert "item.added" in actions(case.id)
    with pytest.raises(InvalidInputError):
        review.add_item(case, ann.id, {"en": " "}, actor=me)


def test_withdrawn_ad_hoc_item_no_longer_counts(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    req = review.add_item(case, case.applicants[0].id, {"en": "Lease"}, actor=me)
    review.withdraw_item(req, actor=me)
    assert req.status is ItemStatus.NOT_REQUIRED
    assert case.count_missing == 7
    with pytest.raises(ConflictError):
        review.withdraw_item(requirement(case, "A1"), actor=me)


def test_language_override_settles_the_translation_status(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    req = requirement(case, "A4")
    doc = add_document(app, req, pdf_bytes(), needs_translation=True)
    assert req.status is ItemStatus.NEEDS_TRANSLATION
    with pytest.raises(InvalidInputError):
        review.override_language(doc, "not_needed", "", actor=me)
    review.override_language(doc, "not_needed", "It is in English; OCR misread it", actor=me)
    assert req.status is ItemStatus.IN_REVIEW  # type: ignore[comparison-overlap]  # the call above changed it
    review.override_language(doc, "needed", "Bilingual: the Tagalog half matters", actor=me)
    assert req.status is ItemStatus.NEEDS_TRANSLATION
    review.override_language(doc, "", "Back to the detector", actor=me)
    assert doc.language_override is None
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "document.language_override")
    ).first()
    assert event is not None
    assert event.detail["reason"] == "It is in English; OCR misread it"


def test_other_consultants_documents_are_not_found(app: Flask, program: Any) -> None:
    me, other = staff(), staff("o@example.com")
    doc = add_document(app, requirement(new_case(program, other), "A1"), pdf_bytes())
    with pytest.raises(NotFoundError):
        review.get_document(me, doc.id)
    assert review.get_document(other, doc.id) is doc
