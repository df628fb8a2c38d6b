"""SMTP transport: read TRACKER_SMTP_URL, build a MIME message, hand it to the server.

`smtp://HOST:PORT` (plain), `smtp+starttls://USER:PASSWORD@HOST:PORT` and
`smtps://USER:PASSWORD@HOST:PORT` (TLS from the first byte). No attachments, ever.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import unquote, urlsplit

DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}
TIMEOUT = 20  # seconds for each SMTP conversation step


@dataclass(frozen=True)
class SmtpServer:
    scheme: str
    host: str
    port: int
    username: str | None
    password: str | None

    @classmethod
    def from_url(cls, url: str) -> SmtpServer:
        """Parse TRACKER_SMTP_URL; ValueError names what is wrong."""
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise ValueError(
                f"TRACKER_SMTP_URL must be smtp://, smtp+starttls:// or smtps://HOST: {url!r}"
            )
        return cls(
            parts.scheme,
            parts.hostname,
            parts.port or DEFAULT_PORTS[parts.scheme],
            unquote(parts.username) if parts.username else None,
            unquote(parts.password) if parts.password else None,
        )


@dataclass(frozen=True)
class Envelope:
    """One message as stored in the outbox."""

    sender: str
    recipient: str
    subject: str
    text: str
    html: str
    message_id: str
    date: datetime


def build(envelope: Envelope) -> EmailMessage:
    """A multipart/alternative message: plain text first, then HTML."""
    message = EmailMessage()
    message["From"] = envelope.sender
    message["To"] = envelope.recipient
    message["Subject"] = envelope.subject
    message["Message-ID"] = envelope.message_id
    message["Date"] = format_datetime(envelope.date)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(envelope.text)
    message.add_alternative(envelope.html, subtype="html")
    return message


class Connection:
    """One SMTP conversation for a run of messages: opened at the first, ended by `close`.

    A message the server refuses leaves the conversation usable (smtplib resets it);
    any other failure ends it, and the next message opens a new one. A server that
    ended a reused conversation between messages (an idle or per-session limit) is
    called again once for the message at hand.
    """

    def __init__(self, server: SmtpServer) -> None:
        self.server = server
        self._client: smtplib.SMTP | None = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def send(self, message: EmailMessage) -> None:
        """Deliver one message; raises smtplib.SMTPException or OSError when it cannot."""
        reused = self._client is not None
        try:
            self._send(message)
        except smtplib.SMTPServerDisconnected:
            if not reused:
                raise
            self._send(message)  # a fresh conversation: it raises for itself if it fails

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()

    def _send(self, message: EmailMessage) -> None:
        if self._client is None:
            self._client = _connect(self.server)
        try:
            self._client.send_message(message)
        except KEEPS_CONVERSATION:
            raise
        except (smtplib.SMTPException, OSError):
            self._client.close()
            self._client = None
            raise


# Refusals of one message after which smtplib has reset the conversation for the next.
KEEPS_CONVERSATION = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPSenderRefused,
    smtplib.SMTPDataError,
)


def _connect(server: SmtpServer) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if server.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            server.host, server.port, timeout=TIMEOUT, context=context
        )
    else:
        client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    try:
        if server.scheme == "smtp+starttls":
            client.starttls(context=context)
        if server.username:
            client.login(server.username, server.password or "")
    except BaseException:
        client.close()
        raise
    return client
