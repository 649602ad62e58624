"""The live balance panel: flags first, then each nutrient's bar against its target and upper limit, coloured
by where it stands with the word beside it (never colour alone), the Ca:Mg ratio against each source's range,
and what was understood. It shows the engine's ``Balance``; it computes nothing.

Below 100 columns the app is marked ``-narrow`` and the panel becomes a strip above the conversation:
the flags and one line per nutrient (the CSS hides the rest)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from assistant.engine.balance import Balance, NutrientBar

WIDTH = 18  # bar cells in the side panel: fits the narrowest panel (28 columns) with the percentage
COMPACT_WIDTH = 10
COLOUR = {"below target": "$warning", "meets target": "$success", "above upper limit": "$error",
          "nothing yet": "$text-muted", "no target": "$text-muted"}
ITEMS = 12  # the newest of what was understood, listed under the bars
SHORT = {"calcium": "Ca", "magnesium": "Mg", "vitamin D": "D", "vitamin K": "K"}


def _share(bar: NutrientBar) -> float | None:
    return None if not bar.target or bar.total is None else bar.total / bar.target


def _bar(bar: NutrientBar, width: int) -> Content:
    share = _share(bar)
    cells = round(min(share or 0.0, 1.0) * width)
    percent = "" if share is None else f" {share:.0%}"
    return Content.assemble(("█" * cells, COLOUR[bar.standing]), ("░" * (width - cells), "$text-muted"), percent)


def bar_text(bar: NutrientBar) -> Content:
    """The side panel's lines: 'calcium 705 / 1,000 mg', the bar of the share of the target with the word for
    where it stands, and the limit."""
    from assistant.engine.report import figure  # loaded by the time there is a balance to show

    target = f" / {figure(bar.target, bar.unit)}" if bar.target else ""
    lines = [Content(f"{bar.name} {'–' if bar.total is None else figure(bar.total, bar.unit)}{target}"),
             _bar(bar, WIDTH), Content.styled(bar.standing, COLOUR[bar.standing])]
    if bar.upper_limit is not None:
        counted = "supplements" if bar.limit_counts_supplements_only else "all"
        lines.append(Content(f"limit {figure(bar.upper_limit, bar.unit)} ({counted})"))
    if bar.missing_values:
        lines.append(Content(f"{bar.missing_values} food(s) without a value"))
    return Content("\n").join(lines)


def compact_line(bar: NutrientBar) -> Content:
    """One line for the narrow strip: 'Ca ██████░░░░ 71% below target 705 mg'."""
    from assistant.engine.report import figure

    total = "" if bar.total is None else f" {figure(bar.total, bar.unit)}"
    return Content.assemble(f"{SHORT.get(bar.name, bar.name):<3}", _bar(bar, COMPACT_WIDTH), " ",
                            (bar.standing, COLOUR[bar.standing]), total)


class BalancePanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("", id="flags", markup=False)
        yield Static("No foods or supplements yet.", id="bars", markup=False)
        yield Static("", id="compact", markup=False)
        yield Static("", id="ratio", markup=False)
        yield Static("", id="items", markup=False)

    def show(self, balance: Balance) -> None:
        flags = [f"! {flag}" for flag in balance.flags]
        self.query_one("#flags", Static).update(Content("\n".join(flags)))
        self.query_one("#flags").display = bool(flags)
        self.query_one("#bars", Static).update(Content("\n\n").join(bar_text(b) for b in balance.bars))
        self.query_one("#compact", Static).update(Content("\n").join(compact_line(b) for b in balance.bars))
        if balance.ratio is None:
            ratio = "Ca:Mg ratio: –"
        else:
            ranges = [f"  {r.source}: {r.low:g}–{r.high:g} {'inside' if r.inside else 'outside'}"
                      for r in balance.ranges]
            ratio = "\n".join([f"Ca:Mg ratio: {balance.ratio:.2g}:1", *ranges])
        self.query_one("#ratio", Static).update(Content(ratio))
        items = [f"• {i.said} → {i.understood}" for i in balance.items[-ITEMS:]]
        if len(balance.items) > ITEMS:  # a long day: the newest, so the panel costs the same at any length
            items.insert(0, f"({len(balance.items) - ITEMS} earlier: 'report' lists them all)")
        self.query_one("#items", Static).update(Content("\n".join(["Understood:", *items]) if items else ""))
