"""The Textual chat. ``build_app`` is the one factory: the CLI and the Pilot tests both call it."""

from __future__ import annotations

from pathlib import Path

from assistant.engine import Engine
from assistant.store import Store
from assistant.tui.app import CalmagApp, Settings


def build_app(engine: Engine | None = None, store: Store | None = None, settings: Settings | None = None,
              data_dir: Path | None = None) -> CalmagApp:
    """The app over ``engine`` and ``store``; exports go to ``<data dir>/exports`` unless ``settings`` say."""
    engine = engine or Engine()
    if settings is None:
        folder = store.folder if store else (data_dir or Path.cwd())
        settings = Settings(exports=folder / "exports")
    return CalmagApp(engine, store, settings)


__all__ = ["CalmagApp", "Settings", "build_app"]
