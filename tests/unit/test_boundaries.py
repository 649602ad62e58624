import subprocess
import sys


def test_knowledge_imports_no_ui_and_no_assistant():
    code = ("import sys, knowledge.foods.lookup, knowledge.foods.matching; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'assistant')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_food_command_does_not_load_textual():
    code = ("import sys; from assistant import cli; cli.main(['food', 'milk']); "
            "sys.exit(1 if 'textual' in sys.modules else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_bytes_that_are_not_utf8_are_replaced_at_the_edge_and_the_transcript_is_saved(tmp_path):
    """Invalid UTF-8 on stdin reached the store as surrogates and crashed the save (issue 14)."""
    import json

    save = tmp_path / "chat.json"
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "chat", "--plain", "--data-dir", str(tmp_path / "d"),
                           "--save", str(save)], input=b"hello \xff\xfe world\n45 female\n", capture_output=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    users = [step["user"] for step in json.loads(save.read_text("utf-8"))["steps"]]
    assert users == ["hello \ufffd\ufffd world", "45 female"]


def test_numbers_in_exponent_form_are_the_numbers_they_are():
    from assistant.engine import Engine, Session
    from knowledge.intake.supplements import read_supplements

    reply = Engine().reply_to(Session(), "I'm 1e3 years old, female")
    assert reply.session.profile.age is None and "An age of 1e3 isn't one I can use" in reply.text
    [dose] = read_supplements("1e308 IU vitamin D")
    assert dose.amount is None and "far more than anyone takes" in dose.problem


def test_version_and_help_answer_without_loading_the_food_table():
    for flag in ("--version", "--help"):
        code = (f"import sys; from assistant.cli import main\ntry:\n    main([{flag!r}])\nexcept SystemExit:\n"
                "    pass\nprint('knowledge.foods.table' in sys.modules)")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.stdout.strip().splitlines()[-1] == "False", (flag, done.stdout, done.stderr)
    version = subprocess.run([sys.executable, "-m", "assistant.cli", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("calmag ")
