"""The store: the person's profile, their sessions with every turn, and a food and supplement log by date.

One class, ``Store``, takes and returns pydantic models; nothing else touches tinydb. Every document carries a
``schema_version``. Each operation holds a file lock for its whole read-modify-write, so two running calmag
processes cannot lose each other's writes, and the storage writes atomically, so a killed process cannot leave
a broken file. A database that cannot be read is moved aside under a timestamped name and a fresh one started;
``Store.notice`` says so.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock
from pydantic import BaseModel, ValidationError
from tinydb import Query, TinyDB
from tinydb.table import Table

from assistant.atomic import write_atomically
from assistant.engine.state import Profile, Session, SupplementItem
from assistant.paths import data_dir
from assistant.store.storage import AtomicJSONStorage, UnreadableDatabase
from assistant.transcripts.schema import TranscriptStep
from knowledge.foods.lookup import FoodResult

SCHEMA_VERSION: Literal[1] = 1
DATABASE = "calmag.json"
LOCK_TIMEOUT = 30.0  # seconds to wait for another calmag process to finish its write


class _Document(BaseModel):
    schema_version: Literal[1] = SCHEMA_VERSION


class StoredProfile(_Document):
    profile: Profile


class StoredSession(_Document):
    id: str
    started: datetime
    updated: datetime
    session: Session
    steps: list[TranscriptStep] = []

    @property
    def messages(self) -> int:
        return len(self.steps)


class SessionInfo(_Document):
    """A session's row in the index."""

    id: str
    started: datetime
    updated: datetime
    messages: int


class DayLog(_Document):
    """What one session recorded for one day: the foods and supplements as they stood."""

    day: date
    session_id: str
    recorded: datetime
    foods: list[FoodResult] = []
    supplements: list[SupplementItem] = []


_SESSION_ID = re.compile(r"[0-9a-f]{12}|[A-Za-z0-9_-]{1,64}")


def _tables_of_records(data: object) -> bool:
    """Whether ``data`` has the shape tinydb keeps: tables of documents, each an object."""
    return data is None or isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in data.values())


LAYOUT = 2  # the database's layout: raised, with a step in Store._migrate, whenever stored data must change


def _complete(profile: Profile) -> bool:
    return profile.age is not None and bool(profile.sex or profile.sex_declined)


def new_session_id() -> str:
    return secrets.token_hex(6)


