"""The one blocking rule, and the contract's `ok`, side by side."""

from __future__ import annotations

import pytest

from tracker.validation.findings import Finding, Severity, any_blocking, blocks, has_errors

ENCRYPTED = Finding.make("pdf_encrypted", Severity.ERROR)
FOREIGN = Finding.make("needs_translation", Severity.ERROR, language="Indonesian")
DUPLICATE = Finding.make("duplicate_file", Severity.WARNING, item="A1", name="a.pdf")


@pytest.mark.parametrize(
    ("finding", "blocking"), [(ENCRYPTED, True), (FOREIGN, False), (DUPLICATE, False)]
)
def test_every_error_blocks_but_the_need_for_a_translation(
    finding: Finding, blocking: bool
) -> None:
    assert blocks(finding) is blocking
    assert any_blocking([DUPLICATE, finding]) is blocking


def test_a_foreign_file_alone_is_not_ok_yet_does_not_block() -> None:
    assert has_errors([FOREIGN])
    assert not any_blocking([FOREIGN])
