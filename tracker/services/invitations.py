"""Single-use, expiring links: invitations to a case and password resets.

Only a hash of each token is stored; the token itself goes out once by e-mail
(services.outbox; the consultant sees the link too, to copy when no mail server
is configured) and is never logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from tracker.clock import hong_kong_clock
from tracker.extensions import db
from tracker.models import Case, CaseMember, Invitation, OutboxMessage, PersonRole, Role, User
from tracker.models.base import aware, utcnow
from tracker.services import audit
from tracker.services.case_lifecycle import touch
from tracker.services.cases import add_member
from tracker.services.errors import ConflictError, InvalidInputError, NotFoundError
from tracker.services.login_sessions import end_all_sessions
from tracker.services.outbox import external_url, queue_message, reader_lang
from tracker.services.tokens import hash_token, new_token
from tracker.services.users import (
    check_password_strength,
    create_user,
    find_user,
    normalise_email,
)

INVITE = "invite"
RESET = "reset"
LIFETIME = {INVITE: timedelta(days=14), RESET: timedelta(days=2)}
RESET_INTERVAL = timedelta(minutes=5)  # at most one reset e-mail per address this often


@dataclass(frozen=True)
class IssuedLink:
    """A new link's invitation row, its token (never stored) and the message carrying it."""

    invitation: Invitation
    token: str
    url: str = ""
    message: OutboxMessage | None = None


def invite(
    case: Case,
    *,
    email: str,
    role: PersonRole,
    person_id: int | None,
    actor: User,
    lang: str = "en",
) -> IssuedLink:
    """Invite someone to a case: an applicant (one person, or the whole family) or the sponsor."""
    email = _email(email)
    existing = find_user(email)
    if existing is not None and existing.is_staff:
        raise InvalidInputError(
            _("That address belongs to staff; staff see cases through the dashboard.")
        )
    if role is PersonRole.SPONSOR and case.sponsor is None:
        raise InvalidInputError(_("This case has no sponsor: invite the applicants."))
    person = next((p for p in case.people if p.id == person_id), None)
    if person_id is not None and (person is None or person.role is not role):
        raise InvalidInputError(_("Choose a person of this case with that role."))
    link = _issue(INVITE, email, case_id=case.id, person_id=person_id, role=role, actor=actor)
    link.invitation.lang = lang
    case.lang = case.lang or lang
    link = _mail(
        link,
        "invitation",
        "invitations.accept",
        case=case,
        user=existing,
        lang=lang,
        inviter=actor.name or actor.email,
    )
    touch(case)
    audit.record(
        "invitation.created",
        case=case,
        user=actor,
        invitation=link.invitation.id,
        email=email,
        role=role.value,
        person=person_id,
        expires_at=link.invitation.expires_at.isoformat(timespec="minutes"),
    )
    db.session.commit()
    return link


def reset_link(case: Case, user_id: int, *, actor: User) -> IssuedLink:
    """A password-reset link for a member of this case; earlier unused reset links stop working."""
    member = next((m for m in case.members if m.user_id == user_id), None)
    if member is None:
        raise NotFoundError(_("That person has no account on this case."))
    link = _reset(member.user, case, actor=actor)
    audit.record(
        "auth.reset_link_created",
        case=case,
        user=actor,
        invitation=link.invitation.id,
        email=member.user.email,
    )
    db.session.commit()
    return link


def request_reset(email: str, *, lang: str = "en") -> None:
    """Self-service: e-mail the account's owner a reset link; reveal nothing to the asker."""
    user = find_user(email)
    if user is None or not user.active:
        audit.record("auth.reset_requested", email=normalise_email(email)[:254], known=False)
    elif not _recently_sent(user.email):
        query = select(CaseMember).where(CaseMember.user_id == user.id)
        cases: list[Case | None] = [m.case for m in db.session.scalars(query)]
        link = _reset(user, cases[0] if cases else None, actor=None, lang=lang)
        for case in cases or [None]:
            audit.record(
                "auth.reset_link_sent", case=case, user=user, invitation=link.invitation.id
            )
    db.session.commit()


def _reset(user: User, case: Case | None, *, actor: User | None, lang: str = "en") -> IssuedLink:
    """A new reset link for this account, e-mailed to it; earlier unused ones stop working."""
    db.session.execute(
        update(Invitation)
        .where(
            Invitation.email == user.email,
            Invitation.purpose == RESET,
            Invitation.used_at.is_(None),
        )
        .values(used_at=utcnow())
    )
    case_id = case.id if case is not None else None
    link = _issue(RESET, user.email, case_id=case_id, person_id=None, role=None, actor=actor)
    lang = user.locale or (case.lang if case is not None else None) or lang
    return _mail(
        link, "password_reset", "invitations.reset_password", case=case, user=user, lang=lang
    )


