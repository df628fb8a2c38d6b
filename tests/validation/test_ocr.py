"""Scans, photos and image-only PDFs: tesseract finds the script, then reads the language."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from PIL import Image
from tesserocr import PyTessBaseAPI

from tests.validation.lang_samples import (
    BY_NAME,
    SAMPLES,
    Sample,
    blank_pdf,
    blank_scan,
    face_photo,
    garbled_text_pdf,
    image_pdf,
    mixed_pdf,
    phone_page,
    photo,
    scan,
    scan_file,
    stamp_scan,
    stamped_scan_pdf,
)
from tracker.validation import ocr
from tracker.validation.language import LanguageResult, detect_document_language
from tracker.validation.pdf_pages import PdfText

slow = pytest.mark.slow
FORMATS = ("png", "jpg", "heic", "pdf")  # "pdf": an image-only PDF


def scanned(sample: Sample, fmt: str, tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / f"{sample.name}.{fmt}"
    if fmt == "pdf":
        return image_pdf(sample, path), "pdf"
    return scan_file(sample, path), "image"


def assert_verdict(result: LanguageResult, sample: Sample) -> None:
    assert result.languages[:1] == (sample.main,), result
    assert result.needs_translation is sample.needs_translation, result
    assert result.method == "ocr"


# Every sample is scanned once; the formats take turns so each is met in many scripts.
SCANS = [pytest.param(s, FORMATS[i % len(FORMATS)], id=s.name) for i, s in enumerate(SAMPLES)]


@slow
@pytest.mark.parametrize(("sample", "fmt"), SCANS)
def test_scan_gets_its_main_language_and_verdict(sample: Sample, fmt: str, tmp_path: Path) -> None:
    path, kind = scanned(sample, fmt, tmp_path)
    assert_verdict(detect_document_language(path, kind=kind), sample)


PHOTOS = ["vietnamese", "thai", "chinese_simplified", "bilingual_zh_en", "english_caps_form"]


@slow
@pytest.mark.parametrize("name", PHOTOS)
def test_phone_photo_gets_its_main_language_and_verdict(name: str, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    photo(BY_NAME[name]).save(path, quality=70)
    assert_verdict(detect_document_language(path, kind="image"), BY_NAME[name])


@slow
def test_a_whole_korean_page_photographed_is_korean_not_thai(tmp_path: Path) -> None:
    """OSD calls this photo Latin; the Thai pack would read its Hangul as Thai letters."""
    path = phone_page(BY_NAME["korean"], tmp_path / "page.jpg")
    assert_verdict(detect_document_language(path, kind="image"), BY_NAME["korean"])


@slow
def test_vietnamese_scan_keeps_its_diacritics() -> None:
    text = "\n".join(ocr.read_page(ocr_image("vietnamese")).lines)
    for words in ("Độc lập", "GIẤY CHỨNG NHẬN KẾT HÔN", "đăng ký kết hôn", "Ủy ban nhân dân"):
        assert words in text


@slow
@pytest.mark.parametrize(("name", "angle"), [("indonesian", 90), ("korean", 180)])
def test_page_photographed_sideways_is_turned_upright(
    name: str, angle: int, tmp_path: Path
) -> None:
    path = scan_file(BY_NAME[name], tmp_path / "turned.jpg", angle=angle)
    assert_verdict(detect_document_language(path, kind="image"), BY_NAME[name])


@slow
def test_blank_page_is_undetermined_never_flagged(tmp_path: Path) -> None:
    result = detect_document_language(blank_scan(tmp_path / "blank.png"), kind="image")
    assert (result.languages, result.needs_translation) == ((), False)


@slow
def test_two_line_russian_scan_is_russian(tmp_path: Path) -> None:
    path = scan_file(BY_NAME["russian_two_lines"], tmp_path / "short.jpg")
    assert_verdict(detect_document_language(path, kind="image"), BY_NAME["russian_two_lines"])


def counting_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the packs of every tesseract call from now on ("osd" for OSD)."""
    calls: list[str] = []
    engine = ocr._engine

    def counted(packs: str, psm: int) -> AbstractContextManager[PyTessBaseAPI | None]:
        calls.append(packs)
        return engine(packs, psm)

    monkeypatch.setattr(ocr, "_engine", counted)
    return calls


@slow
def test_stamp_only_page_is_undetermined_without_trying_every_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting_calls(monkeypatch)
    result = detect_document_language(stamp_scan(tmp_path / "stamp.png"), kind="image")
    assert (result.languages, result.needs_translation) == ((), False)
    # OSD once, the named script's packs on the page as it came and turned, at most one
    # more pack: a page where tesseract finds no word is not read with all 7 (15 calls).
    assert len(calls) <= 5, calls


@slow
def test_photo_osd_misnames_is_read_with_osd_once_and_no_pack_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # OSD calls this Chinese photo Latin and upside down (unsure): the Latin packs read it
    # once, as it came, and the Chinese pack next; before, the Latin read ran twice.
    calls = counting_calls(monkeypatch)
    path = phone_page(BY_NAME["chinese_simplified"], tmp_path / "photo.jpg")
    result = detect_document_language(path, kind="image")
    packs = calls
    assert packs.count("osd") == 1, calls
    assert len(packs) == len(set(packs)) <= 3, calls
    assert_verdict(result, BY_NAME["chinese_simplified"])


