"""The local store: SQLite on disk, the one place clock events become durable."""

from clockapp.storage.store import Change, OutboxEntry, StorageError, Store

__all__ = ["Change", "OutboxEntry", "StorageError", "Store"]
