"""Domain errors the web layer maps to HTTP statuses."""


class TrackerError(Exception):
    """Base of every domain error; its message is safe to show."""

    status = 400


class NotFoundError(TrackerError):
    status = 404


class PermissionDeniedError(TrackerError):
    status = 403


class InvalidInputError(TrackerError):
    status = 400


class ConflictError(TrackerError):
    status = 409


class UnavailableError(TrackerError):
    """A dependency (the file store) is down for now; the same request will work later."""

    status = 503