@slow
def test_one_line_arabic_scan_is_arabic(tmp_path: Path) -> None:
    # Too few characters for OSD: the letters read tell the script.
    path = scan_file(BY_NAME["arabic_one_line"], tmp_path / "line.png")
    assert_verdict(detect_document_language(path, kind="image"), BY_NAME["arabic_one_line"])


@slow
def test_photo_of_a_face_is_undetermined_never_flagged(tmp_path: Path) -> None:
    result = detect_document_language(face_photo(tmp_path / "face.jpg"), kind="image")
    assert (result.languages, result.needs_translation) == ((), False)


@slow
def test_blank_pdf_page_is_rendered_and_undetermined(tmp_path: Path) -> None:
    result = detect_document_language(blank_pdf(tmp_path / "blank.pdf"), kind="pdf")
    assert result == LanguageResult((), False, "ocr", 1)


@slow
def test_image_pdf_stops_after_the_first_page_that_decides(tmp_path: Path) -> None:
    path = image_pdf(BY_NAME["thai"], tmp_path / "three.pdf", pages=3)
    result = detect_document_language(path, kind="pdf")
    assert (result.languages, result.pages_read) == (("th",), 1)


@slow
def test_english_cover_does_not_hide_a_scanned_foreign_certificate(tmp_path: Path) -> None:
    path = mixed_pdf(BY_NAME["english_bank_statement"], BY_NAME["indonesian"], tmp_path / "m.pdf")
    result = detect_document_language(path, kind="pdf")
    assert result.needs_translation
    assert "id" in result.languages
    assert (result.method, result.pages_read) == ("ocr", 2)


@slow
def test_text_stamp_on_a_scan_does_not_stand_for_the_page(tmp_path: Path) -> None:
    stamp = "Electronically signed and certified as a true copy by the issuing office"
    path = stamped_scan_pdf(BY_NAME["vietnamese"], stamp, tmp_path / "stamped.pdf")
    result = detect_document_language(path, kind="pdf")
    assert (result.languages[0], result.needs_translation, result.method) == ("vi", True, "ocr")


@slow
def test_garbled_text_layer_is_ignored_and_the_page_read(tmp_path: Path) -> None:
    path = garbled_text_pdf(BY_NAME["chinese_simplified"], tmp_path / "gbk.pdf")
    with PdfText(path) as pdf:
        assert "ÖÐ»ª" in pdf.text(0)  # 中华 in GBK bytes, read as Latin-1
    result = detect_document_language(path, kind="pdf")
    assert (result.languages, result.needs_translation, result.method) == (("zh",), False, "ocr")


@slow
def test_missing_language_packs_give_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "tessdata", lambda: "/nonexistent/tessdata")
    assert ocr.read_page(ocr_image("russian")) == ocr.Reading()


@slow
def test_tesseract_timeout_gives_no_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_calls(monkeypatch)
    monkeypatch.setattr(ocr, "OCR_TIMEOUT", 0.001)
    assert ocr.read_page(ocr_image("russian")) == ocr.Reading()
    assert calls[0] == "osd"  # then readings, each stopped
    assert len(calls) > 1


def test_exhausted_page_budget_runs_nothing() -> None:
    assert ocr.read_page(ocr_image("russian"), clock=ocr.Clock(0.0)) == ocr.Reading()


def test_only_confident_words_make_lines() -> None:
    columns = "level page_num block_num par_num line_num word_num left top width height conf text"
    header = columns.replace(" ", "\t")
    rows = [
        "5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96.5\tThe",
        "5\t1\t1\t1\t1\t2\t70\t10\t80\t20\t91.0\tmarriage",
        "5\t1\t1\t1\t1\t3\t160\t10\t90\t20\t12.0\tL7RIESiE",
        "5\t1\t1\t1\t2\t1\t10\t40\t50\t20\t30.0\t#8",
        "4\t1\t1\t1\t2\t0\t10\t40\t50\t20\t-1\t",
    ]
    words = ocr.parse_tsv("\n".join([header, *rows]))
    assert len(words) == 4
    assert ocr.confident_lines(words) == ("The marriage",)


def ocr_image(name: str) -> Image.Image:
    return scan(BY_NAME[name])


@slow
def test_multi_page_tiff_is_read_frame_by_frame(tmp_path: Path) -> None:
    blank = Image.new("L", (1200, 1600), 255)
    path = tmp_path / "pages.tiff"
    blank.save(path, save_all=True, append_images=[scan(BY_NAME["indonesian"])])
    result = detect_document_language(path, kind="image")
    assert (result.languages[0], result.needs_translation, result.pages_read) == ("id", True, 2)


def test_decompression_bomb_gives_no_verdict(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    Image.new("1", (10_000, 10_000)).save(path)  # 100 MP of one bit: a few KB on disk
    assert detect_document_language(path, kind="image") == LanguageResult((), False, "none", 0)
