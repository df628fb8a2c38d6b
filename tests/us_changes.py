"""A US business traveller and one added item: the rule change the diff tests apply."""

from __future__ import annotations

from typing import Any

TRAVELLER: dict[str, Any] = {
    "purpose": "business",
    "employment_status": "employed",
    "applicant_nationality": "HK",
    "applicant_age": 40,
}
# Inserted before the program's notes, it adds an item a business traveller now needs.
U14 = """
[[items]]
code = "U14"
section = "C"
when = 'purpose == "business"'
title = { en = "Conference registration", zh-Hant = "會議登記確認", zh-Hans = "会议登记确认" }

[[notes]]
"""
