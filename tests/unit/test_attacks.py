"""Attacks on the engine and the store (issue 14): random and hostile text, kill -9 in the middle of a saving
chat, four chats writing to one data directory, and symlinks planted where calmag writes."""

import json
import os
import random
import signal
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.engine import Engine, Session
from assistant.store import Store

ENGINE = Engine()
HOSTILE = st.sampled_from([
    "\x1b]52;c;aGVsbG8=\x07 2 cups milk", "\x1b[2J\x1b[H eggs", "[x](cite:s000)", "**spinach** <script>",
    "1e308 IU vitamin D", "-5 cups milk", "magnesium -400 mg", "9" * 400 + " g cheese", "\ud800 toast",
    "\u202e\u200b\ufeff banana", "%s %d {0} ${x}", "a" * 1990, "🥛🥛🥛 " * 50, "\x00\x01\x02", ", , , and and",
])
MESSAGES = st.one_of(HOSTILE, st.text(max_size=300), st.text(alphabet=st.characters(), min_size=1, max_size=2500))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(step=st.sampled_from(["profile", "diet", "supplements", "labs", None]), text=MESSAGES)
def test_any_message_gets_a_reply_the_same_every_time_and_nothing_raw(step, text):
    session = Session(step=step, answered=[] if step == "profile" else ["profile"])
    first = ENGINE.reply_to(session, text)
    again = ENGINE.reply_to(session, text)
    assert first.text and first.text == again.text
    assert not any(c in first.text for c in "\x1b\x07\x00") and not any(0xD800 <= ord(c) <= 0xDFFF for c in first.text)
    first.session.model_dump_json()  # nothing that reaches the store can fail to serialise


def _chat(folder, *extra):
    return subprocess.Popen([sys.executable, "-m", "assistant.cli", "chat", "--plain", "--json", "--data-dir",
                             str(folder), *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)


TURNS = ["45 female", "2 cups spinach", "a banana", "magnesium 200 mg", "elemental", "none", "none", "skip",
         "an egg", "a slice of toast"]


def test_kill_9_at_random_points_of_a_saving_chat_loses_no_confirmed_turn(tmp_path):
    chance = random.Random(14)
    folder = tmp_path / "data"
    runs = 20
    for run in range(runs):
        chat = _chat(folder)
        chat.stdout.readline()  # the greeting
        confirmed = chance.randint(0, 6)
        for text in TURNS[:confirmed]:
            chat.stdin.write(text + "\n")
            chat.stdin.flush()
            json.loads(chat.stdout.readline())  # the reply is out: the turn was saved before it
        chat.stdin.write("a cup of milk\n")  # and one more in flight when the kill comes
        chat.stdin.flush()
        if chance.random() < 0.5:
            chat.stdout.readline()
            confirmed += 1
        chat.send_signal(signal.SIGKILL)
        chat.wait()
        store = Store(folder)
        assert store.notice is None, run
        if confirmed:
            last = store.last_session()
            assert last is not None and last.messages >= confirmed, (run, confirmed, last and last.messages)
    assert len(Store(folder).sessions()) >= 1


def test_four_chats_against_one_data_directory_lose_nothing(tmp_path):
    folder = tmp_path / "data"
    chats = [_chat(folder) for _ in range(4)]
    outputs = [chat.communicate("\n".join(TURNS) + "\n", timeout=300)[0] for chat in chats]
    assert all(chat.returncode == 0 for chat in chats)
    assert all(len(out.splitlines()) == 1 + len(TURNS) for out in outputs)
    store = Store(folder)
    kept = [store.session(info.id) for info in store.sessions()]
    assert len(kept) == 4 and all(s is not None and s.messages == len(TURNS) for s in kept)


def test_a_symlink_planted_where_calmag_writes_is_not_followed(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    target = tmp_path / "victim.txt"
    target.write_text("precious")
    (folder / "calmag.json").symlink_to(target)
    chat = _chat(folder, "--save", str(tmp_path / "saved.json"))
    chat.communicate("45 female\n2 cups milk\n", timeout=120)
    export_link = tmp_path / "export.md"
    export_link.symlink_to(target)
    subprocess.run([sys.executable, "-m", "assistant.cli", "export", "last", "-o", str(export_link), "--data-dir",
                    str(folder)], capture_output=True, timeout=120)
    assert target.read_text() == "precious"  # never written through a link
    assert not os.path.islink(folder / "calmag.json") and len(Store(folder).sessions()) == 1


def test_a_symlink_planted_at_a_session_file_is_replaced_not_written_through(tmp_path):
    store = Store(tmp_path / "data")
    stored = store.new_session(Session())
    target = tmp_path / "victim.txt"
    target.write_text("precious")
    path = tmp_path / "data" / "sessions" / f"{stored.id}.jsonl"
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.symlink_to(target)
    store.save_session(stored)
    assert target.read_text() == "precious" and not path.is_symlink() and store.session(stored.id) is not None


def test_a_lock_that_is_a_directory_or_a_symlink_loop_gets_one_line(tmp_path):
    for kind in ("directory", "loop"):
        folder = tmp_path / kind
        folder.mkdir()
        lock = folder / "calmag.json.lock"
        if kind == "directory":
            lock.mkdir()
        else:
            lock.symlink_to(lock)
        done = subprocess.run([sys.executable, "-m", "assistant.cli", "report", "--data-dir", str(folder)],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and "Traceback" not in done.stderr and done.stderr.count("\n") == 1, done.stderr
        assert str(lock) in done.stderr


def test_a_full_disk_keeps_the_database_and_the_conversation(tmp_path, monkeypatch):
    """The write fails with ENOSPC: the database on disk is the one before, and the chat goes on in memory."""
    import errno

    from assistant import atomic
    from assistant.conversation import Conversation

    store = Store(tmp_path / "data")
    conversation = Conversation(store=store)
    conversation.reply("45 female")
    before = (tmp_path / "data" / "calmag.json").read_bytes()
    log = tmp_path / "data" / "sessions" / f"{conversation.stored.id}.jsonl"
    logged = log.read_bytes()

    def full(path, data, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(atomic, "write_atomically", full)
    monkeypatch.setattr("assistant.store.store.write_atomically", full)
    monkeypatch.setattr("assistant.store.storage.write_atomically", full, raising=False)
    monkeypatch.setattr("assistant.store.store.append_line", full)
    reply = conversation.reply("2 cups milk")
    assert reply.totals.calcium_mg > 500 and "No space left" in conversation.unsaved
    assert (tmp_path / "data" / "calmag.json").read_bytes() == before and log.read_bytes() == logged


def test_markdown_typed_in_the_line_chat_comes_back_escaped():
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "chat", "--plain"], capture_output=True,
                          text=True, timeout=120, input="45 female\nremove the [x](cite:s000) **spinach**\n")
    assert "\\[x\\](cite:s000) \\*\\*spinach\\*\\*" in done.stdout
