"""Where uploaded files live: a Storage protocol, a local-disk store and an in-memory double."""

from tracker.storage.base import BadKey, Storage, StorageError, Stored, TooLarge

__all__ = ["BadKey", "Storage", "StorageError", "Stored", "TooLarge"]
