"""Cases: requirements derived from facts, re-derived without ever losing an upload."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Case, Document, ItemStatus, Requirement, Role
from tracker.services.cases import NewApplicant, create_case, update_facts
from tracker.services.errors import InvalidInputError
from tracker.services.users import create_user

SPOUSE: dict[str, Any] = {
    "relationship": "spouse",
    "applicant_age": 34,
    "applicant_nationality": "PH",
    "applicant_residence": "overseas",
}
CHILD: dict[str, Any] = {**SPOUSE, "relationship": "child", "applicant_age": 10}


def make_case(program: Any, **case_facts: Any) -> Case:
    consultant = create_user("c@example.com", "long-password-1", Role.CONSULTANT)
    facts = {"application_type": "entry", "sponsor_category": "gep", **case_facts}
    return create_case(
        program,
        sponsor_name="Sam Sponsor",
        case_facts=facts,
        applicants=[NewApplicant("Ann", SPOUSE), NewApplicant("Ben", CHILD)],
        consultant=consultant,
    )


def codes(case: Case) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for req in sorted(case.requirements, key=lambda r: (r.person.position, r.position)):
        if req.status != ItemStatus.NOT_REQUIRED:
            found.setdefault(req.person.name, []).append(req.code)
    return found


def test_sponsor_items_once_applicant_items_per_applicant(program: Any) -> None:
    case = make_case(program)
    assert codes(case) == {
        "Sam Sponsor": ["B1", "B2", "B3", "B4"],
        "Ann": ["A1", "A2", "A4"],
        "Ben": ["A1", "A2", "A4"],
    }
    assert all(r.status == ItemStatus.MISSING for r in case.requirements)


def test_changing_facts_adds_and_retires_items_but_keeps_documents(program: Any) -> None:
    case = make_case(program)
    b2 = next(r for r in case.requirements if r.code == "B2")
    db.session.add(
        Document(
            requirement=b2,
            case=case,
            storage_key="aa/bb/x",
            original_name="visa.pdf",
            mime="application/pdf",
            kind="pdf",
            size=10,
            sha256="0" * 64,
        )
    )
    db.session.commit()

    update_facts(case, program, case_facts={**case.facts, "sponsor_category": "permanent_resident"})
    db.session.refresh(b2)
    assert b2.status == ItemStatus.NOT_REQUIRED
    assert db.session.scalars(select(Document)).one().requirement_id == b2.id

    update_facts(case, program, case_facts={**case.facts, "sponsor_category": "gep"})
    db.session.refresh(b2)
    assert b2.status != ItemStatus.NOT_REQUIRED
    assert len(db.session.scalars(select(Requirement).where(Requirement.code == "B2")).all()) == 1


def test_extension_replaces_entry_items(program: Any) -> None:
    case = make_case(program)
    update_facts(case, program, case_facts={**case.facts, "application_type": "extension"})
    assert codes(case) == {"Ann": ["C2", "C3", "C4"], "Ben": ["C2", "C3", "C4"]}


def test_ineligible_applicant_gets_reasons_and_no_items(program: Any) -> None:
    case = make_case(program)
    ben = next(p for p in case.people if p.name == "Ben")
    update_facts(case, program, person_facts={ben.id: {**ben.facts, "applicant_age": 19}})
    assert ben.eligible is False
    assert ben.reasons == ["child_not_eligible"]
    assert "Ben" not in codes(case)


def test_bad_facts_are_rejected_and_change_nothing(program: Any) -> None:
    case = make_case(program)
    with pytest.raises(InvalidInputError, match="sponsor_category"):
        update_facts(case, program, case_facts={**case.facts, "sponsor_category": "astronaut"})
    db.session.rollback()
    assert case.facts["sponsor_category"] == "gep"


def test_a_generated_reference_already_taken_is_drawn_again(
    program: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.services import cases

    drawn = iter(["HD-2026-AAAA-AAAA", "HD-2026-AAAA-AAAA", "HD-2026-BBBB-BBBB"])
    monkeypatch.setattr(cases, "new_reference", lambda _program: next(drawn))
    facts = {"application_type": "entry", "sponsor_category": "gep"}
    family = [NewApplicant("Ana", SPOUSE)]
    first = create_case(program, case_facts=facts, sponsor_name="S", applicants=family)
    second = create_case(program, case_facts=facts, sponsor_name="T", applicants=family)
    assert (first.reference, second.reference) == ("HD-2026-AAAA-AAAA", "HD-2026-BBBB-BBBB")


def test_references_carry_40_random_bits_in_an_unambiguous_alphabet(program: Any) -> None:
    from tracker.services.cases import REFERENCE_ALPHABET, new_reference

    references = {new_reference(program) for _ in range(2000)}
    assert len(references) == 2000
    code = next(iter(references)).split("-", 2)[2].replace("-", "")
    assert len(code) == 8
    assert set(code) <= set(REFERENCE_ALPHABET)
    assert len(REFERENCE_ALPHABET) ** 8 == 2**40
