"""Ask speed: run by hand (``python benchmarks/bench_ask.py``); figures go in the README.

- knowledge-base load: reading and validating the data files and computing the contradictions, in fresh
  processes;
- ask latency after load, over the development questions and every topic's example questions.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge.evidence.answers import answer_question  # noqa: E402
from knowledge.evidence.sources import load_knowledge  # noqa: E402

LOAD = ("import time; t = time.perf_counter(); from knowledge.evidence.sources import load_knowledge;"
        " from knowledge.evidence.contradictions import all_contradictions; load_knowledge(); all_contradictions();"
        " print(time.perf_counter() - t)")


def main() -> None:
    loads = [float(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, cwd=ROOT,
                                  check=True).stdout) for _ in range(11)]
    questions = [q["text"] for q in tomllib.loads((ROOT / "tests/data/questions.toml").read_text())["q"]]
    questions += [e for topic in load_knowledge().topics.values() for e in topic.examples]
    for question in questions:  # warm-up
        answer_question(question)
    times = []
    for _ in range(5):
        for question in questions:
            start = time.perf_counter()
            answer_question(question)
            times.append(time.perf_counter() - start)
    times.sort()
    print(f"questions: {len(questions)} x 5 rounds")
    print(f"knowledge base load + contradictions, median of 11 fresh processes: "
          f"{statistics.median(loads) * 1000:.0f} ms")
    print(f"ask after load: median {statistics.median(times) * 1000:.2f} ms, "
          f"p99 {times[int(len(times) * 0.99) - 1] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
