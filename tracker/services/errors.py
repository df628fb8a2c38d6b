"""Domain errors the web layer maps to HTTP statuses."""

from __future__ import annotations

from tracker.i18n import Text
from tracker.rules.facts import FactsError


class TrackerError(Exception):
    """Base of every domain error; its message is safe to show.

    `text`, when given, is the message in every language (e.g. from program data).
    """

    status = 400

    def __init__(self, message: str = "", text: Text | None = None) -> None:
        super().__init__(message)
        self.text = text

    def said(self, lang: str) -> str:
        """The message in the reader's language when it has one, else as raised."""
        return self.text(lang) if self.text else str(self)


class NotFoundError(TrackerError):
    status = 404


class PermissionDeniedError(TrackerError):
    status = 403


class InvalidInputError(TrackerError):
    status = 400


class FactsInputError(InvalidInputError):
    """Facts that do not fit the program: `problem` has the code the web layer translates."""

    def __init__(
        self, message: str, text: Text | None = None, *, problem: FactsError, person: str = ""
    ) -> None:
        super().__init__(message, text)
        self.problem, self.person = problem, person


class ConflictError(TrackerError):
    status = 409


class UnavailableError(TrackerError):
    """A dependency (the file store) is down for now; the same request will work later."""

    status = 503
