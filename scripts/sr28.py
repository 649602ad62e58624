"""Look foods up in the shipped SR28 table by hand: the tool for labelling outside text.

    python scripts/sr28.py search WORD [WORD ...]   foods whose name holds every word (prefix match), shortest first
    python scripts/sr28.py show NDB [NDB ...]       name, group, calcium and magnesium per 100 g, household measures

It reads only the table (knowledge/data/sr28.json.gz), never the matcher, so labels made with it do not lean on
what calmag already matches.
"""

from __future__ import annotations

import re
import sys

from knowledge.foods.table import load_food_table


def search(terms: list[str]) -> None:
    table = load_food_table()
    patterns = [re.compile(rf"\b{re.escape(t.lower())}") for t in terms]
    found = [f for f in table.foods if all(p.search(f"{f.name} {f.common_names}".lower()) for p in patterns)]
    for food in sorted(found, key=lambda f: (len(f.name), f.id))[:40]:
        print(f"{food.id}  {food.name}")
    if len(found) > 40:
        print(f"... {len(found) - 40} more; add a word")


def show(ids: list[str]) -> None:
    table = load_food_table()
    for food_id in ids:
        food = table.get(food_id.zfill(5))
        if food is None:
            print(f"{food_id}: no such food")
            continue
        group = table.groups.get(food.group, food.group)
        print(f"{food.id}  {food.name}  [{group}]")
        print(f"  per 100 g: calcium {food.nutrient('calcium_mg')} mg, magnesium {food.nutrient('magnesium_mg')} mg")
        for measure in food.measures:
            print(f"  {measure.amount:g} {measure.description} = {measure.grams:g} g")


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("search", "show"):
        print(__doc__, file=sys.stderr)
        return 2
    (search if argv[0] == "search" else show)(argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
