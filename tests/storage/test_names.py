"""Client file names become safe labels: no directories, controls or spoofing, short."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.storage.names import MAX_LENGTH, safe_display_name


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("passport.pdf", "passport.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\Wong\\Desktop\\birth cert.jpg", "birth cert.jpg"),
        ("scans/", "scans"),
        (".htaccess", "htaccess"),
        ("...pdf", "pdf"),
        ("pass\x00port\x07.pdf", "passport.pdf"),
        ("marriage\t\n  certificate .pdf", "marriage certificate .pdf"),
        ("photo\u202egpj.exe", "photogpj.exe"),
        ("a\u2066b\u2069c.png", "abc.png"),
        ("出生證明書.pdf", "出生證明書.pdf"),
        ("شهادة ميلاد.pdf", "شهادة ميلاد.pdf"),
        ("Cafe\u0301.pdf", "Café.pdf"),
        ("", "upload"),
        ("../..", "upload"),
        ("\x00\u202e /\\ ", "upload"),
    ],
)
def test_names_are_cleaned(original: str, expected: str) -> None:
    assert safe_display_name(original) == expected


def test_a_long_name_is_cut_but_keeps_its_extension() -> None:
    name = safe_display_name("證" * 400 + ".pdf")
    assert len(name) == MAX_LENGTH
    assert name.endswith("證.pdf")


def test_a_long_name_without_a_real_extension_is_just_cut() -> None:
    assert safe_display_name("x" * 100 + "." + "y" * 100) == ("x" * 100 + "." + "y" * 100)[:150]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_any_name_becomes_a_safe_label(original: str) -> None:
    name = safe_display_name(original)
    assert 0 < len(name) <= MAX_LENGTH
    assert not {"/", "\\", "\x00"} & set(name)
    assert all(unicodedata.category(ch) != "Cc" for ch in name)
    assert not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in name)
    assert not name.startswith((".", " "))
    assert name == name.strip()
    assert unicodedata.is_normalized("NFC", name)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_cleaning_twice_changes_nothing(original: str) -> None:
    once = safe_display_name(original)
    assert safe_display_name(once) == once
