"""Can a person read this scan or photo? Blur, darkness, washed-out pages and glare.

Measured on an upright grey copy no larger than ANALYSIS_SIDE (the page as a whole,
whatever the camera's resolution): sharpness is how steep the strongest edges are for
the picture's contrast, light is judged from percentiles of the luminance. Text PDFs
are never judged, only pages a picture covers. Runs in the isolated child (pdfium).
The thresholds were set on generated samples: tests/validation/test_quality.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageOps

from tracker.i18n import Text
from tracker.validation.findings import Finding, Severity
from tracker.validation.pillow_safe import open_image, untrusted

if TYPE_CHECKING:
    from tracker.validation.pdf_pages import PdfText

ANALYSIS_SIDE = 1200  # pixels: an A4 page at ~100 dpi, where 3 mm text is ~12 px high
MAX_PDF_PAGES = 3  # the first pages of a scanned PDF speak for the rest
PICTURE_COVER = 0.6  # a PDF page this much covered by images is a scan or a photo
BLANK_RANGE = 12  # luminance levels: less contrast than this is an empty page, not judged

SHARP_EDGES = 0.2  # below: blurry (99.9th percentile of |Laplacian| / luminance range)
DARK_WHITE = 100  # below: too dark (99.5th percentile: the paper's brightest level)
WASHED_RANGE = 70  # below: washed out (99.5th minus 0.01th percentile)
GLARE_SHARE = 0.05  # at least this share of clipped white (≥ 250) …
GLARE_PAPER = 235  # … while the median (the paper) is darker than this: glare

TOO_DARK = Text("too dark", "太暗", "太暗")
WASHED_OUT = Text(
    "washed out (too bright, the writing is faint)", "太光而字跡模糊", "太亮而字迹模糊"
)
GLARE = Text("partly hidden by a bright reflection (glare)", "部分被反光遮蓋", "部分被反光遮盖")


@dataclass(frozen=True)
class Measures:
    """What the checks look at in one picture; each threshold above reads one of these."""

    sharpness: float
    white: float  # 99.5th percentile of luminance
    range: float  # 99.5th minus 0.01th percentile: paper against the darkest ink
    clipped: float  # share of pixels at 250 or above
    median: float

    @property
    def blank(self) -> bool:
        return self.range < BLANK_RANGE


def measure(picture: Image.Image) -> Measures:
    """Measure an upright picture (any mode) on a grey copy of at most ANALYSIS_SIDE."""
    grey = picture.convert("L")
    grey.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE), Image.Resampling.BOX)
    a = np.asarray(grey, dtype=np.float32)
    low, median, white = np.percentile(a, [0.01, 50, 99.5])
    spread = float(white - low)
    laplacian = np.abs(a[1:-1, :-2] + a[1:-1, 2:] + a[:-2, 1:-1] + a[2:, 1:-1] - 4 * a[1:-1, 1:-1])
    edges = float(np.percentile(laplacian, 99.9)) if laplacian.size else 0.0
    return Measures(
        sharpness=edges / max(spread, 1.0),
        white=float(white),
        range=spread,
        clipped=float((a >= 250).mean()),
        median=float(median),
    )


def judge(m: Measures) -> Iterator[Finding]:
    """The findings one picture's measures call for: blur, then light."""
    if m.blank:
        return
    if m.sharpness < SHARP_EDGES:
        yield Finding.make("image_blurry", Severity.WARNING)
    if problem := _light_problem(m):
        yield Finding.make("image_too_dark", Severity.WARNING, problem=problem)


def _light_problem(m: Measures) -> Text | None:
    if m.white < DARK_WHITE:
        return TOO_DARK
    if m.clipped >= GLARE_SHARE and m.median < GLARE_PAPER:
        return GLARE
    if m.range < WASHED_RANGE:
        return WASHED_OUT
    return None


def quality_findings(path: Path, kind: str) -> list[Finding]:
    """Each quality finding once, from the image or the first pictured pages of a PDF."""
    if kind == "pdf":
        # Imported here so that a parent naming quality_findings never loads pdfium itself.
        from tracker.validation.pdf_pages import PdfText

        with PdfText(path) as pdf:
            return pdf_quality_findings(pdf)
    return _once([_upright(path)] if kind == "image" else [])


def pdf_quality_findings(pdf: PdfText) -> list[Finding]:
    """The same for a PDF already open, its loaded pages shared with the other checks."""
    return _once(_pictured_pages(pdf))


def _once(pictures: Iterable[Image.Image]) -> list[Finding]:
    found: dict[str, Finding] = {}
    for picture in pictures:
        for finding in judge(measure(picture)):
            found.setdefault(finding.code, finding)
    return list(found.values())


def _upright(path: Path) -> Image.Image:
    with untrusted(), open_image(path) as im:
        im.draft("L", (ANALYSIS_SIDE * 2, ANALYSIS_SIDE * 2))  # a JPEG decodes small for free
        return ImageOps.exif_transpose(im).convert("L")


def _pictured_pages(pdf: PdfText) -> Iterator[Image.Image]:
    for index in range(min(len(pdf), MAX_PDF_PAGES)):
        if pdf.image_cover(index) >= PICTURE_COVER:
            yield pdf.picture(index, (ANALYSIS_SIDE, ANALYSIS_SIDE))
