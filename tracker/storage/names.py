"""The client's file name, made safe to keep and show as a label (never as a path).

Stored blobs are named by generated keys; this name is only metadata.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 150
MAX_EXTENSION = 10  # ".pdf", ".jpeg", ".heic"; anything longer is just part of the name
FALLBACK = "upload"

# Bidirectional embeddings, overrides and isolates: they make "gpj.exe" read as "exe.jpg".
BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
SEPARATORS = re.compile(r"[/\\]")


def safe_display_name(original: str) -> str:
    """Return a short, printable, directory-free version of a client's file name."""
    name = _last_part(_printable(unicodedata.normalize("NFC", original)))
    name = " ".join(name.split()).lstrip(". ")
    name = _shorten(unicodedata.normalize("NFC", name))
    return name or FALLBACK


def _printable(text: str) -> str:
    """Whitespace becomes a space; control, bidi and lone-surrogate characters go."""
    return "".join(" " if ch.isspace() else ch for ch in text if _allowed(ch))


def _allowed(ch: str) -> bool:
    if ch.isspace():
        return True
    return ch not in BIDI_CONTROLS and unicodedata.category(ch) not in ("Cc", "Cs")


def _last_part(path: str) -> str:
    """The last non-empty component, whether the client used / or \\."""
    parts = [p for p in SEPARATORS.split(path) if p.strip()]
    return parts[-1] if parts else ""


def _shorten(name: str) -> str:
    """Cap the length, cutting the stem so the extension survives."""
    if len(name) <= MAX_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or len(extension) > MAX_EXTENSION:
        return name[:MAX_LENGTH].rstrip()
    return stem[: MAX_LENGTH - len(extension) - 1].rstrip() + "." + extension
