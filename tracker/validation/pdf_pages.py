"""The text layer of a PDF's pages, read with pypdfium2, and pictures of the pages.

The one module that calls pdfium, and only ever in the isolated child
(tracker.isolation): pdfium has no limits of its own (a Flate bomb costs it
gigabytes) and crashes when two threads draw at once. Open only PDFs that passed
the pipeline's pypdf checks (validation/pdf_cost.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from ctypes import c_float
from pathlib import Path
from types import TracebackType
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image
from pypdfium2 import PdfiumError

MAX_FORM_DEPTH = 15  # nested form XObjects looked into for images, as pypdfium2 does
RENDER_DPI = 300
MAX_SIDE = 3500  # pixels: a poster-sized page is rendered no larger than an A4 page at 300 dpi

# pdfium is not thread-safe, and jobs may run in threads.
_LOCK = threading.Lock()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class PdfText:
    """An open PDF whose pages give their text, the share covered by images, or a picture.

    The last page asked for stays loaded (pdfium parses a page's content on loading it):
    its text, image cover and picture come from one load, and each cover is kept.
    """

    def __init__(self, path: Path) -> None:
        with _LOCK:
            self._pdf = pdfium.PdfDocument(path)
        self._loaded: tuple[int, pdfium.PdfPage] | None = None
        self._covers: dict[int, float] = {}

    def __enter__(self) -> PdfText:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __len__(self) -> int:
        with _LOCK:
            return len(self._pdf)

    def close(self) -> None:
        with _LOCK:
            self._unload()
            self._pdf.close()

    def text(self, index: int) -> str:
        """Return the text layer of page `index`, without control characters."""
        with self._page(index) as page:
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            textpage.close()
        # Shaped scripts come out with stray control characters inside words.
        return _CONTROL.sub("", text.replace("\r\n", "\n"))

    def image_cover(self, index: int) -> float:
        """Share of page `index` covered by images: near 1 for a scan."""
        if index not in self._covers:
            with self._page(index) as page:
                width, height = page.get_size()
                boxes = list(_image_bounds(page.raw, pdfium_c.FPDFPage_CountObjects))
            area = sum(_clipped_area(box, width, height) for box in boxes)
            self._covers[index] = min(1.0, area / (width * height)) if width * height else 0.0
        return self._covers[index]

    def image(self, index: int) -> Image.Image:
        """Render page `index` in greyscale at RENDER_DPI, or smaller for a huge page."""
        return self._render(index, (MAX_SIDE, MAX_SIDE), RENDER_DPI / 72, grayscale=True)

    def picture(self, index: int, box: tuple[int, int]) -> Image.Image:
        """Render page `index` in colour, as large as fits in `box` pixels (a preview)."""
        return self._render(index, box, RENDER_DPI / 72, grayscale=False)

    def _render(
        self, index: int, box: tuple[int, int], most: float, *, grayscale: bool
    ) -> Image.Image:
        # The page's size in points decides the scale: never more pixels than `box` holds.
        with self._page(index) as page:
            width, height = (max(side, 1.0) for side in page.get_size())
            scale = min(most, box[0] / width, box[1] / height)
            bitmap = page.render(scale=scale, grayscale=grayscale)
            image: Image.Image = bitmap.to_pil().copy()  # the bitmap's memory is freed below
            bitmap.close()
        return image

    @contextmanager
    def _page(self, index: int) -> Iterator[pdfium.PdfPage]:
        with _LOCK:
            if self._loaded is None or self._loaded[0] != index:
                self._unload()
                self._loaded = (index, self._pdf[index])
            yield self._loaded[1]

    def _unload(self) -> None:
        # Closed here, under the lock, rather than by a finalizer in some other thread.
        if self._loaded is not None:
            self._loaded[1].close()
            self._loaded = None


def _image_bounds(
    parent: Any, count: Callable[[Any], int], depth: int = 0
) -> Iterator[tuple[float, float, float, float]]:
    """The bounds of each image object on a page or in a form, forms looked into.

    Through pdfium's C calls: pypdfium2's object wrappers cost more than the page's text.
    """
    get = pdfium_c.FPDFPage_GetObject if depth == 0 else pdfium_c.FPDFFormObj_GetObject
    for i in range(count(parent)):
        obj = get(parent, i)
        if not obj:
            raise PdfiumError("Failed to get pageobject.")
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            box = c_float(), c_float(), c_float(), c_float()
            if not pdfium_c.FPDFPageObj_GetBounds(obj, *box):
                raise PdfiumError("Failed to locate pageobject.")
            yield box[0].value, box[1].value, box[2].value, box[3].value
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH - 1:
            yield from _image_bounds(obj, pdfium_c.FPDFFormObj_CountObjects, depth + 1)


def _clipped_area(box: tuple[float, float, float, float], width: float, height: float) -> float:
    left, bottom, right, top = box
    w = min(right, width) - max(left, 0.0)
    h = min(top, height) - max(bottom, 0.0)
    return max(w, 0.0) * max(h, 0.0)
