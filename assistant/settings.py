"""The person's choices kept between launches (the theme), in ``settings.json`` in the platform's config
folder (``CALMAG_CONFIG_DIR`` overrides it). Light enough to read before first paint. A file that cannot be
read or holds something else is ignored, never fatal: the defaults are used and the next change rewrites it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import platformdirs
from pydantic import BaseModel, ValidationError

from assistant.atomic import write_atomically

FILE = "settings.json"


class Settings(BaseModel):
    theme: str | None = None  # a Textual theme's name; None: Textual's default


def config_dir() -> Path:
    return Path(os.environ.get("CALMAG_CONFIG_DIR") or platformdirs.user_config_dir("calmag")).expanduser()


def load_settings() -> Settings:
    try:
        return Settings.model_validate_json((config_dir() / FILE).read_bytes())
    except (OSError, ValidationError, ValueError):
        return Settings()


def save_settings(settings: Settings) -> None:
    """Write the settings (owner-only, atomically); OSError if the folder cannot be written."""
    folder = config_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(folder / FILE, json.dumps(settings.model_dump(), indent=1) + "\n")
