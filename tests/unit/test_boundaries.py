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
