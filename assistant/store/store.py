"""The store: the person's profile, their sessions with every turn, and a food and supplement log by date.

One class, ``Store``, takes and returns pydantic models; nothing else touches tinydb. Every document carries a
``schema_version``. Each operation holds a file lock for its whole read-modify-write, so two running calmag
processes cannot lose each other's writes, and the storage writes atomically, so a killed process cannot leave
a broken file. A database that cannot be read is moved aside under a timestamped name and a fresh one started;
``Store.notice`` says so.
"""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock
from pydantic import BaseModel, ValidationError
from pydantic_core import to_jsonable_python
from tinydb import Query, TinyDB
from tinydb.table import Table

from assistant.atomic import append_line, last_line, write_atomically
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


class SessionRow(_Document):
    """A session's row in the index, written once when the session starts."""

    id: str
    started: datetime


class SessionInfo(_Document):
    """A session as listed: its row, with when it was last updated and how many turns it has."""

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


def _line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _changes(before: Session, after: Session) -> dict[str, Any]:
    """What a turn changed in the session: a list that only grew as its new items ("add"), anything else that
    changed whole ("set"). Kept foods are shared between states, so comparing them costs next to nothing."""
    changed: dict[str, Any] = {}
    for name in Session.model_fields:
        old, new = getattr(before, name), getattr(after, name)
        if name == "history" or old == new:
            continue
        if isinstance(old, list) and isinstance(new, list) and len(new) > len(old) and new[:len(old)] == old:
            changed.setdefault("add", {})[name] = to_jsonable_python(new[len(old):])
        else:
            changed.setdefault("set", {})[name] = to_jsonable_python(new)
    return changed


def _turn(stored: StoredSession, before: Session) -> dict[str, Any]:
    """The newest turn's line: its number and time first (``sessions`` reads only those), its step, and what it
    changed since ``before``."""
    return {"n": stored.messages, "at": to_jsonable_python(stored.updated), "schema_version": SCHEMA_VERSION,
            "kind": "turn", "step": stored.steps[-1].model_dump(mode="json"), **_changes(before, stored.session)}


def _whole(stored: StoredSession, days: Sequence[DayLog] = ()) -> str:
    """A session's whole log: its start with the state as it is now, any days an earlier layout logged for it,
    then every turn (only the last has a time, so the last says when the session was updated)."""
    lines = [_line({"schema_version": SCHEMA_VERSION, "kind": "start", "id": stored.id,
                    "started": to_jsonable_python(stored.started), "session": stored.session.model_dump(mode="json")})]
    lines += [_line({"schema_version": SCHEMA_VERSION, "kind": "day", **log.model_dump(mode="json")}) for log in days]
    for number, step in enumerate(stored.steps, 1):
        last = number == stored.messages
        lines.append(_line({"n": number, "at": to_jsonable_python(stored.updated) if last else None,
                            "schema_version": SCHEMA_VERSION, "kind": "turn", "step": step.model_dump(mode="json")}))
    return "".join(line + "\n" for line in lines)


def _fold(data: bytes) -> tuple[StoredSession, list[DayLog]]:
    """A session log read back: the session as its last turn left it, and each day as its last turn on that day
    left it. A last line torn by a crash is dropped; any other damage raises ValueError."""
    lines = data.split(b"\n")[:-1]  # what follows the last newline is empty, or a line a crash cut short
    if not lines:
        raise ValueError("an empty session log")
    start = json.loads(lines[0])
    if not isinstance(start, dict) or start.get("kind") != "start" or start.get("schema_version") != SCHEMA_VERSION:
        raise ValueError("not the start of a calmag session log")
    state: dict[str, Any] = dict(start["session"])
    steps: list[Any] = []
    updated = start["started"]
    days: dict[str, dict[str, Any]] = {}
    for number, raw in enumerate(lines[1:], 2):
        record = json.loads(raw)
        if not isinstance(record, dict) or record.get("schema_version") != SCHEMA_VERSION:
            raise ValueError(f"line {number} of the session log is not a calmag record")
        if record.get("kind") == "day":
            days[record["day"]] = record
            continue
        if record.get("step") is not None:
            steps.append(record["step"])
        for name, items in record.get("add", {}).items():
            state[name] = [*state.get(name, []), *items]
        state.update(record.get("set", {}))
        if record.get("at"):
            updated = record["at"]
            days[updated[:10]] = {"day": updated[:10], "recorded": updated, "foods": state.get("foods", []),
                                  "supplements": state.get("supplements", [])}
    stored = StoredSession.model_validate({"id": start["id"], "started": start["started"], "updated": updated,
                                           "session": state, "steps": steps})
    logs = []
    for entry in days.values():
        foods = [food.get("result", food) for food in entry["foods"]]  # a session's foods, or a day log's
        logs.append(DayLog.model_validate({"day": entry["day"], "session_id": stored.id, "recorded": entry["recorded"],
                                           "supplements": entry["supplements"], "foods": [
                                               {**food, "alternatives": [], "ask_about": [], "corrections": {}}
                                               for food in foods]}))
    return stored, logs


