"""A transcript as Markdown: each message, each reply, and the facts behind the reply."""

from __future__ import annotations

from assistant.transcripts.schema import Recorded, Transcript


def _facts(reply: Recorded) -> list[str]:
    lines = []
    for food in reply.foods:
        if food.food is not None:
            lines.append(f"- matched '{food.text}' to {food.food.name} [{food.food.id}], {food.grams:g} g")
    if reply.totals is not None:
        t = reply.totals
        figures = [f"{name} {value:g} {unit}" for name, value, unit in (
            ("calcium", t.calcium_mg, "mg"), ("magnesium", t.magnesium_mg, "mg"), ("vitamin D", t.vitamin_d_ug, "µg"),
            ("vitamin K", t.vitamin_k_ug, "µg")) if value is not None]
        if t.ca_mg_ratio is not None:
            figures.append(f"Ca:Mg {t.ca_mg_ratio:g}")
        lines.append(f"- totals: {', '.join(figures)}")
    if reply.citations:
        lines.append(f"- cites: {', '.join(dict.fromkeys(c.source for c in reply.citations))}")
    if reply.contradictions:
        lines.append(f"- disagreements shown: {', '.join(dict.fromkeys(c.topic for c in reply.contradictions))}")
    if reply.urgent:
        lines.append("- urgent-care reply")
    return lines


def _quoted(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in text.splitlines()]


def to_markdown(transcript: Transcript) -> str:
    lines = [f"# {transcript.title or 'calmag session'}", ""]
    if transcript.calmag:
        lines += [f"Recorded with calmag {transcript.calmag}.", ""]
    for number, step in enumerate(transcript.steps, 1):
        lines += [f"## {number}. You", "", *_quoted(step.user or "(empty)"), ""]
        if step.reply is not None:
            lines += ["**calmag:**", "", step.reply.text, ""]
            facts = _facts(step.reply)
            if facts:
                lines += ["<details><summary>What this reply rests on</summary>", "", *facts, "", "</details>", ""]
    return "\n".join(lines).rstrip() + "\n"
