"""An uploaded file, every version kept; a translation is a document attached to another."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.models.base import Base, utcnow
from tracker.models.enums import CheckState, Review, by_value
from tracker.validation.findings import Finding, any_blocking

if TYPE_CHECKING:
    from tracker.models.case import Case, Requirement
    from tracker.models.user import User


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    requirement_id: Mapped[int] = mapped_column(ForeignKey("requirements.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    translation_of_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    # A compliant copy (smaller, or to the photo specification) of this earlier document:
    # the bundle files the copy, once accepted, instead of the original.
    copy_of_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    storage_key: Mapped[str] = mapped_column(String(100), unique=True)
    # The picture drawn once after the checks (None until then, or when it cannot be drawn).
    preview_key: Mapped[str | None] = mapped_column(String(100))
    # The viewer's page images, drawn with the preview (None until then; [] when undrawable).
    page_keys: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True))  # None: SQL NULL
    original_name: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str | None] = mapped_column(String(10))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    pages: Mapped[int | None]
    width: Mapped[int | None]
    height: Mapped[int | None]
    finding_records: Mapped[list[Any]] = mapped_column("findings", default=list)  # JSON
    languages: Mapped[list[Any]] = mapped_column(default=list)
    needs_translation: Mapped[bool] = mapped_column(default=False)
    language_override: Mapped[str | None] = mapped_column(String(20))
    mrz: Mapped[dict[str, Any] | None]  # a travel document's machine-readable zone, as read
    check_state: Mapped[CheckState] = mapped_column(
        by_value(CheckState), default=CheckState.CHECKING
    )
    check_error: Mapped[str | None] = mapped_column(Text)
    review: Mapped[Review] = mapped_column(by_value(Review), default=Review.PENDING)
    review_reason: Mapped[str | None] = mapped_column(String(40))
    review_comment: Mapped[str | None] = mapped_column(Text)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Taken back by the applicant before a decision: kept for the history, no longer current.
    removed_at: Mapped[datetime | None]

    requirement: Mapped[Requirement] = relationship(
        back_populates="documents", foreign_keys=[requirement_id]
    )
    case: Mapped[Case] = relationship(foreign_keys=[case_id])
    translation_of: Mapped[Document | None] = relationship(
        remote_side=[id], back_populates="translations", foreign_keys=[translation_of_id]
    )
    translations: Mapped[list[Document]] = relationship(
        back_populates="translation_of", order_by="Document.id", foreign_keys=[translation_of_id]
    )
    uploaded_by: Mapped[User | None] = relationship(foreign_keys=[uploaded_by_id])

    @property
    def findings(self) -> tuple[Finding, ...]:
        """What the checks found, typed; stored as the findings' JSON records."""
        return tuple(Finding.from_record(r) for r in self.finding_records)

    @findings.setter
    def findings(self, findings: Iterable[Finding]) -> None:
        self.finding_records = [f.to_record() for f in findings]

    @property
    def current(self) -> bool:
        return self.removed_at is None

    @property
    def blocked(self) -> bool:
        """A finding makes this document unusable (`validation.findings.blocks`)."""
        return any_blocking(self.findings)
