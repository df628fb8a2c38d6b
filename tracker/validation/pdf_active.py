"""Active content in a PDF: JavaScript and launch actions (refused), embedded files (warned).

Every object reachable from the trailer is walked once (`reachable`: an explicit
stack, so deep nesting cannot exhaust the interpreter's recursion), under the file's
time budget and an object-count limit; the same walk measures what drawing the file
would cost (pdf_cost). Content streams are never decompressed here.
"""

from __future__ import annotations

from collections.abc import Iterator

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

from tracker.validation import terms
from tracker.validation.budget import Deadline
from tracker.validation.findings import Finding, Severity

# A key that reveals a feature wherever it appears, and action types (/S) that are one.
KEYS = {
    "/JS": "/JavaScript",
    "/JavaScript": "/JavaScript",
    "/EmbeddedFiles": "/EmbeddedFiles",
    "/EF": "/EmbeddedFiles",
}
ACTIONS = {"/JavaScript", "/Launch"}  # they run on the reader's computer: never filed
CONTAINERS = (IndirectObject, DictionaryObject, ArrayObject)
CHECK_EVERY = 256  # objects between two looks at the clock


class TooManyObjects(Exception):
    """The document holds more objects than can be checked safely."""


def active_findings(found: set[str]) -> Iterator[Finding]:
    """Refuse JavaScript and launch actions; warn about embedded files (`found`: features)."""
    if runnable := found & ACTIONS:
        named = terms.join(text for key, text in terms.FEATURES.items() if key in runnable)
        yield Finding.make("pdf_active_content", Severity.ERROR, features=named)
    if "/EmbeddedFiles" in found:
        yield Finding.make("pdf_attachments", Severity.WARNING)


def features(obj: DictionaryObject) -> set[str]:
    """Name the active features one dictionary reveals."""
    found = {feature for key, feature in KEYS.items() if key in obj}
    action = obj.get("/S")
    if isinstance(action, IndirectObject):
        action = action.get_object()
    if isinstance(action, str) and action in ACTIONS:
        found.add(str(action))
    return found


def reachable(root: PdfObject, deadline: Deadline, max_objects: int) -> Iterator[DictionaryObject]:
    """Yield each dictionary reachable from `root` once; arrays are walked through."""
    seen: set[tuple[int, int]] = set()
    stack: list[PdfObject] = [root]
    for count in range(max_objects + 1):
        if not stack:
            return
        if count % CHECK_EVERY == 0:
            deadline.check()
        obj = _resolve(stack.pop(), seen)
        if isinstance(obj, DictionaryObject):
            yield obj
        if isinstance(obj, DictionaryObject | ArrayObject):
            values = obj.values() if isinstance(obj, DictionaryObject) else obj
            stack.extend(v for v in values if isinstance(v, CONTAINERS))
    raise TooManyObjects(f"more than {max_objects} objects")


def _resolve(obj: PdfObject, seen: set[tuple[int, int]]) -> PdfObject | None:
    """Follow an indirect reference the first time it is met; None when already seen."""
    if not isinstance(obj, IndirectObject):
        return obj
    key = (obj.idnum, obj.generation)
    if key in seen:
        return None
    seen.add(key)
    return obj.get_object()
