"""What drawing a PDF would cost, measured with pypdf before pdfium ever opens it.

pdfium expands every stream it draws without limit (a 1.5 MB Flate bomb cost it
5.6 GB) and sizes its bitmaps by the page: page sizes, the bytes every stream but an
image expands to (together, within one budget), and every image's declared pixels are
checked first. pypdf stops expanding at the budget, so a bomb costs at most that much.
"""

from __future__ import annotations

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
from tracker.validation.pdf_active import reachable

MAX_PAGE_POINTS = 14_400  # 200 inches: the largest page side the PDF reference allows
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


def check_pdf_streams(trailer: PdfObject, deadline: Deadline, limits: Limits) -> Iterator[Finding]:
    """Refuse a PDF whose streams expand past the budget, or with an image over the pixel limit."""
    left = limits.max_drawn_bytes
    for obj in reachable(trailer, deadline, limits.max_objects):
        if not isinstance(obj, StreamObject):
            continue
        if obj.get("/Subtype") == "/Image":
            if _pixels(obj) > limits.max_pixels:
                yield too_complex(terms.image_pixels(limits.max_pixels))
                return
            continue
        left -= expanded_size(obj, left)
        if left < 0:
            yield too_complex(terms.DECOMPRESSION)
            return


def expanded_size(stream: StreamObject, budget: int) -> int:
    """The bytes `stream` expands to, or budget + 1 as soon as it would pass the budget."""
    limits: dict[str, Any] = dict.fromkeys(OUTPUT_LIMITS, budget + 1)
    with apply_configuration(**limits):
        try:
            return len(decode_stream_data(stream))
        except LimitReachedError:
            return budget + 1
        except Exception:  # noqa: BLE001 - a filter pypdf cannot undo; pdfium stops there too
            return 0


def too_complex(reason: Text) -> Finding:
    return Finding.make("pdf_too_complex", Severity.ERROR, reason=reason)


def _pixels(image: StreamObject) -> int:
    try:
        return int(image.get("/Width", 0)) * int(image.get("/Height", 0))
    except (TypeError, ValueError):
        return 0
