"""The ``calmag`` command. Exit status: 0 success, 1 other errors, 2 bad usage; messages go to stderr."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from assistant import calmag_version

if TYPE_CHECKING:  # the food table loads only for the commands that read food, not for --help
    from knowledge.foods.lookup import FoodResult

OK, ERROR, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line on stderr and exit 2, as the contract says
        self.exit(USAGE, f"calmag: {message} (see 'calmag --help')\n")


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked (the package metadata costs 20 ms)."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        print(f"calmag {calmag_version()}")
        parser.exit(OK)


def _parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where calmag keeps its data (default: CALMAG_DATA_DIR, else the user data folder)")
    parser = _Parser(prog="calmag", description="Calcium, magnesium, vitamin D and K2: a careful assistant.",
                     parents=[common])
    parser.add_argument("--version", action=_Version, nargs=0, help="show calmag's version and exit")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    food = commands.add_parser("food", parents=[common], help="match foods and weigh them (USDA SR28)",
                               description="Match each phrase (\"2 cups spinach\") to an SR28 food and weigh it. "
                                           "Use '-' to read one phrase a line from standard input.")
    food.add_argument("phrases", nargs="+", metavar="PHRASE")
    food.add_argument("--json", action="store_true", help="one JSON object per phrase")
    ask = commands.add_parser("ask", parents=[common], help="a cited, hedged answer from the sources",
                              description="Answer a question from calmag's sources, with citations, the "
                                          "sources' disagreements and safety notes.")
    ask.add_argument("question", nargs="+", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="the answer as one JSON object")
    ask.add_argument("--full", action="store_true", help="with what each source says, not only the answer, "
                     "the disagreements and the safety notes")
    sources = commands.add_parser("sources", parents=[common],
                                  help="the sources, their kind and any commercial interest")
    sources.add_argument("--json", action="store_true", help="one JSON object per source")
    chat = commands.add_parser("chat", help="the guided conversation", parents=[common],
                               description="Chat with calmag. --plain reads one message a line from standard "
                                           "input and writes one reply per message.")
    chat.add_argument("--plain", action="store_true", help="line mode on stdin/stdout (pipes, screen readers)")
    chat.add_argument("--json", action="store_true", help="with --plain: each reply as one JSON object per line")
    chat.add_argument("--save", type=Path, metavar="FILE", help="write the session's transcript to FILE at the end")
    replay = commands.add_parser("replay", help="re-run a saved transcript or a dialogue script", parents=[common],
                                 description="Re-run the user turns of FILE through today's engine and report "
                                             "each difference with its turn number (exit 1 on any).")
    replay.add_argument("file", type=Path, metavar="FILE")
    replay.add_argument("--update", action="store_true", help="rewrite the recorded replies with today's")
    export = commands.add_parser("export", help="a saved session as Markdown or JSON", parents=[common],
                                 description="Export a saved session (its id, or 'last') or a transcript file.")
    export.add_argument("what", nargs="?", default="last", metavar="SESSION|FILE")
    export.add_argument("--format", choices=("markdown", "json"), default="markdown")
    export.add_argument("--output", "-o", type=Path, metavar="FILE", help="write here instead of stdout")
    export.add_argument("--list", action="store_true", help="list the saved sessions")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    report = commands.add_parser("report", help="your report from the food log, averaged over past days",
                                 parents=[common])
    report.add_argument("--days", type=int, default=1, help="how many days back, today included (default 1); "
                        "over more than one, each day is drawn against the target first")
    report.add_argument("--json", action="store_true", help="the same numbers, each day's and the average, as JSON")
    return parser


def _number(value: float | None, unit: str) -> str:
    return "no value in SR28" if value is None else f"{value:.3g} {unit}" if value < 100 else f"{value:.0f} {unit}"


def _food_text(result: FoodResult) -> str:
    if result.status != "ok" or result.food is None or result.grams is None:
        return f"{result.text}: {result.message}"
    n = result.nutrients
    lines = [f"{result.text}: {result.grams:g} g of {result.food.name} [{result.food.id}]"
             f"{' (estimated)' if result.grams_estimated else ''}",
             f"  calcium {_number(n.calcium_mg, 'mg')} · magnesium {_number(n.magnesium_mg, 'mg')} · "
             f"vitamin D {_number(n.vitamin_d_ug, 'µg')} · vitamin K {_number(n.vitamin_k_ug, 'µg')}",
             f"  {'assumed portion: ' if result.portion_assumed else 'weighed as '}{result.portion}"]
    if result.corrections:
        lines.append("  read " + ", ".join(f"'{a}' as '{b}'" for a, b in result.corrections.items()))
    if result.ambiguous:
        others = "; ".join(f"{a.name} [{a.id}]" for a in result.ask_about[:3])
        lines.append(f"  not sure: did you mean {others}?")
    return "\n".join(lines)


def _phrases(arguments: list[str]) -> Iterator[str]:
    for argument in arguments:
        if argument == "-":
            for line in sys.stdin:
                if line.strip():
                    yield line.rstrip("\n")
        else:
            yield argument


def _run_food(arguments: list[str], as_json: bool) -> int:
    if any(not a.strip() for a in arguments):
        print("calmag: an empty phrase names no food", file=sys.stderr)
        return USAGE
    from knowledge.foods.lookup import look_up_food

    status = OK
    for phrase in _phrases(arguments):
        result = look_up_food(phrase)
        if result.status != "ok":
            status = ERROR
            print(f"calmag: {result.text[:80]}: {result.message}", file=sys.stderr)
        if as_json:
            print(json.dumps(result.model_dump(), ensure_ascii=False))
        elif result.status == "ok":
            print(_food_text(result))
    return status


def _run_ask(question: str, as_json: bool, full: bool = False) -> int:
    from knowledge.evidence.answers import MAX_QUESTION_CHARS, answer_question

    if not question.strip():
        print("calmag: an empty question asks nothing", file=sys.stderr)
        return USAGE
    answer = answer_question(question)
    if len(question) > MAX_QUESTION_CHARS:
        print(f"calmag: {answer.text}", file=sys.stderr)
        return ERROR
    print(answer.model_dump_json() if as_json else answer.text if full or not answer.short else answer.short)
    return OK


def _run_sources(as_json: bool) -> int:
    from knowledge.evidence.sources import load_knowledge

    for source in load_knowledge().sources.values():
        if as_json:
            print(source.model_dump_json())
            continue
        interest = source.commercial_interest or "no commercial interest visible"
        print(f"[{source.id}] {source.title}\n  {source.publisher} · {source.kind}\n  {interest}")
        if source.references:
            print(f"  cites {len(source.references)} reference{'s' if len(source.references) != 1 else ''}")
    return OK


def _run_tui(folder: str | None) -> int:
    from assistant.paths import data_dir
    from assistant.tui import build_app

    if not sys.stdout.isatty() or not sys.stdin.isatty():
        print("calmag: the chat needs a terminal; use 'calmag chat --plain' for pipes", file=sys.stderr)
        return USAGE
    app = build_app(data_dir=data_dir(folder))
    app.run()  # the store opens in the loading worker, after first paint
    return ERROR if app.return_code else OK  # a crash is not a success


def _run_session_command(args: argparse.Namespace) -> int:
    from assistant import session_commands as run

    folder = getattr(args, "data_dir", None)
    if args.command == "chat":
        if not args.plain:
            return _run_tui(folder)
        return run.run_chat(args.json, args.save, folder)
    if args.command == "replay":
        return run.run_replay(args.file, args.update)
    if args.command == "export":
        return run.run_export(args.what, args.format, args.output, args.list, folder, args.force)
    return run.run_report(args.days, folder, args.json)


def run() -> NoReturn:
    """The installed ``calmag`` command."""
    sys.exit(main(exit_fast=True))


def main(argv: Iterable[str] | None = None, *, exit_fast: bool = False) -> int:
    """Run one command. ``exit_fast`` (the installed command): a command that only reads ends the process as soon
    as its output is flushed, leaving the food table's 200,000 objects to the OS instead of freeing them one by
    one (a third of ``calmag food``'s time); commands that write files or the store end normally."""
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        readers = {"food": lambda: _run_food(args.phrases, args.json), "sources": lambda: _run_sources(args.json),
                   "ask": lambda: _run_ask(" ".join(args.question), args.json, args.full)}
        if args.command in readers:
            code = readers[args.command]()
            return _leave(code) if exit_fast else code
        if args.command in ("chat", "replay", "export", "report"):
            return _run_session_command(args)
        if args.command is None:
            return _run_tui(getattr(args, "data_dir", None))
        _parser().print_help(sys.stderr)
        return USAGE
    except BrokenPipeError:  # `calmag food - | head` closed the pipe: not an error of ours
        sys.stderr.close()
        return OK
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError, RecursionError, OverflowError, re.error) as error:  # one line, never a traceback
        print(f"calmag: {_one_line(error)}", file=sys.stderr)
        return ERROR


def _leave(code: int) -> NoReturn:
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _one_line(error: BaseException) -> str:
    """What went wrong, naming the file where there is one, and what to do."""
    if isinstance(error, OSError) and error.filename:
        return (f"{error.filename}: {error.strerror or error}; check that it is a writable folder or file calmag "
                "can use (--data-dir picks another)")
    if isinstance(error, RecursionError):
        return "a stored file is nested too deeply to read; move it aside or pick another --data-dir"
    return f"{type(error).__name__}: {error}; if a stored file is damaged, move it aside or pick another --data-dir"


if __name__ == "__main__":
    run()
