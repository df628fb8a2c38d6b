"""Small PNG previews of uploads: the first page of a PDF, or the image itself."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps

PREVIEW_SIZE = (240, 320)


def preview_png(path: Path, kind: str | None) -> bytes | None:
    """A thumbnail, or None when the file cannot be drawn (it failed its checks)."""
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
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        page = pdf[0]
        scale = PREVIEW_SIZE[1] / max(page.get_height(), 1)
        image: Image.Image = page.render(scale=min(scale, 2.0)).to_pil()
        return image
    finally:
        pdf.close()


def _image(path: Path) -> Image.Image:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    with Image.open(path) as image:
        image.draft("RGB", (PREVIEW_SIZE[0] * 2, PREVIEW_SIZE[1] * 2))
        return ImageOps.exif_transpose(image).copy()
