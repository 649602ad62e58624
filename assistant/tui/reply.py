"""A reply as one light widget: its Markdown (never Rich markup) drawn once for the width it has, by Rich's
Markdown renderer, and kept as styled lines until that width changes. A long conversation then costs the
layout one cached widget per reply, not one per Markdown block (a report has about 240), and older replies do
not make new ones slower. Each citation marker is a link that opens what the reply took from that source.
Imported on the first reply rather than at start-up: the Markdown parser is not needed for first paint."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markdown import Markdown
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from assistant.tui.messages import CitationOpened

if TYPE_CHECKING:
    from knowledge.evidence.answers import Citation

_MARKER = re.compile(r"\[((?:s\d{3}|ref-[a-z0-9-]+))\]")
DETAIL = "\n## What each source says\n"  # where an answer's per-source detail starts (knowledge.evidence.answers)
_FOLDED = "▸ What each source says (click, or F8 for the last reply)"


def cited(text: str) -> list[str]:
    """The sources a reply cites, in the order its text first cites them."""
    return list(dict.fromkeys(_MARKER.findall(text)))


class ReplyMessage(Widget):
    DEFAULT_CSS = "ReplyMessage { height: auto; }"

    def __init__(self, text: str, citations: list[Citation], urgent: bool = False) -> None:
        super().__init__(classes="reply urgent" if urgent else "reply")
        self.text, self.citations, self.urgent = text, citations, urgent
        self.sources = cited(text)
        self.folded = DETAIL in text  # an answer's detail is folded until opened
        self._drawn: tuple[int, Content, int] | None = None

    @property
    def shown(self) -> str:
        """The Markdown drawn: with the detail folded into one line until it is opened."""
        if not self.folded:
            return self.text
        before, _, after = self.text.partition(DETAIL)
        ending = after[after.find("\nSources:"):] if "\nSources:" in after else ""
        return f"{before}\n{_FOLDED}\n{ending}"

    def action_toggle_detail(self) -> None:
        if DETAIL in self.text:
            self.folded = not self.folded
            self._drawn = None
            self.refresh(layout=True)

    def _draw(self, width: int) -> tuple[Content, int]:
        if self._drawn is None or self._drawn[0] != width:
            console = Console(width=max(width, 20), color_system="truecolor", force_terminal=True, emoji=False,
                              legacy_windows=False, highlight=False)
            lines = console.render_lines(Markdown(self.shown, hyperlinks=False), pad=False, new_lines=False)
            text = Text("\n").join(Text.assemble(*((s.text, s.style or "") for s in line)) for line in lines)
            cites = {c.source for c in self.citations}
            for found in _MARKER.finditer(text.plain):  # a marker of a source it cites links to its claims
                if found[1] not in cites:
                    continue
                action = f"open_citation({found[1]!r})"  # run on this widget
                text.stylize(Style(underline=True, meta={"@click": action}), found.start(), found.end())
            if (at := text.plain.find(_FOLDED[:24])) >= 0:  # the folded line (as wrapped) opens the detail
                end = text.plain.find("\n\n", at)
                text.stylize(Style(underline=True, meta={"@click": "toggle_detail"}), at,
                             end if end >= 0 else len(text.plain))
            self._drawn = (width, Content.from_rich_text(text, console), len(lines))
        return self._drawn[1], self._drawn[2]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._draw(width)[1]

    def render(self) -> Content:
        return self._draw(self.content_region.width or self.size.width)[0]

    @property
    def plain(self) -> str:
        """What the reply shows, as text."""
        return self._draw(self.content_region.width or 76)[0].plain

    def action_open_citation(self, source: str) -> None:
        self.post_message(CitationOpened(source, [c for c in self.citations if c.source == source]))
