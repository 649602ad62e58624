"""Food lookup speed: run by hand (``python benchmarks/bench_food.py``); figures go in the README.

Measures, on this machine and in one run:
- table load: reading the shipped SR28 table (gunzip + JSON + objects), in fresh processes;
- per-phrase time of parse + match + grams (``look_up_food``) over the development phrases, after warm-up,
  next to a naive ``rapidfuzz.process.extractOne(phrase, all_descriptions, scorer=WRatio)`` scan;
- ``calmag food spinach`` as a whole process.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.foods.table import load_food_table  # noqa: E402
from knowledge.foods.lookup import look_up_food  # noqa: E402
from knowledge.foods.matching import food_matcher  # noqa: E402


def phrases() -> list[str]:
    lines = (ROOT / "tests" / "data" / "food_phrases.txt").read_text().splitlines()
    return [line.split("|")[0].strip() for line in lines if line.strip() and not line.startswith("#")]


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
    inputs = phrases()
    food_matcher()
    descriptions = [food.name for food in load_food_table().foods]
    per_call(look_up_food, inputs, 1)  # warm-up
    ours = per_call(look_up_food, inputs, 5)
    naive = per_call(lambda p: process.extractOne(p, descriptions, scorer=fuzz.WRatio), inputs, 2)
    processes = []
    for _ in range(11):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "assistant.cli", "food", "spinach"], capture_output=True,
                       cwd=ROOT, check=True)
        processes.append(time.perf_counter() - start)

    ours_median, ours_p99 = summary(ours)
    naive_median, naive_p99 = summary(naive)
    print(f"phrases: {len(inputs)}; foods: {len(descriptions)}")
    print(f"table load (import + read), median of 15 fresh processes: {statistics.median(load) * 1000:.1f} ms")
    print(f"matcher ready, building the index (no cache), median of 5: {statistics.median(cold) * 1000:.0f} ms")
    print(f"matcher ready, index from the cache, median of 5: {statistics.median(warm) * 1000:.0f} ms")
    print(f"look_up_food (parse + match + grams): median {ours_median:.2f} ms, p99 {ours_p99:.2f} ms")
    print(f"naive extractOne(WRatio) over all names: median {naive_median:.2f} ms, p99 {naive_p99:.2f} ms")
    print(f"speed-up at the median: {naive_median / ours_median:.1f}x")
    print(f"`calmag food spinach` whole process, median of 11: {statistics.median(processes) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
