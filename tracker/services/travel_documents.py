"""A travel document's zone against its case: findings for both sides, its expiry a case date.

The zone's expiry becomes the person's travel-document date when none was entered, so
the program's date rules (tracker/rules/dates.py) make an expired or expiring document
a real deadline; a different date already entered is a finding, never overwritten.
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _

from tracker.extensions import db
from tracker.i18n import Text
from tracker.models import Document, Person, PersonRole, User
from tracker.rules.program import Program
from tracker.services import audit
from tracker.services.deadlines import dates_of, refresh_deadline
from tracker.services.errors import InvalidInputError
from tracker.services.registry import get_programs
from tracker.services.status import refresh_item
from tracker.validation.findings import Finding, Severity
from tracker.validation.icao import Mrz
from tracker.validation.mrz import mrz_findings
from tracker.validation.mrz_case import CASE_CODES, CaseSays, case_findings

# What a consultant may correct after reading the page, and the form each value takes.
CORRECTABLE = {
    "surname": re.compile(r"[A-Z ]{1,39}"),
    "given_names": re.compile(r"[A-Z ]{0,39}"),
    "document_number": re.compile(r"[A-Z0-9]{1,9}"),
    "nationality": re.compile(r"[A-Z]{1,3}"),
    "birth_date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "sex": re.compile(r"[MFX]"),
    "expiry_date": re.compile(r"\d{4}-\d{2}-\d{2}"),
}


def settle_reading(doc: Document, reading: Mrz | None, program: Program) -> list[Finding]:
    """Findings on a travel document's zone; a zone whose checks pass is held to the case."""
    findings = mrz_findings(reading)
    if reading is None or not reading.checksums_ok:
        return findings
    person = doc.requirement.person
    findings += case_findings(reading.to_dict(), _says(doc, program), today=date.today())
    return findings + _expiry(doc, person, reading, program)


def _says(doc: Document, program: Program | None) -> CaseSays:
    person = doc.requirement.person
    until = _valid_until(doc, program) if program is not None else ()
    if person.role is not PersonRole.APPLICANT:
        return CaseSays(person.name, valid_until=until)
    facts = person.facts
    nationality, age = facts.get("applicant_nationality"), facts.get("applicant_age")
    return CaseSays(person.name, nationality, age, until)


def _valid_until(doc: Document, program: Program) -> tuple[tuple[date, Text], ...]:
    """The case's dates the program says a travel document must outlast (an intended stay)."""
    codes = {
        code
        for rule in program.dates
        if rule.base == "travel_document_expires_on"
        for code in rule.must_outlast
    }
    dates = dates_of(doc.case, program)
    entries = (*dates.case, *dates.people.get(doc.requirement.person.id, ()))
    return tuple((e.on, e.title) for e in entries if e.code in codes)


def _expiry(doc: Document, person: Person, reading: Mrz, program: Program) -> list[Finding]:
    if reading.expiry_date is None:
        return []
    read = date.fromisoformat(reading.expiry_date)
    entered = person.travel_document_expires_on
    if entered is None:
        person.travel_document_expires_on = read
        refresh_deadline(doc.case, program)
        audit.record(
            "person.travel_document_read", case=doc.case, person=person.id, expires_on=str(read)
        )
        return []
    if entered == read:
        return []
    return [
        Finding.make(
            "mrz_expiry_differs", Severity.WARNING, mrz_date=str(read), case_date=str(entered)
        )
    ]


def correct_mrz(doc: Document, field: str, value: str, *, actor: User) -> None:
    """A consultant's correction of a misread field; the case is compared again; audited."""
    if doc.mrz is None:
        raise InvalidInputError(_("No machine-readable zone was read from this document."))
    value = " ".join(value.upper().split())
    pattern = CORRECTABLE.get(field)
    if pattern is None or not pattern.fullmatch(value) or not _real_date(field, value):
        raise InvalidInputError(_("That is not a valid value for this field."))
    previous = doc.mrz.get(field)
    doc.mrz = {**doc.mrz, field: value}
    says = _says(doc, get_programs().get(doc.case.program))
    kept = [f for f in doc.findings if f.code not in CASE_CODES]
    doc.findings = [*kept, *case_findings(doc.mrz, says, today=date.today())]
    refresh_item(doc.requirement)
    audit.record(
        "document.mrz_corrected",
        case=doc.case,
        user=actor,
        document=doc.id,
        field=field,
        previous=previous,
        value=value,
    )
    db.session.commit()


def _real_date(field: str, value: str) -> bool:
    if not field.endswith("_date"):
        return True
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
