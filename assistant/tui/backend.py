"""What the app asks of the rest of calmag, in one plain object: the engine, the store and the session being
kept. It imports no UI, and the app imports it only in its loading worker, so first paint waits for none of
it (the engine, pydantic models, the food table, tinydb)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assistant.engine import Engine, Reply, Session
from assistant.engine.balance import Balance, balance
from assistant.session_commands import as_transcript
from assistant.store import Store, StoredSession
from assistant.transcripts import Recorded, TranscriptStep, load_transcript, save_transcript
from assistant.transcripts.export import to_markdown
from assistant.transcripts.files import save_text


class Backend:
    def __init__(self, engine: Engine | None, store: Store | None, data_dir: Path | None,
                 exports: Path | None) -> None:
        self.engine = engine or Engine()
        self.store = store if store is not None or data_dir is None else Store.open(data_dir)
        self.exports = exports or (self.store.folder if self.store else Path.cwd()) / "exports"
        self.engine.load()
        self.last = self.store.last_session() if self.store else None
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
        return greeting.model_copy(update={
            "text": f"{greeting.text}\n\nYour last session ({self.last.updated:%Y-%m-%d %H:%M} UTC, "
                    f"{self.last.messages} messages) is saved: choose *continue* to pick it up.",
            "choices": ["continue"]})

    def continue_last(self) -> Reply | None:
        """Pick up the last session, when offered and nothing has been said yet in this one."""
        if self.last is None or self.stored.steps:
            return None
        self.stored, self.last = self.last, None
        return self.engine.greet(self.stored.session)

    async def respond(self, text: str) -> Reply:
        self.last = None
        return await self.engine.respond(self.stored.session, text)

    def record(self, user: str, reply: Reply) -> None:
        step = TranscriptStep(user=user, reply=Recorded.of(reply))
        self.stored = self.stored.model_copy(update={"session": reply.session, "steps": [*self.stored.steps, step]})
        if self.store:
            self.store.save_session(self.stored)
            self.store.log_day(self.stored)

    def balance(self, reply: Reply) -> Balance:
        return balance(reply.session)

    def new_session(self) -> Reply:
        self.stored, self.last = self._new(), None
        return self.engine.greet(self.stored.session)

    def export(self) -> Path:
        """Save the session as Markdown and JSON; returns the path without its suffix."""
        transcript = as_transcript(self.stored)
        self.exports.mkdir(mode=0o700, parents=True, exist_ok=True)
        base = self.exports / f"calmag-{self.stored.started:%Y%m%d-%H%M%S}-{self.stored.id}"
        save_text(to_markdown(transcript), base.with_suffix(".md"))
        save_transcript(transcript, base.with_suffix(".json"))
        return base

    @staticmethod
    def turns_of(path: Path) -> list[str]:
        """The user turns of a transcript file; raises TranscriptError with a one-line message."""
        return [step.user for step in load_transcript(path).steps]

    def sources_used(self) -> dict[str, set[str]]:
        used: dict[str, set[str]] = {}
        for step in self.stored.steps:
            for citation in step.reply.citations if step.reply else []:
                used.setdefault(citation.source, set()).add(citation.claim)
        return used
