"""The whole pipeline: the contract's report shape, every finding code from a real file,
and a verdict (never an exception) for any bytes at all."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.validation import samples
from tests.validation.checking import Check
from tests.validation.fuzzing import mutated
from tests.validation.samples import (
    CATALOGUE,
    CONTRACT_CODES,
    NOT_FROM_THE_PIPELINE,
    REPORT_KEYS,
    codes,
)
from tracker.i18n import Text
from tracker.validation.findings import Finding, Severity
from tracker.validation.limits import Limits
from tracker.validation.pipeline import FileReport, validate_file


def test_catalogue_covers_every_code_the_pipeline_owns() -> None:
    assert set(CATALOGUE) == CONTRACT_CODES - NOT_FROM_THE_PIPELINE


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_code_comes_from_a_real_file(check: Check, code: str) -> None:
    data, name, limits = CATALOGUE[code]
    report = check(data, name, **limits)
    assert code in codes(report)
    severity = next(f.severity for f in report.findings if f.code == code)
    assert report.ok is (severity is Severity.WARNING)


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "zh-Hans"])
def test_report_has_the_contract_shape(check: Check, lang: str) -> None:
    data, name, limits = CATALOGUE["photo_spec"]
    out = check(data, name, **limits).to_dict(lang)
    assert list(out) == REPORT_KEYS
    assert out["file"] == "photo.png"
    assert (out["ok"], out["kind"], out["mime"]) == (False, "image", "image/png")
    assert (out["pages"], out["width"], out["height"]) == (None, 500, 400)
    assert (out["languages"], out["needs_translation"]) == ([], False)
    assert out["mrz"] is None  # not a travel document item
    assert len(out["sha256"]) == 64
    assert out["size"] == len(data)
    [finding] = out["findings"]
    assert list(finding) == ["code", "severity", "message"]
    assert (finding["code"], finding["severity"]) == ("photo_spec", "error")


def test_pdf_report_has_pages_and_no_pixel_size(check: Check) -> None:
    out = check(samples.text_pdf(2), "a.pdf").to_dict()
    assert (out["ok"], out["pages"], out["width"], out["height"]) == (True, 2, None, None)


def test_with_language_adds_languages_and_findings(check: Check) -> None:
    report = check(samples.text_pdf(), "marriage.pdf")
    extra = Finding.make(
        "needs_translation", Severity.ERROR, language=Text("Indonesian", "印尼文", "印尼文")
    )
    added = report.with_language(("id", "en"), True, [extra])
    assert report.ok
    assert (report.languages, report.findings) == ((), ())
    assert (added.languages, added.needs_translation, added.ok) == (("id", "en"), True, False)
    assert added.findings == (extra,)
    assert "Indonesian" in added.to_dict()["findings"][0]["message"]
    assert "印尼文" in added.to_dict("zh-Hant")["findings"][0]["message"]


def test_findings_are_all_collected(check: Check) -> None:
    report = check(samples.HTML, "photo.jpg", max_bytes=10)
    assert codes(report) == ["too_large", "type_not_allowed", "extension_mismatch"]


# --- Any bytes give a verdict ---------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def verdict(data: bytes, name: str) -> FileReport:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload"
        path.write_bytes(data)
        return validate_file(path, name=name, limits=Limits(max_seconds=2.0))


def assert_consistent(report: FileReport, data: bytes) -> None:
    assert report.size == len(data)
    assert report.ok is all(f.severity is Severity.WARNING for f in report.findings)
    for lang in ("en", "zh-Hant", "zh-Hans"):
        assert all(f["message"] for f in report.to_dict(lang)["findings"])


@FUZZ
@given(data=st.binary(max_size=4096), name=st.text(max_size=30))
def test_any_bytes_give_a_verdict(data: bytes, name: str) -> None:
    assert_consistent(verdict(data, name), data)


@FUZZ
@given(data=mutated())
def test_damaged_documents_give_a_verdict(data: bytes) -> None:
    report = verdict(data, "document.pdf")
    assert_consistent(report, data)
