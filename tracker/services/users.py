"""Users: create them and check their passwords."""

from __future__ import annotations

from flask_babel import gettext as _

from tracker.extensions import db
from tracker.models import Role, User
from tracker.models.user import spend_password_check
from tracker.services import audit
from tracker.services.errors import ConflictError, InvalidInputError

MIN_PASSWORD = 10


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.execute(
        db.select(User).filter_by(email=normalise_email(email))
    ).scalar_one_or_none()


def create_user(
    email: str, password: str, role: Role, *, name: str = "", commit: bool = True
) -> User:
    """Create a user; the email must be new and the password long enough."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 254:
        raise InvalidInputError(_("%(email)s is not an e-mail address.", email=repr(email)))
    if find_user(email) is not None:
        raise ConflictError(
            _("A user with the e-mail address %(email)s already exists.", email=email)
        )
    check_password_strength(password)
    user = User(email=email, role=role, name=name.strip())
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", user=None, email=email, role=role.value)
    if commit:
        db.session.commit()
    return user


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInputError(
            _("The password must have at least %(n)s characters.", n=MIN_PASSWORD)
        )


def authenticate(email: str, password: str) -> User | None:
    """The active user with this e-mail and password, or None."""
    user = find_user(email)
    matches = user.check_password(password) if user else spend_password_check(password)
    if user is None or not user.active or not matches:
        audit.record("auth.login_failed", email=normalise_email(email)[:254])
        db.session.commit()
        return None
    audit.record("auth.login", user=user)
    db.session.commit()
    return user


def save_language(user: User, lang: str) -> None:
    """Remember the language the user reads: e-mail to them is written in it."""
    if user.locale != lang:
        user.locale = lang
        db.session.commit()
