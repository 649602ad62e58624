"""The calmag Textual app. It composes the chat and the balance panel and routes messages; the backend (the
engine and the store) is loaded in a worker after first paint and does all the work."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import MountError
from textual.widgets import Footer

from assistant.tui.chat import ChatView
from assistant.tui.messages import CitationOpened, EngineReady, ReplyFailed, ReplyReady, TurnSubmitted
from assistant.tui.panel import BalancePanel
from assistant.tui.screens import (
    CitationScreen,
    CitationsScreen,
    HelpScreen,
    OpenTranscriptScreen,
    SourcesScreen,
    TextScreen,
)

if TYPE_CHECKING:
    from assistant.engine import Engine, Reply
    from assistant.store import Store
    from assistant.tui.backend import Backend


class CalmagApp(App[None]):
    CSS_PATH = Path(__file__).with_name("calmag.tcss")  # absolute, so a subclass elsewhere finds it too
    TITLE = "calmag"
    SUB_TITLE = "calcium · magnesium · vitamin D · K2"
    NARROW = 100  # below this many columns the app is marked -narrow: the panel becomes a strip (calmag.tcss)
    BINDINGS = [
        Binding("ctrl+n", "new_session", "New", id="new-session", tooltip="Start a new session"),
        Binding("f3", "export_transcript", "Export", id="export",
                tooltip="Save the session as Markdown and JSON"),
        Binding("ctrl+o", "open_transcript", "Replay", id="open-transcript", tooltip="Open a transcript to replay"),
        Binding("f6", "replay_step", "Next step", id="replay-step", show=False,
                tooltip="Send the next turn of the opened transcript"),
        Binding("f7", "replay_all", "Play all", id="replay-all", show=False,
                tooltip="Send the rest of the opened transcript"),
        Binding("f4", "show_citations", "Citations", id="citations",
                tooltip="Open a source the last reply cites"),
        Binding("f8", "toggle_detail", "Detail", id="detail", show=False,
                tooltip="Open or fold what each source says in the last answer"),
        Binding("f5", "show_week", "Week", id="week", tooltip="Each of the last 7 days against the target"),
        Binding("f2", "show_sources", "Sources", id="sources", tooltip="Every source, its kind and interests"),
        Binding("f1", "show_help", "Help", id="help", tooltip="What you can type, and the keys"),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        *(Binding(f"alt+{n}", f"pick({n})", f"Quick reply {n}", show=False, id=f"pick-{n}") for n in range(1, 10)),
    ]

    def __init__(self, engine: Engine | None = None, store: Store | None = None, data_dir: Path | None = None,
                 exports: Path | None = None) -> None:
        super().__init__()
        self._parts = (engine, store, data_dir, exports)
        self.backend: Backend | None = None  # set by the loading worker
        self.replaying: list[str] = []  # user turns of an opened transcript still to send
        self.playing = False
        self.queued: list[str] = []  # messages sent while a reply was computed, taken turn by turn
        self.busy = False

    def compose(self) -> ComposeResult:
        # the theme kept from the last launch (a theme since removed is ignored), saved whenever it changes
        from assistant.settings import load_settings

        self.settings = load_settings()
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        # set before the first styling pass (Textual's breakpoints would restyle everything after first paint)
        self.set_class(self.size.width < self.NARROW, "-narrow")
        # no Header: at 80x24 the line is worth more to the conversation, and first paint is quicker without it
        with Horizontal(id="main"):
            yield ChatView(id="chat")
            yield BalancePanel(id="panel")

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < self.NARROW, "-narrow")

    def _keep_theme(self, theme: Any) -> None:
        from assistant.settings import save_settings

        if theme.name == self.settings.theme:
            return
        self.settings = self.settings.but(theme=theme.name)
        try:
            save_settings(self.settings)
        except OSError as error:
            self.notify(f"The theme could not be kept for next time ({error.strerror or error}).",
                        severity="warning", markup=False)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """Screenshots go to calmag's own data folder (``screenshots``), created when needed."""
        if path is None:
            from assistant.paths import data_dir

            try:
                folder = (self.backend.store.folder if self.backend and self.backend.store
                          else data_dir(self._parts[2])) / "screenshots"
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as error:
                self.notify(f"No screenshot: calmag's data folder cannot be used ({error.strerror or error}).",
                            severity="error", markup=False)
                return None
            path = str(folder)
            self.notify(f"Screenshot saved in {folder}", title="Screenshot", markup=False)
        return super().deliver_screenshot(filename, path, time_format)

    @property
    def chat(self) -> ChatView:
        return self.query_one(ChatView)

    def on_mount(self) -> None:
        # after first paint: the key line (a widget per key, restyled as focus moves) and the loading thread, which
        # would otherwise compete with it for the interpreter
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        try:
            await self.mount(Footer())
        except MountError:  # closed before it first painted
            return
        self.load_backend()

    @work(exclusive=True, exit_on_error=False, group="load")
    async def load_backend(self) -> None:
        def load() -> Backend:
            from assistant.tui.backend import Backend

            try:
                return Backend(*self._parts)
            except (OSError, ValueError) as error:  # the data folder cannot be used: chat in memory, and say so
                engine, _, _, exports = self._parts
                backend = Backend(engine, None, None, exports)
                backend.unsaved = (f"calmag cannot use its data folder ({type(error).__name__}: {error}); this "
                                   "session is kept in memory only")
                return backend

        self.backend = await asyncio.to_thread(load)
        self.post_message(EngineReady())

    async def on_engine_ready(self, _: EngineReady) -> None:
        assert self.backend is not None
        for notice in (self.backend.notice, self.backend.unsaved):
            if notice:
                self.notify(notice, severity="warning", timeout=15, markup=False)
        await self.chat.clear()
        await self._show(self.backend.greeting())

    async def on_turn_submitted(self, message: TurnSubmitted) -> None:
        if self.backend is None:
            return
        if self.busy:  # typed while a reply is computed: its own turn, after this one
            self.queued.append(message.text)
            return
        await self.chat.add_user(message.text)
        if welcome := self.backend.from_store(message.text):
            await self._show(welcome)
            return
        self.busy = True
        self.chat.working(True)
        self.run_turn(message.text, self.backend.stored.id)

    @work(exclusive=True, exit_on_error=False, group="turn")
    async def run_turn(self, text: str, session_id: str) -> None:
        assert self.backend is not None
        try:
            reply = await self.backend.respond(text)
        except Exception as error:  # the engine should not fail; if it does, say so and lose nothing
            self.post_message(ReplyFailed(text, f"{type(error).__name__}: {error}"))
            return
        self.post_message(ReplyReady(text, reply, session_id))

    async def on_reply_ready(self, message: ReplyReady) -> None:
        assert self.backend is not None
        if message.session_id != self.backend.stored.id:  # the session was replaced while it was computed
            self._next()
            return
        try:  # the store's write, off the event loop
            await asyncio.to_thread(self.backend.record, message.user, message.reply)
        except (OSError, ValueError) as error:  # a full disk, a read-only folder: say so and carry on
            self.notify(f"This turn could not be saved ({type(error).__name__}: {error}); it is shown, and the "
                        "session is kept in memory.", severity="error", title="Not saved", markup=False)
        await self._show(message.reply)
        if self.playing and not self.queued:
            self.action_replay_step()

    def _next(self) -> None:
        """The turn is over: take the next message typed meanwhile, if any."""
        self.busy = False
        self.chat.working(False)
        if self.queued:
            self.post_message(TurnSubmitted(self.queued.pop(0)))

    async def _show(self, reply: Reply) -> None:
        assert self.backend is not None
        await self.chat.add_reply(reply)
        self.query_one(BalancePanel).show(self.backend.balance(reply))
        self.chat.query_one("#prompt").focus()
        self._next()

    async def on_reply_failed(self, message: ReplyFailed) -> None:
        await self.chat.add_note(f"Something went wrong answering that ({message.error}). Nothing was changed; "
                                 "please try again or rephrase.")
        self._next()

    def _dialog(self, screen: Screen[Any], then: Callable[[Any], Awaitable[None] | None] | None = None) -> None:
        """Open a dialog; when it closes, its result goes to ``then`` and typing goes to the prompt again."""
        async def closed(result: Any) -> None:
            if then is not None and (pending := then(result)) is not None:
                await pending
            self.chat.query_one("#prompt").focus()

        self.push_screen(screen, closed)

    def on_citation_opened(self, message: CitationOpened) -> None:
        self._dialog(CitationScreen(message.source, message.claims))

    def action_show_citations(self) -> None:
        from assistant.tui.reply import ReplyMessage

        replies = self.chat.query(ReplyMessage)
        newest = replies.last() if replies else None
        sources = newest.sources if newest else []

        def chosen(source: str | None) -> None:
            if source and newest:
                self.post_message(CitationOpened(source, [c for c in newest.citations if c.source == source]))

        self._dialog(CitationsScreen(sources), chosen)

    def action_toggle_detail(self) -> None:
        from assistant.tui.reply import ReplyMessage

        if replies := self.chat.query(ReplyMessage):
            replies.last().action_toggle_detail()

    def action_pick(self, number: int) -> None:
        self.chat.pick(number)

    # actions: each does nothing until the backend has loaded
    async def action_new_session(self) -> None:
        if self.backend:
            self.replaying, self.playing, self.queued = [], False, []
            await self.chat.clear()
            await self._show(self.backend.new_session())

    def action_export_transcript(self) -> None:
        if self.backend:
            base = self.backend.export()
            self.notify(f"Saved {base}.md and .json", title="Exported", markup=False)

    def action_open_transcript(self) -> None:
        if self.backend:
            self._dialog(OpenTranscriptScreen(), self._open)

    async def _open(self, path: Path | None) -> None:
        if path is None or self.backend is None:
            return
        from assistant.transcripts import TranscriptError

        try:
            turns = self.backend.turns_of(path)
        except TranscriptError as error:
            self.notify(str(error), severity="error", title="Cannot replay", markup=False)
            return
        self.playing = False
        await self.chat.clear()
        await self._show(self.backend.new_session(keep=False))
        self.replaying = turns
        await self.chat.add_note(f"Replaying {path.name}: {len(turns)} turns, in memory only (nothing is saved to "
                                 "your data). F6 steps, F7 plays all; ctrl+n starts a session of your own.")

    def action_replay_step(self) -> None:
        if not self.replaying:
            self.playing = False
            return
        self.post_message(TurnSubmitted(self.replaying.pop(0)))

    def action_replay_all(self) -> None:
        self.playing = True
        self.action_replay_step()

    async def action_show_week(self) -> None:
        if not self.backend:
            return
        week = await asyncio.to_thread(self.backend.week)
        self._dialog(TextScreen("The last 7 days", week))

    def action_show_sources(self) -> None:
        if self.backend:
            self._dialog(SourcesScreen(self.backend.sources_used()))

    def action_show_help(self) -> None:
        from assistant.engine.engine import HELP

        keys = [(b.key, b.description or b.action) for b in self.BINDINGS
                if isinstance(b, Binding) and not b.action.startswith("pick")]
        keys.append(("alt+1…9", "Pick that quick reply (they are numbered)"))
        self._dialog(HelpScreen(HELP, keys))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action != "quit" and not binding.action.startswith("pick"):
                yield SystemCommand(binding.description, binding.tooltip or binding.description,
                                    getattr(self, f"action_{binding.action}"))
