"""The ``calmag`` command. Exit status: 0 success, 1 other errors, 2 bad usage; messages go to stderr."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NoReturn

from knowledge.lookup import FoodResult, look_up_food

OK, ERROR, USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line on stderr and exit 2, as the contract says
        self.exit(USAGE, f"calmag: {message} (see 'calmag --help')\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="calmag", description="Calcium, magnesium, vitamin D and K2: a careful assistant.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    food = commands.add_parser("food", help="match foods and weigh them (USDA SR28)",
                               description="Match each phrase (\"2 cups spinach\") to an SR28 food and weigh it. "
                                           "Use '-' to read one phrase a line from standard input.")
    food.add_argument("phrases", nargs="+", metavar="PHRASE")
    food.add_argument("--json", action="store_true", help="one JSON object per phrase")
    ask = commands.add_parser("ask", help="a cited, hedged answer from the sources",
                              description="Answer a question from calmag's sources, with citations, the "
                                          "sources' disagreements and safety notes.")
    ask.add_argument("question", nargs="+", metavar="QUESTION")
    ask.add_argument("--json", action="store_true", help="the answer as one JSON object")
    sources = commands.add_parser("sources", help="the sources, their kind and any commercial interest")
    sources.add_argument("--json", action="store_true", help="one JSON object per source")
    chat = commands.add_parser("chat", help="the guided conversation",
                               description="Chat with calmag. --plain reads one message a line from standard "
                                           "input and writes one reply per message.")
    chat.add_argument("--plain", action="store_true", help="line mode on stdin/stdout (pipes, screen readers)")
    chat.add_argument("--json", action="store_true", help="with --plain: each reply as one JSON object per line")
    chat.add_argument("--save", type=Path, metavar="FILE", help="write the session's transcript to FILE at the end")
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


def _run_ask(question: str, as_json: bool) -> int:
    from knowledge.answers import MAX_QUESTION_CHARS, answer_question

    if not question.strip():
        print("calmag: an empty question asks nothing", file=sys.stderr)
        return USAGE
    answer = answer_question(question)
    if len(question) > MAX_QUESTION_CHARS:
        print(f"calmag: {answer.text}", file=sys.stderr)
        return ERROR
    print(answer.model_dump_json() if as_json else answer.text)
    return OK


def _run_sources(as_json: bool) -> int:
    from knowledge.sources import load_knowledge

    for source in load_knowledge().sources.values():
        if as_json:
            print(source.model_dump_json())
            continue
        interest = source.commercial_interest or "no commercial interest visible"
        print(f"[{source.id}] {source.title}\n  {source.publisher} · {source.kind}\n  {interest}")
        if source.references:
            print(f"  cites {len(source.references)} reference{'s' if len(source.references) != 1 else ''}")
    return OK


def _run_chat(plain: bool, as_json: bool, save: Path | None) -> int:
    from assistant.engine import Engine, Reply, Session
    from assistant.transcripts import Recorded, Transcript, TranscriptStep, save_transcript

    if not plain:
        print("calmag: the terminal UI is not built yet; use 'calmag chat --plain'", file=sys.stderr)
        return ERROR
    if save is not None and not save.expanduser().parent.is_dir():
        print(f"calmag: cannot save to {save}: no such folder", file=sys.stderr)
        return USAGE
    engine, session = Engine(), Session()
    steps: list[TranscriptStep] = []
    interactive = sys.stdin.isatty() and not as_json

    def emit(reply: Reply) -> None:
        if as_json:
            print(Recorded.of(reply).model_dump_json(), flush=True)
            return
        print(reply.text, flush=True)
        if reply.choices:
            print(f"[you can answer: {' | '.join(reply.choices)}]", flush=True)
        print(flush=True)

    emit(engine.greet(session))
    status = OK
    try:
        while True:
            if interactive:
                print("you> ", end="", flush=True)
            line = sys.stdin.readline()
            if not line:
                break
            reply = engine.reply_to(session, line.rstrip("\n"))
            session = reply.session
            steps.append(TranscriptStep(user=line.rstrip("\n"), reply=Recorded.of(reply)))
            emit(reply)
    except KeyboardInterrupt:
        status = 130
    if save is not None:
        try:
            save_transcript(Transcript(title="calmag chat", calmag=_version(), steps=steps), save)
        except OSError as error:
            print(f"calmag: cannot save to {save}: {error.strerror or error}", file=sys.stderr)
            return ERROR
    return status


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("calmag")
    except PackageNotFoundError:
        return "unknown"


def main(argv: Iterable[str] | None = None) -> int:
    args = _parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    try:
        if args.command == "food":
            return _run_food(args.phrases, args.json)
        if args.command == "ask":
            return _run_ask(" ".join(args.question), args.json)
        if args.command == "sources":
            return _run_sources(args.json)
        if args.command == "chat":
            return _run_chat(args.plain, args.json, args.save)
        _parser().print_help(sys.stderr)
        return USAGE
    except BrokenPipeError:  # `calmag food - | head` closed the pipe: not an error of ours
        sys.stderr.close()
        return OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
