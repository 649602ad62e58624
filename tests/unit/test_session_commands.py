"""calmag replay, export, report and the chat's continuity, run as a person runs them."""

import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from assistant.store import Store
from assistant.transcripts import load_transcript

CHAT = "45 female\n2 cups spinach, a banana\ncooked\nmagnesium glycinate 200 mg\n"


def calmag(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True,
                          text=True)


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "session.json"
    assert calmag("chat", "--plain", "--save", str(path), stdin=CHAT).returncode == 0
    return path


def test_a_saved_session_replays_without_differences(saved):
    result = calmag("replay", str(saved))
    assert result.returncode == 0 and result.stdout.strip().endswith("4 turns replayed, 0 differ")


def test_replay_reports_each_difference_with_its_turn_and_update_rewrites(saved):
    lines = saved.read_text().splitlines()
    edited = lines[4].replace("Spinach, cooked", "Spinach, frozen")  # the third turn's recorded reply
    saved.write_text("\n".join([*lines[:4], edited, *lines[5:]]) + "\n")
    result = calmag("replay", str(saved))
    assert result.returncode == 1
    assert f"{saved}:5: turn 3 ('cooked'): recorded reply: text differs" in result.stdout
    assert calmag("replay", str(saved), "--update").returncode == 0
    assert calmag("replay", str(saved)).returncode == 0


@pytest.mark.parametrize("content, message", [
    ("not json at all", "not valid JSON"),
    ('{"format": "calmag-transcript", "version": 1, "steps": [{"user": "hi"', "may be truncated"),
    ('{"format": "calmag-transcript", "version": 7, "steps": []}', "transcript version 7"),
    ('{"format": "something-else", "version": 1, "steps": []}', "not a calmag transcript"),
    ('{"format": "calmag-transcript", "version": 1, "steps": [{"usr": "hi"}]}', "steps.0.user"),
    ('{"format": "calmag-transcript", "version": 1, "steps": [{"user": "x", "expect": {"totals": {"zinc": 1}}}]}',
     "unknown totals"),
    ("", "not valid JSON"),
    ("[1, 2, 3]", "not a calmag transcript"),
    # attacks from issue 14: each is one line now, not a traceback, a hang or MemoryError
    ('{"format": "calmag-transcript", "version": 1, "steps": [], "steps": []}', 'the key "steps" appears twice'),
    pytest.param("[" * 200_000, "nested too deeply", id="deep-nesting"),
    pytest.param('{"format": "calmag-transcript", "version": 1, "n": ' + "9" * 5000 + ', "steps": []}', "digits",
                 id="5000-digit-number"),
    ('{"format": "calmag-transcript", "version": 1, "steps": [{"user": "x", "expect": '
     '{"matches": ["([\\\\s\\\\S]*)*!"]}}]}', "repeats a group that repeats"),
    ('{"format": "calmag-transcript", "version": 1, "steps": [{"user": "x", "expect": {"matches": ["("]}}]}',
     "is not a regular expression"),
])
def test_bad_transcripts_get_one_line_and_exit_1(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    for command in (("replay", str(path)), ("export", str(path))):
        result = calmag(*command)
        assert result.returncode == 1, command
        assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "/dev/urandom"])
def test_replay_takes_regular_files_only(tmp_path, special):
    """A FIFO hung replay and /dev/zero read until MemoryError (the size check trusted st_size)."""
    import os

    path = tmp_path / "pipe.json"
    if special == "fifo":
        os.mkfifo(path)
    else:
        path = special
    result = calmag("replay", str(path))
    assert result.returncode == 1 and "not a regular file" in result.stderr and result.stderr.count("\n") == 1


def test_replay_of_a_missing_or_binary_file_is_a_clear_error(tmp_path):
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00\x01")
    for path in (tmp_path / "missing.json", tmp_path / "binary.json"):
        result = calmag("replay", str(path))
        assert result.returncode == 1 and result.stderr.count("\n") == 1 and "cannot read it" in result.stderr


def test_export_markdown_and_json_from_the_store_and_from_a_file(saved, tmp_path):
    markdown = calmag("export").stdout  # the last stored session
    assert markdown.startswith("# calmag session") and "> 2 cups spinach, a banana" in markdown
    assert "matched 'a banana' to Bananas, raw [09040]" in markdown
    out = tmp_path / "out.json"
    assert calmag("export", "--format", "json", "-o", str(out)).returncode == 0
    assert [s.user for s in load_transcript(out).steps] == CHAT.splitlines()
    assert calmag("export", str(saved)).stdout.count("## ") == 4
    listing = calmag("export", "--list").stdout.splitlines()
    assert len(listing) == 1 and "4 messages" in listing[0]
    assert calmag("export", "nosuchid").returncode == 1


