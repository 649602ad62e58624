"""pytest collects every dialogue script in tests/dialogue/ and every transcript in transcripts/ as a test.

Each file runs through the engine from a fresh session, one step at a time. A step's expectations are checked
against the reply; a recorded reply must match today's. A failure names the file and the step's line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.engine import Engine
from assistant.transcripts import TranscriptError, load_transcript
from assistant.transcripts.replay import replay

ROOT = Path(__file__).resolve().parent
FOLDERS = (ROOT / "tests" / "dialogue", ROOT / "transcripts")
_ENGINE = Engine()


class DialogueFailure(Exception):
    def __init__(self, path: Path, line: int, number: int, user: str, problems: list[str]) -> None:
        super().__init__(path, line)
        self.where = f"{path.relative_to(ROOT)}:{line}"
        self.text = "\n".join([f"{self.where}: step {number}, after {user[:60]!r}:", *(f"  - {p}" for p in problems)])


class DialogueFile(pytest.File):
    def collect(self):
        yield DialogueItem.from_parent(self, name=self.path.stem)


class DialogueItem(pytest.Item):
    def runtest(self) -> None:
        try:
            transcript = load_transcript(self.path)
        except TranscriptError as error:
            raise DialogueFailure(self.path, 1, 0, "", [str(error)]) from None
        replayed = replay(transcript, _ENGINE, stop_at_first=True)
        if replayed.differences:
            first = replayed.differences[0]
            raise DialogueFailure(self.path, first.line, first.turn, first.user, first.problems)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, DialogueFailure):
            return excinfo.value.text
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, 0, f"dialogue: {self.path.name}"


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix == ".json" and any(folder in file_path.parents for folder in FOLDERS):
        return DialogueFile.from_parent(parent, path=file_path)
    return None
