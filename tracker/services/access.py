"""Who may see what: object-level checks used by every route."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, false, true

from tracker.extensions import db
from tracker.models import Case, CaseMember, Person, PersonRole, Role, User
from tracker.services.errors import NotFoundError


def membership(user: User, case: Case) -> CaseMember | None:
    return next((m for m in case.members if m.user_id == user.id), None)


def can_see_case(user: User, case: Case) -> bool:
    if user.role is Role.ADMIN:
        return True
    if user.role is Role.CONSULTANT:
        return case.consultant_id == user.id
    return membership(user, case) is not None


def handled_by(user: User) -> ColumnElement[bool]:
    """`can_see_case` for staff, as a query condition: an admin all, a consultant their own."""
    if user.role is Role.ADMIN:
        return true()
    if user.role is Role.CONSULTANT:
        return Case.consultant_id == user.id
    return false()  # a family's member handles no case (they see theirs through membership)


def can_see_person(user: User, case: Case, person: Person) -> bool:
    """Staff see all; a sponsor member the sponsor; an applicant their person or family."""
    if user.is_staff:
        return can_see_case(user, case)
    member = membership(user, case)
    if member is None:
        return False
    if member.role is PersonRole.SPONSOR:
        return person.role is PersonRole.SPONSOR
    return member.person_id is None or member.person_id == person.id


def get_case(user: User, case_id: int) -> Case:
    """The case if this user may see it; otherwise 404, so that ids reveal nothing."""
    case = db.session.get(Case, case_id)
    if case is None or not can_see_case(user, case):
        raise NotFoundError(_("No such case."))
    return case


def visible_cases(user: User) -> list[Case]:
    """The cases an applicant or sponsor belongs to."""
    query = db.select(Case).join(CaseMember).filter(CaseMember.user_id == user.id).order_by(Case.id)
    return list(db.session.execute(query).scalars())
