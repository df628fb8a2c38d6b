"""What pdfium would cost to draw a PDF is checked first: bombs and giant pages are refused."""

from __future__ import annotations

import zlib

import pytest
from pypdf.filters import decode_stream_data
from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject

from tests.validation import samples
from tests.validation.checking import Check, Write
from tests.validation.samples import codes
from tracker import isolation
from tracker.services.file_checks import check_file
from tracker.validation import pdf_cost
from tracker.validation.limits import Limits


@pytest.fixture(scope="module")
def flate_bomb() -> bytes:
    return samples.flate_bomb_pdf()


def test_a_flate_bomb_is_too_complex(check: Check, flate_bomb: bytes) -> None:
    assert 1_000_000 < len(flate_bomb) < 2_000_000
    report = check(flate_bomb, "statement.pdf")
    assert codes(report) == ["pdf_too_complex"]
    assert "expands to an unreasonable size" in report.findings[0].message("en")


def test_a_flate_bomb_never_reaches_the_language_check(write: Write, flate_bomb: bytes) -> None:
    isolation.stop()
    report = check_file(write(flate_bomb, "statement.pdf"), name="statement.pdf", limits=Limits())
    assert (codes(report), report.languages, report.needs_translation) == (
        ["pdf_too_complex"],
        (),
        False,
    )
    assert isolation.child_pid() is None  # no child was even started for it


def test_a_page_wider_than_any_sheet_is_too_complex(check: Check) -> None:
    report = check(samples.huge_page_pdf(1_000_000, 100), "certificate.pdf")
    assert codes(report) == ["pdf_too_complex"]
    assert "larger than 200 inches" in report.findings[0].message("en")


@pytest.mark.parametrize("size", [(595, 842), (842, 595), (2384, 3370), (14_400, 14_400)])
def test_real_sheets_up_to_200_inches_pass(check: Check, size: tuple[int, int]) -> None:
    assert check(samples.huge_page_pdf(*size), "poster.pdf").ok


def test_an_image_declaring_too_many_pixels_is_too_complex(check: Check) -> None:
    report = check(samples.huge_image_pdf(100_000), "scan.pdf")
    assert codes(report) == ["pdf_too_complex"]
    assert "more than 60 million pixels" in report.findings[0].message("en")


def test_streams_count_together_against_one_budget(check: Check) -> None:
    data = samples.text_pdf(6)
    assert check(data, "letter.pdf", max_drawn_bytes=200_000).ok
    report = check(data, "letter.pdf", max_drawn_bytes=6_000)
    assert codes(report) == ["pdf_too_complex"]


@pytest.mark.slow  # OCR of long documents
def test_long_text_and_scanned_documents_stay_within_the_default_budget(check: Check) -> None:
    assert check(samples.text_pdf(120), "statement.pdf").ok
    assert check(samples.scan_pdf(3), "scan.pdf").ok


def test_the_sample_bomb_really_inflates_that_far() -> None:
    packed = samples.repeated_deflate(samples.BOMB_LINE, 8)
    assert len(zlib.decompress(packed)) == 8 * (samples.MIB // len(samples.BOMB_LINE)) * len(
        samples.BOMB_LINE
    )


STEP = pdf_cost.INFLATE_STEP


@pytest.mark.parametrize("size", [0, 1, STEP - 1, STEP, STEP + 1, 3 * STEP, 3 * STEP + 7])
@pytest.mark.parametrize("budget", [STEP // 2, 2 * STEP, 10 * STEP])
def test_plain_flate_counts_as_pypdf_expands_it(size: int, budget: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    stream = StreamObject()
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream._data = zlib.compress(data)  # noqa: SLF001 - what pypdf reads from a file
    assert pdf_cost.expanded_size(stream, budget) == min(size, budget + 1)
    with_parms = DictionaryObject({NameObject("/Predictor"): NumberObject(1)})
    stream[NameObject("/DecodeParms")] = with_parms  # pypdf's own decoder counts these
    assert pdf_cost.expanded_size(stream, budget) == min(size, budget + 1)


def test_flate_zlib_refuses_is_left_to_pypdfs_lenient_decoder() -> None:
    data = zlib.compress(bytes(range(256)) * 400)
    stream = StreamObject()
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream._data = data[:-4] + bytes(4)  # noqa: SLF001 - a wrong checksum at the end
    with pytest.raises(zlib.error):
        zlib.decompress(stream._data)  # noqa: SLF001
    recovered = len(decode_stream_data(stream))
    assert recovered > 0  # pypdf recovers the data all the same
    assert pdf_cost.expanded_size(stream, 10**6) == recovered
