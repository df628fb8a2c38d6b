"""The one item-status rule: computed from the item's current documents."""

from __future__ import annotations

import pytest

from tracker.rules.status import DocState, family_action, item_status, readiness


def doc(
    review: str = "pending",
    *,
    errors: bool = False,
    checking: bool = False,
    untranslated: bool = False,
    removed: bool = False,
) -> DocState:
    return DocState(checking, errors, untranslated, False, review, removed)


FINE, ACCEPTED, REJECTED, FAILED = doc(), doc("accepted"), doc("rejected"), doc(errors=True)


@pytest.mark.parametrize(
    ("docs", "status"),
    [
        ([], "missing"),
        ([doc(removed=True)], "missing"),
        ([FINE, doc(checking=True)], "checking"),
        ([doc(checking=True, removed=True), ACCEPTED], "accepted"),
        ([FAILED], "invalid"),
        ([REJECTED], "rejected"),
        ([REJECTED, FAILED], "invalid"),
        ([FAILED, REJECTED], "rejected"),
        ([FINE], "in_review"),
        ([ACCEPTED, FAILED], "accepted"),
        ([ACCEPTED, ACCEPTED, REJECTED], "accepted"),
        ([ACCEPTED, FINE, REJECTED], "in_review"),
        ([REJECTED, FINE], "in_review"),
        ([doc(untranslated=True), REJECTED], "needs_translation"),
        ([ACCEPTED, doc(untranslated=True, errors=True)], "accepted"),
        ([ACCEPTED, doc(removed=True)], "accepted"),
        ([REJECTED, doc(removed=True)], "rejected"),
    ],
)
def test_status_of_the_current_documents(docs: list[DocState], status: str) -> None:
    assert item_status(docs) == status


def test_one_wrong_file_rejected_among_three_does_not_reject_the_item() -> None:
    assert item_status([ACCEPTED, ACCEPTED, REJECTED]) == "accepted"
    assert family_action("accepted", [ACCEPTED, ACCEPTED, REJECTED]) == "fix"


def test_removing_the_wrong_file_leaves_nothing_to_fix() -> None:
    docs = [ACCEPTED, doc("rejected", removed=True)]
    assert family_action(item_status(docs), docs) is None


@pytest.mark.parametrize("status", ["missing", "invalid", "needs_translation", "rejected"])
def test_the_family_acts_on_these_statuses(status: str) -> None:
    assert family_action(status, []) == status


@pytest.mark.parametrize("status", ["checking", "in_review", "accepted", "not_required"])
def test_the_family_waits_on_these(status: str) -> None:
    assert family_action(status, [FINE]) is None


def test_not_required_wins_and_readiness_counts_required_items() -> None:
    assert item_status([FAILED], required=False) == "not_required"
    assert readiness(["accepted", "in_review", "not_required"]) == 50


def test_a_new_file_after_a_rejected_one_answers_it() -> None:
    """A decided file cannot be removed: uploading a good one after it is the fix."""
    assert family_action("in_review", [ACCEPTED, REJECTED, FINE]) is None
    assert family_action("in_review", [FAILED, FINE]) is None
    assert family_action("in_review", [FINE, FAILED]) == "fix"
