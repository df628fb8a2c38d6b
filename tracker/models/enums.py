"""Enumerations stored by value."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


class Role(StrEnum):
    APPLICANT = "applicant"
    CONSULTANT = "consultant"
    ADMIN = "admin"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    ARCHIVED = "archived"


class PersonRole(StrEnum):
    SPONSOR = "sponsor"
    APPLICANT = "applicant"


class ItemStatus(StrEnum):
    MISSING = "missing"
    CHECKING = "checking"
    INVALID = "invalid"
    NEEDS_TRANSLATION = "needs_translation"
    IN_REVIEW = "in_review"
    REJECTED = "rejected"
    ACCEPTED = "accepted"
    NOT_REQUIRED = "not_required"


class CheckState(StrEnum):
    CHECKING = "checking"
    DONE = "done"
    FAILED = "failed"


class Review(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


def by_value(enum: type[StrEnum]) -> Enum:
    """A portable column type storing the enum's values, not its names."""
    return Enum(
        enum,
        values_callable=lambda e: [m.value for m in e],
        native_enum=False,
        length=24,
        validate_strings=True,
    )