def test_the_chat_offers_to_continue_the_last_session():
    calmag("chat", "--plain", stdin=CHAT)
    result = calmag("chat", "--plain", "--json", stdin="continue\nnone\n")
    greeting, welcome, reply = (json.loads(line) for line in result.stdout.splitlines())
    assert "type 'continue' to pick it up" in greeting["text"] and greeting["choices"] == ["continue"]
    assert welcome["text"].startswith("Welcome back") and welcome["totals"]["magnesium_mg"] > 500
    assert reply["step"] == "symptoms"
    fresh = calmag("chat", "--plain", "--json", stdin="45 female\n")
    assert json.loads(fresh.stdout.splitlines()[1])["totals"] is None


def test_the_report_averages_past_days(tmp_path, monkeypatch):
    calmag("chat", "--plain", stdin=CHAT)  # today: spinach, banana, 200 mg magnesium
    store = Store.open()
    [today] = store.days()
    # yesterday: a session with the same foods and no supplements, saved by a store whose clock says so
    earlier = Store.open(clock=lambda: datetime.now(UTC) - timedelta(days=1))
    last = store.last_session()
    stored = earlier.new_session(last.session.model_copy(update={"supplements": []}))
    earlier.save_session(stored.model_copy(update={"steps": last.steps[:1]}))
    yesterday = today.day - timedelta(days=1)
    assert sorted(d.day for d in store.days()) == [yesterday, today.day]
    one = calmag("report", "--days", "1").stdout
    two = calmag("report", "--days", "2").stdout
    assert "over 1 logged day" in one and "from supplements" in one and "200 mg from supplements" in one
    assert "over 2 logged days" in two and "100 mg from supplements" in two
    assert calmag("report", "--days", "0").returncode == 2
    # each day drawn against the target first (issue 13), and the same numbers as JSON
    chart, report = two.split("\n\nDaily average", 1)
    for day in (today.day - timedelta(days=1), today.day):
        assert re.search(rf"{day:%a %d %b}  [█░]{{15}}  [\d,]+ mg \(\d+%\) (below|meets) target", chart)
    drawn = json.loads(calmag("report", "--days", "2", "--json").stdout)
    figures = drawn["days"]["figures"]
    assert [(f["nutrient"], f["day"]) for f in figures] == [
        (n, str(d)) for n in ("calcium_mg", "magnesium_mg", "vitamin_d_ug") for d in (yesterday, today.day)]
    assert all(f"{f['total']:,.0f} mg" in chart for f in figures if f["nutrient"] != "vitamin_d_ug")
    magnesium = [f["total"] for f in figures if f["nutrient"] == "magnesium_mg"]
    assert round(magnesium[1] - magnesium[0]) == 200 and drawn["days"]["average"]["magnesium_mg"] == pytest.approx(
        sum(magnesium) / 2, abs=0.01) and "Daily average" in drawn["report"]
    # the same report in the chat, which leaves the session as it was
    chat = calmag("chat", "--plain", "--save", str(tmp_path / "t.json"), stdin="report for the last 2 days\n")
    assert ("Daily average" + report).strip() in chat.stdout and "```text" in chat.stdout
    assert load_transcript(tmp_path / "t.json").steps == []
    week = calmag("chat", "--plain", "--data-dir", str(tmp_path / "empty"), stdin="report last week\n").stdout
    assert "Nothing is logged for the last 7 days yet" in week


def test_two_sessions_on_one_day_add_up_and_the_profile_is_kept():
    """A second session the same day erased the first from the day log and the report lost the profile
    (issue 14): now the day is the sum of its sessions, and a new session starts from the kept profile."""
    calmag("chat", "--plain", stdin="40 male\n2 cups of milk\n")
    later = calmag("chat", "--plain", stdin="a cup of plain yogurt\n").stdout
    assert "I have you as 40, male, from before" in later and "how old are you" not in later
    report = calmag("report").stdout
    assert "For a 40-year-old man" in report
    milk, yogurt = 552, 296  # 2 cups of whole milk (SR28 01077, 488 g) and a cup of whole-milk yogurt (245 g)
    calcium = int(report.split("**Calcium: ")[1].split(" mg")[0].replace(",", ""))
    assert abs(calcium - (milk + yogurt)) <= 5


def test_every_command_honours_the_data_dir(tmp_path):
    folder = tmp_path / "elsewhere"
    calmag("chat", "--plain", "--data-dir", str(folder), stdin="45 female\n")
    assert (folder / "calmag.json").exists()
    assert "1 message" in calmag("export", "--list", "--data-dir", str(folder)).stdout
    assert calmag("export", "--list").stdout == ""


