"""Times as people in Hong Kong read them: the families and the Department are there."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import Flask
from flask_babel import gettext as _

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


def hk_time(moment: datetime | str) -> str:
    """A stored UTC time (naive means UTC, as SQLite gives it back) in Hong Kong time."""
    local = _in_hong_kong(moment).strftime("%Y-%m-%d %H:%M")
    return str(_("%(time)s Hong Kong time", time=local))


def hk_date(moment: datetime | str) -> str:
    """The Hong Kong calendar day of a stored UTC time (late evening UTC is the next day)."""
    return _in_hong_kong(moment).strftime("%Y-%m-%d")


def _in_hong_kong(moment: datetime | str) -> datetime:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(HONG_KONG)


def register(app: Flask) -> None:
    app.add_template_filter(hk_time, "hk_time")
    app.add_template_filter(hk_date, "hk_date")
