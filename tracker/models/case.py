"""A case: one sponsor, one or more applicants, and their derived requirements."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow
from tracker.models.enums import CaseStatus, ItemStatus, PersonRole, by_value

if TYPE_CHECKING:
    from tracker.models.document import Document
    from tracker.models.user import User


class Case(Base):
    __tablename__ = "cases"
    # The dashboard's default page: one consultant's open cases, latest activity first.
    __table_args__ = (
        Index("ix_cases_consultant_status_activity", "consultant_id", "status", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    program: Mapped[str] = mapped_column(String(40), index=True)
    program_version: Mapped[str] = mapped_column(String(40))
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[CaseStatus] = mapped_column(
        by_value(CaseStatus), default=CaseStatus.OPEN, index=True
    )
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    readiness: Mapped[int] = mapped_column(default=0)
    complete_since: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Kept by services.status / services.deadlines so the dashboard reads one table.
    count_missing: Mapped[int] = mapped_column(default=0, server_default="0")
    count_invalid: Mapped[int] = mapped_column(default=0, server_default="0")
    count_rejected: Mapped[int] = mapped_column(default=0, server_default="0")
    count_needs_translation: Mapped[int] = mapped_column(default=0, server_default="0")
    count_in_review: Mapped[int] = mapped_column(default=0, server_default="0")
    next_deadline: Mapped[date | None] = mapped_column(index=True)
    next_deadline_code: Mapped[str | None] = mapped_column(String(40))
    lang: Mapped[str | None] = mapped_column(String(10))  # the family's language for messages

    consultant: Mapped[User | None] = relationship()
    people: Mapped[list[Person]] = relationship(
        back_populates="case", order_by="Person.position", cascade="all, delete-orphan"
    )
    members: Mapped[list[CaseMember]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )
    requirements: Mapped[list[Requirement]] = relationship(
        back_populates="case", cascade="all, delete-orphan"
    )

    @property
    def sponsor(self) -> Person | None:
        """The sponsor; None in a program without one (a US visitor has nobody sponsoring)."""
        return next((p for p in self.people if p.role is PersonRole.SPONSOR), None)

    @property
    def applicants(self) -> list[Person]:
        return [p for p in self.people if p.role is PersonRole.APPLICANT]


class Person(Base):
    """The sponsor or one applicant of a case, with their own facts and dates."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    role: Mapped[PersonRole] = mapped_column(by_value(PersonRole))
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    facts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    eligible: Mapped[bool] = mapped_column(default=True)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    stay_expires_on: Mapped[date | None]
    travel_document_expires_on: Mapped[date | None]
    first_entry_on: Mapped[date | None]

    case: Mapped[Case] = relationship(back_populates="people")
    requirements: Mapped[list[Requirement]] = relationship(
        back_populates="person", order_by="Requirement.position"
    )


class CaseMember(Base):
    """A user who may see a case: an applicant (their own items) or the sponsor (section B)."""

    __tablename__ = "case_members"
    __table_args__ = (UniqueConstraint("case_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    role: Mapped[PersonRole] = mapped_column(by_value(PersonRole))

    case: Mapped[Case] = relationship(back_populates="members")
    user: Mapped[User] = relationship()
    person: Mapped[Person | None] = relationship()


class Requirement(Base):
    """One checklist item for one person; documents attach here and are never deleted with it."""

    __tablename__ = "requirements"
    __table_args__ = (UniqueConstraint("person_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    section: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[ItemStatus] = mapped_column(
        by_value(ItemStatus), default=ItemStatus.MISSING, index=True
    )
    ad_hoc: Mapped[bool] = mapped_column(default=False)
    title: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    case: Mapped[Case] = relationship(back_populates="requirements")
    person: Mapped[Person] = relationship(back_populates="requirements")
    documents: Mapped[list[Document]] = relationship(
        back_populates="requirement", order_by="Document.id", foreign_keys="Document.requirement_id"
    )

    @property
    def required(self) -> bool:
        return self.status is not ItemStatus.NOT_REQUIRED
