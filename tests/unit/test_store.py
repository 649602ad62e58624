"""The store on a real tinydb file: round trips, permissions, killed writers, two writers, damaged files."""

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime

from assistant.engine import Engine, Session
from assistant.store import Store
from assistant.store.store import DATABASE
from assistant.transcripts import Recorded, TranscriptStep

ENGINE = Engine()
CLOCK = lambda: datetime(2026, 11, 21, 9, 30, tzinfo=UTC)  # noqa: E731


def _stored(store, messages):
    stored = store.new_session()
    for message in messages:
        reply = ENGINE.reply_to(stored.session, message)
        stored = stored.model_copy(update={"session": reply.session, "steps": [
            *stored.steps, TranscriptStep(user=message, reply=Recorded.of(reply))]})
    return stored


def test_sessions_profile_and_log_round_trip(tmp_path):
    store = Store(tmp_path, clock=CLOCK)
    stored = _stored(store, ["45 female", "2 cups spinach, a banana", "magnesium 200 mg"])
    store.save_session(stored)
    store.save_profile(stored.session.profile)
    again = Store(tmp_path, clock=CLOCK)
    # everything but the in-memory undo history comes back
    assert again.last_session().model_dump() == stored.model_copy(update={"updated": CLOCK()}).model_dump()
    assert again.profile().age == 45
    [day] = again.days()
    assert day.day.isoformat() == "2026-11-21" and len(day.foods) == 2 and day.supplements[0].amount == 200
    raw = json.loads((tmp_path / DATABASE).read_text())
    assert all(doc["schema_version"] == 1 for table in raw.values() for doc in table.values())


def test_files_are_readable_by_their_owner_only(tmp_path):
    store = Store.open(tmp_path / "new")
    stored = store.new_session()
    store.save_session(stored)
    assert stat.S_IMODE(os.stat(tmp_path / "new").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "new" / DATABASE).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "sessions" / f"{stored.id}.jsonl").st_mode) == 0o600


def test_a_damaged_session_file_is_skipped_and_the_previous_session_offered(tmp_path):
    store = Store(tmp_path)
    older, newer = store.new_session(), store.new_session()
    store.save_session(older)
    store.save_session(newer)
    (tmp_path / "sessions" / f"{newer.id}.jsonl").write_text("{truncat")
    assert store.last_session().id == older.id and store.skipped == 1
    assert store.session("../calmag") is None
    # moved aside, out of the index, and the person told where (issue 14)
    moved = list((tmp_path / "sessions").glob(f"{newer.id}.unreadable-*.jsonl"))
    assert len(moved) == 1 and moved[0].read_text() == "{truncat"
    assert str(moved[0]) in store.notice and [s.id for s in store.sessions()] == [older.id]


def test_a_session_file_that_is_a_directory_is_moved_aside_not_a_traceback(tmp_path):
    store = Store(tmp_path)
    stored = store.new_session()
    store.save_session(stored)
    path = tmp_path / "sessions" / f"{stored.id}.jsonl"
    path.unlink()
    path.mkdir()
    assert store.last_session() is None
    assert "could not be read" in store.notice and not path.exists()


def test_a_damaged_database_is_moved_aside_and_a_fresh_one_used(tmp_path):
    (tmp_path / DATABASE).write_text('{"sessions": {"1": {"id": "x", "sta')
    store = Store(tmp_path, clock=CLOCK)
    assert "could not be read" in store.notice and "calmag.unreadable-20261121T093000.json" in store.notice
    assert (tmp_path / "calmag.unreadable-20261121T093000.json").read_text().startswith('{"sessions"')
    store.save_session(store.new_session())
    assert len(Store(tmp_path).sessions()) == 1


def test_a_document_from_another_version_is_left_out_not_fatal(tmp_path):
    store = Store(tmp_path, clock=CLOCK)
    store.save_session(store.new_session())
    raw = json.loads((tmp_path / DATABASE).read_text())
    raw["sessions"]["2"] = {"schema_version": 99, "id": "future"}
    (tmp_path / DATABASE).write_text(json.dumps(raw))
    again = Store(tmp_path)
    assert len(again.sessions()) == 1 and again.skipped == 1


WRITER = textwrap.dedent("""
    import sys
    from assistant.engine import Session
    from assistant.store import Store
    from assistant.transcripts import TranscriptStep
    store = Store.open(sys.argv[1])
    prefix, count = sys.argv[2], int(sys.argv[3])
    for n in range(count):
        stored = store.new_session(Session())
        stored = stored.model_copy(update={"id": f"{prefix}-{n}", "steps": [TranscriptStep(user="x" * 2000)] * 50})
        store.save_session(stored)
        print(n, flush=True)
""")


def test_a_writer_killed_mid_write_leaves_a_loadable_database(tmp_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), "killed", "100000"],
                              stdout=subprocess.PIPE, text=True)
    for _ in range(30):  # let it get well into its writes: the file is rewritten whole each time
        writer.stdout.readline()
    time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    store = Store(tmp_path)
    assert store.notice is None
    assert len(store.sessions()) >= 30


def test_temporary_files_left_by_a_killed_writer_are_swept_on_open(tmp_path):
    store = Store(tmp_path)
    stored = store.new_session()
    store.save_session(stored)
    leftovers = [tmp_path / f".{DATABASE}.k1l2e3", tmp_path / "sessions" / f".{stored.id}.jsonl.x9y8z7"]
    for path in leftovers:
        path.write_text("half a wri")
    Store(tmp_path)
    assert not any(path.exists() for path in leftovers)
    reopened = Store(tmp_path)
    assert [s.id for s in reopened.sessions()] == [stored.id] and reopened.session(stored.id) is not None


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name, "40"],
                                stdout=subprocess.DEVNULL) for name in ("a", "b")]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    ids = {s.id for s in Store(tmp_path).sessions()}
    assert ids == {f"{name}-{n}" for name in ("a", "b") for n in range(40)}


