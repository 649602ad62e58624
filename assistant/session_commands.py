"""The commands that work with sessions: ``chat --plain``, ``replay``, ``export`` and ``report``.

Each returns an exit status (0 success, 1 other errors, 2 bad usage) and writes one-line errors to stderr.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

from assistant.conversation import Conversation, PastDays, as_transcript, glance_text
from assistant.engine import Engine, Reply
from assistant.store import Store
from assistant.transcripts import Recorded, Transcript, TranscriptError, load_transcript
from assistant.transcripts.export import to_markdown
from assistant.transcripts.files import save_text, save_transcript
from assistant.transcripts.replay import replay

OK, ERROR, USAGE = 0, 1, 2


MAX_DAYS = 3653


class _Terminated(Exception):
    """SIGTERM arrived: end the chat as at the end of input."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _error(message: str) -> None:
    print(f"calmag: {message}", file=sys.stderr)


def open_store(folder: str | None) -> Store:
    store = Store.open(folder)
    if store.notice:
        _error(store.notice)
    return store


def _emit(reply: Reply, as_json: bool) -> None:
    if as_json:
        print(Recorded.of(reply).model_dump_json(), flush=True)
        return
    print(reply.text, flush=True)
    if reply.choices:
        print(f"[you can answer: {' | '.join(reply.choices)}]", flush=True)
    print(flush=True)


def run_chat(as_json: bool, save: Path | None, folder: str | None) -> int:
    if save is not None and not save.expanduser().parent.is_dir():
        _error(f"cannot save to {save}: no such folder")
        return USAGE
    store = open_store(folder)
    told = len(store.notices)
    conversation = Conversation(store=store)
    for notice in store.notices[told:]:  # a saved session found unreadable while looking for the last one
        _error(notice)
    _emit(conversation.greeting(), as_json)
    interactive = sys.stdin.isatty() and not as_json
    status = OK
    signal.signal(signal.SIGTERM, _terminated)  # a kill (not -9) still writes the --save file
    try:
        while True:
            if interactive:
                print("you> ", end="", flush=True)
            line = sys.stdin.readline()
            if not line:
                break
            text = line.rstrip("\n")
            _emit(conversation.from_store(text) or conversation.reply(text), as_json)
            if conversation.unsaved:
                _error(conversation.unsaved)
                conversation.unsaved = None
    except KeyboardInterrupt:
        status = 130
    except _Terminated:
        status = 143
    if save is not None:
        try:
            save_transcript(conversation.transcript(), save)
        except OSError as error:
            _error(f"cannot save to {save}: {error.strerror or error}")
            return ERROR
    return status


def run_replay(path: Path, update: bool) -> int:
    try:
        transcript = load_transcript(path)
    except TranscriptError as error:
        _error(str(error))
        return ERROR
    result = replay(transcript, Engine())
    for difference in result.differences:
        for problem in difference.problems:
            print(f"{path}:{difference.line}: turn {difference.turn} ({difference.user[:40]!r}): {problem}")
    if update:
        save_transcript(result.updated(transcript), path)
        recorded = sum(step.reply is not None for step in transcript.steps)
        print(f"{path}: {len(transcript.steps)} turns replayed; {recorded} recorded replies rewritten")
        return OK
    print(f"{path}: {len(transcript.steps)} turns replayed, {len(result.differences)} differ")
    return ERROR if result.differences else OK


def _find(what: str, store_folder: str | None) -> Transcript:
    path = Path(what).expanduser()
    if path.is_file():
        return load_transcript(path)
    store = open_store(store_folder)
    stored = store.last_session() if what == "last" else store.session(what)
    if stored is None:
        raise TranscriptError("no saved session yet" if what == "last" else f"no saved session '{what}' "
                              "(see 'calmag export --list')")
    return as_transcript(stored)


def run_export(what: str, to_format: str, output: Path | None, listing: bool, folder: str | None,
               force: bool = False) -> int:
    if listing:
        for stored in open_store(folder).sessions():
            plural = "s" if stored.messages != 1 else ""
            print(f"{stored.id}  started {stored.started:%Y-%m-%d %H:%M} UTC  {stored.messages} message{plural}")
        return OK
    try:
        transcript = _find(what, folder)
    except TranscriptError as error:
        _error(str(error))
        return ERROR
    if output is not None and not output.expanduser().parent.is_dir():
        _error(f"cannot write {output}: no such folder")
        return USAGE
    if output is not None and output.expanduser().is_dir():
        _error(f"cannot write {output}: it is a folder; name a file in it")
        return USAGE
    if output is not None and (output.expanduser().exists() or output.expanduser().is_symlink()) and not force:
        _error(f"{output} exists; add --force to replace it")
        return ERROR
    if to_format == "json":
        if output is None:
            print(transcript.dumps(), end="")
        else:
            save_transcript(transcript, output)
        return OK
    text = to_markdown(transcript)
    if output is None:
        print(text, end="")
    else:
        save_text(text, output)
    return OK


def run_report(days: int, folder: str | None, as_json: bool = False) -> int:
    """The report on the daily average over the last ``days`` days; over more than one day, each day's
    calcium, magnesium and vitamin D drawn against the target first. ``as_json``: the same numbers as JSON."""
    if not 1 <= days <= MAX_DAYS:
        _error(f"--days must be between 1 and {MAX_DAYS:,} (ten years)")
        return USAGE
    store = open_store(folder)
    past = PastDays.read(store, days)
    if past is None:
        _error(f"no foods or supplements logged in the last {days} day{'s' if days > 1 else ''}; "
               "run 'calmag chat --plain' first")
        return ERROR
    report, glance = past.report(), past.glance()
    if as_json:
        print(json.dumps({"days": glance.model_dump(mode="json"), "report": report}, ensure_ascii=False, indent=1))
    elif days > 1:
        print(f"{glance_text(glance)}\n\n{report}")
    else:
        print(report)
    return OK
