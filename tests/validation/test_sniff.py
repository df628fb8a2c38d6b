"""The type gate: the content decides what a file is, never its name."""

from __future__ import annotations

import pytest

from tests.validation import samples
from tests.validation.checking import Check
from tests.validation.samples import codes

REFUSED = [
    pytest.param(samples.HTML, "text/html", id="html"),
    pytest.param(samples.SVG, "image/svg+xml", id="svg"),
    pytest.param(samples.ELF, "application/x-executable", id="linux-program"),
    pytest.param(samples.WINDOWS_EXE, "application/vnd.microsoft.portable-executable", id="exe"),
    pytest.param(samples.docx(), "officedocument", id="docx"),
    pytest.param(samples.zip_archive(), "application/zip", id="zip"),
    pytest.param(samples.webp(), "image/webp", id="webp"),
    pytest.param(samples.TEXT, "text/plain", id="text"),
]


@pytest.mark.parametrize(("data", "mime"), REFUSED)
def test_other_types_are_not_allowed_whatever_their_name(
    check: Check, data: bytes, mime: str
) -> None:
    report = check(data, "passport.pdf")
    assert mime in report.mime
    assert report.kind is None
    assert codes(report) == ["type_not_allowed", "extension_mismatch"]


@pytest.mark.parametrize(
    ("data", "name", "kind", "mime"),
    [
        (samples.text_pdf(), "a.pdf", "pdf", "application/pdf"),
        (samples.jpeg(60, 40), "a.jpg", "image", "image/jpeg"),
        (samples.png(60, 40), "a.png", "image", "image/png"),
        (samples.heic(60, 40), "a.heic", "image", "image/heic"),
        (samples.encoded(samples.picture(60, 40), "GIF"), "a.gif", "image", "image/gif"),
        (samples.encoded(samples.picture(60, 40), "TIFF"), "a.tif", "image", "image/tiff"),
    ],
)
def test_accepted_types_pass_the_gate(
    check: Check, data: bytes, name: str, kind: str, mime: str
) -> None:
    report = check(data, name)
    assert (report.kind, report.mime, codes(report)) == (kind, mime, [])


def test_pdf_renamed_jpg_is_checked_as_pdf_with_a_warning(check: Check) -> None:
    report = check(samples.text_pdf(), "photo.jpg")
    assert report.kind == "pdf"
    assert report.pages == 1
    assert codes(report) == ["extension_mismatch"]
    assert report.ok
    message = report.findings[0].message("en")
    assert ".jpg" in message
    assert "PDF" in message


def test_heic_renamed_jpg_is_found_out(check: Check) -> None:
    report = check(samples.heic(60, 40), "IMG_0001.JPG")
    assert report.mime == "image/heic"
    assert codes(report) == ["extension_mismatch"]


@pytest.mark.parametrize("name", ["scan", "scan.PDF", "scan.2024", "scan.pdf", "Passport J.Smith"])
def test_names_that_do_not_contradict_the_content_pass(check: Check, name: str) -> None:
    assert codes(check(samples.text_pdf(), name)) == []


def test_text_named_txt_is_refused_without_a_name_warning(check: Check) -> None:
    assert codes(check(samples.TEXT, "notes.txt")) == ["type_not_allowed"]


def test_item_that_accepts_only_images_refuses_a_pdf(check: Check) -> None:
    report = check(samples.text_pdf(), "photo.pdf", accepts=frozenset({"image"}))
    assert report.kind == "pdf"
    assert codes(report) == ["type_not_allowed"]
    assert "an image (JPEG" in report.findings[0].message("en")


def test_pdf_named_as_a_word_document_is_flagged(check: Check) -> None:
    assert codes(check(samples.text_pdf(), "letter.docx")) == ["extension_mismatch"]
