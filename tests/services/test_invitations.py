"""Invitation and reset links: single use, expiring, only a hash stored, never the token logged."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from tests.casework import CHILD, SPOUSE, new_case, sponsor_of, staff
from tracker.extensions import db
from tracker.models import AuditEvent, Invitation, OutboxMessage, PersonRole, Role
from tracker.services import invitations
from tracker.services.access import can_see_person
from tracker.services.errors import InvalidInputError, NotFoundError
from tracker.services.tokens import hash_token
from tracker.services.users import authenticate, create_user


def everything_logged() -> str:
    return json.dumps([e.detail for e in db.session.scalars(select(AuditEvent))])


def test_invited_applicant_joins_with_a_new_password(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me, applicants=[("Ann", SPOUSE), ("Ben", CHILD)])
    ann, ben = case.applicants
    link = invitations.invite(
        case, email=" Ann@Example.com ", role=PersonRole.APPLICANT, person_id=ann.id, actor=me
    )
    stored = db.session.scalars(select(Invitation)).one()
    assert stored.token_hash == hash_token(link.token)
    assert link.token not in stored.token_hash
    assert link.token not in everything_logged()

    user = invitations.accept_invitation(link.token, name="Ann", password="a-long-password")
    assert user.email == "ann@example.com"
    assert user.role is Role.APPLICANT
    assert can_see_person(user, case, ann)
    assert not can_see_person(user, case, ben)
    assert authenticate("ann@example.com", "a-long-password") is user
    with pytest.raises(NotFoundError):
        invitations.accept_invitation(link.token, name="Ann", password="a-long-password")
    assert "invitation.accepted" in [e.action for e in db.session.scalars(select(AuditEvent))]


def test_family_and_sponsor_invitations(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me, applicants=[("Ann", SPOUSE), ("Ben", CHILD)])
    family = invitations.invite(
        case, email="fam@example.com", role=PersonRole.APPLICANT, person_id=None, actor=me
    )
    user = invitations.accept_invitation(family.token, name="", password="a-long-password")
    assert all(can_see_person(user, case, p) for p in case.applicants)
    sponsor = invitations.invite(
        case,
        email="sam@example.com",
        role=PersonRole.SPONSOR,
        person_id=sponsor_of(case).id,
        actor=me,
    )
    sam = invitations.accept_invitation(sponsor.token, name="Sam", password="a-long-password")
    assert can_see_person(sam, case, sponsor_of(case))
    assert not can_see_person(sam, case, case.applicants[0])
    with pytest.raises(InvalidInputError):
        invitations.invite(
            case,
            email="x@example.com",
            role=PersonRole.SPONSOR,
            person_id=case.applicants[0].id,
            actor=me,
        )


def test_existing_account_must_give_its_password(app: Flask, program: Any) -> None:
    me = staff()
    create_user("old@example.com", "the-old-password", Role.APPLICANT)
    case = new_case(program, me)
    link = invitations.invite(
        case, email="old@example.com", role=PersonRole.APPLICANT, person_id=None, actor=me
    )
    with pytest.raises(InvalidInputError):
        invitations.accept_invitation(link.token, name="", password="a-guessed-password")
    user = invitations.accept_invitation(link.token, name="", password="the-old-password")
    assert [m.case_id for m in case.members] == [case.id]
    assert case.members[0].user_id == user.id


def test_staff_addresses_cannot_be_invited(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    with pytest.raises(InvalidInputError):
        invitations.invite(
            case, email=me.email, role=PersonRole.APPLICANT, person_id=None, actor=me
        )


def test_expired_and_unknown_links_are_refused(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    link = invitations.invite(
        case, email="late@example.com", role=PersonRole.APPLICANT, person_id=None, actor=me
    )
    link.invitation.expires_at = link.invitation.created_at - timedelta(seconds=1)
    db.session.commit()
    with pytest.raises(NotFoundError):
        invitations.pending(link.token, invitations.INVITE)
    with pytest.raises(NotFoundError):
        invitations.pending("not-a-token", invitations.INVITE)


def test_reset_link_changes_the_password_once(app: Flask, program: Any) -> None:
    me = staff()
    case = new_case(program, me)
    invite = invitations.invite(
        case, email="ann@example.com", role=PersonRole.APPLICANT, person_id=None, actor=me
    )
    user = invitations.accept_invitation(invite.token, name="Ann", password="first-password")
    first = invitations.reset_link(case, user.id, actor=me)
    second = invitations.reset_link(case, user.id, actor=me)
    with pytest.raises(NotFoundError):  # a newer link replaces the older one
        invitations.pending(first.token, invitations.RESET)
    with pytest.raises(NotFoundError):  # an invitation is not a reset link
        invitations.pending(invite.token, invitations.RESET)
    with pytest.raises(InvalidInputError):
        invitations.reset_password(second.token, "short")
    invitations.reset_password(second.token, "second-password")
    assert authenticate("ann@example.com", "second-password") is user
    with pytest.raises(NotFoundError):
        invitations.reset_password(second.token, "third-password")
    assert second.token not in everything_logged()


def test_reset_request_mails_the_owner_records_it_and_reveals_nothing(
    app: Flask, program: Any
) -> None:
    me = staff()
    case = new_case(program, me)
    link = invitations.invite(
        case, email="ann@example.com", role=PersonRole.APPLICANT, person_id=None, actor=me
    )
    invitations.accept_invitation(link.token, name="Ann", password="first-password")
    invitations.request_reset("ANN@example.com")
    invitations.request_reset("ann@example.com")  # moments later: no second e-mail
    invitations.request_reset("nobody@example.com")
    sent = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "auth.reset_link_sent")
    ).all()
    assert [e.case_id for e in sent] == [case.id]
    unknown = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "auth.reset_requested")
    ).all()
    assert [(e.case_id, e.detail["known"]) for e in unknown] == [(None, False)]
    resets = db.session.scalars(select(Invitation).where(Invitation.purpose == "reset")).all()
    assert [r.email for r in resets] == ["ann@example.com"]
    kinds = db.session.scalars(select(OutboxMessage.kind).order_by(OutboxMessage.id)).all()
    assert kinds == ["invitation", "password_reset"]
