"""The conversation: the messages, the input with history, quick replies and the working indicator.

User text is shown as plain content; replies are Markdown (``reply.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
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
        # disabled until the backend has loaded (from the start: enabling it later is one restyle, not two)
        super().__init__(placeholder="Type a message, a question, or 'report'…", id="prompt", disabled=True)
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
    """The messages, mounted as a window: at most ``WINDOW`` at a time while the person follows the newest, so
    a long conversation costs each new message the same. Older ones are kept as what redraws them, and the
    button at the top brings them back ``STEP`` at a time."""

    WINDOW = 60
    STEP = 20

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.said: list[Callable[[], Widget]] = []  # every message of the conversation, as what draws it
        self.first = 0  # the first message mounted

    def compose(self) -> ComposeResult:
        # the "earlier messages" button is mounted when first needed: Button's styles are the largest of
        # the widgets here, and parsing them would hold up the first paint
        yield VerticalScroll(Static("Loading the food table and the sources…", classes="note", markup=False),
                             id="messages")
        yield LoadingIndicator(id="working")
        yield Horizontal(id="choices")
        yield PromptInput()

    def on_mount(self) -> None:
        # anchored: the view stays at the bottom while a reply lays out, until the person scrolls up to read
        self.query_one("#messages", VerticalScroll).anchor()

    def working(self, busy: bool) -> None:
        """Show that a reply is being computed (its line is kept, so showing it moves nothing). The prompt
        stays enabled and focused: what is typed meanwhile is queued as its own turn."""
        self.query_one("#working").visible = busy
        if not busy:
            self.query_one(PromptInput).disabled = False

    async def add_user(self, text: str) -> None:
        await self._add(lambda: UserMessage(text))

    async def add_reply(self, reply: Reply) -> None:
        from assistant.tui.reply import ReplyMessage

        text, citations, urgent = reply.text, reply.citations, reply.urgent  # not the session the reply carries
        message = await self._add(lambda: ReplyMessage(text, citations, urgent))
        self.call_after_refresh(self._show_start, message)
        choices = self.query_one("#choices", Horizontal)
        if [button.name for button in choices.query(Button)] != reply.choices:  # unchanged: no new layout
            await choices.remove_children()
            await choices.mount_all([Button(Content.assemble((f"{n} ", "dim"), choice), classes="choice",
                                            name=choice, compact=True, tooltip=f"alt+{n}")
                                     for n, choice in enumerate(reply.choices, 1)])
        choices.display = bool(reply.choices)

    def pick(self, number: int) -> None:
        """Send the quick reply with this number (alt+1 is the first)."""
        buttons = list(self.query_one("#choices").query(Button))
        if 0 < number <= len(buttons) and self.query_one("#choices").display:
            self.post_message(TurnSubmitted(buttons[number - 1].name or ""))

    async def add_note(self, text: str) -> None:
        await self._add(lambda: Static(Content(text), markup=False, classes="note"))

    async def clear(self) -> None:
        self.said, self.first = [], 0
        await self.query_one("#messages", VerticalScroll).remove_children(self._messages_shown())
        await self._label_earlier()

    async def _add(self, draw: Callable[[], Widget]) -> Widget:
        messages = self.query_one("#messages", VerticalScroll)
        self.said.append(draw)
        widget = draw()
        await messages.mount(widget)
        if len(self.said) - self.first > self.WINDOW:  # a new message brings the view down: the oldest STEP go
            await messages.remove_children(self._messages_shown()[:self.STEP])
            self.first += self.STEP
            await self._label_earlier()
        messages.scroll_end(animate=False)  # a new message brings the view down again and restores the anchor
        return widget

    def _messages_shown(self) -> list[Widget]:
        return [child for child in self.query_one("#messages", VerticalScroll).children if child.id != "earlier"]

    async def _label_earlier(self) -> None:
        found = self.query("#earlier")
        if not found and self.first == 0:
            return
        if found:
            earlier = found.first(Button)
        else:
            earlier = Button("", id="earlier", compact=True)
            await self.query_one("#messages", VerticalScroll).mount(earlier, before=0)
        earlier.label = f"↑ {min(self.STEP, self.first)} earlier messages (of {self.first} not shown)"
        earlier.display = self.first > 0

    async def show_earlier(self) -> None:
        messages = self.query_one("#messages", VerticalScroll)
        start = max(0, self.first - self.STEP)
        widgets = [draw() for draw in self.said[start:self.first]]
        messages.release_anchor()
        await messages.mount_all(widgets, after=0)
        self.first = start
        await self._label_earlier()
        if widgets:
            messages.scroll_to_widget(widgets[-1], top=True, animate=False)

    def _show_start(self, message: Widget) -> None:
        """A reply taller than the view (a report) is shown from its start, not its last lines; the next
        message brings the view down again."""
        messages = self.query_one("#messages", VerticalScroll)
        if message.is_mounted and message.outer_size.height > messages.size.height:
            messages.release_anchor()
            messages.scroll_to_widget(message, top=True, animate=False, immediate=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        prompt = self.query_one(PromptInput)
        prompt.remember(event.value)
        prompt.value = ""
        self.post_message(TurnSubmitted(event.value))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "earlier":
            await self.show_earlier()
        elif event.button.has_class("choice"):
            self.post_message(TurnSubmitted(event.button.name or ""))
        self.query_one(PromptInput).focus()
