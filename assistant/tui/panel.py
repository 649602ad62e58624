"""The live balance panel: bars for each nutrient against target and limit, the Ca:Mg ratio against each
source's range, what was understood, and flags. It shows the engine's ``Balance``; it computes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from assistant.engine.balance import Balance, NutrientBar

WIDTH = 18  # bar cells: fits the narrowest panel (28 columns) with the percentage


def bar_text(bar: NutrientBar) -> str:
    """Three short lines, plain text: 'calcium 705 / 1,000 mg', a bar of the share of the target, the limit."""
    from assistant.engine.report import figure  # loaded by the time there is a balance to show

    share = None if not bar.target or bar.total is None else bar.total / bar.target
    cells = round(min(share or 0.0, 1.0) * WIDTH)
    target = f" / {figure(bar.target, bar.unit)}" if bar.target else ""
    lines = [f"{bar.name} {'–' if bar.total is None else figure(bar.total, bar.unit)}{target}",
             f"{'█' * cells}{'░' * (WIDTH - cells)} {'' if share is None else f'{share:.0%}'}"]
    if bar.upper_limit is not None:
        counted = "supplements" if bar.limit_counts_supplements_only else "all"
        lines.append(f"limit {figure(bar.upper_limit, bar.unit)} ({counted}){'  OVER' if bar.over_limit else ''}")
    if bar.missing_values:
        lines.append(f"{bar.missing_values} food(s) without a value")
    return "\n".join(lines)


class BalancePanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("No foods or supplements yet.", id="bars", markup=False)
        yield Static("", id="ratio", markup=False)
        yield Static("", id="items", markup=False)
        yield Static("", id="flags", markup=False)

    def show(self, balance: Balance) -> None:
        self.query_one("#bars", Static).update(Content("\n\n".join(bar_text(b) for b in balance.bars)))
        if balance.ratio is None:
            ratio = "Ca:Mg ratio: –"
        else:
            ranges = [f"  {r.source}: {r.low:g}–{r.high:g} {'inside' if r.inside else 'outside'}"
                      for r in balance.ranges]
            ratio = "\n".join([f"Ca:Mg ratio: {balance.ratio:.2g}:1", *ranges])
        self.query_one("#ratio", Static).update(Content(ratio))
        items = [f"• {i.said} → {i.understood}" for i in balance.items]
        self.query_one("#items", Static).update(Content("\n".join(["Understood:", *items]) if items else ""))
        flags = [f"! {flag}" for flag in balance.flags]
        self.query_one("#flags", Static).update(Content("\n".join(flags)))
        self.query_one("#flags").display = bool(flags)
