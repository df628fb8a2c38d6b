"""An item's status from the state of its documents (the contract's item statuses)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class DocState:
    """What status needs to know about one uploaded original, oldest first."""

    checking: bool
    has_errors: bool
    needs_translation: bool
    translated: bool
    review: str  # "pending" | "accepted" | "rejected"


def item_status(docs: Sequence[DocState], *, required: bool = True) -> str:
    """Return missing / checking / invalid / needs_translation / in_review / rejected / accepted."""
    if not required:
        return "not_required"
    if not docs:
        return "missing"
    if any(d.checking for d in docs):
        return "checking"
    if docs[-1].has_errors:
        return "invalid"
    valid = [d for d in docs if not d.has_errors]
    if any(d.needs_translation and not d.translated for d in valid):
        return "needs_translation"
    if valid[-1].review == "rejected":
        return "rejected"
    live = [d for d in valid if d.review != "rejected"]
    if any(d.review == "pending" for d in live):
        return "in_review"
    return "accepted"


def readiness(statuses: Sequence[str]) -> int:
    """Accepted items ÷ required items, as a whole percentage."""
    required = [s for s in statuses if s != "not_required"]
    if not required:
        return 0
    return (100 * sum(s == "accepted" for s in required)) // len(required)