LAYOUT = 3  # the database's layout: raised, with a step in Store._migrate, whenever stored data must change


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
        self._kept: dict[str, tuple[int, Session]] = {}  # each session as last saved or read: its turns, its state
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
        one, so a profile missing or incomplete is restored from the latest session that had it whole. Layout 2
        to 3: each session's file (rewritten whole every turn) becomes a log appended turn by turn, carrying the
        days the ``days`` table logged for it; the table goes."""
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
                        stored = self._read_either(info.id)
                    except (OSError, ValueError):
                        continue
                    if _complete(stored.session.profile):
                        table = self._table("profile")
                        table.truncate()
                        table.insert(StoredProfile(profile=stored.session.profile).model_dump(mode="json"))
                        break
        if layout < 3:
            logged = self._valid(DayLog, self._read("days"))
            for info in self._valid(SessionInfo, self._read("sessions")):
                old = self._old_session_file(info.id)
                try:
                    stored = StoredSession.model_validate_json(old.read_bytes())
                except FileNotFoundError:
                    continue
                except (OSError, ValueError) as error:
                    self._move_session_aside(info.id, old, error)
                    continue
                write_atomically(self._session_file(info.id),
                                 _whole(stored, [log for log in logged if log.session_id == info.id]))
                old.unlink()
            TinyDB(str(self.path), storage=AtomicJSONStorage).drop_table("days")
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
        for leftover in [*self.folder.glob(f".{DATABASE}.*"), *self.folder.glob("sessions/.*.json*.*")]:
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

    # sessions: a row in the tinydb index when a session starts, and each session's turns in a log of its own,
    # one line appended per turn with what the turn changed, so that a turn's write costs that turn alone:
    # neither the length of the session nor the number of sessions kept
    def _session_file(self, session_id: str) -> Path:
        if not _SESSION_ID.fullmatch(session_id):
            raise ValueError(f"not a session id: {session_id!r}")
        return self.folder / "sessions" / f"{session_id}.jsonl"

    def _old_session_file(self, session_id: str) -> Path:
        """Where layout 2 kept a session, whole."""
        return self._session_file(session_id).with_suffix(".json")

    def _read_either(self, session_id: str) -> StoredSession:
        """A session in the layout-2 file or in its log (a migration step may meet either)."""
        old = self._old_session_file(session_id)
        if old.exists():
            return StoredSession.model_validate_json(old.read_bytes())
        return _fold(self._session_file(session_id).read_bytes())[0]

    def save_session(self, stored: StoredSession) -> None:
        """Keep ``stored``: its newest turn appended to its log when the log holds the turns before it (as this
        store last saved or read them), else the whole log written afresh."""
        stored = stored.model_copy(update={"updated": self.clock()})
        path = self._session_file(stored.id)
        kept = self._kept.get(stored.id)
        with self._locked():
            path.parent.mkdir(mode=0o700, exist_ok=True)
            if kept is not None and kept[0] == stored.messages - 1 and stored.steps:
                try:
                    append_line(path, _line(_turn(stored, kept[1])))
                except OSError as error:
                    if error.errno not in (errno.ELOOP, errno.ENOENT):  # a planted symlink, a vanished file
                        raise
                    write_atomically(path, _whole(stored))
            else:
                fresh = not path.exists()
                write_atomically(path, _whole(stored))
                if fresh:  # its index row, once: the only write whose cost grows with the sessions kept
                    row = SessionRow(id=stored.id, started=stored.started).model_dump(mode="json")
                    self._table("sessions").upsert(row, Query().id == stored.id)
        self._kept[stored.id] = (stored.messages, stored.session)

    def sessions(self) -> list[SessionInfo]:
        """Every stored session, most recently updated first (each log's last line says when, and how long)."""
        with self._locked():
            rows: list[SessionRow] = self._valid(SessionRow, self._read("sessions"))
            found = [info for row in rows if (info := self._info(row)) is not None]
        return sorted(found, key=lambda s: s.updated, reverse=True)

    def _info(self, row: SessionRow) -> SessionInfo | None:
        try:
            last = json.loads(last_line(self._session_file(row.id)))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):  # read whole by ``session``, which moves it aside and says so
            return SessionInfo(id=row.id, started=row.started, updated=row.started, messages=0)
        at = last.get("at") if isinstance(last, dict) else None
        return SessionInfo(id=row.id, started=row.started, updated=at or row.started,
                           messages=last.get("n", 0) if isinstance(last, dict) else 0)

    def session(self, session_id: str) -> StoredSession | None:
        try:
            path = self._session_file(session_id)
        except ValueError:
            return None
        with self._locked():
            try:
                stored, _ = _fold(path.read_bytes())
            except FileNotFoundError:
                return None
            except (ValidationError, UnicodeDecodeError, ValueError, OSError) as error:
                self.skipped += 1
                self._move_session_aside(session_id, path, error)
                return None
        self._kept[stored.id] = (stored.messages, stored.session)
        return stored

    def _move_session_aside(self, session_id: str, path: Path, error: Exception) -> None:
        """A session file that cannot be read is moved aside and its index row dropped, and the person told."""
        stamp = self.clock().strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{session_id}.unreadable-{stamp}{path.suffix}")
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

    # the food and supplement log, by day: read from the sessions' logs, each day as its last turn left it
    def days(self, since: date | None = None) -> list[DayLog]:
        found: list[DayLog] = []
        for info in self.sessions():
            if since is not None and info.updated.date() < since:  # every turn of it came before
                continue
            try:
                with self._locked():
                    _, logs = _fold(self._session_file(info.id).read_bytes())
            except (ValidationError, UnicodeDecodeError, ValueError, OSError):
                self.skipped += 1
                continue
            found += [log for log in logs if since is None or log.day >= since]
        return sorted(found, key=lambda d: (d.day, d.session_id))
