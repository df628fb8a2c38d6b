"""Small PNG previews of uploads: the first page of a PDF, or the image itself.

Drawn in the isolated child (tracker.isolation) once the file has passed its checks;
the web only ever serves the stored picture.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps

from tracker.validation.pillow_safe import open_image, untrusted

PREVIEW_SIZE = (240, 320)


def preview_png(path: Path, kind: str | None) -> bytes | None:
    """A thumbnail at most PREVIEW_SIZE, or None when the file cannot be drawn."""
    try:
        image = _first_page(path) if kind == "pdf" else _image(path) if kind == "image" else None
    except Exception:  # noqa: BLE001 - a preview is optional; broken files have findings already
        return None
    if image is None:
        return None
    image.thumbnail(PREVIEW_SIZE)
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG", optimize=True)
    return out.getvalue()


def _first_page(path: Path) -> Image.Image:
    # Imported here so that a parent naming preview_png never loads pdfium itself.
    from tracker.validation.pdf_pages import PdfText

    with PdfText(path) as pdf:
        return pdf.picture(0, PREVIEW_SIZE)


def _image(path: Path) -> Image.Image:
    with untrusted(), open_image(path) as image:
        image.draft("RGB", (PREVIEW_SIZE[0] * 2, PREVIEW_SIZE[1] * 2))
        return ImageOps.exif_transpose(image).copy()
