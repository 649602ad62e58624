"""Reading and writing transcript files, with the line each step starts on and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from assistant.atomic import write_atomically
from assistant.transcripts.schema import FORMAT, VERSION, Transcript

MAX_BYTES = 50_000_000


class TranscriptError(Exception):
    """A transcript that cannot be used; the message is one line, fit for stderr."""


def _step_lines(text: str) -> list[int]:
    """The line on which each element of the top-level "steps" array starts."""
    decoder = json.JSONDecoder()
    index = text.index("{") + 1

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n,:":
            i += 1
        return i

    while True:
        index = skip(index)
        if text[index] == "}":
            return []
        key, index = decoder.raw_decode(text, index)
        index = skip(index)
        if key != "steps":
            _, index = decoder.raw_decode(text, index)
            continue
        lines, index = [], skip(index + 1)  # past "["
        while text[index] != "]":
            lines.append(text.count("\n", 0, index) + 1)
            _, index = decoder.raw_decode(text, index)
            index = skip(index)
        return lines


def _error_text(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" + (f" ({error.error_count() - 1} more problems)" if error.error_count() > 1
                                         else "")


def load_transcript(path: Path) -> Transcript:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TranscriptError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB; not a calmag transcript")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TranscriptError(f"{path}: cannot read it ({error.__class__.__name__}: {error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TranscriptError(f"{path}:{error.lineno}: not valid JSON ({error.msg}); the file may be truncated "
                              "or damaged") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise TranscriptError(f"{path}: not a calmag transcript (no \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise TranscriptError(f"{path}: transcript version {data.get('version')!r}; this calmag reads version "
                              f"{VERSION}")
    try:
        transcript = Transcript.model_validate(data)
    except ValidationError as error:
        raise TranscriptError(f"{path}: {_error_text(error)}") from None
    for step, line in zip(transcript.steps, _step_lines(text), strict=True):
        step.line = line
    return transcript


def save_text(text: str, path: Path) -> None:
    """Write atomically, readable by its owner only (a transcript is health data)."""
    write_atomically(path.expanduser(), text)


def save_transcript(transcript: Transcript, path: Path) -> None:
    save_text(transcript.dumps(), path)
