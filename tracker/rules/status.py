"""An item's status from its current documents (the contract's item statuses): the one rule.

The applicant's page, the consultant's page, the dashboard counts and the bundle
all read the status this rule stored on the item.

The rule, over the item's *current* originals (those the applicant has not removed):

* nothing current → `missing`; a check still running → `checking`;
* the *usable* documents are those that passed their checks and that the
  consultant has not rejected. A failed or rejected file beside usable ones does
  not decide the item: it is shown on its own, to be removed or replaced, and the
  item follows the usable ones (one wrong file among three fine ones does not
  make the whole item rejected);
* usable ones: any needing a translation without a good one → `needs_translation`;
  any not decided yet → `in_review`; all accepted → `accepted`;
* no usable one: the newest current document says why — `invalid` (failed a
  check) or `rejected` (the consultant rejected it).
"""

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
    removed: bool = False  # taken back by the applicant: kept in history, not current

    @property
    def usable(self) -> bool:
        """Passed its checks and not rejected: it can count towards the item."""
        return not self.removed and not self.has_errors and self.review != "rejected"


def item_status(docs: Sequence[DocState], *, required: bool = True) -> str:
    """Return missing / checking / invalid / needs_translation / in_review / rejected / accepted."""
    if not required:
        return "not_required"
    current = [d for d in docs if not d.removed]
    if not current:
        return "missing"
    if any(d.checking for d in current):
        return "checking"
    usable = [d for d in current if d.usable]
    if not usable:
        return "invalid" if current[-1].has_errors else "rejected"
    if any(d.needs_translation and not d.translated for d in usable):
        return "needs_translation"
    if any(d.review == "pending" for d in usable):
        return "in_review"
    return "accepted"


def needs_fixing(docs: Sequence[DocState]) -> bool:
    """A current file failed a check or was rejected, and no usable file came after it."""
    current = [d for d in docs if not d.removed]
    for n, doc in enumerate(current):
        answered = any(later.usable for later in current[n + 1 :])
        if (doc.has_errors or doc.review == "rejected") and not answered:
            return True
    return False


def readiness(statuses: Sequence[str]) -> int:
    """Accepted items ÷ required items, as a whole percentage."""
    required = [s for s in statuses if s != "not_required"]
    if not required:
        return 0
    return (100 * sum(s == "accepted" for s in required)) // len(required)


# The statuses that wait on the family, in the to-do list's words.
FAMILY_STATUSES = ("missing", "invalid", "needs_translation", "rejected")


def family_action(status: str, docs: Sequence[DocState]) -> str | None:
    """Why the family still has to act on an item (its status, or `fix`), else None."""
    if status in FAMILY_STATUSES:
        return status
    if status != "not_required" and needs_fixing(docs):
        return "fix"
    return None
