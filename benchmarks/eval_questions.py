"""How well ``calmag ask`` answers questions written by other people: run by hand
(``python benchmarks/eval_questions.py [--misses dev]``); the measure issue 12 starts from.

Each line of ``../shared/corpus/questions.txt`` is labelled in ``tests/data/labels/questions-{dev,heldout}.jsonl``
(odd lines development, even lines held out; the rules in ``questions-RULES.md``; ``questions-extra.jsonl`` holds
two paraphrases of each development question by a second writer who saw neither calmag nor the held-out half,
with the development labels; ``questions-extra2.jsonl`` 80 new questions by a third writer who saw neither, labelled
by the same rules; ``questions-extra3.jsonl`` 60 more by a fourth) with whether the sources cover
it, the topics a good answer needs (most important first), the doses it states, whether it uses everyday words
and whether it describes an urgent sign. Each question goes through ``answer_question`` as ``calmag ask`` sends
it, and the script prints, per half:

- covered questions answered on their main topic (the label's first topic among the answer's topics), and
  covered questions refused as outside the sources;
- topic precision: of the topics an answer drew on, the share the label names;
- uncovered questions said to be outside the sources; urgent ones answered with urgent care first;
- questions with a dose whose answer's first sentence judges that dose (names the figure and the upper limit);
- everyday-word questions answered on their main topic;
- the median length of an answer before its source list, in words, without what each source says (as
  ``calmag ask`` shows it without ``--full``).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "tests" / "data" / "labels"

from knowledge.evidence.answers import NOT_COVERED, ONLY_GENERAL, answer_question  # noqa: E402


def load(half: str) -> list[dict]:
    return [json.loads(line) for line in (LABELS / f"questions-{half}.jsonl").read_text("utf-8").splitlines()
            if line.strip()]


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def judged(label: dict, text: str) -> bool:
    """The first sentence names each stated dose's figure and the upper limit."""
    first = _first_sentence(text).replace(",", "")
    return "upper limit" in first and all(f"{dose['amount']:g}" in first for dose in label["doses"])


def measure(half: str) -> tuple[dict[str, tuple[int, int]], list[str]]:
    counts: dict[str, list[int]] = {}
    misses: list[str] = []

    def count(name: str, good: bool, line: dict) -> None:
        got = counts.setdefault(name, [0, 0])
        got[0] += good
        got[1] += 1
        if not good:
            misses.append(f"{name}: line {line['line']}: {line['text']}")

    precision: list[float] = []
    words: list[int] = []
    for label in load(half):
        answer = answer_question(label["text"])
        urgent = answer.topics == ["urgent-signs"]  # urgent care and nothing else
        urgent_first = answer.topics[:1] == ["urgent-signs"]  # or, for a sign without its companion, first
        refused = answer.text == NOT_COVERED
        general_only = ONLY_GENERAL.split(";")[0] in answer.text  # reached by the nutrient only, and says so
        if label["urgent"]:
            count("urgent answered with urgent care first", urgent_first, label)
        elif label["covered"]:
            count("covered: on the main topic", bool(label["topics"]) and label["topics"][0] in answer.topics, label)
            count("covered: not refused", not refused, label)
            count("covered: answered only in general (and saying so)", general_only, label)
            if answer.topics:
                precision.append(sum(t in label["topics"] for t in answer.topics) / len(answer.topics))
            if label["everyday"]:
                count("everyday words: on the main topic", bool(label["topics"]) and
                      label["topics"][0] in answer.topics, label)
        else:
            count("uncovered: said to be outside the sources", refused or general_only, label)
        if label["doses"] and not label["urgent"]:
            count("dose judged in the first sentence", judged(label, answer.text), label)
        if not refused and not urgent:
            words.append(len((answer.short or answer.text).split("Sources:")[0].split()))
    result = {name: (good, total) for name, (good, total) in counts.items()}
    result["topic precision (mean, %)"] = (round(100 * statistics.mean(precision)) if precision else 0, 100)
    result["median words before the sources"] = (int(statistics.median(words)) if words else 0, 0)
    return result, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=("dev", "extra", "extra2", "extra3"),
                        help="list a development set's misses")
    args = parser.parse_args()
    names = ("dev", "extra", "extra2", "extra3", "heldout")
    halves = {half: measure(half) for half in names}
    columns = ("development", "paraphrased", "new writer", "new writer 2", "held out")
    print(f"{'measure':<45} " + " ".join(f"{column:>14}" for column in columns))
    for name in halves["dev"][0]:
        cells = []
        for half in names:
            good, total = halves[half][0].get(name, (0, 0))
            cells.append(f"{good}" if total in (0, 100) else f"{good}/{total} ({100 * good / total:.0f}%)")
        print(f"{name:<45} " + " ".join(f"{cell:>14}" for cell in cells))
    if args.misses:
        print("\n".join(["", *halves[args.misses][1]]))


if __name__ == "__main__":
    main()
