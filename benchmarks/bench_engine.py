"""Engine turn time after load: run by hand (``python benchmarks/bench_engine.py``); figures go in the README.

Three kinds of turn, each timed through ``Engine.reply_to`` (the body of the async ``respond``) from a session
prepared just before it:
- a food turn: a typical day of six foods typed at the diet step;
- a question turn: a question asked mid-intake, answered from the knowledge layer;
- a supplement turn: a message with an age, a medicine and a product taken twice a day, at the supplements step;
- the report: the last intake answer, which builds the whole personal report.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.engine import Engine, Session  # noqa: E402

ROUNDS = 200
PROFILE = "45 female"
DAY = "oatmeal with milk and a banana, 2 cups spinach, a handful of almonds, salmon 100g"
QUESTION = "what is the best form of magnesium?"
SUPPLEMENTS = "im 67, on warfarin, and i have a caltrate with breakfast and another with my tea"
AFTER_SUPPLEMENTS = ["magnesium glycinate 200 mg, vitamin D 1000 IU", "elemental", "I take omeprazole", "cramps"]


def _session(engine: Engine, messages: list[str]) -> Session:
    session = Session()
    for message in messages:
        session = engine.reply_to(session, message).session
    return session


def _at(engine: Engine, messages: list[str], step: str) -> Session:
    """The session after ``messages``, then 'next' until ``step`` is open (an open question may take one)."""
    session = _session(engine, messages)
    for _ in range(5):
        if session.step == step:
            return session
        session = engine.reply_to(session, "next").session
    raise AssertionError(f"never reached {step}: at {session.step}")


def _time(engine: Engine, session: Session, message: str) -> list[float]:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        engine.reply_to(session, message)
        times.append(time.perf_counter() - start)
    return sorted(times)


def main() -> None:
    engine = Engine()
    start = time.perf_counter()
    engine.load()
    print(f"engine load (food table, matcher index from the cache, speller, knowledge base): "
          f"{(time.perf_counter() - start) * 1000:.0f} ms")
    at_diet = _session(engine, [PROFILE])
    at_supplements = _at(engine, [PROFILE, DAY], "supplements")
    before_report = at_supplements
    for message in AFTER_SUPPLEMENTS:
        before_report = engine.reply_to(before_report, message).session
    assert before_report.step == "labs", before_report.step
    for name, session, message in (("food turn (6 foods)", at_diet, DAY), ("question turn", at_diet, QUESTION),
                                   ("supplement turn", at_supplements, SUPPLEMENTS),
                                   ("report turn", before_report, "vitamin d 30 ng/ml")):
        engine.reply_to(session, message)  # warm-up
        times = _time(engine, session, message)
        print(f"{name}: median {statistics.median(times) * 1000:.2f} ms, "
              f"p99 {times[int(len(times) * 0.99) - 1] * 1000:.2f} ms ({ROUNDS} runs)")


if __name__ == "__main__":
    main()
