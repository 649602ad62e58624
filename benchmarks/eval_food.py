"""How well calmag reads food written by other people: run by hand (``python benchmarks/eval_food.py``).

Prints, each on data nobody on the team wrote (``../shared/corpus/``) unless it says otherwise:
1. the line reader against the NYT editors' labels over the whole recipe file (food words, quantity, unit),
   with the disagreements sorted by cause;
2. over the whole recipe file, how many lines get any food, and the rest by cause;
3. the labelled recipe samples (``tests/data/labels/nyt-*.jsonl``): top match accepted, grams within 20%,
   development and held out;
4. the labelled day answers (``tests/data/labels/days-*.jsonl``), through the engine's diet step: items matched
   to an accepted food, items dropped, days whose calcium and magnesium are within 25%;
5. our own phrase set (``tests/data/food_phrases.txt``, written by us), for comparison.

``--misses dev`` lists the development sample's failures (never the held-out one's: it is not tuned on).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "tests" / "data" / "labels"

from knowledge.foods.lookup import look_up_food  # noqa: E402
from knowledge.foods.matching import food_matcher  # noqa: E402
from knowledge.foods.reader import read_line  # noqa: E402
from knowledge.foods.units import unit_for, units  # noqa: E402
from knowledge.text import stem, words  # noqa: E402

SAMPLE_SIZE = 200  # lines of each recipe half whose food SR28 has


def recipe_rows() -> list[dict[str, str]]:
    with open(CORPUS / "nyt-ingredients.csv", encoding="utf-8", newline="") as handle:
        return [r for r in csv.DictReader(handle) if r["input"].strip()]


def _food_words(text: str, reading_words: frozenset[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text) if w not in reading_words and not w.isdigit())


_SIZES = {"small", "medium", "large", "big", "extra", "jumbo", "whole", "size", "sized"}


def _food_cause(theirs: frozenset[str], ours: frozenset[str], line, row: dict[str, str]) -> str:
    """Why the food words differ, from what the differing words are."""
    from knowledge.foods.matching import food_matcher

    vocabulary = food_matcher().postings
    only_theirs, only_ours = theirs - ours, ours - theirs
    alternatives = {stem(w) for a in line.alternatives for w in words(a)}
    if not theirs:
        return "the editors' name is empty"
    if not ours:
        return "we read no food words (the line is an amount, a note or a heading)"
    if only_theirs and only_theirs <= _SIZES:
        return "the editors keep a size word in the name"
    if only_theirs and only_theirs <= alternatives:
        return "the editors name an alternative we set aside ('X or Y')"
    if only_ours and only_ours <= {stem(w) for w in words(row["comment"])}:
        return "the editors put a word we keep in the comment (a variety or state: 'shiitake', 'dried')"
    if only_theirs and all(w not in vocabulary for w in only_theirs):
        return "the editors' words are not in SR28's vocabulary (typos in the label, brands, asides)"
    if only_ours and all(w not in vocabulary for w in only_ours):
        return "we keep a word SR28 does not use (harmless to matching)"
    return "other: different words"


def reader_agreement(rows: list[dict[str, str]]) -> None:
    from knowledge.foods.reader import preparation_words

    not_food = preparation_words() | set(units().spelling_to_unit())
    causes: Counter[str] = Counter()
    agree = {"food words": 0, "quantity": 0, "unit": 0}
    examples: dict[str, list[str]] = {}
    for row in rows:
        line = read_line(row["input"])
        theirs = _food_words(row["name"], not_food)
        ours = _food_words(line.food, not_food)
        if theirs == ours:
            agree["food words"] += 1
        else:
            cause = f"food words: {_food_cause(theirs, ours, line, row)}"
            causes[cause] += 1
            examples.setdefault(cause, []).append(f"{row['input']!r}: {sorted(ours)} vs {row['name']!r}")
        qty = float(row["qty"] or 0)
        if (line.quantity or 0) == qty or abs((line.quantity or 0) - qty) < 0.01:
            agree["quantity"] += 1
        else:
            cause = ("quantity: the editors write 0 where the line gives a count ('Zest of 1 lemon')" if qty == 0
                     else "quantity: we read none" if line.quantity is None
                     else "quantity: a package size, range or 'plus' read another way" if re.search(
                         r"\(|-ounce|-pound|\bto\b|\bplus\b|\bor\b", row["input"], re.I)
                     else "quantity: other")
            causes[cause] += 1
            examples.setdefault(cause, []).append(f"{row['input']!r}: {line.quantity} vs {qty}")
        their_unit = unit_for(row["unit"]) if row["unit"] else None
        if their_unit == line.unit or (row["unit"] and their_unit is None and line.unit is None):
            agree["unit"] += 1
        else:
            ours_kind = units().by_name(line.unit).kind if line.unit else None
            cause = ("unit: we read a count unit the editors leave empty ('1 bay leaf', '2 ribs celery')"
                     if not row["unit"] and ours_kind == "count"
                     else "unit: the editors' unit is one we do not read" if row["unit"] and their_unit is None
                     else "unit: we read none" if line.unit is None
                     else "unit: other")
            causes[cause] += 1
            examples.setdefault(cause, []).append(f"{row['input']!r}: {line.unit} vs {row['unit']!r}")
    total = len(rows)
    print(f"1. Line reader against the editors' labels, {total:,} recipe lines:")
    for name, n in agree.items():
        print(f"   {name}: {n:,} agree ({100 * n / total:.1f}%)")
    print("   disagreements by cause (each with two examples; the editors' labels are imperfect):")
    for cause, n in causes.most_common():
        print(f"   - {cause}: {n:,}")
        for example in examples[cause][:2]:
            print(f"       {example[:150]}")


def whole_file(rows: list[dict[str, str]]) -> None:
    matcher = food_matcher()
    vocabulary = set(matcher.postings) | set(matcher.synonyms)
    found = 0
    causes: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for row in rows:
        result = look_up_food(row["input"], matcher)
        if result.food is not None:
            found += 1
            continue
        name_words = [stem(w) for w in words(row["name"]) if w.isalpha() and len(w) > 2]
        if not name_words:
            cause = "the editors name no food"
        elif not any(w in vocabulary for w in name_words):
            cause = "no word of the food is in SR28's names (SR28 likely lacks it)"
        else:
            cause = "a match too weak to count"
        causes[cause] += 1
        examples.setdefault(cause, []).append(row["input"])
    lacking = causes["no word of the food is in SR28's names (SR28 likely lacks it)"] + \
        causes["the editors name no food"]
    total = len(rows)
    print(f"\n2. Whole recipe file: a food found for {found:,} of {total:,} lines ({100 * found / total:.1f}%); "
          f"{found:,} of the {total - lacking:,} whose food SR28 may have ({100 * found / (total - lacking):.1f}%).")
    for cause, n in causes.most_common():
        print(f"   - {cause}: {n:,}, e.g. " + "; ".join(repr(e[:60]) for e in examples[cause][:4]))


def _load(name: str) -> list[dict]:
    path = LABELS / f"{name}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _within(got: float | None, want: float | None, share: float) -> bool:
    return got is not None and want is not None and abs(got - want) <= share * want


def recipe_samples(show_misses: str | None) -> None:
    print("\n3. Labelled recipe samples (first 200 lines of each half whose food SR28 has):")
    for half in ("dev", "extra", "heldout"):
        labels = [r for r in _load(f"nyt-{half}") if r["in_sr28"] and r["accept"]][:SAMPLE_SIZE]
        if not labels:
            print(f"   {half}: no labels yet")
            continue
        top1 = weighed = grams_ok = 0
        misses = []
        for label in labels:
            result = look_up_food(label["input"])
            accepted = {food_id: grams for food_id, grams in label["accept"]}
            got = result.food.id if result.food else None
            if got in accepted:
                top1 += 1
                if accepted[got] is not None:
                    weighed += 1
                    if _within(result.grams, accepted[got], 0.20):
                        grams_ok += 1
                    else:
                        misses.append(f"grams {result.grams} vs {accepted[got]}: {label['input']}")
            else:
                misses.append(f"food {result.food.name if result.food else None}: {label['input']}")
        print(f"   {half}: top match accepted {top1}/{len(labels)} ({100 * top1 / len(labels):.1f}%); grams within "
              f"20% {grams_ok}/{weighed} ({100 * grams_ok / max(weighed, 1):.1f}%) of those with a weight")
        if show_misses == half:
            for miss in misses:
                print(f"     - {miss}")


@cache
def _engine():
    from assistant.engine import Engine

    return Engine()


async def _day_foods(text: str):
    """The foods the engine's diet step reads from ``text`` (a fresh session of a woman of 40), and its reply."""
    from assistant.engine.state import Profile, Session

    session = Session(step="diet", answered=["profile"], profile=Profile(age=40, sex="female"))
    reply = await _engine().respond(session, text)
    return [item.result for item in reply.session.foods], reply.text


