"""Generated pictures for the blur and light checks: sharp, blurred, dark, washed out, glare.

Each sample is a page of one of the language samples, spoiled one way; `SAMPLES`
names them with the findings they must get (the table in test_quality.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from tests.validation.lang_samples import BY_NAME, face_photo, photo, scan

PAGE = BY_NAME["vietnamese"]


@dataclass(frozen=True)
class QualitySample:
    name: str
    make: Callable[[], Image.Image]
    findings: frozenset[str]


def sharp_scan() -> Image.Image:
    return scan(PAGE).convert("RGB")


def phone_photo() -> Image.Image:
    """A readable phone photo: tilted, unevenly lit, noisy, slightly soft (σ 1.2)."""
    return photo(PAGE)


def blurred(make: Callable[[], Image.Image], sigma: float) -> Callable[[], Image.Image]:
    return lambda: make().filter(ImageFilter.GaussianBlur(sigma))


def darkened(make: Callable[[], Image.Image], factor: float) -> Callable[[], Image.Image]:
    return lambda: make().point(lambda v: int(v * factor))


def washed_out(make: Callable[[], Image.Image]) -> Callable[[], Image.Image]:
    """Faint ink on bright paper: every level squeezed into 195–255."""
    return lambda: make().point(lambda v: 195 + v // 4)


def glare(make: Callable[[], Image.Image]) -> Callable[[], Image.Image]:
    """A soft-edged white reflection over a third of the page."""

    def spoiled() -> Image.Image:
        page = make()
        mask = Image.new("L", page.size, 0)
        w, h = page.size
        ImageDraw.Draw(mask).ellipse((w * 0.35, h * 0.05, w * 0.95, h * 0.85), fill=255)
        mask = mask.filter(ImageFilter.GaussianBlur(8))
        return Image.composite(Image.new("RGB", page.size, "white"), page, mask)

    return spoiled


def sideways(make: Callable[[], Image.Image]) -> Callable[[], Image.Image]:
    return lambda: make().rotate(90, expand=True)


def portrait() -> Image.Image:
    """A passport-style portrait: few edges, none of them text."""
    with (
        tempfile.TemporaryDirectory() as folder,
        Image.open(face_photo(Path(folder) / "f.jpg")) as im,
    ):
        return im.copy()


BLURRY = frozenset({"image_blurry"})
DARK = frozenset({"image_too_dark"})
CLEAN: frozenset[str] = frozenset()

SAMPLES = (
    QualitySample("sharp scan", sharp_scan, CLEAN),
    QualitySample("phone photo", phone_photo, CLEAN),
    QualitySample("portrait photo", portrait, CLEAN),
    QualitySample("scan, blur σ 1.5", blurred(sharp_scan, 1.5), CLEAN),
    QualitySample("scan, blur σ 3", blurred(sharp_scan, 3), BLURRY),
    QualitySample("scan, blur σ 6", blurred(sharp_scan, 6), BLURRY),
    QualitySample("photo, blur σ 3", blurred(phone_photo, 3), BLURRY),
    QualitySample("photo, blur σ 6", blurred(phone_photo, 6), BLURRY),
    QualitySample("sideways scan, blur σ 3", sideways(blurred(sharp_scan, 3)), BLURRY),
    QualitySample("scan at 25 % light", darkened(sharp_scan, 0.25), DARK),
    QualitySample("photo at 30 % light", darkened(phone_photo, 0.3), DARK),
    QualitySample("washed-out scan", washed_out(sharp_scan), DARK),
    QualitySample("washed-out photo", washed_out(phone_photo), DARK),
    QualitySample("photo with glare", glare(phone_photo), DARK),
    QualitySample("dark blurred photo", darkened(blurred(phone_photo, 4), 0.3), BLURRY | DARK),
)
