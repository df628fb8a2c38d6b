"""Findings: what a check says about a file, with its message in the user's language.

A finding carries a stable code (the contract's), a severity and the numbers or
names its message needs; the text is rendered late, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from tracker.i18n import Lang, Text, pick


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    params: tuple[tuple[str, object], ...] = field(default=())

    @classmethod
    def make(cls, code: str, severity: Severity, **params: object) -> Finding:
        """Build a finding; params fill the placeholders of its message."""
        return cls(code, severity, tuple(sorted(params.items())))

    def message(self, lang: Lang = "en") -> str:
        """Render the message for this finding in `lang`."""
        from tracker.validation.messages import MESSAGES

        template = pick(MESSAGES[self.code], lang)
        values = {k: v(lang) if isinstance(v, Text) else v for k, v in self.params}
        return template.format(**values)

    def to_record(self) -> dict[str, Any]:
        """A JSON-ready form to store; the message is rendered later, per reader."""
        params = {k: v.as_dict() if isinstance(v, Text) else v for k, v in self.params}
        return {"code": self.code, "severity": str(self.severity), "params": params}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Finding:
        params = {
            k: Text.from_dict(v) if isinstance(v, dict) else v
            for k, v in record.get("params", {}).items()
        }
        return cls.make(record["code"], Severity(record["severity"]), **params)

    def to_dict(self, lang: Lang = "en") -> dict[str, str]:
        return {"code": self.code, "severity": str(self.severity), "message": self.message(lang)}


NEEDS_TRANSLATION = "needs_translation"


def has_errors(findings: Iterable[Finding]) -> bool:
    """The contract's `ok` is false: the file cannot be filed as it is, on its own.

    `needs_translation` counts here: a foreign-language file alone is not enough.
    """
    return any(f.severity is Severity.ERROR for f in findings)


def blocks(finding: Finding) -> bool:
    """The one blocking rule: does this finding make its uploaded document unusable?

    Every error does (the item turns `invalid`, the document gets no preview and
    cannot be accepted) except `needs_translation`: that file is sound and waits
    for its translation (the item turns `needs_translation` instead).
    """
    return finding.severity is Severity.ERROR and finding.code != NEEDS_TRANSLATION


def any_blocking(findings: Iterable[Finding]) -> bool:
    return any(blocks(f) for f in findings)