def _recently_sent(email: str) -> bool:
    """A reset link went to this address moments ago: do not flood the mailbox."""
    since = utcnow() - RESET_INTERVAL
    return (
        db.session.scalar(
            select(Invitation.id)
            .where(
                Invitation.email == email,
                Invitation.purpose == RESET,
                Invitation.created_at > since,
            )
            .limit(1)
        )
        is not None
    )


def _mail(
    link: IssuedLink,
    kind: str,
    endpoint: str,
    *,
    case: Case | None,
    user: User | None,
    lang: str,
    **context: str,
) -> IssuedLink:
    """Queue the message carrying this link (in the caller's transaction)."""
    url = external_url(endpoint, token=link.token)
    message = queue_message(
        kind,
        to=link.invitation.email,
        lang=reader_lang(user, None) if user is not None and user.locale else lang,
        context={"expires": hong_kong_clock(link.invitation.expires_at), **context},
        case=case,
        user=user,
        link=url,
    )
    return IssuedLink(link.invitation, link.token, url, message)


def pending(token: str, purpose: str) -> Invitation:
    """The unused, unexpired link for this token; NotFoundError otherwise."""
    found = db.session.execute(
        select(Invitation).where(Invitation.token_hash == hash_token(token))
    ).scalar_one_or_none()
    if found is None or found.purpose != purpose or found.used_at is not None:
        raise NotFoundError(_invalid())
    if aware(found.expires_at) <= utcnow():
        raise NotFoundError(_invalid())
    return found


def accept_invitation(token: str, *, name: str, password: str) -> User:
    """Join the invited case: a new account with this password, or an existing one's password."""
    invitation = pending(token, INVITE)
    case = db.session.get(Case, invitation.case_id)
    if case is None or invitation.role is None:
        raise NotFoundError(_invalid())
    user = find_user(invitation.email)
    if user is None:
        user = create_user(invitation.email, password, Role.APPLICANT, name=name, commit=False)
    elif user.is_staff or not user.check_password(password):
        raise InvalidInputError(
            _("You already have an account: enter its password to add this case.")
        )
    user.locale = user.locale or invitation.lang
    person = next((p for p in case.people if p.id == invitation.person_id), None)
    add_member(case, user, invitation.role, person)
    _use(invitation)
    touch(case)
    audit.record("invitation.accepted", case=case, user=user, invitation=invitation.id)
    db.session.commit()
    return user


def reset_password(token: str, password: str) -> User:
    """Set a new password through a reset link."""
    invitation = pending(token, RESET)
    user = find_user(invitation.email)
    if user is None:
        raise NotFoundError(_invalid())
    check_password_strength(password)
    user.set_password(password)
    end_all_sessions(user)
    _use(invitation)
    case = db.session.get(Case, invitation.case_id) if invitation.case_id else None
    audit.record("auth.password_reset", case=case, user=user, invitation=invitation.id)
    db.session.commit()
    return user


def invitation_case(invitation: Invitation) -> Case | None:
    return db.session.get(Case, invitation.case_id) if invitation.case_id else None


def _issue(
    purpose: str,
    email: str,
    *,
    case_id: int | None,
    person_id: int | None,
    role: PersonRole | None,
    actor: User | None,
) -> IssuedLink:
    token = new_token()
    invitation = Invitation(
        token_hash=hash_token(token),
        purpose=purpose,
        email=email,
        case_id=case_id,
        person_id=person_id,
        role=role,
        created_by_id=actor.id if actor is not None else None,
        expires_at=utcnow() + LIFETIME[purpose],
    )
    db.session.add(invitation)
    db.session.flush()
    return IssuedLink(invitation, token)


def _use(invitation: Invitation) -> None:
    """Mark the link used, once: a second request racing this one finds it taken."""
    result = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 1) != 1:
        db.session.rollback()
        raise ConflictError(_invalid())


def _email(email: str) -> str:
    email = normalise_email(email)
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise InvalidInputError(_("%(email)s is not an e-mail address.", email=repr(email)))
    return email


def _invalid() -> str:
    message: str = _(
        "This link is not valid: it was used already, it has expired, or it was never made."
    )
    return message
