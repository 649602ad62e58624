from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def load_phrase_set() -> list[tuple[str, set[str], float | None]]:
    rows = []
    for line in (DATA / "food_phrases.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, ids, grams = (part.strip() for part in line.split("|"))
        rows.append((phrase, set(ids.split()), float(grams) if grams else None))
    return rows


@pytest.fixture(scope="session")
def phrase_set():
    return load_phrase_set()


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    """Every test, and every calmag it starts, keeps its data in its own folder, never the developer's."""
    monkeypatch.setenv("CALMAG_DATA_DIR", str(tmp_path / "calmag-data"))
