"""Draw the seeded samples of outside text that tests/data/labels/ labels (run once; the draw is reproducible).

- Recipe lines: 560 non-empty lines of ../shared/corpus/nyt-ingredients.csv, drawn with random.Random(2026).
  The first 280 are the development sample, the next 280 the held-out sample. Labellers mark a line whose food
  SR28 lacks as such; the evaluation keeps the first 200 lines of each half whose food SR28 has.
- More recipe lines: 280 further lines drawn with random.Random(2028) from those not in the 560, a third
  development sample (nyt-extra), labelled in a later session and measured before anything was tuned on it.
- Day answers: 72 of the 150 lines of ../shared/corpus/days.txt, drawn with random.Random(2027); the first 36
  are development, the next 36 held out.

    python scripts/draw_samples.py OUTDIR     writes nyt-dev.tsv, nyt-heldout.tsv, nyt-extra.tsv, days-dev.tsv,
                                              days-heldout.tsv
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
RECIPE_LINES = 560
MORE_RECIPE_LINES = 280
DAYS = 72


def _recipe_rows() -> list[tuple[int, str]]:
    with open(CORPUS / "nyt-ingredients.csv", encoding="utf-8", newline="") as handle:
        return [(n, r["input"]) for n, r in enumerate(csv.DictReader(handle), start=2) if r["input"].strip()]


def recipe_sample() -> list[tuple[int, str]]:
    return random.Random(2026).sample(_recipe_rows(), RECIPE_LINES)


def more_recipes() -> list[tuple[int, str]]:
    drawn = set(recipe_sample())
    return random.Random(2028).sample([r for r in _recipe_rows() if r not in drawn], MORE_RECIPE_LINES)


def day_sample() -> list[tuple[int, str]]:
    lines = (CORPUS / "days.txt").read_text("utf-8").splitlines()
    numbered = list(enumerate(lines, start=1))
    return random.Random(2027).sample(numbered, DAYS)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    recipes, days = recipe_sample(), day_sample()
    halves = {"nyt-dev": recipes[:280], "nyt-heldout": recipes[280:], "nyt-extra": more_recipes(),
              "days-dev": days[:36], "days-heldout": days[36:]}
    for name, rows in halves.items():
        with open(out / f"{name}.tsv", "w", encoding="utf-8") as handle:
            for number, text in rows:
                handle.write(f"{number}\t{text.strip()}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
