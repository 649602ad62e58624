"""A tinydb storage that never leaves a half-written database behind.

tinydb's JSONStorage rewrites its file in place: a process killed mid-write leaves a truncated file. Here every
write goes to a temporary file in the same folder, is flushed to disk, and replaces the database with an atomic
rename; readers see the old file or the new one, never a mix. Files are created readable by their owner only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from assistant.atomic import write_atomically


class UnreadableDatabase(Exception):
    """The database file exists but is not a tinydb JSON document."""


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path) -> None:
        super().__init__()
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise UnreadableDatabase(f"{self.path.name}: {error}") from None
        except RecursionError:
            raise UnreadableDatabase(f"{self.path.name}: nested too deeply to be calmag's") from None
        except ValueError as error:  # a number of thousands of digits
            raise UnreadableDatabase(f"{self.path.name}: {error}") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise UnreadableDatabase(f"{self.path.name}: not a table of documents")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))
