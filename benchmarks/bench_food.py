"""Food lookup speed: run by hand (``python benchmarks/bench_food.py``); figures go in the README.

Measures, on this machine and in one run:
- table load: reading the shipped SR28 table (gunzip + JSON + objects), in fresh processes;
- per-line time of read + match + grams (``look_up_food``) over 1,000 real recipe lines drawn from
  ``../shared/corpus/nyt-ingredients.csv`` (seeded), after warm-up, next to a naive
  ``rapidfuzz.process.extractOne(line, all_descriptions, scorer=WRatio)`` scan of the same lines;
- a 10-item day message through the engine's diet step (splitting, dishes, look-ups), after load;
- ``calmag food spinach`` as a whole process, next to ``python -c "import textual, pydantic, rapidfuzz, tinydb"``,
  the two interleaved, wall and CPU time, with calmag's modules compiled to bytecode first as an installed package
  has them (this sandbox sets PYTHONDONTWRITEBYTECODE, which would otherwise recompile them in every run);
- how the matcher's index load (the cached JSON read, checked and taken in) grows with the table: tables 1 to 20
  times SR28's size (each copy of the foods with a word of its own), and the exponent of the fit.
"""

from __future__ import annotations

import compileall
import csv
import json
import math
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.foods.lookup import look_up_food  # noqa: E402
from knowledge.foods.matching import food_matcher, matcher_from_cache  # noqa: E402
from knowledge.foods.table import FoodTable, load_food_table  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "nyt-ingredients.csv"
DAY = ("porridge made with semi skimmed milk, a cup of tea, a cheese and tomato sandwich on granary bread, an apple, "
       "a bag of crisps, chicken curry with rice, a flat white, 2 slices wholemeal toast, a glass of red, a yoghurt")


def phrases() -> list[str]:
    """1,000 recipe lines nobody on the team wrote, or our own phrase set where the corpus is not beside us."""
    if CORPUS.exists():
        with open(CORPUS, encoding="utf-8", newline="") as handle:
            lines = [r["input"].strip() for r in csv.DictReader(handle) if r["input"].strip()]
        return random.Random(11).sample(lines, 1200)
    lines = (ROOT / "tests" / "data" / "food_phrases.txt").read_text().splitlines()
    return [line.split("|")[0].strip() for line in lines if line.strip() and not line.startswith("#")]


def day_turns() -> tuple[list[float], list[float]]:
    """Each day answer of the corpus once, in a fresh engine warmed on another message: (every day, the days
    read as ten or more foods). Our DAY stands in where the corpus is not beside us."""
    from assistant.engine import Engine
    from assistant.engine.state import Profile, Session

    engine = Engine()
    engine.load()
    session = Session(step="diet", answered=["profile"], profile=Profile(age=40, sex="female"))
    engine.reply_to(session, "a glass of milk")  # warm-up
    days_file = CORPUS.parent / "days.txt"
    days = days_file.read_text("utf-8").splitlines() if days_file.exists() else [DAY]
    every, ten = [], []
    for text in days:
        start = time.perf_counter()
        reply = engine.reply_to(session, text)
        every.append(time.perf_counter() - start)
        if len(reply.session.foods) >= 10:
            ten.append(every[-1])
    return every, ten


def per_call(function, inputs: list[str], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        for text in inputs:
            start = time.perf_counter()
            function(text)
            times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.99) - 1] * 1000


def in_fresh_process(code: str, runs: int, cold_cache: bool = False) -> list[float]:
    results = []
    for _ in range(runs):
        env = dict(os.environ)
        if cold_cache:
            env["CALMAG_CACHE_DIR"] = tempfile.mkdtemp()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                             env=env)
        results.append(float(out.stdout))
    return results


