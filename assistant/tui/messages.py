"""Messages the app's widgets post: past events, attributes going up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from assistant.engine import Reply
    from knowledge.evidence.answers import Citation


class TurnSubmitted(Message):
    """The person sent a message."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class ReplyReady(Message):
    def __init__(self, user: str, reply: Reply, session_id: str) -> None:
        super().__init__()
        self.user = user
        self.reply = reply
        self.session_id = session_id  # the session the turn belongs to: a reply for another one is dropped


class ReplyFailed(Message):
    def __init__(self, user: str, error: str) -> None:
        super().__init__()
        self.user = user
        self.error = error


class EngineReady(Message):
    """The food table, the matcher and the knowledge base are loaded."""


class CitationOpened(Message):
    """A citation marker was opened: the source, and the claims the reply took from it."""

    def __init__(self, source: str, claims: list[Citation]) -> None:
        super().__init__()
        self.source = source
        self.claims = claims
