"""The bundle's index in the consultant's language, read back with pypdf; its CJK font;
the files over the Department's limits and their compliant copies."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pypdf
import pytest
from flask import Flask
from PIL import Image

from tests.casework import (
    SPOUSE,
    accept_everything,
    add_document,
    new_case,
    noise_png,
    pdf_bytes,
    ready_but_the_photo,
    requirement,
    staff,
)
from tracker.extensions import db
from tracker.models import ItemStatus, Review
from tracker.services.bundle import export_bundle, review_bundle
from tracker.services.bundle_index import (
    IndexFontMissing,
    IndexLine,
    IndexSummary,
    IndexWords,
    index_pdf,
)
from tracker.services.compliant_copies import make_compliant_copy
from tracker.services.errors import InvalidInputError
from tracker.services.filing import FILING_MAX_BYTES
from tracker.services.review import accept

# What each status must read as in the index; no raw code may appear.
LABELS = {
    "en": {"accepted": "Accepted", "rejected": "Rejected", "in_review": "To review",
           "missing": "Missing", "needs_translation": "Needs translation"},
    "zh-Hant": {"accepted": "已接納", "rejected": "已退回", "in_review": "待審閱",
                "missing": "欠缺", "needs_translation": "需要譯本"},
}  # fmt: skip
COLUMNS = {"en": ["Item", "Person", "Document", "Status", "Files"], "zh-Hant": ["項目", "人士"]}
RAW_CODES = re.compile(r"\b(" + "|".join(s.value for s in ItemStatus) + r")\b")
UNDERSCORED = re.compile(r"\w+_\w+")  # in_review, needs_translation …: never words


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def index_of(case: Any, program: Any, lang: str) -> str:
    made = export_bundle(case, program, actor=staff(), lang=lang, confirm=True)
    with made.file:
        return pdf_text(zipfile.ZipFile(made.file).read("00 Index.pdf"))


def mixed_case(app: Flask, program: Any) -> Any:
    """One item in each status the index must name."""
    case = new_case(program, staff(), applicants=[("陳小明 Maria Reyes", SPOUSE)], sponsor="陳大文")
    add_document(app, requirement(case, "A1"), pdf_bytes(), review=Review.ACCEPTED)
    add_document(app, requirement(case, "A2"), pdf_bytes(), review=Review.REJECTED)
    add_document(app, requirement(case, "A4"), pdf_bytes())
    add_document(app, requirement(case, "B1"), pdf_bytes(), needs_translation=True)
    return case


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_the_index_speaks_the_chosen_language_without_codes_or_broken_words(
    app: Flask, program: Any, lang: str
) -> None:
    case = mixed_case(app, program)
    statuses = {r.code: r.status.value for r in case.requirements}
    assert {"accepted", "rejected", "in_review", "missing", "needs_translation"} <= set(
        statuses.values()
    )
    text = index_of(case, program, lang)
    flat = " ".join(text.split())  # a word broken across lines would read "Reje cted"
    for label in [*LABELS[lang].values(), *COLUMNS[lang]]:
        assert label in flat, label
    assert UNDERSCORED.search(text) is None, UNDERSCORED.search(text)
    if lang != "en":  # English sentences may say "accepted"; Chinese ones never the code
        assert RAW_CODES.search(text) is None, RAW_CODES.search(text)
    assert "陳大文" in text
    assert "陳小明 Maria Reyes" in flat
    title = program.item("A4").title(lang)
    assert title.replace(" ", "") in "".join(text.split())  # CJK wraps between characters
    if lang == "en":
        assert title in flat


def summary_of(*texts: str) -> tuple[IndexSummary, list[IndexLine]]:
    words = IndexWords(("Item", "Person", "Document", "Status", "Files"), "Not ready")
    line = IndexLine("A1", texts[0], "Photo", "accepted", "Accepted", ("01 Photo.jpg",))
    return IndexSummary(texts[-1], [], [], words), [line]


def test_cjk_text_without_its_font_is_refused_loudly(tmp_path: Path, app: Flask) -> None:
    missing_font = tmp_path / "no-such-font.ttc"
    with app.test_request_context():
        with pytest.raises(IndexFontMissing, match="fonts-wqy-microhei"):
            index_pdf(*summary_of("陳大文", "Bundle"), cjk_font=missing_font)
        latin = index_pdf(*summary_of("José Reyes", "Bundle"), cjk_font=missing_font)
    assert "José Reyes" in pdf_text(latin)


def test_an_image_over_5_mb_is_listed_and_its_accepted_copy_replaces_it(
    app: Flask, program: Any
) -> None:
    case, photo = ready_but_the_photo(program, app, Review.REJECTED)
    big = add_document(
        app, photo, noise_png((1500, 1300)), name="scan.png", mime="image/png", kind="image",
        review=Review.ACCEPTED,
    )  # fmt: skip
    assert big.size > FILING_MAX_BYTES
    listed = review_bundle(case, program, "en").over_limit
    assert [(o.doc.id, o.pending_copy) for o in listed] == [(big.id, None)]
    assert "over the Department's 5 MB" in listed[0].reason

    copy = make_compliant_copy(staff(), big, program=program)
    assert (copy.copy_of_id, copy.mime, copy.kind) == (big.id, "image/jpeg", "image")
    assert copy.size <= FILING_MAX_BYTES
    assert not copy.blocked
    assert review_bundle(case, program, "en").over_limit[0].pending_copy == copy
    accept(copy, actor=staff())

    assert review_bundle(case, program, "en").over_limit == ()
    made = export_bundle(case, program, actor=staff())
    with made.file:
        archive = zipfile.ZipFile(made.file)
        names = [n for n in archive.namelist() if " - A1 " in n]
        assert names == ["01 Ann Reyes - A1 Recent photograph of the applicant.jpg"]
        assert len(archive.read(names[0])) == copy.size
    assert db.session.get(type(big), big.id) is not None  # the original stays


def scanned_pdf(fmt: str, pages: int) -> bytes:
    """A PDF of noise pictures: PNG pages shrink as JPEGs, JPEG pages at quality 75 do not."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        picture = io.BytesIO()
        Image.open(io.BytesIO(noise_png((1800, 1400)))).save(picture, fmt, quality=75)
        pdf.image(picture, x=10, y=10, w=190)
    return bytes(pdf.output())


