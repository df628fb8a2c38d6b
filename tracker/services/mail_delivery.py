"""Deliver the outbox over SMTP: claim a row, send it, mark it; retry with back-off.

Each row moves pending → sending → sent (or back to pending with a later attempt,
or failed after the last one). Claiming is a conditional UPDATE committed before
the SMTP conversation, so two senders never send the same row. The one honest
gap: a crash after the server accepted a message but before `sent` is committed
leaves the row `sending`; it is taken back after CLAIM_TIMEOUT and sent again with
the same Message-ID (at-least-once; receiving systems can drop the duplicate by
its Message-ID). Without TRACKER_SMTP_URL every row stays pending and is written
once as an .eml file in the instance folder for staff to forward.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, or_, select, true, update

from tracker.extensions import db
from tracker.mailer import Connection, Envelope, SmtpServer, build
from tracker.models import MailState, OutboxMessage
from tracker.models.base import aware, utcnow
from tracker.services.registry import get_jobs

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
BACKOFF = [timedelta(seconds=s) for s in (30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600)]
CLAIM_TIMEOUT = timedelta(minutes=10)
NO_SERVER = "no mail server configured"


def deliver_due(*, everything: bool = False) -> int:
    """Send every message due now (`everything`: waiting ones too); return how many went."""
    url = current_app.config.get("SMTP_URL")
    if not url:
        _write_eml_files()
        return 0
    sent = 0
    with Connection(SmtpServer.from_url(str(url))) as connection:  # one for the whole run
        for message_id in _due_ids(utcnow(), everything):
            if not _claim(message_id, utcnow()):
                continue
            outcome = _send_claimed(message_id, connection)
            if outcome is None:  # the server is unreachable: the rest wait for the next run
                break
            sent += outcome
    return sent


def retry_failed() -> int:
    """Give messages that ran out of attempts a fresh start (an operator's decision)."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.state == MailState.FAILED)
        .values(state=MailState.PENDING, attempts=0, next_attempt_at=utcnow())
    )
    db.session.commit()
    return int(getattr(result, "rowcount", 0))


def _due_ids(now: datetime, everything: bool) -> list[int]:
    stale = now - CLAIM_TIMEOUT
    due = true() if everything else OutboxMessage.next_attempt_at <= now
    query = (
        select(OutboxMessage.id)
        .where(
            or_(
                (OutboxMessage.state == MailState.PENDING) & due,
                (OutboxMessage.state == MailState.SENDING) & (OutboxMessage.claimed_at < stale),
            )
        )
        .order_by(OutboxMessage.id)
    )
    ids = list(db.session.scalars(query))
    db.session.rollback()
    return ids


def _claim(message_id: int, now: datetime) -> bool:
    """Take the row for this sender alone; another sender's fresh claim wins."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            or_(
                OutboxMessage.state == MailState.PENDING,
                (OutboxMessage.state == MailState.SENDING)
                & (OutboxMessage.claimed_at < now - CLAIM_TIMEOUT),
            ),
        )
        .values(state=MailState.SENDING, claimed_at=now, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return getattr(result, "rowcount", 0) == 1


def _send_claimed(message_id: int, connection: Connection) -> int | None:
    """1 sent, 0 refused (retried later), None when the server could not be reached."""
    message = db.session.get(OutboxMessage, message_id, populate_existing=True)
    if message is None:
        return 0
    try:
        connection.send(build(envelope(message)))
    except (smtplib.SMTPException, OSError) as exc:
        _postpone(message, f"{type(exc).__name__}: {exc}")
        return None if _unreachable(exc) else 0
    message.state, message.sent_at, message.last_error = MailState.SENT, utcnow(), None
    db.session.commit()
    return 1


def _unreachable(exc: OSError) -> bool:
    """No conversation (refused, timed out, dropped) rather than this one message refused."""
    if isinstance(exc, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError):
        return True
    return not isinstance(exc, smtplib.SMTPException)


def _postpone(message: OutboxMessage, error: str) -> None:
    message.last_error = error[:500]
    if message.attempts >= MAX_ATTEMPTS:
        message.state = MailState.FAILED
    else:
        message.state = MailState.PENDING
        delay = BACKOFF[min(message.attempts, len(BACKOFF)) - 1]
        message.next_attempt_at = utcnow() + delay
    log.warning("mail %s not sent (attempt %s): %s", message.id, message.attempts, error)
    db.session.commit()


def envelope(message: OutboxMessage) -> Envelope:
    return Envelope(
        sender=str(current_app.config["MAIL_FROM"]),
        recipient=message.recipient,
        subject=message.subject,
        text=message.text_body,
        html=message.html_body,
        message_id=message.message_id,
        date=message.created_at,
    )


def mail_dir() -> Path:
    return Path(current_app.config.get("MAIL_DIR") or Path(current_app.instance_path) / "mail")


def _write_eml_files() -> None:
    """No mail server: each message once as an .eml file; the row stays pending."""
    unwritten = db.session.scalars(
        select(OutboxMessage).where(
            OutboxMessage.state == MailState.PENDING, OutboxMessage.eml_written.is_(False)
        )
    ).all()
    folder = mail_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for message in unwritten:
        path = folder / f"{message.id:08d}-{message.kind}.eml"
        path.write_bytes(bytes(build(envelope(message))))
        message.eml_written, message.last_error = True, NO_SERVER
    db.session.commit()


def deliver_mail() -> None:
    """The job: send what is due, then come back when the next retry is due."""
    deliver_due()
    wait = _seconds_to_next_attempt()
    if wait is not None:
        get_jobs().enqueue_in(wait, "deliver_mail")


def _seconds_to_next_attempt() -> float | None:
    if not current_app.config.get("SMTP_URL"):
        return None
    upcoming = db.session.scalar(
        select(func.min(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.state == MailState.PENDING
        )
    )
    db.session.rollback()
    if upcoming is None:
        return None
    # Rows already due wait for a run cut short by an outage: try again after the first back-off.
    return max(BACKOFF[0].total_seconds(), (aware(upcoming) - utcnow()).total_seconds())


def unsent() -> list[OutboxMessage]:
    """Every message not yet accepted by a mail server, oldest first."""
    query = select(OutboxMessage).where(OutboxMessage.state != MailState.SENT)
    return list(db.session.scalars(query.order_by(OutboxMessage.id)))
