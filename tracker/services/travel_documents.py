"""A travel document's zone against its case: findings for both sides, its expiry a case date.

The zone's expiry becomes the person's travel-document date when none was entered, so
the program's date rules (tracker/rules/dates.py) make an expired or expiring document
a real deadline; a different date already entered is a finding, never overwritten.
"""

from __future__ import annotations

from datetime import date

from tracker.models import Document, Person, PersonRole
from tracker.rules.program import Program
from tracker.services import audit
from tracker.services.deadlines import refresh_deadline
from tracker.validation.findings import Finding, Severity
from tracker.validation.icao import Mrz
from tracker.validation.mrz import mrz_findings
from tracker.validation.mrz_case import CaseSays, case_findings


def settle_reading(doc: Document, reading: Mrz | None, program: Program) -> list[Finding]:
    """Findings on a travel document's zone; a zone whose checks pass is held to the case."""
    findings = mrz_findings(reading)
    if reading is None or not reading.checksums_ok:
        return findings
    person = doc.requirement.person
    findings += case_findings(reading.to_dict(), _says(person), today=date.today())
    return findings + _expiry(doc, person, reading, program)


def _says(person: Person) -> CaseSays:
    if person.role is not PersonRole.APPLICANT:
        return CaseSays(person.name)
    facts = person.facts
    return CaseSays(person.name, facts.get("applicant_nationality"), facts.get("applicant_age"))


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
