"""A transcript as Markdown: each message, each reply, and the facts behind the reply."""

from __future__ import annotations

from assistant.transcripts.schema import Recorded, Transcript
from knowledge.text import CONTROL as _CONTROL


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


def _without_escapes(transcript: Transcript) -> Transcript:
    """The transcript with control and escape sequences removed from what the person typed and from the
    replies (sessions saved before text was cleaned at the edge kept them raw), so a Markdown export never
    writes a clipboard, title or screen-clearing sequence to a terminal. JSON escapes them by itself."""
    steps = []
    for step in transcript.steps:
        reply = step.reply.model_copy(update={"text": _CONTROL.sub(" ", step.reply.text)}) if step.reply else None
        steps.append(step.model_copy(update={"user": _CONTROL.sub(" ", step.user), "reply": reply}))
    title = transcript.title and _CONTROL.sub(" ", transcript.title)
    return transcript.model_copy(update={"steps": steps, "title": title})


def to_markdown(transcript: Transcript) -> str:
    transcript = _without_escapes(transcript)
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
