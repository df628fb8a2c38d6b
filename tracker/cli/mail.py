"""Operators' mail commands: `mail pending`, `mail send`, and the daily `remind`."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from tracker.cli.helpers import command


@click.group("mail", cls=AppGroup)
def mail_group() -> None:
    """The outbox: e-mail waiting to go out."""


@mail_group.command("pending")
def mail_pending_command() -> None:
    """List the messages not sent yet, oldest first (one per line)."""
    from tracker.services.mail_delivery import unsent

    rows = unsent()
    for row in rows:
        error = f"  ({row.last_error})" if row.last_error else ""
        click.echo(
            f"{row.id}\t{row.state.value}\t{row.kind}\t{row.recipient}\t"
            f"attempts={row.attempts}{error}"
        )
    click.echo(f"{len(rows)} message(s) not sent", err=True)


@mail_group.command("send")
@click.option("--retry-failed", is_flag=True, help="Also try again those that ran out of attempts.")
def mail_send_command(retry_failed: bool) -> None:
    """Send every waiting message now, ignoring back-off (needs TRACKER_SMTP_URL)."""
    from flask import current_app

    from tracker.services.mail_delivery import NO_SERVER, deliver_due
    from tracker.services.mail_delivery import retry_failed as reset_failed

    if retry_failed:
        reset_failed()
    sent = deliver_due(everything=True)
    if not current_app.config.get("SMTP_URL"):
        click.echo(f"not sent: {NO_SERVER} (TRACKER_SMTP_URL); .eml files are in the mail folder")
        return
    click.echo(f"sent {sent} message(s)")


@command("remind")
def remind_command() -> None:
    """Queue the families' reminders and the consultants' digests (run once a day)."""
    from tracker.services.digest import daily_messages
    from tracker.services.mail_delivery import deliver_due

    families, consultants = daily_messages()
    click.echo(f"queued {families} reminder(s) and {consultants} digest(s)")
    deliver_due()
