"""The person's choices kept between launches (the theme), in ``settings.json`` in the platform's config
folder (``CALMAG_CONFIG_DIR`` overrides it). Read before first paint, so it imports nothing heavy (no pydantic):
a file that cannot be read, or a value of the wrong kind, is ignored, never fatal; the defaults are used and
the next change rewrites it."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import platformdirs

FILE = "settings.json"


@dataclass(frozen=True)
class Settings:
    theme: str | None = None  # a Textual theme's name; None: Textual's default

    def but(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def config_dir() -> Path:
    return Path(os.environ.get("CALMAG_CONFIG_DIR") or platformdirs.user_config_dir("calmag")).expanduser()


def load_settings() -> Settings:
    try:
        found = json.loads((config_dir() / FILE).read_bytes())
    except (OSError, ValueError):
        return Settings()
    theme = found.get("theme") if isinstance(found, dict) else None
    return Settings(theme=theme if isinstance(theme, str) else None)


def save_settings(settings: Settings) -> None:
    """Write the settings (owner-only, atomically); OSError if the folder cannot be written."""
    from assistant.atomic import write_atomically

    folder = config_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(folder / FILE, json.dumps(asdict(settings), indent=1) + "\n")