def main() -> None:
    load = in_fresh_process("import time; t = time.perf_counter(); from knowledge.foods.table import load_food_table;"
                            " load_food_table(); print(time.perf_counter() - t)", runs=15)
    ready = ("import time; from knowledge.foods.matching import food_matcher; t = time.perf_counter();"
             " food_matcher(); print(time.perf_counter() - t)")
    cold = in_fresh_process(ready, runs=5, cold_cache=True)
    warm = in_fresh_process(ready, runs=5)
    drawn = phrases()
    warm_up, inputs = drawn[:200], drawn[200:]  # each measured line is looked up once: no repeat is remembered
    food_matcher()
    descriptions = [food.name for food in load_food_table().foods]
    per_call(look_up_food, warm_up, 1)
    ours = per_call(look_up_food, inputs, 1)
    naive = per_call(lambda p: process.extractOne(p, descriptions, scorer=fuzz.WRatio), inputs, 2)
    every_day, ten_items = day_turns()
    command = whole_process([sys.executable, "-m", "assistant.cli", "food", "spinach"],
                            [sys.executable, "-c", "import textual, pydantic, rapidfuzz, tinydb"], runs=21)
    scaling = index_load_scaling((1, 2, 5, 10, 20))

    ours_median, ours_p99 = summary(ours)
    naive_median, naive_p99 = summary(naive)
    print(f"lines: {len(inputs)} ({'recipe lines from the corpus' if CORPUS.exists() else 'our phrase set'}); "
          f"foods: {len(descriptions)}")
    print(f"table load (import + read), median of 15 fresh processes: {statistics.median(load) * 1000:.1f} ms")
    print(f"matcher ready, building the index (no cache), median of 5: {statistics.median(cold) * 1000:.0f} ms")
    print(f"matcher ready, index from the cache, median of 5: {statistics.median(warm) * 1000:.0f} ms")
    print(f"look_up_food (parse + match + grams): median {ours_median:.2f} ms, p99 {ours_p99:.2f} ms")
    print(f"naive extractOne(WRatio) over all names: median {naive_median:.2f} ms, p99 {naive_p99:.2f} ms")
    print(f"speed-up at the median: {naive_median / ours_median:.1f}x")
    print(f"a day answer through the engine, each of {len(every_day)} once: median {summary(every_day)[0]:.1f} ms, "
          f"p99 {summary(every_day)[1]:.1f} ms; the {len(ten_items)} read as 10 or more foods: median "
          f"{summary(ten_items)[0]:.1f} ms")
    (ours_wall, ours_cpu), (floor_wall, floor_cpu) = command
    print(f"`calmag food spinach` whole process, median of 21: {ours_wall:.0f} ms wall, {ours_cpu:.0f} ms CPU; "
          f"import floor (textual, pydantic, rapidfuzz, tinydb): {floor_wall:.0f} ms wall, {floor_cpu:.0f} ms CPU "
          f"({ours_wall / floor_wall:.2f}x wall, {ours_cpu / floor_cpu:.2f}x CPU)")
    print("index load (cached JSON read + checked + taken in), median of 5, by table size: "
          + ", ".join(f"{foods:,} foods {ms:.0f} ms" for foods, ms in scaling))
    (n0, t0), (n1, t1) = scaling[0], scaling[-1]
    print(f"exponent of the growth, smallest to largest table: {math.log(t1 / t0) / math.log(n1 / n0):.2f}")


def whole_process(ours: list[str], floor: list[str], runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median wall and CPU milliseconds of each command, run alternately so that both see the same machine."""
    compileall.compile_dir(ROOT / "assistant", quiet=1)
    compileall.compile_dir(ROOT / "knowledge", quiet=1)
    times: dict[int, list[tuple[float, float]]] = {0: [], 1: []}
    for _ in range(runs):
        for which, command in enumerate((ours, floor)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, cwd=ROOT, check=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            times[which].append((wall * 1000, cpu * 1000))
    return ((statistics.median(w for w, _ in times[0]), statistics.median(c for _, c in times[0])),
            (statistics.median(w for w, _ in times[1]), statistics.median(c for _, c in times[1])))


def index_load_scaling(sizes: tuple[int, ...]) -> list[tuple[int, float]]:
    """The index of a table ``copies`` times SR28's, as building it would give (each copy's foods carry one word
    of their own), written as the cache is and loaded the way ``food_matcher`` loads it."""
    base = food_matcher().index_data()
    table = load_food_table()
    n = len(table.foods)
    results = []
    for copies in sizes:
        postings = {token: [p + copy * n for copy in range(copies) for p in positions]
                    for token, positions in base["postings"].items()}
        postings.update({f"copy{copy}": list(range(copy * n, (copy + 1) * n)) for copy in range(1, copies)})
        index = {**base, "postings": postings,
                 "name_sizes": base["name_sizes"] + [size + 1 for size in base["name_sizes"]] * (copies - 1)}
        bigger = FoodTable(source=table.source, groups=table.groups, foods=tuple(table.foods) * copies)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "index.json"
            path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
            del postings, index
            runs = []
            for _ in range(5):
                start = time.perf_counter()
                matcher_from_cache(path, bigger)
                runs.append((time.perf_counter() - start) * 1000)
        results.append((len(bigger.foods), statistics.median(runs)))
    return results


if __name__ == "__main__":
    main()
