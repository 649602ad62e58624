"""Waiting for the app by what it shows rather than by how busy the process looks.

Pilot's ``pause()`` decides the app is idle from CPU time against wall time; on a loaded machine a starved
process looks idle while a reply is still on its way, and a test or snapshot then sees half a turn.
"""

from time import monotonic

from assistant.tui.chat import PromptInput


def replies(app) -> int:
    return len(app.query(".reply"))


def idle(app) -> bool:
    """Loaded, no turn being answered, the prompt open again."""
    return (app.backend is not None and not app.query_one("#working").visible
            and not app.query_one(PromptInput).disabled and all(w.is_finished for w in app.workers))


async def until(pilot, condition, what: str, seconds: float = 30) -> None:
    deadline = monotonic() + seconds
    while not condition():
        if monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        await pilot.pause(0.02)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def ready(pilot) -> None:
    await until(pilot, lambda: replies(pilot.app) >= 1 and idle(pilot.app), "the greeting")


async def send(pilot, text: str) -> None:
    app, before = pilot.app, replies(pilot.app)
    app.query_one(PromptInput).value = text
    await pilot.press("enter")
    await until(pilot, lambda: replies(app) > before and idle(app), f"the reply to {text!r}")
