"""Example facts the rules tests and the CLI tests start from."""

from __future__ import annotations

from typing import Any

# A spouse abroad joining a general-employment sponsor: eligible for hk_dependant.
BASE: dict[str, Any] = {
    "application_type": "entry",
    "sponsor_category": "gep",
    "relationship": "spouse",
    "applicant_age": 34,
    "applicant_nationality": "PH",
    "applicant_residence": "overseas",
}
