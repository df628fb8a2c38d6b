"""Photographed pages for the browser tests and the screenshots: pages, and one big photo."""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.e2e.files import ENGLISH_STATEMENT

FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


def page_photo(path: Path, number: int) -> Path:
    """A phone photo of one page of a bank statement: English text on slightly grey paper."""
    page = Image.new("RGB", (1240, 1754), (236, 234, 228))
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT), 34)
    lines = (*ENGLISH_STATEMENT, f"Page {number} of 3")
    for row, line in enumerate(lines):
        draw.text((90, 120 + row * 70), line, font=font, fill=(30, 30, 30))
    page.save(path, "JPEG", quality=88)
    return path


def big_photo(path: Path, megabytes: float) -> Path:
    """A 12-megapixel photo of noise (which does not compress) of at least `megabytes`."""
    width, height = 4000, 3000
    noise = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=95)
    assert out.tell() > megabytes * 1024 * 1024
    path.write_bytes(out.getvalue())
    return path


def blurry_scan(path: Path) -> Path:
    """A statement page photographed sideways and out of focus (Gaussian blur σ 3)."""
    with Image.open(page_photo(path, 1)) as page:
        blurred = page.filter(ImageFilter.GaussianBlur(3)).rotate(90, expand=True)
    blurred.save(path, "JPEG", quality=85)
    return path
