"""The Textual chat. ``build_app`` is the one factory: the CLI and the Pilot tests both call it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.tui.app import CalmagApp

if TYPE_CHECKING:
    from assistant.engine import Engine
    from assistant.store import Store


def build_app(engine: Engine | None = None, store: Store | None = None, data_dir: Path | None = None,
              exports: Path | None = None) -> CalmagApp:
    """The app over ``engine`` and ``store`` (or a store opened in ``data_dir``), both made in the loading
    worker when not given; exports go to ``<data dir>/exports`` unless ``exports`` says otherwise."""
    return CalmagApp(engine, store, data_dir, exports)


__all__ = ["CalmagApp", "build_app"]
