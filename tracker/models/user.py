"""People who log in."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import String, true
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.models.base import Base, utcnow
from tracker.models.enums import Role, by_value


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    role: Mapped[Role] = mapped_column(by_value(Role), default=Role.APPLICANT)
    locale: Mapped[str | None] = mapped_column(String(10))
    active: Mapped[bool] = mapped_column(default=True)
    # False once the person asked for no more reminders (the link in every reminder).
    reminders: Mapped[bool] = mapped_column(default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    if TYPE_CHECKING:  # not a column: set for the request by services.login_sessions
        login_token: str

    def get_id(self) -> str:
        """Flask-Login's id: this login's token, so ending the login ends the cookies."""
        return getattr(self, "login_token", "")

    @property
    def is_active(self) -> bool:
        return self.active

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=_method())

    def check_password(self, password: str) -> bool:
        if not self.password_hash:
            return spend_password_check(password)
        return check_password_hash(self.password_hash, password)

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.CONSULTANT, Role.ADMIN)


def _method() -> str:
    return str(current_app.config["PASSWORD_HASH_METHOD"])


@cache
def _unmatchable_hash(method: str) -> str:
    return generate_password_hash(secrets.token_urlsafe(32), method=method)


def spend_password_check(password: str) -> bool:
    """Hash `password` against nothing, as slowly as a real check: answers never tell
    whether an account exists (or has a password). Always False."""
    check_password_hash(_unmatchable_hash(_method()), password)
    return False
