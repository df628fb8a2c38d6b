"""The quick qpdf clearance: it clears plain files, and never one the exact checks would fault."""

from __future__ import annotations

import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import img2pdf
import pikepdf
import pytest

from tests.validation import samples
from tests.validation.lang_samples import BY_NAME, text_pdf
from tracker.validation import pdf_quick
from tracker.validation.budget import Deadline
from tracker.validation.limits import Limits
from tracker.validation.pdf import inspect_pdf_exactly
from tracker.validation.pdf_quick import quick_pages


def quick(
    data: bytes, limits: Limits | None = None, deadline: Deadline | None = None
) -> int | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "file.pdf")
        path.write_bytes(data)
        return quick_pages(path, data, limits or Limits(), deadline or Deadline(10))


def exact(data: bytes, limits: Limits | None = None) -> tuple[list[str], int | None]:
    found = inspect_pdf_exactly(data, limits or Limits(), Deadline(10))
    return [f.code for f in found.findings], found.pages


def lang_pdf(name: str, tmp_path: Path, pages: int = 1) -> bytes:
    return text_pdf(BY_NAME[name], tmp_path / f"{name}.pdf", pages=pages).read_bytes()


def pillow_pdf() -> bytes:
    out = io.BytesIO()
    samples.picture(400, 300, text=True).save(out, "PDF")
    return out.getvalue()


def rewritten(data: bytes, *, object_streams: bool = False) -> bytes:
    """`data` saved by qpdf: a classic table, or object streams and a cross-reference stream."""
    mode = pikepdf.ObjectStreamMode.generate if object_streams else pikepdf.ObjectStreamMode.disable
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, object_stream_mode=mode)
    return out.getvalue()


# ---- files it clears: the check's common case stays quick ----

PLAIN: dict[str, Callable[[Path], bytes]] = {
    "fpdf2 text": lambda _: samples.text_pdf(3),
    "fpdf2 scan": lambda _: samples.scan_pdf(2, dpi=72),
    "fpdf2 Chinese, embedded font": lambda t: lang_pdf("chinese_traditional", t),
    "fpdf2 Arabic, two pages": lambda t: lang_pdf("arabic", t, pages=2),
    "Pillow": lambda _: pillow_pdf(),
    "qpdf rewrite, classic table": lambda _: rewritten(samples.text_pdf(2)),
}


@pytest.mark.parametrize("make", PLAIN.values(), ids=PLAIN.keys())
def test_a_plain_pdf_is_cleared_with_the_exact_checks_page_count(
    make: Callable[[Path], bytes], tmp_path: Path
) -> None:
    data = make(tmp_path)
    assert exact(data) == ([], quick(data))
    assert quick(data)


# ---- files it leaves to the exact checks ----


def escaped_javascript_pdf() -> bytes:
    """JavaScript named with an escaped letter (/J#53): the same name to every reader."""
    action = b"<< /Type /Action /S /JavaScript /J#53 (app.alert(1)) >>"
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    return samples.raw_pdf([catalog, samples.PAGES, samples.PAGE, action])


def indirect_action_pdf() -> bytes:
    """A launch action whose type is an indirect name: only resolving it tells."""
    action = b"<< /Type /Action /S 5 0 R /F (calc.exe) >>"
    catalog = b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>"
    return samples.raw_pdf([catalog, samples.PAGES, samples.PAGE, action, b"/Launch"])


def incremental_pdf() -> bytes:
    """A later revision, pointing back at the first with /Prev."""
    first = samples.text_pdf()
    offset = int(re.findall(rb"startxref\s+(\d+)", first)[-1])
    update = b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev %d >>\n" % (
        offset
    )
    return first + update + b"startxref\n%d\n%%%%EOF\n" % len(first)


def lying_length_bomb() -> bytes:
    """A Flate bomb whose /Length claims 100 bytes: a reader that trusts it sees nothing."""
    data = samples.flate_bomb_pdf(50)
    found = re.search(rb"/Length (\d+) /Filter", data)
    assert found
    return data[: found.start(1)] + b"100".ljust(len(found.group(1))) + data[found.end(1) :]


def lzw_content_pdf() -> bytes:
    """A page whose content is LZW: qpdf has no limit for it, so only pypdf expands it."""
    text = b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"
    contents = b"<< /Length %d /Filter /LZWDecode >>\nstream\n%b\nendstream" % (len(text), text)
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    return samples.raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", samples.PAGES, page, contents])


