"""EXIF orientation is applied before anything is checked or shown: a phone photo held upright.

The sensor stores the picture sideways (1600 × 1200) and EXIF orientation 6 says
"turn it"; every view and every check must see the upright 1200 × 1600 page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.validation import samples
from tests.validation.checking import Write
from tracker.validation import ocr
from tracker.validation.limits import Limits
from tracker.validation.pipeline import validate_file
from tracker.validation.thumbnail import page_jpegs, preview_png

SIDEWAYS = samples.jpeg(1600, 1200, exif=samples.phone_exif(orientation=6))


def size_of(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as im:
        return im.size


VIEWS: dict[str, Callable[[Path], tuple[int, int]]] = {
    "size check": lambda p: (
        (r := validate_file(p, name="p.jpg", limits=Limits())).width or 0,
        r.height or 0,
    ),
    "preview": lambda p: size_of(preview_png(p, "image") or b""),
    "viewer page": lambda p: size_of(page_jpegs(p, "image")[0]),
    "OCR and MRZ page": lambda p: next(ocr.load_pages(p)).size,
}


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_sideways_phone_photo_is_upright(write: Write, view: str) -> None:
    width, height = VIEWS[view](write(SIDEWAYS, "p.jpg"))
    assert width < height, f"{view}: {width} × {height}"
