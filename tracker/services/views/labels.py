"""The consultant's words for the item statuses, shared by the pages and the bundle index."""

from __future__ import annotations

from flask_babel import gettext as _


def status_label(status: str) -> str:
    """An item status (`in_review` …) as the consultant reads it, in the current locale."""
    labels = {
        "missing": _("Missing"),
        "checking": _("Checking"),
        "invalid": _("Invalid"),
        "needs_translation": _("Needs translation"),
        "in_review": _("To review"),
        "rejected": _("Rejected"),
        "accepted": _("Accepted"),
        "not_required": _("Not required"),
    }
    return str(labels.get(status, status))
