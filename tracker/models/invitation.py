"""Single-use, expiring links: invitations to a case and password resets."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.models.base import Base, utcnow
from tracker.models.enums import PersonRole, by_value


class Invitation(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    purpose: Mapped[str] = mapped_column(String(10))  # "invite" | "reset"
    email: Mapped[str] = mapped_column(String(254))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    role: Mapped[PersonRole | None] = mapped_column(by_value(PersonRole))
    lang: Mapped[str | None] = mapped_column(String(10))  # the language the invitee reads
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
