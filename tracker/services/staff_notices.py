"""Messages to the consultant handling a case, queued in the transaction that causes them."""

from __future__ import annotations

from tracker.models import Case
from tracker.services.outbox import external_url, queue_message, reader_lang


def case_ready(case: Case) -> None:
    """Every required item accepted: one message to the consultant handling the case."""
    consultant = case.consultant
    if consultant is None or not consultant.active:
        return
    queue_message(
        "ready_to_file",
        to=consultant.email,
        lang=reader_lang(consultant),
        context={},
        case=case,
        user=consultant,
        link=external_url("consultant.case", case_id=case.id),
    )
