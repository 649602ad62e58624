from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
NETWORK_HOST = ("pypi.org", 443)


def _reachable(address: tuple[str, int]) -> bool:
    import socket

    try:
        with socket.create_connection(address, timeout=3):
            return True
    except OSError:
        return False


def pytest_configure(config):
    config.addinivalue_line("markers", "shared: reads ../shared beside the checkout (the articles, REFERENCE.md, "
                                       "the corpus)")
    config.addinivalue_line("markers", "network: downloads from PyPI")


def pytest_collection_modifyitems(config, items):
    """Tests that need what is not in the checkout skip with one reason each, instead of failing by the
    hundred: ../shared (the articles and the corpus), or PyPI."""
    needs_shared = not SHARED.is_dir()
    needs_network = any("network" in item.keywords for item in items) and not _reachable(NETWORK_HOST)
    for item in items:
        if needs_shared and "shared" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=f"needs {SHARED} beside the checkout (articles, REFERENCE.md, "
                                                    "corpus)"))
        if needs_network and "network" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="needs PyPI (pypi.org:443 is not reachable)"))


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
    """Every test, and every calmag it starts, keeps its data and settings in its own folders, never the
    developer's."""
    monkeypatch.setenv("CALMAG_DATA_DIR", str(tmp_path / "calmag-data"))
    monkeypatch.setenv("CALMAG_CONFIG_DIR", str(tmp_path / "calmag-config"))
