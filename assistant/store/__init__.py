"""Profiles, sessions and the food log, kept in tinydb in the data folder (see DESIGN.md)."""

from assistant.store.store import DayLog, Store, StoredSession, data_dir

__all__ = ["DayLog", "Store", "StoredSession", "data_dir"]
