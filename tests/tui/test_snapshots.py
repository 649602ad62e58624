"""A few snapshots at a fixed terminal size (80x24 and 100x32), with a fresh data folder each time.

Update after a reviewed visual change with ``pytest tests/tui/test_snapshots.py --snapshot-update``.
"""

from assistant.engine import Engine
from assistant.store import Store
from assistant.tui import build_app
from assistant.tui.chat import PromptInput
from tests.tui.steps import ready, send

ENGINE = Engine()


def _app(tmp_path):
    return build_app(engine=ENGINE, store=Store.open(tmp_path / "data"))


def _still(pilot):
    """The cursor blinks on a timer; a snapshot taken on a slow machine would catch it either way."""
    pilot.app.query_one(PromptInput).cursor_blink = False


async def _greeted(pilot):
    await ready(pilot)
    _still(pilot)


def _saying(*messages):
    async def run(pilot):
        await ready(pilot)
        for message in messages:
            await send(pilot, message)
        _still(pilot)
    return run


def test_greeting_at_80x24(snap_compare, tmp_path):
    assert snap_compare(_app(tmp_path), terminal_size=(80, 24), run_before=_greeted)


def test_a_day_with_the_panel_at_100x32(snap_compare, tmp_path):
    assert snap_compare(_app(tmp_path), terminal_size=(100, 32),
                        run_before=_saying("45 female", "2 cups spinach, a banana", "magnesium 400 mg"))


def test_sources_screen_in_the_light_theme(snap_compare, tmp_path):
    async def run(pilot):
        await _greeted(pilot)
        pilot.app.theme = "textual-light"
        await pilot.press("f2")
        await pilot.pause()
    assert snap_compare(_app(tmp_path), terminal_size=(100, 32), run_before=run)


def test_a_day_with_flags_at_80x24(snap_compare, tmp_path):
    """The compact layout: flags first, one line per nutrient with its word, the conversation below."""
    assert snap_compare(_app(tmp_path), terminal_size=(80, 24),
                        run_before=_saying("45 female", "i take warfarin",
                                           "2 cups of milk, a banana, vitamin d 5000 iu"))