def day_samples(show_misses: str | None) -> None:
    from knowledge.foods.table import load_food_table

    table = load_food_table()

    def amount(food_id: str, grams: float, nutrient: str) -> float:
        value = table.get(food_id).nutrient(nutrient)  # type: ignore[union-attr]
        return (value or 0.0) * grams / 100

    print("\n4. Labelled day answers, through the engine's diet step:")
    for half in ("dev", "extra", "extra2", "extra3", "extra4", "heldout", "heldout2"):
        days = _load(f"days-{half}")
        if not days:
            print(f"   {half}: no labels yet")
            continue
        items = matched = 0
        days_ok = {"calcium_mg": 0, "magnesium_mg": 0, "both": 0}
        misses = []
        for day in days:
            foods, _ = asyncio.run(_day_foods(day["text"]))
            pool = [f for f in foods if f.food is not None]
            labelled = [i for i in day["items"] if i["accept"]]
            for item in labelled:
                items += 1
                ids = {food_id for food_id, _ in item["accept"]}
                hit = next((f for f in pool if f.food.id in ids), None)
                if hit is not None:
                    matched += 1
                    pool.remove(hit)
                else:
                    misses.append(f"line {day['line']}: {item['said']!r} / {item['part']!r}")
            ok = True
            for nutrient in ("calcium_mg", "magnesium_mg"):
                want = sum(amount(i["accept"][0][0], i["accept"][0][1], nutrient) for i in labelled)
                got = sum(getattr(f.nutrients, nutrient) or 0.0 for f in foods if f.food is not None)
                if _within(got, want, 0.25):
                    days_ok[nutrient] += 1
                else:
                    ok = False
                    misses.append(f"line {day['line']}: {nutrient} {got:.0f} vs labelled {want:.0f}")
            days_ok["both"] += ok
        n = len(days)
        print(f"   {half}: items matched to an accepted food {matched}/{items} ({100 * matched / max(items, 1):.1f}%); "
              f"days within 25%: calcium {days_ok['calcium_mg']}/{n}, magnesium {days_ok['magnesium_mg']}/{n}, "
              f"both {days_ok['both']}/{n} ({100 * days_ok['both'] / n:.0f}%)")
        if half == show_misses:
            for miss in misses:
                print(f"     - {miss}")


