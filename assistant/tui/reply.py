"""A reply, rendered as Markdown (never Rich markup) with its citation markers as links. Imported on the first
reply rather than at start-up: the Markdown parser is not needed for first paint."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.widgets import Markdown

from assistant.tui.messages import CitationOpened

if TYPE_CHECKING:
    from assistant.engine import Reply

_MARKER = re.compile(r"\[((?:s\d{3}|ref-[a-z0-9-]+))\](?!\()")


def linked(text: str) -> str:
    """Reply Markdown with each citation marker made a link: [s000] -> [[s000]](cite:s000)."""
    return _MARKER.sub(lambda m: f"[\\[{m.group(1)}\\]](cite:{m.group(1)})", text)


class ReplyMessage(Markdown):
    def __init__(self, reply: Reply) -> None:
        super().__init__(linked(reply.text), open_links=False, classes="reply urgent" if reply.urgent else "reply")
        self.reply = reply

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        if event.href.startswith("cite:"):
            self.post_message(CitationOpened(event.href.removeprefix("cite:"), self.reply))


