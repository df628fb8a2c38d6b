"""Several photographed pages of one document become one PDF, A4 pages, in the order given.

Lossless where it can be: img2pdf embeds a JPEG's own bytes and a PNG's pixels as they
are, and turns a page by its EXIF orientation without re-encoding it. Other pictures
(HEIC, transparency), or a document that would be over its byte limit, are re-encoded
as JPEGs by the compliant-copy code (validation/photo.py). It decodes pictures: run it
in the isolated child.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import img2pdf

from tracker.validation.photo import make_smaller_jpeg
from tracker.validation.pillow_safe import open_image, untrusted

A4 = (img2pdf.mm_to_pt(210), img2pdf.mm_to_pt(297))
LAYOUT = img2pdf.get_layout_fun(A4, fit=img2pdf.FitMode.into, auto_orient=True)
EMBEDDED_AS_IS = {("JPEG", "RGB"), ("JPEG", "L"), ("PNG", "RGB"), ("PNG", "L")}
PDF_OVERHEAD = 4096  # bytes: the PDF's own objects around the pictures, per page


def assemble_pdf(pages: list[Path], dst: Path, max_bytes: int) -> bool:
    """Write `pages` to `dst` as one PDF of at most `max_bytes`; True when it is lossless.

    Raises ValueError when even re-encoded pages cannot fit, and what Pillow raises
    for a page that is not a readable picture (check each page first).
    """
    with tempfile.TemporaryDirectory(prefix="tracker-pages-") as folder:
        embeddable = [_embeddable(page, Path(folder) / f"{n}.jpg") for n, page in enumerate(pages)]
        lossless = embeddable == pages
        _write(embeddable, dst)
        if dst.stat().st_size <= max_bytes:
            return lossless
        budget = max_bytes // len(pages) - PDF_OVERHEAD
        smaller = [Path(folder) / f"small-{n}.jpg" for n in range(len(pages))]
        for page, out in zip(pages, smaller, strict=True):
            out.write_bytes(make_smaller_jpeg(page, budget))
        _write(smaller, dst)
    return False


def _embeddable(page: Path, fallback: Path) -> Path:
    """The page itself when img2pdf can embed it unchanged, else a JPEG copy of it."""
    with untrusted(), open_image(page) as im:
        kind = (im.format, im.mode)
    if kind in EMBEDDED_AS_IS:
        return page
    fallback.write_bytes(make_smaller_jpeg(page, 1 << 62))
    return fallback


def _write(pages: list[Path], dst: Path) -> None:
    data = img2pdf.convert(
        [str(p) for p in pages], layout_fun=LAYOUT, rotation=img2pdf.Rotation.ifvalid
    )
    dst.write_bytes(data)
