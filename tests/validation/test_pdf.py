"""PDF checks on generated files: good, cut off, locked, empty, active, hostile."""

from __future__ import annotations

import pytest

from tests.validation import samples
from tests.validation.checking import Check
from tests.validation.samples import codes
from tracker.validation.findings import Severity


@pytest.mark.parametrize("pages", [1, 3])
def test_text_pdf_passes_with_its_page_count(check: Check, pages: int) -> None:
    report = check(samples.text_pdf(pages), "letter.pdf")
    assert (report.ok, report.kind, report.pages, codes(report)) == (True, "pdf", pages, [])


def test_scanned_pdf_passes(check: Check) -> None:
    report = check(samples.scan_pdf(2, dpi=72), "scan.pdf")
    assert (report.pages, codes(report)) == (2, [])


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9])
def test_truncated_pdf_is_unreadable(check: Check, keep: float) -> None:
    data = samples.text_pdf(3)
    report = check(data[: int(len(data) * keep)], "cut.pdf")
    assert codes(report) == ["pdf_unreadable"]
    assert "incomplete" in report.findings[0].message("en")


def test_pdf_with_a_damaged_body_is_unreadable(check: Check) -> None:
    report = check(samples.corrupt_pdf(), "broken.pdf")
    assert codes(report) == ["pdf_unreadable"]
    assert "damaged" in report.findings[0].message("en")


def test_pdf_needing_a_user_password_is_encrypted(check: Check) -> None:
    report = check(samples.encrypted_pdf("secret"), "statement.pdf")
    assert codes(report) == ["pdf_encrypted"]
    assert report.pages is None


def test_pdf_with_only_an_owner_password_opens_fine(check: Check) -> None:
    report = check(samples.encrypted_pdf(""), "statement.pdf")
    assert (report.ok, report.pages, codes(report)) == (True, 1, [])


def test_pdf_without_pages(check: Check) -> None:
    report = check(samples.no_pages_pdf(), "blank.pdf")
    assert (report.pages, codes(report)) == (0, ["pdf_no_pages"])


@pytest.mark.parametrize(
    ("data", "feature"),
    [(samples.javascript_pdf(), "JavaScript"), (samples.launch_pdf(), "starts a program")],
    ids=["javascript", "launch"],
)
def test_runnable_content_is_an_error_that_says_how_to_clean_it(
    check: Check, data: bytes, feature: str
) -> None:
    """Issue 11 finding 13: JavaScript and launch actions were only a warning."""
    report = check(data, "form.pdf")
    assert codes(report) == ["pdf_active_content"]
    assert not report.ok
    assert report.findings[0].severity is Severity.ERROR
    message = report.findings[0].message("en")
    assert feature in message
    assert "Print" in message
    assert "Save as PDF" in message


def test_embedded_files_stay_a_warning(check: Check) -> None:
    report = check(samples.attachment_pdf(), "form.pdf")
    assert codes(report) == ["pdf_attachments"]
    assert report.ok  # a warning: the document itself can still be filed


def test_page_tree_that_lies_about_its_count_is_counted(check: Check) -> None:
    report = check(samples.lying_count_pdf(10**9), "liar.pdf")
    assert (report.pages, codes(report)) == (1, [])


def test_more_pages_than_the_limit_is_too_complex(check: Check) -> None:
    report = check(samples.text_pdf(6, lines=3), "long.pdf", max_pages=5)
    assert (report.pages, codes(report)) == (6, ["pdf_too_complex"])
    assert "6 pages; at most 5" in report.findings[0].message("en")


def test_page_tree_far_over_the_limit_is_refused_before_counting(check: Check) -> None:
    report = check(samples.text_pdf(120, lines=1), "huge.pdf", max_pages=2)
    assert codes(report) == ["pdf_too_complex"]
    assert "more than 2 pages" in report.findings[0].message("en")


def test_decompression_bomb_is_too_complex(check: Check) -> None:
    data = samples.object_stream_bomb_pdf(expand_to=4_000_000)
    assert check(data, "bomb.pdf").ok  # the same file is fine under a higher limit
    report = check(data, "bomb.pdf", max_stream_bytes=1_000_000)
    assert codes(report) == ["pdf_too_complex"]
    assert "expands" in report.findings[0].message("en")


def test_too_many_objects_is_too_complex(check: Check) -> None:
    data = samples.many_objects_pdf(500)
    assert check(data, "many.pdf", max_objects=1_000).ok
    report = check(data, "many.pdf", max_objects=100)
    assert codes(report) == ["pdf_too_complex"]
    assert "number of objects" in report.findings[0].message("en")


def test_time_budget_spent_is_too_complex(check: Check) -> None:
    report = check(samples.text_pdf(2), "slow.pdf", max_seconds=1e-9)
    assert codes(report) == ["pdf_too_complex"]
    assert "too long" in report.findings[0].message("en")
