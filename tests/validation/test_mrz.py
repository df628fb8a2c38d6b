"""Reading the MRZ from generated page images and PDFs: scans, photos, turns, low resolution."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.validation.passports import MAKERS, PEOPLE, Person, expected, letter_page, pdf, png
from tracker.isolation import run_isolated
from tracker.validation.mrz import mrz_findings, read_mrz

# One person per way a page reaches us, so every layout (TD3, TD2, TD1) is read.
CASES = [
    ("clean_300dpi", PEOPLE[0]),
    ("phone_photo", PEOPLE[2]),
    ("rotated_90", PEOPLE[9]),
    ("rotated_180", PEOPLE[8]),
    ("low_150dpi", PEOPLE[5]),
]


def upload(tmp_path: Path, data: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("kind", "person"), CASES, ids=[k for k, _ in CASES])
def test_every_field_is_read(tmp_path: Path, kind: str, person: Person) -> None:
    path = upload(tmp_path, MAKERS[kind](person, 1), "page")
    reading = read_mrz(path, "image")
    assert reading is not None
    assert reading.to_dict() == expected(person)
    assert mrz_findings(reading) == []


# TD3: the photo's straight edges in the PDF outscore the tilted text on it. TD1: the card
# fills a corner of the A4 page, its zone's lines a few pixels high in a copy of the page.
@pytest.mark.parametrize("index", [8, 9], ids=["TD3", "TD1"])
def test_a_phone_photo_saved_as_pdf_is_read(tmp_path: Path, index: int) -> None:
    from PIL import Image

    person = PEOPLE[index]
    with Image.open(upload(tmp_path, MAKERS["phone_photo"](person, index), "photo.jpg")) as img:
        path = upload(tmp_path, pdf(img), "passport.pdf")
    reading = run_isolated(read_mrz, path, "pdf", timeout=60)  # pdfium: in the child only
    assert reading is not None
    assert reading.to_dict() == expected(person)


def test_a_card_turned_on_an_a4_pdf_is_read(tmp_path: Path) -> None:
    from PIL import Image

    card = PEOPLE[9]  # TD1: its lines span a tenth of the page's width
    with Image.open(upload(tmp_path, MAKERS["rotated_90"](card, 9), "card.png")) as img:
        path = upload(tmp_path, pdf(img), "card.pdf")
    reading = run_isolated(read_mrz, path, "pdf", timeout=60)
    assert reading is not None
    assert reading.to_dict() == expected(card)


@pytest.mark.parametrize("person", [PEOPLE[1], PEOPLE[9]], ids=["TD3", "TD1"])
def test_a_tampered_birth_date_fails_its_check_digit(tmp_path: Path, person: Person) -> None:
    reading = read_mrz(upload(tmp_path, MAKERS["tampered"](person, 0), "page.png"), "image")
    assert reading is not None
    assert not reading.checksums_ok
    assert "birth_date" in reading.failed
    assert [f.code for f in mrz_findings(reading)] == ["mrz_checksum"]


@pytest.mark.parametrize("kind", ["image", "pdf"])
def test_a_page_without_a_zone_is_unreadable(tmp_path: Path, kind: str) -> None:
    page = letter_page()
    data = png(page) if kind == "image" else pdf(page)
    assert run_isolated(read_mrz, upload(tmp_path, data, "letter"), kind, timeout=60) is None
    assert [(f.code, f.severity) for f in mrz_findings(None)] == [("mrz_unreadable", "warning")]


def test_a_page_cut_to_its_content_gets_no_black_edge(tmp_path: Path) -> None:
    # This photo's content box, found on a quarter-size copy, rounded one row past the
    # page: Pillow filled it black, a straight edge that outscored the tilted zone.
    person = PEOPLE[5]
    reading = read_mrz(upload(tmp_path, MAKERS["phone_photo"](person, 5), "photo.jpg"), "image")
    assert reading is not None
    assert reading.to_dict() == expected(person)