def test_a_scanned_pdf_over_5_mb_gets_a_copy_with_its_pictures_re_encoded(
    app: Flask, program: Any
) -> None:
    case = new_case(program, staff())
    big = add_document(app, requirement(case, "A2"), scanned_pdf("PNG", 1), review=Review.ACCEPTED)
    (listed,) = review_bundle(case, program, "en").over_limit
    assert listed.doc.id == big.id
    assert "re-encodes the scanned pictures" in listed.reason
    copy = make_compliant_copy(staff(), big, program=program)
    assert (copy.copy_of_id, copy.kind, copy.pages) == (big.id, "pdf", 1)
    assert copy.size <= FILING_MAX_BYTES < big.size
    assert not copy.blocked


def test_a_pdf_that_stays_too_big_is_refused_with_what_to_ask_for(app: Flask, program: Any) -> None:
    case = new_case(program, staff())
    big = add_document(app, requirement(case, "A2"), scanned_pdf("JPEG", 6), review=Review.ACCEPTED)
    assert big.size > FILING_MAX_BYTES
    with pytest.raises(InvalidInputError, match="ask for a new scan at 150–200 dpi"):
        make_compliant_copy(staff(), big, program=program)
    assert len(requirement(case, "A2").documents) == 1  # nothing half made


def test_names_without_latin_letters_become_the_persons_role(app: Flask, program: Any) -> None:
    case = new_case(
        program, staff(), applicants=[("陳小明", SPOUSE), ("陳美玲", SPOUSE)], sponsor="陳大文"
    )
    accept_everything(case, app)
    made = export_bundle(case, program, actor=staff())
    with made.file:
        names = zipfile.ZipFile(made.file).namelist()
    assert names[1] == "01 Applicant 1 - A1 Recent photograph of the applicant.pdf"
    assert "04 Applicant 2 - A1 Recent photograph of the applicant.pdf" in names
    assert names[-1] == "10 Sponsor - B4 Proof of the sponsor's address.pdf"
    assert len(set(names)) == len(names)
    assert all(name.isascii() and "/" not in name for name in names)
