"""How calmag's reading holds up when the same outside text is typed another way: run by hand
(``python benchmarks/eval_robust.py``).

Each labelled day answer (``days-*.jsonl``) and supplement/medicine/lab message (``mentions-*.jsonl``) is
rewritten in ways that keep its meaning: all lower case, no punctuation between words (decimals and "50,000"
kept), a number and its unit written together or apart, "and"/"with" as "&"/"w/", and one slip of typing (two
letters swapped in one word of six letters or more, chosen by a seed from the line's position). Each version
is scored as ``eval_food.py`` and ``eval_intake.py`` score the text as written: day items matched to an
accepted food, messages read as meant at the supplements step. A reader that leans on one way of typing
shows here as a drop from the "as written" row. ``--misses SET REWRITE`` lists a development set's failures
under one rewrite (never a held-out set's).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_food  # noqa: E402
import eval_intake  # noqa: E402

DAY_SETS = ("dev", "extra", "extra2", "extra3", "heldout", "heldout2")
MENTION_SETS = ("dev", "extra", "extra2", "heldout")
DEVELOPMENT = {"dev", "extra", "extra2", "extra3"}


def _slip(text: str, seed: int) -> str:
    found = list(re.finditer(r"[A-Za-z]{6,}", text))
    if not found:
        return text
    chosen = random.Random(seed)
    word = chosen.choice(found)
    at = chosen.randrange(2, len(word.group(0)) - 2)
    typed = word.group(0)
    return text[:word.start()] + typed[:at] + typed[at + 1] + typed[at] + typed[at + 2:] + text[word.end():]


REWRITES: dict[str, Callable[[str, int], str]] = {
    "as written": lambda text, _: text,
    "lower case": lambda text, _: text.lower(),
    "no punctuation": lambda text, _: re.sub(r"(?<!\d)[,.;:!?]|[,.;:!?](?!\d)", " ", text),
    "units together": lambda text, _: re.sub(r"(\d) (mg|mcg|iu|IU|ug|µg|g|ml|ng/ml|nmol/l)\b", r"\1\2", text),
    "units apart": lambda text, _: re.sub(r"(\d)(mg|mcg|iu|IU|ug|µg|g|ml)\b", r"\1 \2", text),
    "& and w/": lambda text, _: re.sub(r"\bwith\b", "w/", re.sub(r"\band\b", "&", text)),
    "one slip": _slip,
}


def days(half: str, rewrite: Callable[[str, int], str], misses: list[str] | None) -> tuple[int, int]:
    items = matched = 0
    for position, day in enumerate(eval_food._load(f"days-{half}")):
        text = rewrite(day["text"], position)
        foods, _ = asyncio.run(eval_food._day_foods(text))
        pool = [f for f in foods if f.food is not None]
        for item in (i for i in day["items"] if i["accept"]):
            items += 1
            ids = {food_id for food_id, _ in item["accept"]}
            if hit := next((f for f in pool if f.food.id in ids), None):
                matched += 1
                pool.remove(hit)
            elif misses is not None:
                misses.append(f"line {day['line']}: {item['said']!r} in {text!r}")
    return matched, items


def mentions(half: str, rewrite: Callable[[str, int], str], misses: list[str] | None) -> tuple[int, int]:
    labels = eval_intake.load(half)
    good = 0
    for position, label in enumerate(labels):
        before = eval_intake.start("supplements")
        text = rewrite(label["text"], position)
        wrong = eval_intake.problems(label, _engine().reply_to(before, text), before)
        good += not wrong
        if wrong and misses is not None:
            misses.append(f"{text!r}: {'; '.join(wrong)}")
    return good, len(labels)


def _engine():
    return eval_food._engine()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", nargs=2, metavar=("SET", "REWRITE"),
                        help="list a development set's failures under one rewrite, e.g. days-dev 'one slip'")
    args = parser.parse_args()
    if not (eval_food.CORPUS / "nyt-ingredients.csv").exists():
        print(f"eval_robust: the corpus is not at {eval_food.CORPUS}", file=sys.stderr)
        return 1
    if args.misses:
        name, rewrite = args.misses
        kind, _, half = name.partition("-")
        if half not in DEVELOPMENT or kind not in ("days", "mentions") or rewrite not in REWRITES:
            print("eval_robust: --misses takes a development set (days-dev, mentions-extra2...) and one of "
                  + ", ".join(REWRITES), file=sys.stderr)
            return 2
        found: list[str] = []
        (days if kind == "days" else mentions)(half, REWRITES[rewrite], found)
        print("\n".join(found))
        return 0
    print("Day answers, items matched to an accepted food:")
    print("   " + f"{'':16}" + "".join(f"{half:>14}" for half in DAY_SETS))
    for name, rewrite in REWRITES.items():
        row = [days(half, rewrite, None) for half in DAY_SETS]
        print("   " + f"{name:16}" + "".join(f"{f'{m}/{n}':>14}" for m, n in row))
    print("\nSupplement, medicine and lab messages, read as meant at the supplements step:")
    print("   " + f"{'':16}" + "".join(f"{half:>14}" for half in MENTION_SETS))
    for name, rewrite in REWRITES.items():
        row = [mentions(half, rewrite, None) for half in MENTION_SETS]
        print("   " + f"{name:16}" + "".join(f"{f'{m}/{n}':>14}" for m, n in row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
