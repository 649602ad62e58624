"""Launch speed of the Textual chat: run by hand (``python benchmarks/bench_tui.py``); figures go in the README.

Each run starts a fresh Python process that builds the app (headless, 80x24) and prints the wall-clock time
of its first paint and, for calmag, of being ready (food table, matcher and knowledge base loaded in the
worker, greeting shown). A bare Textual app with one Static is measured the same way, its runs interleaved
with calmag's. Times are from just
before the process is spawned; medians of 11 runs each. The matcher index comes from the user cache, as on
every launch after the first. calmag's modules are compiled to bytecode first, as an installed package has them.
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 11

CALMAG = """
import sys, time
from pathlib import Path
from assistant.tui.app import CalmagApp

class Timed(CalmagApp):
    # Textual calls each class's own handler along the MRO, so this runs beside CalmagApp.on_mount
    def on_mount(self):
        self.call_after_refresh(lambda: print("paint", time.time(), flush=True))
        self.set_interval(0.002, self._check)

    def _check(self):
        if self.query(".reply"):  # the greeting is shown: loading is over
            print("ready", time.time(), flush=True)
            self.exit()

Timed(data_dir=Path(sys.argv[1])).run(headless=True, size=(80, 24))  # as `calmag` builds it
"""

BARE = """
import time
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

    def on_mount(self):
        self.call_after_refresh(self._painted)

    def _painted(self):
        print("paint", time.time(), flush=True)
        self.exit()

Bare().run(headless=True, size=(80, 24))
"""


def _run(code: str, folder: str) -> dict[str, float]:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, folder], capture_output=True, text=True, cwd=ROOT,
                         check=True, env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    return {name: float(value) - start for name, value in (line.split() for line in out.splitlines())}


def main() -> None:
    for package in ("assistant", "knowledge"):
        compileall.compile_dir(ROOT / package, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        _run(CALMAG, folder)  # warm the matcher cache and the file system
        calmag, bare = [], []
        for _ in range(RUNS):  # interleaved, so both see the same machine load
            calmag.append(_run(CALMAG, folder))
            bare.append(_run(BARE, folder))
    paint = statistics.median(r["paint"] for r in calmag)
    ready = statistics.median(r["ready"] for r in calmag)
    bare_paint = statistics.median(r["paint"] for r in bare)
    print(f"bare Textual app, first paint: {bare_paint * 1000:.0f} ms")
    print(f"calmag, first paint: {paint * 1000:.0f} ms ({paint / bare_paint:.2f} x the bare app)")
    print(f"calmag, ready (greeting shown): {ready * 1000:.0f} ms")


if __name__ == "__main__":
    main()
