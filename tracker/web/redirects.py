"""Where a `next` parameter may send the browser: a path on this site, nothing else."""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_TARGET = 2000


def local_target(target: str, default: str) -> str:
    """`target` when it is plainly a path on this site, else `default`.

    Browsers drop tabs and newlines, read `\\` as `/` and `//host` as another host,
    so any control character, backslash, scheme or host makes a target doubtful.
    """
    if not target.startswith("/") or target.startswith("//") or len(target) > MAX_TARGET:
        return default
    if "\\" in target or any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return default
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else default
