"""Helpers for the mail tests: wait for delivery, read what the SMTP server received."""

from __future__ import annotations

import re
from email.message import EmailMessage

from flask import Flask

from tests.servers import SmtpServer
from tracker.services.mail_delivery import deliver_due


def delivered(app: Flask, server: SmtpServer, count: int) -> list[EmailMessage]:
    """Let the delivery jobs run, then the messages the server holds (exactly `count`)."""
    app.extensions["jobs"].wait()
    deliver_due()
    received = server.wait_for(count)
    assert len(received) == count, [m["Subject"] for m in received]
    return received


def text_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def link_in(message: EmailMessage) -> str:
    found = re.search(r"https://tracker\.example\.org(/\S+)", text_of(message))
    assert found, text_of(message)
    return found.group(1)


def has_chinese(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None
