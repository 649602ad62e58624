"""One conversation as the person has it: the engine, the store, and the session being kept.

The line-mode chat and the Textual app both hold one of these, so saving after every turn, the day log, the
profile, and the offer to continue the last session work the same in both. No UI imports: the app builds it
in its loading worker.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from assistant.engine import Engine, Reply, Session
from assistant.store import Store, StoredSession
from assistant.transcripts import Recorded, Transcript, TranscriptStep

CONTINUE = frozenset({"continue", "resume", "continue last session"})


def calmag_version() -> str:
    try:
        return version("calmag")
    except PackageNotFoundError:
        return "unknown"


def as_transcript(stored: StoredSession) -> Transcript:
    return Transcript(title=f"calmag session {stored.started:%Y-%m-%d %H:%M} UTC", calmag=calmag_version(),
                      steps=stored.steps)


class Conversation:
    def __init__(self, engine: Engine | None = None, store: Store | None = None) -> None:
        self.engine = engine or Engine()
        self.store = store
        self.engine.load()
        self.last = store.last_session() if store else None  # offered until the first message
        self.profile = store.profile() if store else None
        self.stored = self._new()

    def _new(self) -> StoredSession:
        if self.store:
            return self.store.new_session()
        now = datetime.now(UTC)
        return StoredSession(id="unsaved", started=now, updated=now, session=Session())

    @property
    def notice(self) -> str | None:
        return self.store.notice if self.store else None

    def greeting(self) -> Reply:
        greeting = self.engine.greet(self.stored.session)
        if self.last is None or not self.last.steps:
            return greeting
        offer = (f"Your last session ({self.last.updated:%Y-%m-%d %H:%M} UTC, {self.last.messages} messages) is "
                 "saved: type 'continue' to pick it up, or just start.")
        return greeting.model_copy(update={"text": f"{greeting.text}\n\n{offer}", "choices": ["continue"]})

    def continue_if_asked(self, text: str) -> Reply | None:
        """Pick up the last session when ``text`` asks to and nothing has been said in this one yet."""
        if self.last is None or self.stored.steps or text.strip().lower() not in CONTINUE:
            return None
        self.stored, self.last = self.last, None
        return self.engine.greet(self.stored.session)

    async def respond(self, text: str) -> Reply:
        """The engine's reply to ``text``; ``record`` keeps it. (Split so a UI can run this in a worker.)"""
        return await self.engine.respond(self.stored.session, text)

    def reply(self, text: str) -> Reply:
        """Reply and keep it, for callers that are not async (the line-mode chat)."""
        reply = self.engine.reply_to(self.stored.session, text)
        self.record(text, reply)
        return reply

    def record(self, user: str, reply: Reply) -> None:
        """Add the turn to the session and save it: the session, today's log, and the profile if it changed."""
        self.last = None
        step = TranscriptStep(user=user, reply=Recorded.of(reply))
        self.stored = self.stored.model_copy(update={"session": reply.session, "steps": [*self.stored.steps, step]})
        if self.store is None:
            return
        self.store.save_session(self.stored)
        self.store.log_day(self.stored)
        if reply.session.profile != self.profile:
            self.profile = reply.session.profile
            self.store.save_profile(self.profile)

    def new_session(self) -> Reply:
        self.stored, self.last = self._new(), None
        return self.engine.greet(self.stored.session)

    def transcript(self) -> Transcript:
        return as_transcript(self.stored)

    def default_exports(self) -> Path:
        return (self.store.folder if self.store else Path.cwd()) / "exports"
