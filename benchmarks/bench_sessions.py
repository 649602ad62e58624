"""Replay and store speed: run by hand (``python benchmarks/bench_sessions.py``); figures go in the README.

- replay of a 1,000-turn transcript: 20 typical turns (profile, foods, corrections, questions, supplements,
  the report, then 'start over') recorded 50 times over, replayed through today's engine and compared reply
  by reply; the time includes loading the file;
- the store's write latency: saving a session after each turn (the whole database is rewritten atomically,
  under the file lock; each session's turns in a file of its own), as the store grows to 200 sessions of
  20 turns.
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
from assistant.store import Store  # noqa: E402
from assistant.transcripts import Recorded, Transcript, TranscriptStep, load_transcript, save_transcript  # noqa: E402
from assistant.transcripts.replay import replay  # noqa: E402

SESSIONS = 200
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

        store = Store.open(Path(folder) / "data")
        latencies: dict[int, list[float]] = {}
        for number in range(SESSIONS):
            stored = store.new_session()
            for text in TURNS:
                reply = engine.reply_to(stored.session, text)
                stored = stored.model_copy(update={"session": reply.session, "steps": [
                    *stored.steps, TranscriptStep(user=text, reply=Recorded.of(reply))]})
                start = time.perf_counter()
                store.save_session(stored)
                store.log_day(stored)
                latencies.setdefault(number, []).append(time.perf_counter() - start)
        database = (Path(folder) / "data" / "calmag.json").stat().st_size
        for sessions in (1, SESSIONS // 2, SESSIONS):
            times = sorted(latencies[sessions - 1])
            print(f"store write per turn (session + day log), {sessions} sessions stored: median "
                  f"{statistics.median(times) * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms")
        print(f"index database after {SESSIONS} sessions of {len(TURNS)} turns: {database / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
