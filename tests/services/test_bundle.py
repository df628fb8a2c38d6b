"""The submission bundle: accepted documents in checklist order, named, converted, indexed."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pypdf
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
    ready_but_the_photo,
    requirement,
    staff,
)
from tracker import isolation
from tracker.extensions import db
from tracker.models import AuditEvent, Review
from tracker.services.bundle import ConfirmationNeeded, export_bundle, safe_name
from tracker.services.errors import ConflictError

BOTH_STORES = pytest.mark.parametrize("storage_kind", ["local", "s3"])


def export(app: Flask, case: Any, program: Any, **options: Any) -> zipfile.ZipFile:
    made = export_bundle(case, program, actor=staff(), **options)
    with made.file:
        return zipfile.ZipFile(io.BytesIO(made.file.read()))


def index_text(archive: zipfile.ZipFile) -> str:
    """The index's text as pypdf reads it, lines joined by single spaces."""
    reader = pypdf.PdfReader(io.BytesIO(archive.read("00 Index.pdf")))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


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
    assert names[0] == "00 Index.pdf"
    assert names[1:] == [
        "01 Ann - A1 Recent photograph of the applicant.pdf",
        "02 Ann - A2 Applicant's valid travel document.pdf",
        "03 Ann - A4 Proof of relationship with the sponsor.pdf",
        "04 Ann - A4 Proof of relationship with the sponsor - translation.pdf",
        "05 Ben - A1 Recent photograph of the applicant.pdf",
        "06 Ben - A2 Applicant's valid travel document.pdf",
        "07 Ben - A4 Proof of relationship with the sponsor.pdf",
        "08 Cat - A1 Recent photograph of the applicant.pdf",
        "09 Cat - A2 Applicant's valid travel document.pdf",
        "10 Cat - A4 Proof of relationship with the sponsor.pdf",
        "11 Sam Reyes - B1 Sponsor's Hong Kong identity card.pdf",
        "12 Sam Reyes - B2 Sponsor's valid travel document with current Hong Kong visa.pdf",
        "13 Sam Reyes - B3 Proof of the sponsor's financial position.pdf",
        "14 Sam Reyes - B4 Proof of the sponsor's address.pdf",
    ]
    assert archive.read(names[4]).startswith(b"%PDF")
    text = index_text(archive)
    assert case.reference in text
    assert "Not ready" not in text
    assert "04 Ann - A4 Proof of relationship with the sponsor - translation.pdf" in text


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
        "00 Index.pdf",
        "01 Ann Reyes - A2 Applicant's valid travel document.pdf",
    ]
    text = index_text(archive)
    assert "Not ready: 6 required item(s)" in text
    assert "(Rejected)" in text
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "case.exported")).one()
    assert event.detail["files"] == 1
    assert len(event.detail["missing"]) == 6


@BOTH_STORES
def test_heic_becomes_an_upright_jpeg_and_jpeg_stays_as_it_is(app: Flask, program: Any) -> None:
    case, photo = ready_but_the_photo(program, app, Review.PENDING)
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
    converted = archive.read("01 Ann Reyes - A1 Recent photograph of the applicant.jpg")
    with Image.open(io.BytesIO(converted)) as image:
        assert image.format == "JPEG"
        assert image.size == (640, 480)
        assert image.mode == "RGB"
    assert archive.read("03 Ann Reyes - A2 Applicant's valid travel document (2).jpg") == jpeg


def test_chinese_names_reach_the_index(app: Flask, program: Any) -> None:
    case = new_case(program, staff(), applicants=[("陳小明", SPOUSE)], sponsor="陳大文")
    archive = export(app, case, program, confirm=True)
    text = index_text(archive)
    assert "陳大文" in text
    assert "陳小明" in text


def test_file_names_are_plain_ascii() -> None:
    assert safe_name("Sponsor's Hong Kong identity card") == "Sponsor's Hong Kong identity card"
    assert safe_name("María José / Nguyễn: Überweisung — 銀行") == "Maria Jose Nguyen Uberweisung"
    assert safe_name("銀行") == ""
    assert safe_name("../../etc/passwd") == "etc passwd"


def test_index_summary_and_file_labels_come_from_program_data(app: Flask, program: Any) -> None:
    from tracker.services.bundle import summary
    from tracker.services.cases import NewApplicant, create_case

    hk_case = new_case(program, staff())
    hk = dict(summary(hk_case, program, [], "en").facts)
    assert hk["Application"] == "Entry"
    assert hk["Sponsor's status"] == "General Employment Policy (professional)"
    assert hk["Sponsor"] == "Sam Reyes"
    assert hk["Applicant"] == "Ann Reyes (Spouse)"

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
    said = summary(us_case, us, [], "en")
    assert [label for label, _ in said.facts if label in ("Sponsor", "Application")] == []
    assert dict(said.facts)["Applicant"] == "Ho Ka Yan"


def test_an_image_that_cannot_be_converted_is_named_and_decoded_only_in_the_child(
    app: Flask, program: Any
) -> None:
    case, photo = ready_but_the_photo(program, app, Review.PENDING)
    add_document(
        app,
        photo,
        b"\x00\x00\x00\x18ftypheic" + bytes(64),  # a HEIC header, then nothing
        name="IMG_0002.HEIC",
        mime="image/heic",
        kind="image",
        review=Review.ACCEPTED,
    )
    isolation.stop()
    with pytest.raises(ConflictError, match="A1 Recent photograph.* cannot be converted to JPEG"):
        export(app, case, program, confirm=True)
    assert isolation.child_pid() is not None  # the isolated child tried, not this process