LEFT: dict[str, Callable[[], bytes]] = {
    "JavaScript": samples.javascript_pdf,
    "JavaScript, escaped name": escaped_javascript_pdf,
    "JavaScript in the trailer": lambda: _trailer_key(samples.text_pdf(), b"/JS (app.alert(1))"),
    "launch action, indirect type": indirect_action_pdf,
    "launch action": samples.launch_pdf,
    "attachment": samples.attachment_pdf,
    "password": lambda: samples.encrypted_pdf("secret"),
    "owner password only": lambda: samples.encrypted_pdf(""),
    "no pages": samples.no_pages_pdf,
    "damaged": samples.corrupt_pdf,
    "huge page": samples.huge_page_pdf,
    "huge image": samples.huge_image_pdf,
    "Flate bomb": lambda: samples.flate_bomb_pdf(50),
    "Flate bomb, lying length": lying_length_bomb,
    "LZW content": lzw_content_pdf,
    "object stream": lambda: samples.object_stream_bomb_pdf(1000),
    "object streams, by qpdf": lambda: rewritten(samples.text_pdf(), object_streams=True),
    "incremental update": incremental_pdf,
    "linearized (img2pdf)": lambda: img2pdf.convert(samples.jpeg(300, 200)),
    "page tree repaired by qpdf": lambda: samples.many_objects_pdf(10),
}


@pytest.mark.parametrize("make", LEFT.values(), ids=LEFT.keys())
def test_a_file_with_anything_to_say_is_left_to_the_exact_checks(make: Callable[[], bytes]) -> None:
    assert quick(make()) is None


@pytest.mark.parametrize(
    ("limits", "pages"),
    [
        (Limits(max_pages=2), 3),
        (Limits(max_objects=5), 3),
        (Limits(max_drawn_bytes=1000), 3),
        (Limits(max_pixels=1000), 1),
    ],
    ids=["pages", "objects", "drawn bytes", "pixels"],
)
def test_the_items_limits_hold_in_the_quick_path(limits: Limits, pages: int) -> None:
    data = samples.text_pdf(3) if pages == 3 else samples.scan_pdf(1, dpi=72)
    assert quick(data) == pages
    assert quick(data, limits) is None
    assert exact(data, limits)[0] == ["pdf_too_complex"]


def test_out_of_time_goes_to_the_exact_checks_which_say_so() -> None:
    data = samples.text_pdf()
    spent = Deadline(0.0, started=0.0)
    assert quick(data, deadline=spent) is None
    assert [f.code for f in inspect_pdf_exactly(data, Limits(), spent).findings] == [
        "pdf_too_complex"
    ]


# ---- what qpdf is never given ----

CROSS_REFERENCE_STREAMS: dict[str, Callable[[], bytes]] = {
    "cross-reference stream": lambda: samples.object_stream_bomb_pdf(1000),
    "incremental update": incremental_pdf,
    "hybrid (/XRefStm)": lambda: _trailer_key(samples.text_pdf(), b"/XRefStm 9"),
    "escaped /Prev": lambda: _trailer_key(samples.text_pdf(), b"/Pr#65v 9"),
    "two startxref": lambda: samples.text_pdf() + b"startxref\n9\n%%EOF\n",
}


def _trailer_key(data: bytes, entry: bytes) -> bytes:
    at = data.rindex(b"trailer")
    return data[:at] + data[at:].replace(b"/Root", entry + b" /Root", 1)


@pytest.mark.parametrize(
    "make", CROSS_REFERENCE_STREAMS.values(), ids=CROSS_REFERENCE_STREAMS.keys()
)
def test_qpdf_never_opens_a_file_where_it_would_expand_a_stream_by_itself(
    make: Callable[[], bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    """qpdf expands cross-reference and object streams while opening, LZW without limit."""
    data, opened = make(), list[object]()
    monkeypatch.setattr(pikepdf, "open", lambda *a, **k: opened.append(a))
    assert quick(data) is None
    assert opened == []


def test_streams_are_inflated_only_when_flates_worst_case_passes_the_budget() -> None:
    """Under 1/1032 of the budget in Flate data needs no inflating; above, the true size counts."""
    data = samples.text_pdf(3)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        streams = [o for o in pdf.objects if isinstance(o, pikepdf.Stream)]
        raw = sum(len(s.read_raw_bytes()) for s in streams)
        expanded = sum(len(s.read_bytes()) for s in streams)
    assert expanded < raw * pdf_quick.MAX_FLATE_RATIO
    assert quick(data, Limits(max_drawn_bytes=raw * pdf_quick.MAX_FLATE_RATIO)) == 3
    assert quick(data, Limits(max_drawn_bytes=expanded)) == 3
    assert quick(data, Limits(max_drawn_bytes=expanded - 1)) is None
    assert exact(data, Limits(max_drawn_bytes=expanded - 1))[0] == ["pdf_too_complex"]
