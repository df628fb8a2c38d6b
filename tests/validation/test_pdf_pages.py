"""The text layer and page images of PDFs, read with pdfium."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fpdf import FPDF

from tests.validation.lang_samples import (
    BY_NAME,
    SAMPLES,
    blank_pdf,
    image_pdf,
    stamped_scan_pdf,
    text_pdf,
)
from tracker.validation import pdf_pages
from tracker.validation.language import detect_document_language
from tracker.validation.pdf_pages import PdfText


def test_text_layer_is_read_page_by_page(tmp_path: Path) -> None:
    path = text_pdf(BY_NAME["vietnamese"], tmp_path / "vi.pdf", pages=2)
    with PdfText(path) as pdf:
        assert len(pdf) == 2
        assert "Độc lập - Tự do - Hạnh phúc\n" in pdf.text(1)


def test_shaped_script_comes_out_without_control_characters(tmp_path: Path) -> None:
    with PdfText(text_pdf(BY_NAME["hindi"], tmp_path / "hi.pdf")) as pdf:
        page = pdf.text(0)
    assert "जन्म प्रमाण पत्र" in page
    assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in page)


PDFS: dict[str, Callable[[Path], Path]] = {
    "text": lambda p: text_pdf(BY_NAME["german"], p),
    "blank": blank_pdf,
    "image_on_top": lambda p: image_pdf(BY_NAME["thai"], p),
    "full_page_scan": lambda p: stamped_scan_pdf(BY_NAME["thai"], "stamp", p),
}


@pytest.mark.parametrize(
    ("kind", "low", "high"),
    [("text", 0.0, 0.0), ("blank", 0.0, 0.0), ("image_on_top", 0.2, 0.4)]
    + [("full_page_scan", 0.99, 1.0)],
)
def test_share_of_page_covered_by_images(
    kind: str, low: float, high: float, tmp_path: Path
) -> None:
    with PdfText(PDFS[kind](tmp_path / "doc.pdf")) as pdf:
        assert low <= pdf.image_cover(0) <= high


def test_a4_page_renders_at_about_300_dpi_in_greyscale(tmp_path: Path) -> None:
    with PdfText(blank_pdf(tmp_path / "a4.pdf")) as pdf:
        img = pdf.image(0)
    assert img.mode == "L"
    assert 2450 <= img.width <= 2480  # 300 dpi, or a little less to stay within MAX_SIDE


def test_huge_page_renders_no_larger_than_max_side(tmp_path: Path) -> None:
    pdf = FPDF(format=(2000, 3000))  # millimetres: a poster
    pdf.add_page()
    path = tmp_path / "poster.pdf"
    pdf.output(str(path))
    with PdfText(path) as doc:
        assert max(doc.image(0).size) <= pdf_pages.MAX_SIDE


@pytest.mark.slow  # renders many pages
def test_documents_can_be_read_from_several_threads(tmp_path: Path) -> None:
    paths = [text_pdf(s, tmp_path / f"{s.name}.pdf", pages=3) for s in SAMPLES]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda p: detect_document_language(p, kind="pdf"), paths))
    assert [r.languages[0] for r in results] == [s.main for s in SAMPLES]
