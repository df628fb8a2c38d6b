"""The zone against the case: names tolerant of order and spelling, nationality, age, expiry."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.i18n import Text
from tracker.validation.mrz_case import CaseSays, alpha2, case_findings, names_match

TODAY = date(2026, 11, 30)
ZONE = {
    "surname": "OKONKWO SMITH",
    "given_names": "ADAEZE",
    "nationality": "GBR",
    "birth_date": "2001-01-30",
    "expiry_date": "2027-12-01",
}


@pytest.mark.parametrize(
    ("surname", "given", "name", "same"),
    [
        ("OKONKWO SMITH", "ADAEZE", "Adaeze Okonkwo-Smith", True),  # order, hyphen
        ("OKONKWO SMITH", "ADAEZE", "OKONKWOSMITH Adaeze", True),  # spacing
        ("MUELLER", "JONAS PETER", "Jonas Müller", True),  # ICAO's UE for Ü
        ("CHAN", "TAI MAN", "Chan Tai-man", True),  # a Hong Kong name with its hyphen
        ("NGUYEN", "VAN AN", "Nguyễn Văn An", True),  # diacritics
        ("REYES", "MARIA CLARA", "Maria Reyes", True),  # a middle name left out
        ("WANG", "XIAO LING", "王小玲", True),  # another script: not compared
        ("CHAN", "TAI MAN", "Maria Reyes", False),
        ("REYES", "JOSE", "Maria Reyes", False),  # the right family, the wrong person
    ],
)
def test_names_are_compared_tolerantly(surname: str, given: str, name: str, same: bool) -> None:
    assert names_match(surname, given, name) is same


@pytest.mark.parametrize(
    ("code", "two"), [("PHL", "PH"), ("D", "DE"), ("GBN", "GB"), ("HKG", "HK")]
)
def test_icao_codes_become_iso_alpha_2(code: str, two: str) -> None:
    assert alpha2(code) == two


def test_a_matching_case_has_nothing_to_say() -> None:
    says = CaseSays("Adaeze Okonkwo-Smith", "GB", 25)
    assert case_findings(ZONE, says, today=TODAY) == []


def test_each_mismatch_names_both_sides() -> None:
    says = CaseSays("Maria Reyes", "PH", 40)
    found = {f.code: dict(f.params) for f in case_findings(ZONE, says, today=TODAY)}
    assert found["mrz_name_mismatch"] == {
        "mrz_name": "OKONKWO SMITH, ADAEZE",
        "case_name": "Maria Reyes",
    }
    assert found["mrz_nationality_mismatch"] == {"mrz_nationality": "GBR", "case_nationality": "PH"}
    assert found["mrz_age_mismatch"] == {"birth_date": "2001-01-30", "mrz_age": 25, "case_age": 40}


def test_an_expired_document_is_an_error() -> None:
    found = case_findings(
        {**ZONE, "expiry_date": "2026-11-29"}, CaseSays("Adaeze Okonkwo-Smith"), today=TODAY
    )
    assert [(f.code, str(f.severity)) for f in found] == [("mrz_expired", "error")]


def test_a_document_expiring_before_a_date_it_must_outlast_says_which() -> None:
    stay_ends = Text("the end of the stay", "留美期間結束", "留美期间结束")
    says = CaseSays("Adaeze Okonkwo-Smith", valid_until=((date(2027, 12, 20), stay_ends),))
    found = case_findings({**ZONE, "expiry_date": "2027-12-01"}, says, today=TODAY)
    assert [(f.code, str(f.severity)) for f in found] == [("mrz_expires_too_soon", "error")]
    assert found[0].message("en") == (
        "This travel document expires on 2027-12-01, before the end of the stay (2027-12-20):"
        " it must be valid until then. Renew it and upload the new one."
    )
    assert "早於留美期間結束（2027-12-20）" in found[0].message("zh-Hant")
    # Valid through the last day is enough.
    says = CaseSays("Adaeze Okonkwo-Smith", valid_until=((date(2027, 12, 1), stay_ends),))
    assert case_findings({**ZONE, "expiry_date": "2027-12-01"}, says, today=TODAY) == []
