"""Language identification of texts and text PDFs: the verdict, the names, the findings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.validation.lang_samples import (
    BY_NAME,
    SAMPLES,
    SHORT_SAMPLES,
    Sample,
    blank_pdf,
    text_pdf,
)
from tracker.validation.findings import Severity
from tracker.validation.language import (
    SCRIPT_LANGUAGE,
    LanguageResult,
    detect_document_language,
    identify_text,
    language_findings,
    script_of,
    units,
    verdict,
)
from tracker.validation.language_model import SCRIPT_CANDIDATES
from tracker.validation.language_names import NAMES, OTHER, language_name

ALL = SAMPLES + SHORT_SAMPLES
IDS = [s.name for s in ALL]


def text_of(sample: Sample) -> str:
    return "\n".join(sample.lines)


@pytest.mark.parametrize("sample", ALL, ids=IDS)
def test_text_gets_its_main_language_and_verdict(sample: Sample) -> None:
    languages, needs = identify_text(text_of(sample))
    assert languages[0] == sample.main
    assert needs is sample.needs_translation


@pytest.mark.parametrize("sample", ALL, ids=IDS)
def test_text_in_capitals_gets_the_same_verdict(sample: Sample) -> None:
    languages, needs = identify_text(text_of(sample).upper())
    assert languages[0] == sample.main
    assert needs is sample.needs_translation


@pytest.mark.parametrize("sample", ALL, ids=IDS)
def test_text_pdf_gets_its_main_language_and_verdict(sample: Sample, tmp_path: Path) -> None:
    result = detect_document_language(text_pdf(sample, tmp_path / "doc.pdf"), kind="pdf")
    assert result.languages[0] == sample.main
    assert result.needs_translation is sample.needs_translation
    assert (result.method, result.pages_read) == ("text", 1)


def test_two_word_arabic_pdf_is_arabic_not_undetermined(tmp_path: Path) -> None:
    path = text_pdf(BY_NAME["arabic_one_line"], tmp_path / "short.pdf")
    assert detect_document_language(path, kind="pdf") == LanguageResult(("ar",), True, "text", 1)


@pytest.mark.parametrize(
    ("text", "language"),
    [("گواهی تولد", "fa"), ("پیدائش کا سرٹیفکیٹ", "ur"), ("свідоцтво про народження", "uk")],
)
def test_short_line_in_a_shared_script_gets_its_own_language(text: str, language: str) -> None:
    assert identify_text(text) == ((language,), True)


def test_unsure_line_takes_a_language_the_document_is_sure_of() -> None:
    text = "Perkawinan ini dicatat sesuai dengan peraturan yang berlaku.\nBudi dan di"
    assert identify_text(text) == (("id",), True)


def test_bilingual_chinese_english_lists_both_and_is_not_flagged() -> None:
    assert identify_text(text_of(BY_NAME["bilingual_zh_en"])) == (("zh", "en"), False)


def test_bilingual_indonesian_english_is_flagged() -> None:
    languages, needs = identify_text(text_of(BY_NAME["bilingual_indonesian_english"]))
    assert set(languages) == {"id", "en"}
    assert needs


def test_japanese_is_told_from_chinese_by_its_kana() -> None:
    assert identify_text("この証明書は戸籍法に基づいて発行されたものです。") == (("ja",), True)
    assert identify_text("本證明書根據生死登記條例發出。") == (("zh",), False)


def test_stray_kana_from_ocr_noise_does_not_make_chinese_japanese() -> None:
    text = "戶口持有人 陳大文\nレル ー と\nが\n如對本結單有任何查詢"
    assert identify_text(text) == (("zh",), False)


@pytest.mark.parametrize("text", ["", "   \n\t", "12/03/2015 — 0042", "HKD 125,430.50"])
def test_text_without_words_has_no_language(text: str) -> None:
    assert identify_text(text) == ((), False)


def test_names_are_left_out() -> None:
    text = "Husband: NGUYEN VAN MINH, born in Hai Phong\nAddress: Jalan Merdeka Raya 25"
    assert [u.text for u in units(text)] == ["Husband: born in"]


def test_form_values_are_left_out_when_all_is_in_capitals() -> None:
    text = "NAME OF SPONSOR: DELA CRUZ, JUAN MIGUEL SANTOS\nADDRESS: JALAN MERDEKA RAYA 25"
    assert [u.text for u in units(text)] == ["NAME OF SPONSOR"]


@pytest.mark.parametrize(
    ("ch", "script"),
    [("a", "LATIN"), ("ế", "LATIN"), ("Ａ", "LATIN"), ("中", "HAN"), ("の", "KANA")]
    + [("ｱ", "KANA"), ("한", "HANGUL"), ("ไ", "THAI"), ("Д", "CYRILLIC"), ("ع", "ARABIC")]
    + [("ा", "DEVANAGARI"), ("7", None), (" ", None), ("\u0301", None), (":", None)],
)
def test_script_of_a_character(ch: str, script: str | None) -> None:
    assert script_of(ch) == script


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({}, ((), False)),
        ({"en": 9, "id": 1}, (("en", "id"), False)),
        ({"en": 7, "id": 3}, (("en", "id"), True)),
        ({"zh": 6, "en": 4}, (("zh", "en"), False)),
        ({"en": 4, "id": 4}, (("id", "en"), True)),  # a tie names the foreign language
        ({"id": 5, "ms": 3}, (("id",), True)),  # siblings the model splits are one language
        ({"en": 16, "vi": 1, "th": 1, "ko": 1, "fr": 1}, (("en", "vi"), True)),
    ],
)
def test_verdict_from_line_counts(
    counts: dict[str, int], expected: tuple[tuple[str, ...], bool]
) -> None:
    assert verdict(Counter(counts)) == expected


def test_needs_translation_names_the_foreign_language_in_each_reader_language() -> None:
    result = LanguageResult(("en", "id"), True, "text", 1)
    [finding] = language_findings(result)
    assert (finding.code, finding.severity) == ("needs_translation", Severity.ERROR)
    assert "Indonesian" in finding.message("en")
    assert "印尼文" in finding.message("zh-Hant")
    assert "印尼文" in finding.message("zh-Hans")


def test_no_text_is_a_warning_for_a_person_not_an_error() -> None:
    [finding] = language_findings(LanguageResult((), False, "ocr", 1))
    assert (finding.code, finding.severity) == ("language_undetermined", Severity.WARNING)
    assert finding.message("zh-Hans")


def test_chinese_or_english_document_has_no_finding() -> None:
    assert language_findings(LanguageResult(("zh", "en"), False, "text", 1)) == []


def test_every_language_we_can_report_has_a_name() -> None:
    codes = set().union(*SCRIPT_CANDIDATES.values(), SCRIPT_LANGUAGE.values())
    assert codes <= set(NAMES)
    assert language_name("xx") is OTHER


def test_blank_text_pdf_is_undetermined(tmp_path: Path) -> None:
    result = detect_document_language(blank_pdf(tmp_path / "blank.pdf"), kind="pdf")
    assert (result.languages, result.needs_translation) == ((), False)


def test_long_text_pdf_stops_once_the_verdict_is_sure(tmp_path: Path) -> None:
    path = text_pdf(BY_NAME["indonesian"], tmp_path / "long.pdf", pages=12)
    result = detect_document_language(path, kind="pdf")
    assert result.languages[0] == "id"
    assert result.pages_read == 5


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n garbage", b"\x89PNG\r\n\x1a\n broken"])
@pytest.mark.parametrize("kind", ["pdf", "image"])
def test_unreadable_file_gives_no_verdict_and_no_exception(
    content: bytes, kind: str, tmp_path: Path
) -> None:
    path = tmp_path / "broken"
    path.write_bytes(content)
    result = detect_document_language(path, kind=kind)
    assert result == LanguageResult((), False, "none", 0)
