"""The package's data files (``knowledge/data/``), each read and parsed once per process: several readers use the
same file ("food_words.toml" is the matcher's lexicon and the line reader's names), and parsing a TOML file is
most of what loading it costs."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def data_file(name: str) -> dict[str, Any]:
    """The parsed TOML file ``knowledge/data/NAME``. Shared between its readers: they validate or read it, and
    never change it."""
    return tomllib.loads(resources.files("knowledge").joinpath(f"data/{name}").read_text("utf-8"))
