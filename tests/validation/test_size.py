"""The first gates: zero bytes, the item's byte limit, and the streamed digest."""

from __future__ import annotations

import hashlib

import pytest

from tests.validation.checking import Check, Write
from tests.validation.samples import codes, text_pdf
from tracker.validation import size as size_module
from tracker.validation.size import digest
from tracker.validation.terms import human_bytes


def test_empty_file_is_refused_and_nothing_else_is_said(check: Check) -> None:
    report = check(b"", "passport.pdf")
    assert codes(report) == ["empty_file"]
    assert report.size == 0
    assert report.sha256 == hashlib.sha256(b"").hexdigest()


def test_file_over_the_item_limit_is_too_large(check: Check) -> None:
    data = text_pdf()
    report = check(data, "letter.pdf", max_bytes=len(data) - 1)
    assert codes(report) == ["too_large"]


def test_file_at_the_limit_is_accepted(check: Check) -> None:
    data = text_pdf()
    assert check(data, "letter.pdf", max_bytes=len(data)).ok


def test_too_large_message_names_both_sizes(check: Check) -> None:
    report = check(b"%PDF-1.4\n" + bytes(3 * 1024 * 1024), "big.pdf", max_bytes=2 * 1024 * 1024)
    message = report.findings[0].message("en")
    assert "3 MB" in message
    assert "2 MB" in message


def test_sizes_that_round_alike_are_shown_exactly(check: Check) -> None:
    limit = 1024 * 1024
    report = check(b"%PDF-1.4\n" + bytes(limit), "big.pdf", max_bytes=limit)
    message = report.findings[0].message("en")
    assert f"1 MB ({limit + 9:,} B)" in message
    assert f"1 MB ({limit:,} B)" in message


def test_digest_streams_across_chunks(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(size_module, "CHUNK", 7)
    data = bytes(range(256)) * 3
    assert digest(write(data, "x.bin")) == (len(data), hashlib.sha256(data).hexdigest())


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (812, "812 B"),
        (240 * 1024, "240 KB"),
        (10 * 1024 * 1024, "10 MB"),
        (int(12.3 * 1024 * 1024), "12.3 MB"),
    ],
)
def test_human_bytes(size: int, text: str) -> None:
    assert human_bytes(size) == text
