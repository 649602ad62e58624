"""The one format for saved conversations and scripted dialogue tests.

A transcript is a JSON document: a header and a list of steps. Each step is a user message with the
assistant's recorded reply (a saved session), expectations about the reply (a script), or both. Files are
written one step per line, so a step's line number is stable and failures can be reported as ``file:line``;
hand-edited files may spread a step over several lines (the step's first line is reported).

    {"format": "calmag-transcript", "version": 1, "title": "A vegan day",
     "steps": [
      {"user": "I'm 30, male", "expect": {"step": "diet"}},
      {"user": "tofu, 2 cups kale", "expect": {"says": ["Tofu"], "totals": {"calcium_mg": [300, 900]}}}
     ]}
"""

from __future__ import annotations

import json
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.engine.state import Reply, Step, Totals
from knowledge.evidence.answers import Citation
from knowledge.evidence.contradictions import Contradiction
from knowledge.foods.lookup import FoodResult

FORMAT: Literal["calmag-transcript"] = "calmag-transcript"
VERSION: Literal[1] = 1
TOLERANCE = 0.05  # a bare number in ``totals`` means within 5%
TOTAL_KEYS = ("calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug", "ca_mg_ratio")

MAX_PATTERN = 200
# a group holding a repeat (*, +, {n,}) that is itself repeated: the shape of catastrophic backtracking
_NESTED_REPEAT = re.compile(r"\((?:[^()\\]|\\.)*(?:[*+]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)[*+{]")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Recorded(_Strict):
    """The assistant's reply as recorded: the reply without the session state."""

    text: str
    step: Step | None
    foods: list[FoodResult] = []
    totals: Totals | None = None
    citations: list[Citation] = []
    contradictions: list[Contradiction] = []
    safety: list[str] = []
    choices: list[str] = []
    urgent: bool = False

    @classmethod
    def of(cls, reply: Reply) -> Recorded:
        return cls.model_validate(reply.model_dump())


class Expect(_Strict):
    """What a reply must show. Only the fields a script sets are checked."""

    says: list[str] = []  # fragments the text contains (case-insensitive)
    says_not: list[str] = []
    matches: list[str] = []  # regular expressions searched in the text
    step: Step | None = None  # checked only when given (null: the intake is over)
    foods: list[str] = []  # foods understood this turn: SR28 ids or fragments of their names, in order
    food_count: int | None = None
    totals: dict[str, float | tuple[float, float] | None] = {}  # a value (within 5%), [low, high], or null
    citations: list[str] = []  # source ids or claim ids the reply cites
    contradictions: list[str] = []  # topics of disagreements shown
    safety: list[str] = []  # fragments of safety notes
    urgent: bool | None = None
    choices: list[str] = []

    @field_validator("totals")
    @classmethod
    def _known_keys(cls, value: dict) -> dict:
        unknown = set(value) - set(TOTAL_KEYS)
        if unknown:
            raise ValueError(f"unknown totals {sorted(unknown)}; use {', '.join(TOTAL_KEYS)}")
        return value

    @field_validator("matches")
    @classmethod
    def _patterns_compile(cls, value: list[str]) -> list[str]:
        """A pattern must compile and be safe to run on any reply: short, and no repeated group that itself
        repeats (``([\\s\\S]*)*!`` takes exponential time when it fails)."""
        for pattern in value:
            if len(pattern) > MAX_PATTERN:
                raise ValueError(f"a pattern of {len(pattern):,} characters; at most {MAX_PATTERN}")
            if _NESTED_REPEAT.search(pattern):
                raise ValueError(f"pattern {pattern[:40]!r} repeats a group that repeats; it could run for ever")
            try:
                re.compile(pattern)
            except re.error as error:
                raise ValueError(f"pattern {pattern[:40]!r} is not a regular expression ({error})") from None
        return value


class TranscriptStep(_Strict):
    user: str
    reply: Recorded | None = None
    expect: Expect | None = None
    line: int = Field(default=0, exclude=True)  # where the step starts in its file


class Transcript(_Strict):
    format: Literal["calmag-transcript"] = FORMAT
    version: Literal[1] = VERSION
    title: str = ""
    calmag: str = ""  # the version that recorded it
    steps: list[TranscriptStep]

    def dumps(self) -> str:
        """JSON with one step per line."""
        header = self.model_dump(exclude={"steps"})
        head = json.dumps(header, ensure_ascii=False)[:-1]
        steps = ",\n".join(" " + json.dumps(s.model_dump(mode="json", exclude_unset=True), ensure_ascii=False)
                           for s in self.steps)
        return f'{head},\n "steps": [\n{steps}\n ]}}\n'


def check(expect: Expect, reply: Reply) -> list[str]:
    """What in ``reply`` does not meet ``expect``; empty when all holds."""
    problems: list[str] = []
    text = reply.text.casefold()
    problems += [f"reply does not say {s!r}" for s in expect.says if s.casefold() not in text]
    problems += [f"reply says {s!r}" for s in expect.says_not if s.casefold() in text]
    problems += [f"reply does not match /{p}/" for p in expect.matches if not re.search(p, reply.text)]
    if "step" in expect.model_fields_set and expect.step != reply.step:
        problems.append(f"step is {reply.step!r}, expected {expect.step!r}")
    foods = [f.food for f in reply.foods if f.food]
    cursor = 0
    for wanted in expect.foods:
        hit = next((i for i in range(cursor, len(foods)) if wanted == foods[i].id
                    or wanted.casefold() in foods[i].name.casefold()), None)
        if hit is None:
            problems.append(f"no food {wanted!r} (in order) among {[f.name for f in foods]}")
        else:
            cursor = hit + 1
    if expect.food_count is not None and expect.food_count != len(foods):
        problems.append(f"{len(foods)} foods understood, expected {expect.food_count}")
    for key, expected in expect.totals.items():
        got = getattr(reply.totals, key) if reply.totals else None
        if expected is None or got is None:
            if expected != got:
                problems.append(f"total {key} is {got}, expected {expected}")
            continue
        low, high = (expected if isinstance(expected, tuple)
                     else (expected * (1 - TOLERANCE), expected * (1 + TOLERANCE)))
        if not low <= got <= high:
            problems.append(f"total {key} is {got:g}, expected {low:g} to {high:g}")
    cited = {c.source for c in reply.citations} | {c.claim for c in reply.citations}
    problems += [f"does not cite {c}" for c in expect.citations if c not in cited]
    topics = {c.topic for c in reply.contradictions}
    problems += [f"no disagreement shown on {t}" for t in expect.contradictions if t not in topics]
    safety = " ".join(reply.safety).casefold()
    problems += [f"no safety note with {s!r}" for s in expect.safety if s.casefold() not in safety]
    if expect.urgent is not None and expect.urgent != reply.urgent:
        problems.append(f"urgent is {reply.urgent}, expected {expect.urgent}")
    problems += [f"no quick reply {c!r} among {reply.choices}" for c in expect.choices if c not in reply.choices]
    return problems


def differences(recorded: Recorded, reply: Reply) -> list[str]:
    """How today's ``reply`` differs from the ``recorded`` one, field by field."""
    now = Recorded.of(reply).model_dump()
    then = recorded.model_dump()
    return [f"{field} differs" if field != "text" else "text differs" for field in then if then[field] != now[field]]
