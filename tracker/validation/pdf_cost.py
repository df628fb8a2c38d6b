"""What drawing a PDF would cost, measured with pypdf before pdfium ever opens it.

pdfium expands every stream it draws without limit (a 1.5 MB Flate bomb cost it
5.6 GB) and sizes its bitmaps by the page: page sizes, the bytes every stream but an
image expands to (together, within one budget), and every image's declared pixels are
checked first. Expanding stops at the budget, so a bomb costs at most that much.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from typing import Any

from pypdf import PageObject, apply_configuration
from pypdf.errors import LimitReachedError
from pypdf.filters import decode_stream_data
from pypdf.generic import PdfObject, StreamObject

from tracker.i18n import Text
from tracker.validation import terms
from tracker.validation.budget import Deadline
from tracker.validation.findings import Finding, Severity
from tracker.validation.limits import Limits

MAX_PAGE_POINTS = 14_400  # 200 inches: the largest page side the PDF reference allows
INFLATE_STEP = 1024 * 1024  # bytes inflated at a time while counting
OUTPUT_LIMITS = (
    "zlib_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "brotli_maximum_output_length",
    "array_based_stream_maximum_output_length",
)


def check_pdf_page_sizes(pages: Iterable[PageObject], deadline: Deadline) -> Iterator[Finding]:
    """Refuse a page larger than any real sheet: pdfium would size its bitmap by it."""
    for page in pages:
        deadline.check()
        box, unit = page.mediabox, float(page.user_unit)
        if max(abs(float(box.width)), abs(float(box.height))) * unit > MAX_PAGE_POINTS:
            yield too_complex(terms.PAGE_SIZE)
            return


class DrawCost:
    """What the streams met so far would cost pdfium: bytes expanded, the largest image.

    Fed each object of one walk (`add`), which also looks for active content.
    """

    def __init__(self, limits: Limits) -> None:
        self.left = limits.max_drawn_bytes
        self.max_pixels = limits.max_pixels

    def add(self, obj: PdfObject) -> Finding | None:
        """Count one object; the finding once the file costs too much to draw."""
        if not isinstance(obj, StreamObject):
            return None
        if obj.get("/Subtype") == "/Image":
            if _pixels(obj) > self.max_pixels:
                return too_complex(terms.image_pixels(self.max_pixels))
            return None
        self.left -= expanded_size(obj, self.left)
        return too_complex(terms.DECOMPRESSION) if self.left < 0 else None


def expanded_size(stream: StreamObject, budget: int) -> int:
    """The bytes `stream` expands to, or budget + 1 as soon as it would pass the budget."""
    if stream.get("/Filter") == "/FlateDecode" and "/DecodeParms" not in stream:
        inflated = inflated_size(stream._data, budget)  # noqa: SLF001 - its raw bytes
        if inflated is not None:
            return inflated
    limits: dict[str, Any] = dict.fromkeys(OUTPUT_LIMITS, budget + 1)
    with apply_configuration(**limits):
        try:
            return len(decode_stream_data(stream))
        except LimitReachedError:
            return budget + 1
        except Exception:  # noqa: BLE001 - a filter pypdf cannot undo; pdfium stops there too
            return 0


def inflated_size(data: bytes, budget: int) -> int | None:
    """Inflate plain Flate data in steps, counting; None when zlib refuses it (pypdf's
    lenient decoder then decides). The most common stream, without pypdf's overhead."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        while size <= budget:
            step = len(inflater.decompress(data, INFLATE_STEP))
            size, data = size + step, inflater.unconsumed_tail
            if inflater.eof or (not data and step < INFLATE_STEP):  # a full step may hold more
                break
    except zlib.error:
        return None
    return min(size, budget + 1)


def too_complex(reason: Text) -> Finding:
    return Finding.make("pdf_too_complex", Severity.ERROR, reason=reason)


def _pixels(image: StreamObject) -> int:
    try:
        return int(image.get("/Width", 0)) * int(image.get("/Height", 0))
    except (TypeError, ValueError):
        return 0
