"""Every finding has a message in English, Traditional and Simplified Chinese."""

from __future__ import annotations

import json
import re
import string

import pytest

from tests.validation.checking import Check
from tests.validation.samples import CATALOGUE, CONTRACT_CODES
from tracker.i18n import LANGS, Text
from tracker.validation.findings import Finding, Severity
from tracker.validation.messages import MESSAGES

CJK = re.compile(r"[\u4e00-\u9fff]")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", sorted(CONTRACT_CODES))
def test_every_contract_code_has_three_languages(code: str) -> None:
    assert set(MESSAGES[code]) == set(LANGS)
    assert all(text.strip() for text in MESSAGES[code].values())


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_languages_fill_the_same_placeholders(code: str) -> None:
    english = placeholders(MESSAGES[code]["en"])
    assert placeholders(MESSAGES[code]["zh-Hant"]) == english
    assert placeholders(MESSAGES[code]["zh-Hans"]) == english


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_messages_render_from_real_findings(check: Check, code: str) -> None:
    data, name, limits = CATALOGUE[code]
    finding = next(f for f in check(data, name, **limits).findings if f.code == code)
    rendered = {lang: finding.message(lang) for lang in LANGS}
    assert not any("{" in text or "}" in text for text in rendered.values())
    assert not CJK.search(rendered["en"])
    assert CJK.search(rendered["zh-Hant"])
    assert CJK.search(rendered["zh-Hans"])


def test_language_messages_take_a_language_name_in_each_script() -> None:
    name = Text("Indonesian", "印尼文", "印尼文")
    finding = Finding.make("needs_translation", Severity.ERROR, language=name)
    assert "Indonesian" in finding.message("en")
    assert "印尼文" in finding.message("zh-Hant")
    assert Finding.make("language_undetermined", Severity.WARNING).message("zh-Hans")


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_findings_render_the_same_after_storage_as_json(check: Check, code: str) -> None:
    data, name, limits = CATALOGUE[code]
    for finding in check(data, name, **limits).findings:
        stored = Finding.from_record(json.loads(json.dumps(finding.to_record())))
        assert [stored.message(lang) for lang in LANGS] == [finding.message(lang) for lang in LANGS]