def test_the_format_round_trips_nulls_it_was_given(tmp_path):
    from assistant.transcripts import Transcript, save_transcript

    source = ('{"format": "calmag-transcript", "version": 1, "steps": [\n'
              ' {"user": "45 female", "expect": {"step": null, "totals": {"calcium_mg": null}}}\n ]}\n')
    (tmp_path / "a.json").write_text(source)
    loaded = load_transcript(tmp_path / "a.json")
    save_transcript(loaded, tmp_path / "b.json")
    again = load_transcript(tmp_path / "b.json")
    assert again.steps[0].expect.model_fields_set >= {"step", "totals"} and again.steps[0].line == 3
    assert isinstance(again, Transcript) and again.steps[0].expect.totals == {"calcium_mg": None}


@pytest.mark.parametrize("damage", ["database-is-a-directory", "data-dir-is-a-file", "tables-of-strings",
                                    "deeply-nested-database"])
def test_damaged_or_unusual_storage_gets_one_line_not_a_traceback(tmp_path, damage):
    """Issue 14: each of these ended in a traceback; now one line naming the file, and a non-zero exit or a
    fresh database with a notice."""
    folder = tmp_path / "data"
    folder.mkdir()
    if damage == "database-is-a-directory":
        (folder / "calmag.json").mkdir()
    elif damage == "data-dir-is-a-file":
        folder.rmdir()
        folder.write_text("not a folder")
    elif damage == "tables-of-strings":
        (folder / "calmag.json").write_text('{"sessions": {"1": "x"}}')
    else:
        (folder / "calmag.json").write_text("[" * 200_000)
    for number, command in enumerate((("report",), ("export", "last"), ("chat", "--plain"))):
        result = subprocess.run([sys.executable, "-m", "assistant.cli", *command, "--data-dir", str(folder)],
                                input="45 female\n", capture_output=True, text=True, timeout=120)
        assert "Traceback" not in result.stderr, (command, result.stderr[-500:])
        lines = [line for line in result.stderr.splitlines() if line]
        assert all(line.startswith("calmag: ") for line in lines), (command, result.stderr)
        if damage in ("database-is-a-directory", "data-dir-is-a-file"):
            assert result.returncode == 1 and str(folder) in result.stderr
        elif number == 0:  # moved aside the first time, with the notice; a fresh database after
            assert "could not be read" in result.stderr and "unreadable-" in result.stderr


def test_report_days_out_of_range_is_a_usage_error():
    result = calmag("report", "--days", "99999999")
    assert result.returncode == 2 and "between 1 and" in result.stderr


def test_sigterm_still_writes_the_save_file(tmp_path):
    """SIGTERM skipped the --save file (issue 14)."""
    import signal
    import time

    save = tmp_path / "chat.json"
    chat = subprocess.Popen([sys.executable, "-m", "assistant.cli", "chat", "--plain", "--json", "--save",
                             str(save)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    chat.stdout.readline()
    chat.stdin.write("45 female\n")
    chat.stdin.flush()
    chat.stdout.readline()
    time.sleep(0.2)
    chat.send_signal(signal.SIGTERM)
    assert chat.wait(timeout=60) == 143
    assert [s.user for s in load_transcript(save).steps] == ["45 female"]


def test_export_does_not_overwrite_without_force_and_strips_escapes(saved, tmp_path):
    target = tmp_path / "out.md"
    target.write_text("keep me")
    refused = calmag("export", str(saved), "-o", str(target))
    assert refused.returncode == 1 and "add --force" in refused.stderr and target.read_text() == "keep me"
    assert calmag("export", str(saved), "-o", str(tmp_path)).returncode == 2  # a folder
    data = json.loads(saved.read_text())
    data["steps"][0]["user"] = "45 female \x1b]52;c;aGk=\x07\x1b[2J"
    saved.write_text(json.dumps(data))
    shown = calmag("export", str(saved)).stdout
    assert "\x1b" not in shown and "\x07" not in shown and "45 female" in shown
    assert calmag("export", str(saved), "-o", str(target), "--force").returncode == 0
    assert "\x1b" not in target.read_text()


def test_a_store_that_cannot_be_written_does_not_end_the_conversation(tmp_path, monkeypatch):
    """A read-only data folder failed the first turn with PermissionError (issue 14); the chat goes on in
    memory and says why. (Simulated: root may write anywhere.)"""
    from assistant.conversation import Conversation

    store = Store.open(tmp_path / "data")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "data" / "sessions"))

    monkeypatch.setattr(store, "save_session", refuse)
    conversation = Conversation(store=store)
    first = conversation.reply("45 female")
    assert "Noted: 45, female" in first.text and "could not be saved" in conversation.unsaved
    second = conversation.reply("2 cups milk")
    assert second.totals.calcium_mg > 500 and len(conversation.stored.steps) == 2
