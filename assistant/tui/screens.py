"""Screens over the chat: a citation's claims, the sources, help, and opening a transcript to replay."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

if TYPE_CHECKING:
    from textual.widgets import OptionList

    from knowledge.evidence.answers import Citation


class _Panel(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss_screen", "Close", id="close")]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text, self.body = title, body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title", markup=False)
            with VerticalScroll():
                yield Static(Content(self.body), markup=False, classes="dialog-body")
            yield Static("Esc to close", classes="dialog-hint", markup=False)

    def action_dismiss_screen(self) -> None:
        self.dismiss()


class TextScreen(_Panel):
    """A titled text, such as the week at a glance."""


class CitationScreen(_Panel):
    """The claims a reply cites from one source, each with the heading that locates it."""

    def __init__(self, source_id: str, claims: list[Citation]) -> None:
        from knowledge.evidence.sources import load_knowledge

        kb = load_knowledge()
        source = kb.sources.get(source_id)
        lines = [f"{source.title}\n{source.publisher} · {source.kind}\n"
                 f"{source.commercial_interest or 'no commercial interest visible'}", ""] if source else []
        for claim in claims:
            lines += [f"• {claim.text}", f"  claim {claim.claim}; in the section “{claim.heading}”", ""]
        if not claims:
            lines.append("This reply does not rest on a claim of this source.")
        super().__init__(f"[{source_id}]", "\n".join(lines).strip())


class SourcesScreen(_Panel):
    def __init__(self, used: dict[str, set[str]]) -> None:
        from knowledge.evidence.sources import load_knowledge

        kb = load_knowledge()
        lines = []
        for source in kb.sources.values():
            claims = sorted(used.get(source.id, set()))
            lines += [f"[{source.id}] {source.title}", f"  {source.publisher} · {source.kind}",
                      f"  {source.commercial_interest or 'no commercial interest visible'}",
                      f"  claims used in this session: {', '.join(claims) if claims else 'none yet'}", ""]
        super().__init__("Sources", "\n".join(lines).strip())


class HelpScreen(_Panel):
    def __init__(self, help_text: str, keys: list[tuple[str, str]]) -> None:
        listing = "\n".join(f"  {key:<10} {description}" for key, description in keys)
        super().__init__("Help", f"{help_text}\n\nKeys (all also in the command palette, ctrl+p):\n{listing}")


class OpenTranscriptScreen(ModalScreen[Path | None]):
    """Ask for the path of a transcript to replay."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Open a transcript to replay", classes="dialog-title", markup=False)
            yield Input(placeholder="path to a .json transcript", id="path")
            yield Static("Enter to open, Esc to cancel", classes="dialog-hint", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(Path(event.value.strip()).expanduser() if event.value.strip() else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class CitationsScreen(ModalScreen[str | None]):
    """The sources the newest reply cites, to open one from the keyboard (arrows or its number, then Enter)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel"),
                *(Binding(str(n), f"choose({n})", show=False) for n in range(1, 10))]

    def __init__(self, sources: list[str]) -> None:
        super().__init__()
        self.sources = sources

    def compose(self) -> ComposeResult:
        from textual.widgets import OptionList  # not needed for first paint
        from textual.widgets.option_list import Option

        from knowledge.evidence.sources import load_knowledge

        kb = load_knowledge()
        options = []
        for number, source_id in enumerate(self.sources, 1):
            source = kb.sources.get(source_id)
            options.append(Option(Content(f"{number}  [{source_id}] {source.title if source else ''}"),
                                  id=source_id))
        with Vertical(classes="dialog"):
            yield Static("Sources cited in the last reply", classes="dialog-title", markup=False)
            if options:
                yield OptionList(*options, id="cited")
            else:
                yield Static("The last reply cites no source.", markup=False)
            yield Static("Enter or a number to open, Esc to close", classes="dialog-hint", markup=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self, number: int) -> None:
        if 0 < number <= len(self.sources):
            self.dismiss(self.sources[number - 1])

    def action_cancel(self) -> None:
        self.dismiss(None)