def test_a_new_session_starts_empty(tmp_path):
    assert Store(tmp_path).new_session().session == Session()


def _old_layout(folder, sessions, profile, days=(), layout=None):
    """A data folder as an earlier calmag wrote it: index rows with their times and lengths, each session whole
    in sessions/<id>.json, a ``days`` table, and the layout in ``meta`` from 2 on (none in layout 1)."""
    (folder / "sessions").mkdir(parents=True)
    rows = {}
    for number, stored in enumerate(sessions, 1):
        (folder / "sessions" / f"{stored.id}.json").write_text(stored.model_dump_json())
        rows[str(number)] = {"schema_version": 1, "id": stored.id, "started": stored.started.isoformat(),
                             "updated": stored.updated.isoformat(), "messages": stored.messages}
    raw = {"sessions": rows, "profile": {"1": {"schema_version": 1, "profile": profile.model_dump(mode="json")}},
           "days": {str(n): day.model_dump(mode="json") for n, day in enumerate(days, 1)}}
    if layout:
        raw["meta"] = {"1": {"schema_version": 1, "layout": layout}}
    (folder / DATABASE).write_text(json.dumps(raw))


def test_a_database_from_before_migrates_on_open_and_gets_its_profile_back(tmp_path):
    """Layout 1 to 2 (issue 14): a second session used to overwrite the kept profile with an empty one. A file
    written that way (sessions, day log, an empty profile, no layout) opens with the profile restored from the
    latest session that had it whole, and is marked with today's layout; the step runs once."""
    from assistant.engine.state import Profile
    from assistant.store.store import LAYOUT

    store = Store(tmp_path / "scratch", clock=CLOCK)
    first = store.new_session(Session(profile=Profile(age=40, sex="male")))
    second = store.new_session(Session())  # the second session, the same day
    _old_layout(tmp_path / "data", [first, second], Profile())  # the empty profile the old record() wrote
    migrated = Store(tmp_path / "data")
    assert migrated.profile() == Profile(age=40, sex="male")
    assert json.loads((tmp_path / "data" / DATABASE).read_text())["meta"]["1"]["layout"] == LAYOUT == 3
    migrated.save_profile(Profile(age=41, sex="male"))  # a later change is not undone by the step
    assert Store(tmp_path / "data").profile().age == 41


def test_a_layout_2_folder_becomes_session_logs_keeping_every_turn_and_day(tmp_path):
    """Layout 2 to 3 (issue 13): each whole session file becomes a log, with the days the old table logged for
    it; the old file and the table go, and the session goes on by appending."""
    from datetime import timedelta

    from assistant.store import DayLog

    scratch = Store(tmp_path / "scratch", clock=CLOCK)
    stored = _stored(scratch, ["45 female", "2 cups spinach", "magnesium 200 mg"])
    yesterday = DayLog(day=CLOCK().date() - timedelta(days=1), session_id=stored.id, recorded=CLOCK(),
                       foods=[f.result for f in stored.session.foods[:1]])
    _old_layout(tmp_path / "data", [stored], stored.session.profile, [yesterday], layout=2)
    store = Store(tmp_path / "data", clock=CLOCK)
    assert store.notice is None and not (tmp_path / "data" / "sessions" / f"{stored.id}.json").exists()
    again = store.session(stored.id)
    assert again.model_dump() == stored.model_dump() and [s.messages for s in store.sessions()] == [3]
    days = store.days()
    assert [(d.day, len(d.foods)) for d in days] == [(yesterday.day, 1)] + [(CLOCK().date(), 1)]
    assert "days" not in json.loads((tmp_path / "data" / DATABASE).read_text())


def test_each_turn_appends_one_line_and_a_torn_last_line_costs_that_turn_only(tmp_path):
    store = Store(tmp_path, clock=CLOCK)
    stored = store.new_session()
    path = tmp_path / "sessions" / f"{stored.id}.jsonl"
    sizes = []
    for message in ["45 female", "2 cups spinach", "a banana", "magnesium 200 mg"]:
        reply = ENGINE.reply_to(stored.session, message)
        stored = stored.model_copy(update={"session": reply.session, "steps": [
            *stored.steps, TranscriptStep(user=message, reply=Recorded.of(reply))]})
        before = path.read_bytes() if path.exists() else b""
        store.save_session(stored)
        after = path.read_bytes()
        assert after.startswith(before) and after.count(b"\n") == len(stored.steps) + 1  # the start, each turn
        sizes.append(len(after) - len(before))
    assert max(sizes[1:]) < 2 * min(sizes[1:]) + 4000  # a turn's line is that turn, not the whole session
    with path.open("ab") as log:
        log.write(b'{"n": 5, "at": "2026-11-21T09:3')  # killed in the middle of the next turn
    reopened = Store(tmp_path, clock=CLOCK)
    kept = reopened.session(stored.id)
    assert reopened.notice is None and kept.model_dump() == stored.model_copy(update={"updated": CLOCK()}).model_dump()
    reply = ENGINE.reply_to(kept.session, "an egg")
    reopened.save_session(kept.model_copy(update={"session": reply.session, "steps": [
        *kept.steps, TranscriptStep(user="an egg", reply=Recorded.of(reply))]}))
    assert [len(s.session.foods) for s in [reopened.session(stored.id)]] == [3]
    assert b"2026-11-21T09:3\n" not in path.read_bytes() and Store(tmp_path).sessions()[0].messages == 5
