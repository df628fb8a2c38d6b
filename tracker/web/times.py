"""Times as people in Hong Kong read them, for the pages: labelled with the zone."""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from flask_babel import gettext as _

from tracker.clock import hong_kong_clock, in_hong_kong


def hk_time(moment: datetime | str) -> str:
    """A stored time in Hong Kong time, saying so in the page's language."""
    return str(_("%(time)s Hong Kong time", time=hong_kong_clock(moment)))


def hk_date(moment: datetime | str) -> str:
    """The Hong Kong calendar day of a stored time (late evening UTC is the next day)."""
    return in_hong_kong(moment).strftime("%Y-%m-%d")


def register(app: Flask) -> None:
    app.add_template_filter(hk_time, "hk_time")
    app.add_template_filter(hk_date, "hk_date")
    app.add_template_global(hong_kong_clock, "hk_clock")
