"""Issue 15 item 1: every text an applicant sees is in the page's language.

Walks every rejection reason, every finding code and every item status on the
applicant's case page in both Chinese scripts and fails on English left there.
"""

from __future__ import annotations

import html
import re
import string

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.casework import add_document, case_by_reference, pdf_bytes
from tracker.extensions import db
from tracker.models import ItemStatus, Review
from tracker.rules.review_reasons import REASONS
from tracker.validation.findings import Finding, Severity
from tracker.validation.messages import MESSAGES

# Words that stay Latin in a Chinese page: file formats, units, and the printer
# "Microsoft Print to PDF" named as Windows shows it.
ALLOWED = {"PDF", "JPEG", "PNG", "HEIC", "MB", "KB", "pdf", "dpi", "Microsoft", "Print"}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
LANGS = {"zh-Hant": "zh-HK,zh;q=0.9", "zh-Hans": "zh-CN,zh;q=0.9"}


def every_finding() -> list[Finding]:
    """Each finding code with its placeholders filled by a number (no words to mistake)."""
    findings = []
    for code, texts in MESSAGES.items():
        parsed = string.Formatter().parse(texts["en"])
        fields = {name for _lit, name, _spec, _conv in parsed if name}
        findings.append(Finding.make(code, Severity.WARNING, **dict.fromkeys(fields, "7")))
    return findings


def english_in(fragments: list[str]) -> list[str]:
    left = []
    for fragment in fragments:
        text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
        words = [w for w in LATIN_WORD.findall(text) if w not in ALLOWED]
        if words:
            left.append(f"{' '.join(text.split())!r}: {words}")
    return left


@pytest.fixture
def case_with_everything(app: Flask, demo: None) -> int:
    """The applicant's case: one rejected file per reason, one file with every finding,
    and one item in each status."""
    case = case_by_reference("DEMO-0001")
    reqs = sorted((r for r in case.requirements if not r.ad_hoc), key=lambda r: r.id)
    for code in REASONS:
        doc = add_document(app, reqs[0], pdf_bytes(code), name="f.pdf", review=Review.REJECTED)
        doc.review_reason, doc.review_comment = code, None
    add_document(app, reqs[1], pdf_bytes("all"), name="f.pdf", findings=every_finding())
    for req, status in zip(reqs[2:], ItemStatus, strict=False):
        req.status = status
    db.session.commit()
    return case.id


@pytest.mark.parametrize("lang", LANGS)
def test_no_english_is_left_on_a_chinese_case_page(
    applicant_client: FlaskClient, case_with_everything: int, lang: str
) -> None:
    page = applicant_client.get(
        f"/cases/{case_with_everything}", headers={"Accept-Language": LANGS[lang]}
    ).get_data(as_text=True)
    reasons = re.findall(r'<p class="problem">.*?</p>', page, re.S)
    findings = re.findall(r'<li class="finding [^"]*" data-finding="[^"]*">.*?</li>', page, re.S)
    statuses = re.findall(r"<span class=\"badge status\" data-status-label>.*?</span>", page, re.S)
    todo = re.findall(r'<span class="todo-why">.*?</span>', page, re.S)
    times = re.findall(r"<time [^>]*>.*?</time>", page, re.S)
    assert len(reasons) >= len(REASONS)
    assert len(findings) >= len(MESSAGES)
    assert {s for s in ItemStatus} <= set(re.findall(r'data-status="(\w+)"', page))
    assert todo
    assert times
    assert english_in(reasons + findings + statuses + todo + times) == []
    for reason in REASONS.values():  # with Chinese punctuation between label and advice
        assert html.escape(f"{reason.label(lang)}。{reason.advice(lang)}") in page
