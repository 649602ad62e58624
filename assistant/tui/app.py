"""The calmag Textual app. It composes the chat and the balance panel and routes messages; the engine does the
work, in a worker, and the store keeps the session after every turn."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from assistant.engine import Engine, Reply, Session
from assistant.engine.balance import balance
from assistant.engine.engine import HELP
from assistant.store import Store, StoredSession
from assistant.transcripts import Recorded, TranscriptError, TranscriptStep, load_transcript, save_transcript
from assistant.transcripts.export import to_markdown
from assistant.transcripts.files import save_text
from assistant.tui.chat import ChatView
from assistant.tui.messages import CitationOpened, EngineReady, ReplyFailed, ReplyReady, TurnSubmitted
from assistant.tui.panel import BalancePanel
from assistant.tui.screens import CitationScreen, HelpScreen, OpenTranscriptScreen, SourcesScreen


@dataclass(frozen=True)
class Settings:
    exports: Path  # where exported transcripts go


class CalmagApp(App[None]):
    CSS_PATH = "calmag.tcss"
    TITLE = "calmag"
    SUB_TITLE = "calcium · magnesium · vitamin D · K2"
    BINDINGS = [
        Binding("ctrl+n", "new_session", "New", id="new-session", tooltip="Start a new session"),
        Binding("f3", "export_transcript", "Export", id="export",
                tooltip="Save the session as Markdown and JSON"),
        Binding("ctrl+o", "open_transcript", "Replay", id="open-transcript", tooltip="Open a transcript to replay"),
        Binding("f6", "replay_step", "Next step", id="replay-step", show=False),
        Binding("f7", "replay_all", "Play all", id="replay-all", show=False),
        Binding("f2", "show_sources", "Sources", id="sources"),
        Binding("f1", "show_help", "Help", id="help"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, engine: Engine, store: Store | None, settings: Settings) -> None:
        super().__init__()
        self.engine, self.store, self.settings = engine, store, settings
        self.last: StoredSession | None = None
        now = datetime.now(UTC)
        self.stored = store.new_session() if store else StoredSession(id="unsaved", started=now, updated=now,
                                                                      session=Session())
        self.ready = False
        self.replaying: list[str] = []  # user turns of an opened transcript still to send
        self.playing = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield ChatView(id="chat")
            yield BalancePanel(id="panel")
        yield Footer()

    @property
    def chat(self) -> ChatView:
        return self.query_one(ChatView)

    async def on_mount(self) -> None:
        await self.chat.add_note("Loading the food table and the sources…")
        if self.store and self.store.notice:
            self.notify(self.store.notice, severity="warning", timeout=15, markup=False)
        self.load_engine()

    @work(exclusive=True, exit_on_error=False, group="load")
    async def load_engine(self) -> None:
        await asyncio.to_thread(self.engine.load)
        self.last = self.store.last_session() if self.store else None
        self.post_message(EngineReady())

    async def on_engine_ready(self, _: EngineReady) -> None:
        self.ready = True
        await self.chat.clear()
        greeting = self.engine.greet(self.stored.session)
        if self.last is not None and self.last.steps:
            greeting = greeting.model_copy(update={
                "text": f"{greeting.text}\n\nYour last session ({self.last.updated:%Y-%m-%d %H:%M} UTC, "
                        f"{self.last.messages} messages) is saved: choose *continue* to pick it up.",
                "choices": ["continue"]})
        await self.chat.add_reply(greeting)
        self.chat.working(False)
        self.chat.query_one("#prompt").focus()

    async def on_turn_submitted(self, message: TurnSubmitted) -> None:
        if not self.ready:
            return
        if message.text.strip().lower() == "continue" and self.last is not None and not self.stored.steps:
            self.stored, self.last = self.last, None
            await self.chat.add_user(message.text)
            await self._show(self.engine.greet(self.stored.session))
            return
        self.last = None
        await self.chat.add_user(message.text)
        self.chat.working(True)
        self.run_turn(message.text)

    @work(exclusive=True, exit_on_error=False, group="turn")
    async def run_turn(self, text: str) -> None:
        try:
            reply = await self.engine.respond(self.stored.session, text)
        except Exception as error:  # the engine should not fail; if it does, say so and lose nothing
            self.post_message(ReplyFailed(text, f"{type(error).__name__}: {error}"))
            return
        self.post_message(ReplyReady(text, reply))

    async def on_reply_ready(self, message: ReplyReady) -> None:
        step = TranscriptStep(user=message.user, reply=Recorded.of(message.reply))
        self.stored = self.stored.model_copy(update={"session": message.reply.session,
                                                     "steps": [*self.stored.steps, step]})
        if self.store:
            self.store.save_session(self.stored)
            self.store.log_day(self.stored)
        await self._show(message.reply)
        if self.playing:
            self.action_replay_step()

    async def _show(self, reply: Reply) -> None:
        await self.chat.add_reply(reply)
        self.query_one(BalancePanel).show(balance(reply.session))
        self.chat.working(False)
        self.chat.query_one("#prompt").focus()

    async def on_reply_failed(self, message: ReplyFailed) -> None:
        await self.chat.add_note(f"Something went wrong answering that ({message.error}). Nothing was changed; "
                                 "please try again or rephrase.")
        self.chat.working(False)

    def on_citation_opened(self, message: CitationOpened) -> None:
        self.push_screen(CitationScreen(message.source, message.reply))

    # actions
    async def action_new_session(self) -> None:
        self.stored = self.store.new_session() if self.store else self.stored.model_copy(
            update={"session": Session(), "steps": []})
        self.replaying, self.playing = [], False
        await self.chat.clear()
        await self._show(self.engine.greet(self.stored.session))

    def action_export_transcript(self) -> None:
        from assistant.session_commands import as_transcript

        transcript = as_transcript(self.stored)
        self.settings.exports.mkdir(mode=0o700, parents=True, exist_ok=True)
        base = self.settings.exports / f"calmag-{self.stored.started:%Y%m%d-%H%M%S}-{self.stored.id}"
        save_text(to_markdown(transcript), base.with_suffix(".md"))
        save_transcript(transcript, base.with_suffix(".json"))
        self.notify(f"Saved {base}.md and .json", title="Exported", markup=False)

    def action_open_transcript(self) -> None:
        self.push_screen(OpenTranscriptScreen(), self._open)

    async def _open(self, path: Path | None) -> None:
        if path is None:
            return
        try:
            transcript = load_transcript(path)
        except TranscriptError as error:
            self.notify(str(error), severity="error", title="Cannot replay", markup=False)
            return
        await self.action_new_session()
        self.replaying = [step.user for step in transcript.steps]
        await self.chat.add_note(f"Replaying {path.name}: {len(self.replaying)} turns. F6 steps, F7 plays all.")

    def action_replay_step(self) -> None:
        if not self.replaying:
            self.playing = False
            return
        self.post_message(TurnSubmitted(self.replaying.pop(0)))

    def action_replay_all(self) -> None:
        self.playing = True
        self.action_replay_step()

    def action_show_sources(self) -> None:
        used: dict[str, set[str]] = {}
        for step in self.stored.steps:
            for citation in step.reply.citations if step.reply else []:
                used.setdefault(citation.source, set()).add(citation.claim)
        self.push_screen(SourcesScreen(used))

    def action_show_help(self) -> None:
        keys = [(b.key, b.description or b.action) for b in self.BINDINGS if isinstance(b, Binding)]
        self.push_screen(HelpScreen(HELP, keys))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action != "quit":
                yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                    getattr(self, f"action_{binding.action}"))


