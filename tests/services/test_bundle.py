"""The submission bundle: accepted documents in checklist order, named, converted, indexed."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pypdfium2
import pytest
from flask import Flask
from PIL import Image
from sqlalchemy import select

from tests.casework import (
    CHILD,
    SPOUSE,
    accept_everything,
    add_document,
    image_bytes,
    new_case,
    pdf_bytes,
    requirement,
    staff,
)
from tracker.extensions import db
from tracker.models import AuditEvent, Review
from tracker.services.bundle import ConfirmationNeeded, export_bundle, slug

BOTH_STORES = pytest.mark.parametrize("storage_kind", ["local", "s3"])


def export(app: Flask, case: Any, program: Any, **options: Any) -> zipfile.ZipFile:
    made = export_bundle(case, program, actor=staff(), **options)
    with made.file:
        return zipfile.ZipFile(io.BytesIO(made.file.read()))


def index_text(archive: zipfile.ZipFile) -> str:
    # pdfium reads the CJK font's text back exactly (pypdf interleaves NULs)
    document = pypdfium2.PdfDocument(archive.read("00-index.pdf"))
    try:
        text = "".join(page.get_textpage().get_text_range() for page in document)
        return text.replace("\r\n", "")  # file names wrap in the table
    finally:
        document.close()


@BOTH_STORES
def test_complete_case_in_checklist_order_with_translations(app: Flask, program: Any) -> None:
    case = new_case(program, staff(), applicants=[("Ann", SPOUSE), ("Ben", CHILD), ("Cat", CHILD)])
    accept_everything(case, app)
    marriage = next(
        d for d in requirement(case, "A4", "Ann").documents if d.translation_of_id is None
    )
    add_document(
        app,
        requirement(case, "A4", "Ann"),
        pdf_bytes("Translation"),
        name="translation.pdf",
        translation_of=marriage,
    )
    archive = export(app, case, program)
    names = archive.namelist()
    assert names[0] == "00-index.pdf"
    assert names[1:] == [
        "A1-spouse-recent-photograph-of-the-applicant.pdf",
        "A2-spouse-applicant-s-valid-travel-document.pdf",
        "A4-spouse-proof-of-relationship-with-the-sponsor.pdf",
        "A4-spouse-proof-of-relationship-with-the-sponsor-translation.pdf",
        "A1-child-1-recent-photograph-of-the-applicant.pdf",
        "A2-child-1-applicant-s-valid-travel-document.pdf",
        "A4-child-1-proof-of-relationship-with-the-sponsor.pdf",
        "A1-child-2-recent-photograph-of-the-applicant.pdf",
        "A2-child-2-applicant-s-valid-travel-document.pdf",
        "A4-child-2-proof-of-relationship-with-the-sponsor.pdf",
        "B1-sponsor-sponsor-s-hong-kong-identity-card.pdf",
        "B2-sponsor-sponsor-s-valid-travel-document-with-current-hong-kong-visa.pdf",
        "B3-sponsor-proof-of-the-sponsor-s-financial-position.pdf",
        "B4-sponsor-proof-of-the-sponsor-s-address.pdf",
    ]
    assert archive.read(names[3]).startswith(b"%PDF")
    text = index_text(archive)
    assert case.reference in text
    assert "NOT READY" not in text
    assert "A4-spouse-proof-of-relationship-with-the-sponsor-translation.pdf" in text


def test_not_ready_case_needs_confirmation_and_the_index_lists_what_is_missing(
    app: Flask, program: Any
) -> None:
    case = new_case(program, staff())
    add_document(app, requirement(case, "A2"), pdf_bytes(), review=Review.ACCEPTED)
    add_document(app, requirement(case, "A4"), pdf_bytes(), review=Review.REJECTED)
    with pytest.raises(ConfirmationNeeded) as refused:
        export(app, case, program)
    assert [m.code for m in refused.value.missing] == ["A1", "A4", "B1", "B2", "B3", "B4"]
    archive = export(app, case, program, confirm=True)
    assert archive.namelist() == [
        "00-index.pdf",
        "A2-spouse-applicant-s-valid-travel-document.pdf",
    ]
    text = index_text(archive)
    assert "NOT READY: 6" in text
    assert "rejected" in text
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "case.exported")).one()
    assert event.detail["files"] == 1
    assert len(event.detail["missing"]) == 6


@BOTH_STORES
def test_heic_becomes_an_upright_jpeg_and_jpeg_stays_as_it_is(app: Flask, program: Any) -> None:
    case = new_case(program, staff())
    accept_everything(case, app)
    photo = requirement(case, "A1")
    for doc in photo.documents:
        doc.review = Review.PENDING
    heic = image_bytes("HEIF", (640, 480))
    add_document(
        app,
        photo,
        heic,
        name="IMG_0001.HEIC",
        mime="image/heic",
        kind="image",
        review=Review.ACCEPTED,
    )
    jpeg = image_bytes("JPEG")
    add_document(
        app,
        requirement(case, "A2"),
        jpeg,
        name="passport.jpg",
        mime="image/jpeg",
        kind="image",
        review=Review.ACCEPTED,
    )
    archive = export(app, case, program, confirm=True)
    converted = archive.read("A1-spouse-recent-photograph-of-the-applicant.jpg")
    with Image.open(io.BytesIO(converted)) as image:
        assert image.format == "JPEG"
        assert image.size == (640, 480)
        assert image.mode == "RGB"
    assert archive.read("A2-spouse-applicant-s-valid-travel-document-2.jpg") == jpeg


def test_chinese_names_reach_the_index(app: Flask, program: Any) -> None:
    case = new_case(program, staff(), applicants=[("陳小明", SPOUSE)], sponsor="陳大文")
    archive = export(app, case, program, confirm=True)
    text = index_text(archive)
    assert "陳大文" in text
    assert "陳小明" in text


def test_slugs_are_plain_ascii() -> None:
    assert slug("Sponsor's Hong Kong identity card") == "sponsor-s-hong-kong-identity-card"
    assert slug("Überweisung — 銀行") == "uberweisung"
    assert slug("銀行") == "document"


def test_index_summary_and_file_labels_come_from_program_data(app: Flask, program: Any) -> None:
    from tracker.services.bundle import person_labels, summary
    from tracker.services.cases import NewApplicant, create_case

    hk_case = new_case(program, staff())
    hk = dict(summary(hk_case, program, []).facts)
    assert hk["Application"] == "Entry"
    assert hk["Sponsor's status"] == "General Employment Policy (professional)"
    assert hk["Sponsor"] == "Sam Reyes"
    assert hk["Applicant"] == "Ann Reyes (Spouse)"
    assert "spouse" in person_labels(hk_case, program).values()

    us = app.extensions["programs"]["us_b1b2"]
    facts: dict[str, object] = {
        "purpose": "tourism",
        "employment_status": "student",
        "applicant_nationality": "HK",
    }
    facts["applicant_age"] = 20
    us_case = create_case(
        us, case_facts={}, sponsor_name="", applicants=[NewApplicant("Ho Ka Yan", facts)]
    )
    said = summary(us_case, us, [])
    assert [label for label, _ in said.facts if label in ("Sponsor", "Application")] == []
    assert dict(said.facts)["Applicant"] == "Ho Ka Yan"
    assert set(person_labels(us_case, us).values()) == {"applicant"}  # nobody sponsors