def own_phrases() -> None:
    lines = (ROOT / "tests" / "data" / "food_phrases.txt").read_text().splitlines()
    rows = [[p.strip() for p in line.split("|")] for line in lines if line.strip() and not line.startswith("#")]
    top1 = sum(1 for phrase, ids, _ in rows if (r := look_up_food(phrase)).food and r.food.id in ids.split())
    weighed = [(phrase, float(g)) for phrase, _, g in rows if g]
    grams_ok = sum(1 for phrase, g in weighed if _within(look_up_food(phrase).grams, g, 0.20))
    print(f"\n5. Our own phrase set (written by us): top-1 {top1}/{len(rows)} ({100 * top1 / len(rows):.1f}%); grams "
          f"within 20% {grams_ok}/{len(weighed)} ({100 * grams_ok / len(weighed):.1f}%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", choices=["dev", "extra", "extra2", "extra3", "extra4"],
                        help="list the failures of a development sample (recipes: dev and extra)")
    parser.add_argument("--only", choices=["reader", "file", "recipes", "days", "own"], action="append")
    args = parser.parse_args()
    if not (CORPUS / "nyt-ingredients.csv").exists():
        print(f"eval_food: the corpus is not at {CORPUS}", file=sys.stderr)
        return 1
    only = set(args.only or ["reader", "file", "recipes", "days", "own"])
    rows = recipe_rows() if only & {"reader", "file"} else []
    if "reader" in only:
        reader_agreement(rows)
    if "file" in only:
        whole_file(rows)
    if "recipes" in only:
        recipe_samples(args.misses)
    if "days" in only:
        day_samples(args.misses)
    if "own" in only:
        own_phrases()
    return 0


if __name__ == "__main__":
    sys.exit(main())