class Store:
    def __init__(self, folder: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.folder = folder
        self.path = folder / DATABASE
        self.clock = clock or (lambda: datetime.now(UTC))
        self.notices: list[str] = []  # said to the person: what was unreadable and where it was moved
        self.skipped = 0  # documents that failed validation and were left out
        self._lock = FileLock(str(folder / f"{DATABASE}.lock"), timeout=LOCK_TIMEOUT)
        with self._locked():
            self._sweep()
            try:
                data = AtomicJSONStorage(self.path).read()
            except UnreadableDatabase as error:
                self._move_aside(str(error))
            else:
                if not _tables_of_records(data):
                    self._move_aside("it is JSON, but not tables of records")
                elif data:
                    self._migrate()

    def _migrate(self) -> None:
        """Bring a database written by an earlier calmag to ``LAYOUT``, one versioned step at a time (under the
        lock, on open). Layout 1 to 2: a second session used to overwrite the kept profile with its own empty
        one, so a profile missing or incomplete is restored from the latest session that had it whole."""
        meta = self._table("meta")
        found = meta.all()
        layout = int(found[0].get("layout", 1)) if found else 1
        skipped = self.skipped  # what the step could not read is counted when it is read for the person
        if layout < 2:
            kept = self._valid(StoredProfile, self._read("profile"))
            if not kept or not _complete(kept[0].profile):
                infos = sorted(self._valid(SessionInfo, self._read("sessions")), key=lambda i: i.updated,
                               reverse=True)
                for info in infos:
                    try:
                        stored = StoredSession.model_validate_json(self._session_file(info.id).read_bytes())
                    except (OSError, ValueError):
                        continue
                    if _complete(stored.session.profile):
                        table = self._table("profile")
                        table.truncate()
                        table.insert(StoredProfile(profile=stored.session.profile).model_dump(mode="json"))
                        break
        self.skipped = skipped
        if layout < LAYOUT:
            self._table("meta").truncate()
            self._table("meta").insert({"schema_version": SCHEMA_VERSION, "layout": LAYOUT})

    @property
    def notice(self) -> str | None:
        return "; ".join(self.notices) if self.notices else None

    @classmethod
    def open(cls, override: str | Path | None = None, clock: Callable[[], datetime] | None = None) -> Store:
        return cls(data_dir(override), clock)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock:
            os.chmod(self._lock.lock_file, 0o600)
            yield

    def _sweep(self) -> None:
        """Delete the temporary files of writers killed mid-write. Every write happens under the lock we hold,
        so a temporary file still here belongs to no running writer."""
        for leftover in [*self.folder.glob(f".{DATABASE}.*"), *self.folder.glob("sessions/.*.json.*")]:
            leftover.unlink(missing_ok=True)

    def _table(self, name: str) -> Table:
        """A table read fresh from disk: tinydb keeps the next document id in memory, which another process may
        have used since; a new handle under the lock sees the file as it is now."""
        return TinyDB(str(self.path), storage=AtomicJSONStorage).table(name)

    def _move_aside(self, reason: str) -> None:
        stamp = self.clock().strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.stem}.unreadable-{stamp}.json")
        os.replace(self.path, target)
        self.notices.append(f"the database could not be read ({reason}); it was moved to {target} and calmag "
                            "started a fresh one")

    def _read(self, table: str) -> list[dict[str, Any]]:
        try:
            return list(self._table(table).all())
        except UnreadableDatabase as error:  # damaged by something else while we were running
            self._move_aside(str(error))
            return []
        except (ValueError, TypeError, AttributeError) as error:  # JSON, but not tables of documents
            self._move_aside(f"its '{table}' table is not a table of records: {error}")
            return []

    def _valid(self, model: type[BaseModel], documents: list[dict[str, Any]]) -> list[Any]:
        valid = []
        for document in documents:
            try:
                valid.append(model.model_validate(document))
            except ValidationError:
                self.skipped += 1
        return valid

    # profile
    def profile(self) -> Profile | None:
        with self._locked():
            found = self._valid(StoredProfile, self._read("profile"))
        return found[0].profile if found else None

    def save_profile(self, profile: Profile) -> None:
        with self._locked():
            table = self._table("profile")
            table.truncate()
            table.insert(StoredProfile(profile=profile).model_dump(mode="json"))

    # sessions: an index row in tinydb, and each session's state and turns in a file of its own, so that a
    # turn's write costs the size of that session rather than of every session ever kept
    def _session_file(self, session_id: str) -> Path:
        if not _SESSION_ID.fullmatch(session_id):
            raise ValueError(f"not a session id: {session_id!r}")
        return self.folder / "sessions" / f"{session_id}.json"

    def save_session(self, stored: StoredSession) -> None:
        stored = stored.model_copy(update={"updated": self.clock()})
        info = SessionInfo(id=stored.id, started=stored.started, updated=stored.updated, messages=stored.messages)
        with self._locked():
            self._session_file(stored.id).parent.mkdir(mode=0o700, exist_ok=True)
            write_atomically(self._session_file(stored.id), stored.model_dump_json())
            self._table("sessions").upsert(info.model_dump(mode="json"), Query().id == stored.id)

    def sessions(self) -> list[SessionInfo]:
        """Every stored session, most recently updated first."""
        with self._locked():
            found: list[SessionInfo] = self._valid(SessionInfo, self._read("sessions"))
        return sorted(found, key=lambda s: s.updated, reverse=True)

    def session(self, session_id: str) -> StoredSession | None:
        try:
            path = self._session_file(session_id)
        except ValueError:
            return None
        with self._locked():
            try:
                return StoredSession.model_validate_json(path.read_bytes())
            except FileNotFoundError:
                return None
            except (ValidationError, UnicodeDecodeError, ValueError, OSError) as error:
                self.skipped += 1
                self._move_session_aside(session_id, path, error)
                return None

    def _move_session_aside(self, session_id: str, path: Path, error: Exception) -> None:
        """A session file that cannot be read is moved aside and its index row dropped, and the person told."""
        stamp = self.clock().strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{session_id}.unreadable-{stamp}.json")
        reason = type(error).__name__ if isinstance(error, OSError) else "not a calmag session"
        try:
            os.replace(path, target)
        except OSError as moving:
            self.notices.append(f"a saved session ({path}) could not be read ({reason}) nor moved aside "
                                f"({moving.strerror or moving}); it is left out")
            return
        self._table("sessions").remove(Query().id == session_id)
        self.notices.append(f"a saved session could not be read ({reason}); it was moved to {target}")

    def last_session(self) -> StoredSession | None:
        return next((found for info in self.sessions() if (found := self.session(info.id))), None)

    def new_session(self, session: Session | None = None) -> StoredSession:
        now = self.clock()
        return StoredSession(id=new_session_id(), started=now, updated=now, session=session or Session())

    # the food and supplement log
    def log_day(self, stored: StoredSession, day: date | None = None) -> None:
        """Record the session's foods and supplements for ``day`` (today by default), replacing what this
        session recorded for that day before."""
        day = day or self.clock().date()
        foods = [f.result.model_copy(update={"alternatives": [], "ask_about": [], "corrections": {}})
                 for f in stored.session.foods]  # what was eaten, not how it was matched
        entry = DayLog(day=day, session_id=stored.id, recorded=self.clock(), foods=foods,
                       supplements=stored.session.supplements)
        query = Query()
        with self._locked():
            self._table("days").upsert(entry.model_dump(mode="json"),
                                          (query.day == day.isoformat()) & (query.session_id == stored.id))

    def days(self, since: date | None = None) -> list[DayLog]:
        with self._locked():
            found: list[DayLog] = self._valid(DayLog, self._read("days"))
        return sorted((d for d in found if since is None or d.day >= since), key=lambda d: (d.day, d.session_id))
