"""Photographed pages become one PDF: lossless where it can be, upright, within the limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.validation import samples
from tests.validation.checking import Write
from tracker.validation.assembly import assemble_pdf
from tracker.validation.limits import Limits
from tracker.validation.pipeline import validate_file

MB = 1024 * 1024


def test_jpeg_and_png_pages_are_embedded_unchanged(write: Write, tmp_path: Path) -> None:
    first = samples.jpeg(1200, 1600, text=True)
    pages = [write(first, "1.jpg"), write(samples.png(1200, 1600), "2.png")]
    out = tmp_path / "doc.pdf"
    assert assemble_pdf(pages, out, 10 * MB) is True
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    assert first in out.read_bytes()  # the JPEG's own bytes, not a re-encoding
    report = validate_file(out, name="doc.pdf", limits=Limits())
    assert (report.ok, report.pages) == (True, 2)


def test_sideways_phone_photo_becomes_an_upright_page(write: Write, tmp_path: Path) -> None:
    """EXIF orientation 6 (the phone held upright, the sensor sideways) turns the page."""
    turned = samples.jpeg(1600, 1200, exif=samples.phone_exif(orientation=6))
    out = tmp_path / "doc.pdf"
    assemble_pdf([write(turned, "1.jpg")], out, 10 * MB)
    page = PdfReader(out).pages[0]
    width, height = page.mediabox.width, page.mediabox.height
    shown = (height, width) if page.rotation % 180 else (width, height)
    assert shown[0] < shown[1], "an upright page is taller than wide"


def test_heic_page_is_converted(write: Write, tmp_path: Path) -> None:
    out = tmp_path / "doc.pdf"
    assert assemble_pdf([write(samples.heic(800, 1000), "1.heic")], out, 10 * MB) is False
    assert len(PdfReader(out).pages) == 1


def test_pages_over_the_limit_are_recompressed_to_fit(write: Write, tmp_path: Path) -> None:
    pages = [write(samples.noise_jpeg(2400, 3200), f"{n}.jpg") for n in range(3)]
    assert sum(p.stat().st_size for p in pages) > 2 * MB
    out = tmp_path / "doc.pdf"
    assert assemble_pdf(pages, out, 2 * MB) is False
    assert out.stat().st_size <= 2 * MB
    assert len(PdfReader(out).pages) == 3


def test_impossible_limit_is_an_error(write: Write, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot fit"):
        assemble_pdf([write(samples.noise_jpeg(2000, 2000), "1.jpg")], tmp_path / "o.pdf", 6_000)
