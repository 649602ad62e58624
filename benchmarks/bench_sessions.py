"""Replay and store speed: run by hand (``python benchmarks/bench_sessions.py``); figures go in the README.

- replay of a 1,000-turn transcript: 20 typical turns (profile, foods, corrections, questions, supplements,
  the report, then 'start over') recorded 50 times over, replayed through today's engine and compared reply
  by reply; the time includes loading the file;
- an engine turn, and the store's write after it (the turn appended to its session's log, under the file
  lock), at turn 3 and turn 300 of a session that grows (a food each turn), with 1 session kept and with
  1,000.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.engine import Engine, Session  # noqa: E402
from assistant.store import Store, StoredSession  # noqa: E402
from assistant.transcripts import Recorded, Transcript, TranscriptStep, load_transcript, save_transcript  # noqa: E402
from assistant.transcripts.replay import replay  # noqa: E402

KEPT = 1000  # sessions kept in the store, for the write's cost with a long history
TURNS = ["45 female", "oatmeal with milk and a banana, 2 cups spinach, a handful of almonds", "cooked", "keep",
         "actually it was 3 cups", "what is the best form of magnesium?", "next",
         "magnesium glycinate 200 mg, vitamin D 1000 IU", "elemental", "I take omeprazole", "leg cramps",
         "vitamin d 30 ng/ml", "remove the banana", "undo", "report", "is 400 mg of magnesium too much?",
         "2 slices of cheddar", "calcium carbonate 500 mg", "the carbonate", "start over"]


GROWING = ["an egg", "a slice of toast", "a cup of milk", "a banana", "an apple", "a handful of almonds",
           "a pot of yogurt", "2 slices of cheddar", "a cup of cooked spinach", "a glass of orange juice"]


def _recorded(engine: Engine, turns: list[str]) -> Transcript:
    session, steps = Session(), []
    for text in turns:
        reply = engine.reply_to(session, text)
        session = reply.session
        steps.append(TranscriptStep(user=text, reply=Recorded.of(reply)))
    return Transcript(title="benchmark", steps=steps)


def main() -> None:
    engine = Engine()
    engine.load()
    turns = (TURNS * 50)[:1000]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.json"
        save_transcript(_recorded(engine, turns), path)
        size = path.stat().st_size
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            result = replay(load_transcript(path), engine)
            runs.append(time.perf_counter() - start)
            assert not result.differences, result.differences[:1]
        print(f"replay of a {len(turns):,}-turn transcript ({size / 1e6:.1f} MB): median of 3 "
              f"{statistics.median(runs):.2f} s")
        # a session that grows for 1,000 turns (no 'start over'): foods added turn after turn, so each reply
        # and the file grow with it, which the transcript above never sees
        growing = ["45 female", *(GROWING[n % len(GROWING)] for n in range(1, 1000))]
        save_transcript(_recorded(engine, growing), path)
        size = path.stat().st_size
        start = time.perf_counter()
        loaded = load_transcript(path)
        load_time = time.perf_counter() - start
        result = replay(loaded, engine)
        total = time.perf_counter() - start
        print(f"a growing 1,000-turn transcript ({size / 1e6:.1f} MB): load {load_time:.2f} s, load and replay "
              f"{total:.2f} s ({len(result.differences)} differences)")

        for kept in (1, KEPT):
            store = Store.open(Path(folder) / f"data-{kept}")
            first, _ = _growing_session(engine, store, len(TURNS), TURNS)
            for number in range(kept - 1):  # the sessions kept before: copies of a 20-turn session
                store.save_session(first.model_copy(update={"id": f"kept{number:05d}"}))
            _, (latencies, turns_taken) = _growing_session(engine, store, 300, growing)
            for name, times in (("engine turn", turns_taken), ("store write after a turn", latencies)):
                print(f"{name}, {kept:,} session(s) kept: turn 1 {times[1] * 1000:.1f} ms, turn 3 "
                      f"{times[3] * 1000:.1f} ms, turn 300 "
                      f"{times[300] * 1000:.1f} ms (median of turns 1-10 "
                      f"{statistics.median(times[n] for n in range(1, 11)) * 1000:.1f} ms, of turns 291-300 "
                      f"{statistics.median(times[n] for n in range(291, 301)) * 1000:.1f} ms)")


def _growing_session(engine: Engine, store: Store, turns: int,
                     texts: list[str]) -> tuple[StoredSession, tuple[dict[int, float], dict[int, float]]]:
    """A session of ``turns`` turns saved after each; by turn number, the time of each save and of each
    engine turn."""
    stored, latencies, taken = store.new_session(), {}, {}
    for number in range(1, turns + 1):
        text = texts[(number - 1) % len(texts)]
        start = time.perf_counter()
        reply = engine.reply_to(stored.session, text)
        taken[number] = time.perf_counter() - start
        stored = stored.model_copy(update={"session": reply.session, "steps": [
            *stored.steps, TranscriptStep(user=text, reply=Recorded.of(reply))]})
        start = time.perf_counter()
        store.save_session(stored)
        latencies[number] = time.perf_counter() - start
    return stored, (latencies, taken)


if __name__ == "__main__":
    main()
