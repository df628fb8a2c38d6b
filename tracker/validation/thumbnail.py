"""Pictures of uploads: a small PNG preview, and the bounded page images of the viewer.

Drawn in the isolated child (tracker.isolation) once the file has passed its checks;
the web only ever serves the stored pictures.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageOps

from tracker.validation.pillow_safe import open_image, untrusted

PREVIEW_SIZE = (240, 320)
PAGE_SIZE = (1240, 1754)  # the viewer's page: A4 at 150 dpi, enough to read small print
MAX_PAGES = 30  # the viewer shows at most this many pages; the download has the rest
PAGE_QUALITY = 82


def preview_png(path: Path, kind: str | None) -> bytes | None:
    """A thumbnail at most PREVIEW_SIZE, or None when the file cannot be drawn."""
    pages = _encoded(path, kind, PREVIEW_SIZE, 1, "PNG")
    return pages[0] if pages else None


def page_jpegs(path: Path, kind: str | None) -> list[bytes]:
    """Each page (at most MAX_PAGES) as a JPEG no larger than PAGE_SIZE; [] when undrawable."""
    return _encoded(path, kind, PAGE_SIZE, MAX_PAGES, "JPEG")


def _encoded(
    path: Path, kind: str | None, box: tuple[int, int], most: int, fmt: str
) -> list[bytes]:
    """Draw and encode one page at a time: a long PDF never holds all its bitmaps at once."""
    pictures = []
    try:
        for image in _drawn(path, kind, box, most):
            image.thumbnail(box)
            out = io.BytesIO()
            options = {"quality": PAGE_QUALITY} if fmt == "JPEG" else {}
            image.convert("RGB").save(out, fmt, optimize=True, **options)
            pictures.append(out.getvalue())
    except Exception:  # noqa: BLE001 - a picture is optional; broken files have findings already
        return []
    return pictures


def _drawn(path: Path, kind: str | None, box: tuple[int, int], most: int) -> Iterator[Image.Image]:
    if kind == "pdf":
        # Imported here so that a parent naming these functions never loads pdfium itself.
        from tracker.validation.pdf_pages import PdfText

        with PdfText(path) as pdf:
            for index in range(min(len(pdf), most)):
                yield pdf.picture(index, box)
    elif kind == "image":
        yield _image(path, box)


def _image(path: Path, box: tuple[int, int]) -> Image.Image:
    with untrusted(), open_image(path) as image:
        image.draft("RGB", (box[0] * 2, box[1] * 2))
        return ImageOps.exif_transpose(image).copy()
