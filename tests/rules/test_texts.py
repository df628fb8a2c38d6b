"""Item 10: the words the product shows, as the guidebook says them, in each language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.rules.engine import derive_checklist
from tracker.rules.facts import parse_facts
from tracker.rules.loader import PROGRAMS_DIR, load_programs
from tracker.validation.messages import MESSAGES

PROGRAMS = load_programs()
HK = PROGRAMS["hk_dependant"]
TRANSLATIONS = Path(__file__).resolve().parents[2] / "tracker" / "translations"


def test_simplified_chinese_says_upload_one_way() -> None:
    texts = [(TRANSLATIONS / "zh_Hans" / "LC_MESSAGES" / "messages.po").read_text("utf-8")]
    texts += [p.read_text("utf-8") for p in PROGRAMS_DIR.glob("*.toml")]
    assert not [t for t in texts if "上载" in t]


def test_the_guidebook_is_named_and_linked_in_each_language() -> None:
    facts = parse_facts(
        HK,
        {
            "application_type": "entry",
            "sponsor_category": "gep",
            "relationship": "spouse",
            "applicant_age": 30,
            "applicant_nationality": "PH",
            "applicant_residence": "overseas",
        },
    )
    guides = [
        derive_checklist(HK, facts).to_dict(lang)["guide"] for lang in ("en", "zh-Hant", "zh-Hans")
    ]
    assert "Guidebook for Entry for Residence as Dependants" in guides[0]["title"]
    assert "受養人來港居留入境指南" in guides[1]["title"]
    assert "受养人来港居留入境指南" in guides[2]["title"]
    assert [g["url"].split("/")[3] for g in guides] == ["en", "tc", "sc"]
    assert PROGRAMS["us_b1b2"].guide is None


@pytest.mark.parametrize("lang", ["en", "zh-Hant", "zh-Hans"])
def test_note_and_finding_share_the_guidebooks_translator_wording(lang: str) -> None:
    note = next(n for n in HK.notes if n.code == "translation_rule").message(lang)
    finding = MESSAGES["needs_translation"][lang]
    phrase = {
        "en": "certified as true by a sworn, court, authorised, registered, expert or official "
        "translator",
        "zh-Hant": "經由宣誓翻譯員、法庭翻譯員、認可翻譯員、註冊翻譯員、專家翻譯員或官方翻譯員"
        "核證為真實譯本",
        "zh-Hans": "经由宣誓翻译员、法庭翻译员、认可翻译员、注册翻译员、专家翻译员或官方翻译员"
        "核证为真实译本",
    }[lang]
    assert phrase in note
    assert phrase in finding


def test_advice_is_labelled_not_cited_in_each_language() -> None:
    advice = [d for d in HK.dates if d.source is None]
    assert [d.code for d in advice] == ["travel_document_renew_by"]
    assert not advice[0].deadline
    title = advice[0].title
    assert "advice" in title("en")
    assert "建議" in title("zh-Hant")
    assert "建议" in title("zh-Hans")


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "advice"), ("zh-Hant", "建議"), ("zh-Hans", "建议")]
)
def test_photo_pixel_minimum_is_labelled_as_advice(lang: str, label: str) -> None:
    a1 = HK.item("A1")
    assert a1 is not None
    assert a1.hint is not None
    assert label in a1.hint(lang)
