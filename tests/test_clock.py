"""Stored times shown in Hong Kong: a naive time from SQLite is UTC, whatever the server's zone."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from tracker.clock import hong_kong_clock


@pytest.fixture
def server_in_new_york() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_a_naive_stored_time_is_read_as_utc_not_as_the_servers_zone(
    server_in_new_york: None,
) -> None:
    assert hong_kong_clock(datetime(2026, 1, 1, 0, 0)) == "2026-01-01 08:00"
    assert hong_kong_clock(datetime(2026, 1, 1, 20, 30, tzinfo=UTC)) == "2026-01-02 04:30"
    assert hong_kong_clock("2026-01-01T00:00:00") == "2026-01-01 08:00"
