"""Findings: what a check says about a file, with its message in the user's language.

A finding carries a stable code (the contract's), a severity and the numbers or
names its message needs; the text is rendered late, in the reader's language.
"""

from __future__ import annotations

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


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding blocks the document."""
    return any(f.severity is Severity.ERROR for f in findings)
