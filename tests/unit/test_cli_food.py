"""``calmag food`` as a process: the command-line contract of DESIGN.md, and bad input."""

import json
import subprocess
import sys

import pytest


def calmag(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=60)


def test_json_shape():
    done = calmag("food", "--json", "2 cups spinach")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"text", "quantity", "unit", "grams", "food", "score", "alternatives", "nutrients"} <= data.keys()
    assert data["food"] == {"id": "11457", "name": "Spinach, raw"}
    assert data["quantity"] == 2 and data["unit"] == "cup" and data["grams"] == 60
    assert data["nutrients"]["calcium_mg"] == pytest.approx(59.4)
    assert set(data["nutrients"]) == {"calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug"}
    assert all({"id", "name"} <= a.keys() and len(a["id"]) == 5 for a in data["alternatives"])


def test_stdin_one_phrase_a_line():
    done = calmag("food", "-", "--json", stdin="2 eggs\n\navacado\n1 cup milk\n")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["food"]["name"].split(",")[0] for r in rows] == ["Egg", "Avocados", "Milk"]
    assert done.returncode == 0


def test_plain_output_names_food_and_grams():
    done = calmag("food", "a handfull of almonds")
    assert done.returncode == 0
    assert "Nuts, almonds" in done.stdout and "(estimated)" in done.stdout


@pytest.mark.parametrize(("phrase", "message"), [
    ("xyzzy", "no food in the table matches"),
    ("5", "no food named"),
    ("-3 cups milk", "negative"),
    ("1e9 kg rice", "please check the amount"),
    ("0 g sugar", "zero"),
    ("nan cups milk", "not a number"),
    ("🥑🥑", "no food in the table matches"),
    ("шпинат", "no food in the table matches"),
    ("菠菜", "no food in the table matches"),
])
def test_bad_phrases_get_one_line_and_exit_1(phrase, message):
    done = calmag("food", phrase)
    assert done.returncode == 1
    assert message in done.stderr and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_unknown_food_in_json_is_marked_unknown():
    done = calmag("food", "--json", "xyzzy")
    assert done.returncode == 1
    assert json.loads(done.stdout)["food"] is None and json.loads(done.stdout)["status"] == "unknown"


def test_empty_phrase_is_bad_usage():
    done = calmag("food", "  ")
    assert done.returncode == 2 and "empty" in done.stderr


def test_no_phrase_is_bad_usage():
    done = calmag("food")
    assert done.returncode == 2 and done.stderr.startswith("calmag:")


def test_hundred_kilobytes_is_refused_in_one_line():
    done = calmag("food", "-", stdin="spinach " * 12_800 + "\n")
    assert done.returncode == 1 and "characters long" in done.stderr and len(done.stderr) < 300


def test_terminal_escapes_are_not_echoed():
    done = calmag("food", "\x1b[31m2 cups spinach\x1b[0m\x07")
    assert done.returncode == 0 and "\x1b" not in done.stdout and "Spinach, raw" in done.stdout


def test_ask_json_shape():
    done = calmag("ask", "--json", "mk4 or mk7?")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {"question", "text", "topics", "citations", "contradictions", "safety", "sources"} <= data.keys()
    assert data["topics"] == ["k2-form-dose"]
    assert all({"source", "claim"} <= c.keys() for c in data["citations"])
    assert all({"topic", "sources", "summary"} <= c.keys() for c in data["contradictions"])
    assert all({"id", "title", "publisher", "kind", "commercial_interest"} <= s.keys() for s in data["sources"])


def test_ask_bad_input():
    assert calmag("ask", " ").returncode == 2
    long = calmag("ask", "x" * 100_000)
    assert long.returncode == 1 and long.stderr.count("\n") == 1 and "Traceback" not in long.stderr
    markup = calmag("ask", "[/bold] magnesium dose")
    assert markup.returncode == 0 and "Traceback" not in markup.stderr


def test_sources_lists_kind_and_commercial_interest():
    done = calmag("sources")
    assert done.returncode == 0
    assert "[s002] Magnesium with Vitamin D" in done.stdout and "lab-testing company" in done.stdout
    rows = [json.loads(line) for line in calmag("sources", "--json").stdout.splitlines()]
    assert {r["id"] for r in rows} >= {"s000", "s001", "s002", "s003", "s004", "ref-ods-magnesium"}
