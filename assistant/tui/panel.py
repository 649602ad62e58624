"""The live balance panel: bars for each nutrient against target and limit, the Ca:Mg ratio against each
source's range, what was understood, and flags. It shows the engine's ``Balance``; it computes nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from assistant.engine.balance import Balance, NutrientBar

WIDTH = 20  # bar cells


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f} {unit}" if value >= 100 or unit == "mg" else f"{value:.3g} {unit}"


def bar_text(bar: NutrientBar) -> str:
    """'calcium  ███████░░░░ 705/1,000 mg' with the limit noted; plain text, never markup."""
    share = 0.0 if not bar.target or bar.total is None else min(bar.total / bar.target, 1.0)
    cells = round(share * WIDTH)
    line = f"{bar.name:<10}{'█' * cells}{'░' * (WIDTH - cells)} {_figure(bar.total, bar.unit)}"
    if bar.target:
        line += f" / {_figure(bar.target, bar.unit)}"
    if bar.upper_limit is not None:
        counted = "supplements" if bar.limit_counts_supplements_only else "all"
        line += f"\n{'':<10}limit {_figure(bar.upper_limit, bar.unit)} ({counted})"
        if bar.over_limit:
            line += "  OVER"
    if bar.missing_values:
        line += f"\n{'':<10}{bar.missing_values} food(s) without a value"
    return line


class BalancePanel(VerticalScroll):
    def compose(self) -> ComposeResult:
        yield Static("No foods or supplements yet.", id="bars", markup=False)
        yield Static("", id="ratio", markup=False)
        yield Static("", id="items", markup=False)
        yield Static("", id="flags", markup=False)

    def show(self, balance: Balance) -> None:
        self.query_one("#bars", Static).update(Content("\n".join(bar_text(b) for b in balance.bars)))
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
