"""The conversation as the app needs it: what ``Conversation`` keeps, plus the balance, export and replay the
app's panels and keys ask for. No UI imports; the app imports this only in its loading worker, so first paint
waits for none of it (the engine, pydantic models, the food table, tinydb)."""

from __future__ import annotations

from pathlib import Path

from assistant.conversation import Conversation
from assistant.engine import Engine, Reply
from assistant.engine.balance import Balance, balance
from assistant.store import Store
from assistant.transcripts import load_transcript, save_transcript
from assistant.transcripts.export import to_markdown
from assistant.transcripts.files import save_text


class Backend(Conversation):
    def __init__(self, engine: Engine | None, store: Store | None, data_dir: Path | None,
                 exports: Path | None) -> None:
        super().__init__(engine, store if store is not None or data_dir is None else Store.open(data_dir))
        self.exports = exports or self.default_exports()

    def balance(self, reply: Reply) -> Balance:
        return balance(reply.session)

    def export(self) -> Path:
        """Save the session as Markdown and JSON; returns the path without its suffix."""
        transcript = self.transcript()
        self.exports.mkdir(mode=0o700, parents=True, exist_ok=True)
        base = self.exports / f"calmag-{self.stored.started:%Y%m%d-%H%M%S}-{self.stored.id}"
        save_text(to_markdown(transcript), base.with_suffix(".md"))
        save_transcript(transcript, base.with_suffix(".json"))
        return base

    @staticmethod
    def turns_of(path: Path) -> list[str]:
        """The user turns of a transcript file; raises TranscriptError with a one-line message."""
        return [step.user for step in load_transcript(path).steps]

    def week(self) -> str:
        """The last 7 days at a glance, or why there is nothing to show."""
        from assistant.conversation import PastDays, glance_text

        if self.store is None:
            return "This session is kept in memory only, so there is no log of past days to show."
        past = PastDays.read(self.store, 7)
        if past is None:
            return ("Nothing is logged for the last 7 days yet: your foods and supplements are logged by day as "
                    "you tell me about them.")
        return glance_text(past.glance())

    def sources_used(self) -> dict[str, set[str]]:
        used: dict[str, set[str]] = {}
        for step in self.stored.steps:
            for citation in step.reply.citations if step.reply else []:
                used.setdefault(citation.source, set()).add(citation.claim)
        return used
