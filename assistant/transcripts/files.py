"""Reading and writing transcript files, with the line each step starts on and one-line errors."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from pydantic import ValidationError

from assistant.atomic import write_atomically
from assistant.transcripts.schema import FORMAT, VERSION, Transcript

MAX_BYTES = 50_000_000


class TranscriptError(Exception):
    """A transcript that cannot be used; the message is one line, fit for stderr."""


def _step_lines(text: str) -> list[int]:
    """The line on which each element of the top-level "steps" array starts (lines counted as it goes, so a
    long transcript costs its length, not its length squared)."""
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
        line, counted = 1, 0
        while text[index] != "]":
            line, counted = line + text.count("\n", counted, index), index
            lines.append(line)
            _, index = decoder.raw_decode(text, index)
            index = skip(index)
        return lines


def _error_text(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"])
    return f"{where}: {first['msg']}" + (f" ({error.error_count() - 1} more problems)" if error.error_count() > 1
                                         else "")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        twice = next(key for key in keys if keys.count(key) > 1)
        raise ValueError(f'the key "{twice}" appears twice in one object')
    return dict(pairs)


def _read_regular(path: Path) -> str:
    """The file's text: a regular file only (not a FIFO or a device), read to at most MAX_BYTES whatever its
    size claims."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the open
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise TranscriptError(f"{path}: not a regular file; a transcript is a .json file")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TranscriptError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB; not a calmag transcript")
    return data.decode("utf-8")


def load_transcript(path: Path) -> Transcript:
    try:
        text = _read_regular(path)
    except (OSError, UnicodeDecodeError) as error:
        raise TranscriptError(f"{path}: cannot read it ({error.__class__.__name__}: {error})") from None
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as error:
        raise TranscriptError(f"{path}:{error.lineno}: not valid JSON ({error.msg}); the file may be truncated "
                              "or damaged") from None
    except RecursionError:
        raise TranscriptError(f"{path}: nested too deeply to be a calmag transcript") from None
    except ValueError as error:  # a key twice, a number of thousands of digits
        raise TranscriptError(f"{path}: not a calmag transcript ({error})") from None
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
