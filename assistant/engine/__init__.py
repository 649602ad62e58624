"""The conversation, free of any UI: ``Engine.respond(session, text) -> Reply`` over pydantic models."""

from assistant.engine.engine import Engine
from assistant.engine.state import STEPS, Reply, Session, Step, Totals

__all__ = ["STEPS", "Engine", "Reply", "Session", "Step", "Totals"]
