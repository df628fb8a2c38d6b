"""SQLAlchemy 2 typed models: invariants only, no checklist logic."""

from tracker.models.audit import AuditEvent
from tracker.models.base import Base
from tracker.models.case import Case, CaseMember, Person, Requirement
from tracker.models.document import Document
from tracker.models.enums import CaseStatus, CheckState, ItemStatus, PersonRole, Review, Role
from tracker.models.invitation import Invitation
from tracker.models.login_session import LoginSession
from tracker.models.outbox import MailState, OutboxMessage
from tracker.models.thread import CaseMessage
from tracker.models.user import User

__all__ = [
    "AuditEvent",
    "Base",
    "Case",
    "CaseMember",
    "CaseMessage",
    "CaseStatus",
    "CheckState",
    "Document",
    "Invitation",
    "ItemStatus",
    "LoginSession",
    "MailState",
    "OutboxMessage",
    "Person",
    "PersonRole",
    "Requirement",
    "Review",
    "Role",
    "User",
]
