"""Login sessions: one row per login, so logout ends that login and a new password ends all.

The browser's session and remember-me cookies carry the login's token (Flask-Login's
user id); a token whose row has ended, or whose user is inactive, opens nothing.
"""

from __future__ import annotations

from sqlalchemy import select, update

from tracker.extensions import db
from tracker.models import LoginSession, User
from tracker.models.base import utcnow
from tracker.services import audit
from tracker.services.tokens import hash_token, new_token


def start_session(user: User) -> None:
    """Record a new login of `user`; its token becomes the user's id for Flask-Login."""
    token = new_token()
    db.session.add(LoginSession(user_id=user.id, token_hash=hash_token(token)))
    db.session.commit()
    user.login_token = token


def resume_session(token: str) -> User | None:
    """The user of a live login with this token, or None."""
    login = db.session.execute(
        select(LoginSession).where(
            LoginSession.token_hash == hash_token(token), LoginSession.ended_at.is_(None)
        )
    ).scalar_one_or_none()
    user = db.session.get(User, login.user_id) if login is not None else None
    if user is None or not user.active:
        return None
    user.login_token = token
    return user


def end_session(user: User) -> None:
    """Log out: this login's cookies stop working, the user's other logins stay."""
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.token_hash == hash_token(user.get_id()))
        .values(ended_at=utcnow())
    )
    audit.record("auth.logout", user=user)
    db.session.commit()


def end_all_sessions(user: User) -> None:
    """End every login of `user` (a new password); part of the caller's transaction."""
    db.session.execute(
        update(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
