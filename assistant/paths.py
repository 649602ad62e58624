"""Where calmag keeps its data; light enough to import before first paint."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir(override: str | Path | None = None) -> Path:
    """``--data-dir``, else ``CALMAG_DATA_DIR``, else the platform's user data folder; created owner-only."""
    folder = Path(override or os.environ.get("CALMAG_DATA_DIR") or platformdirs.user_data_dir("calmag"))
    folder = folder.expanduser()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder
