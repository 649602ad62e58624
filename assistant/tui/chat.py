"""The conversation: the messages, the input with history, quick replies and the working indicator.

User text is shown as plain content; replies are Markdown (``reply.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Input, LoadingIndicator, Static

from assistant.tui.messages import TurnSubmitted

if TYPE_CHECKING:
    from assistant.engine import Reply

HISTORY = 200


class UserMessage(Static):
    def __init__(self, text: str) -> None:
        super().__init__(Content(text or "(empty message)"), markup=False, classes="user")


class PromptInput(Input):
    """The message box, with up/down through what was sent before."""

    BINDINGS = [Binding("up", "history(-1)", "Previous message", show=False, id="history-back"),
                Binding("down", "history(1)", "Next message", show=False, id="history-forward")]

    def __init__(self) -> None:
        super().__init__(placeholder="Type a message, a question, or 'report'…", id="prompt")
        self.sent: list[str] = []
        self.position = 0

    def remember(self, text: str) -> None:
        if text and (not self.sent or self.sent[-1] != text):
            self.sent = [*self.sent, text][-HISTORY:]
        self.position = len(self.sent)

    def action_history(self, step: int) -> None:
        if not self.sent:
            return
        self.position = max(0, min(len(self.sent), self.position + step))
        self.value = self.sent[self.position] if self.position < len(self.sent) else ""
        self.cursor_position = len(self.value)


class ChatView(Widget):
    def compose(self) -> ComposeResult:
        with Vertical():
            yield VerticalScroll(Static("Loading the food table and the sources…", classes="note", markup=False),
                                 id="messages")
            yield LoadingIndicator(id="working")
            yield Horizontal(id="choices")
            yield PromptInput()

    def on_mount(self) -> None:
        # anchored: the view stays at the bottom while a reply lays out, until the person scrolls up to read
        self.query_one("#messages", VerticalScroll).anchor()
        self.query_one(PromptInput).disabled = True  # until the backend has loaded
        self.query_one("#working").display = False

    def working(self, busy: bool) -> None:
        """Show that a reply is being computed. The prompt stays enabled and focused: what is typed meanwhile
        is queued as its own turn (and focus does not fall to the messages, restyling them all)."""
        self.query_one("#working").display = busy
        if not busy:
            self.query_one(PromptInput).disabled = False

    async def add_user(self, text: str) -> None:
        await self._add(UserMessage(text))

    async def add_reply(self, reply: Reply) -> None:
        from assistant.tui.reply import ReplyMessage

        message = ReplyMessage(reply)
        await self._add(message)
        self.call_after_refresh(self._show_start, message)
        choices = self.query_one("#choices", Horizontal)
        await choices.remove_children()
        await choices.mount_all([Button(Content(c), classes="choice", compact=True) for c in reply.choices])
        choices.display = bool(reply.choices)

    async def add_note(self, text: str) -> None:
        await self._add(Static(Content(text), markup=False, classes="note"))

    async def clear(self) -> None:
        await self.query_one("#messages", VerticalScroll).remove_children()

    async def _add(self, widget: Widget) -> None:
        messages = self.query_one("#messages", VerticalScroll)
        await messages.mount(widget)
        messages.scroll_end(animate=False)  # a new message brings the view down again and restores the anchor

    def _show_start(self, message: Widget) -> None:
        """A reply taller than the view (a report) is shown from its start, not its last lines; the next
        message brings the view down again."""
        messages = self.query_one("#messages", VerticalScroll)
        if message.outer_size.height > messages.size.height:
            messages.release_anchor()
            messages.scroll_to_widget(message, top=True, animate=False, immediate=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        prompt = self.query_one(PromptInput)
        prompt.remember(event.value)
        prompt.value = ""
        self.post_message(TurnSubmitted(event.value))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.has_class("choice"):
            event.stop()
            self.post_message(TurnSubmitted(str(event.button.label)))
