"""The app at length: run by hand (``python benchmarks/bench_app.py``); figures go in the README.

The real app, driven by Textual's Pilot (headless, 120x40), sends one conversation that grows: a profile, then
foods, questions, corrections and a report every 20 turns, for 200 turns, with nothing starting over. For each
turn it times how long a reply takes to reach the screen once the engine has answered it: from the
``ReplyReady`` message to the end of the first screen refresh after the reply is mounted. The reference,
measured in the same run, is a bare Textual app mounting one Static per turn into a scrolling container.
Memory is the process's resident size after the 200 turns.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import Static  # noqa: E402

from assistant.tui.app import CalmagApp  # noqa: E402
from assistant.tui.messages import ReplyReady  # noqa: E402

TURNS = 200
SIZE = (120, 40)
FOODS = ["an egg", "a slice of wholemeal toast", "a cup of milk", "a banana", "a handful of almonds",
         "a pot of yogurt", "2 slices of cheddar", "a cup of cooked spinach", "a glass of orange juice",
         "salmon 100g", "a bowl of porridge"]
OTHERS = ["what is the best form of magnesium?", "actually it was 2 eggs", "is 400 mg of magnesium too much?",
          "magnesium glycinate 200 mg", "report"]


def conversation(turns: int) -> list[str]:
    said = ["45 female"]
    while len(said) < turns:
        number = len(said)
        said.append(OTHERS[(number // 4) % len(OTHERS)] if number % 4 == 0 else FOODS[number % len(FOODS)])
    return said


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Timed(CalmagApp):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.on_screen: list[float] = []
        self.replied = asyncio.Event()

    async def on_reply_ready(self, message: ReplyReady) -> None:
        start = time.perf_counter()
        await super().on_reply_ready(message)
        self.call_after_refresh(self._painted, start)

    def _painted(self, start: float) -> None:
        self.on_screen.append(time.perf_counter() - start)
        self.replied.set()


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="messages")


async def run_calmag(folder: Path, said: list[str]) -> tuple[list[float], float]:
    app = Timed(data_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        while app.backend is None or not app.query(".reply"):
            await pilot.pause(0.05)
        for text in said:
            app.replied.clear()
            prompt = app.query_one("#prompt")
            prompt.value = text  # type: ignore[attr-defined]
            await pilot.press("enter")
            await app.replied.wait()
        return app.on_screen, rss_mb()


async def run_bare(said: list[str]) -> list[float]:
    app = Bare()
    times = []
    async with app.run_test(size=SIZE) as pilot:
        messages = app.query_one("#messages")
        for text in said:
            done = asyncio.Event()
            start = time.perf_counter()
            await messages.mount(Static(text))
            messages.scroll_end(animate=False)
            app.call_after_refresh(done.set)
            await done.wait()
            times.append(time.perf_counter() - start)
        await pilot.pause()
    return times


def main() -> None:
    said = conversation(TURNS)
    with tempfile.TemporaryDirectory() as folder:
        times, memory = asyncio.run(run_calmag(Path(folder), said))
    bare = asyncio.run(run_bare(said))
    for first, last in ((1, 5), (46, 50), (196, 200)):
        mine = statistics.median(times[first - 1:last])
        reference = statistics.median(bare[first - 1:last])
        print(f"reply on screen after the engine's answer, turns {first}-{last}: median {mine * 1000:.0f} ms "
              f"(bare Textual, one Static per turn: {reference * 1000:.0f} ms)")
    print(f"turn 1: {times[0] * 1000:.0f} ms; turn 50: {times[49] * 1000:.0f} ms; slowest of 200: "
          f"{max(times) * 1000:.0f} ms")
    print(f"resident memory after {TURNS} turns: {memory:.0f} MB")


if __name__ == "__main__":
    main()
