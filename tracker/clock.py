"""Times as Hong Kong clocks show them: the families, the consultants and the Department are there.

Stored times are UTC; SQLite hands them back naive, and naive means UTC here (never the
server's own zone)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tracker.models.base import aware

HONG_KONG = ZoneInfo("Asia/Hong_Kong")


def in_hong_kong(moment: datetime | str) -> datetime:
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return aware(moment).astimezone(HONG_KONG)


def hong_kong_clock(moment: datetime | str) -> str:
    """`YYYY-MM-DD HH:MM` in Hong Kong; the caller's sentence names the zone."""
    return in_hong_kong(moment).strftime("%Y-%m-%d %H:%M")
