"""Situations that need a clinician promptly, beyond REFERENCE.md's urgent signs: a child who has swallowed
supplements, an overdose, bleeding on a blood thinner and the others. Every urgent word has one home, the
urgent-care section of ``data/intake.toml``: its red flags (the signs, read by the mentions reader the intake uses)
and its ``[[situation]]`` list, read here. ``answers.urgent_signs`` reads both, so the chat, the intake and
``calmag ask`` share one triage.

A situation is named when one sentence of a message holds a word or phrase of each of its lists. A sentence
with a negation ("no blood in my urine") or that only supposes it ("if I start K2 on warfarin, will I bleed?")
names none.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field

from knowledge.text import fold

_SENTENCE = re.compile(r"[.;!?\n]+|\bbut\b|\bhowever\b")
_TOKEN = re.compile(r"[a-z0-9]+")
_NEGATIONS = frozenset({"no", "not", "never", "dont", "doesnt", "didnt", "isnt", "arent", "havent", "hasnt",
                        "without", "none", "nothing"})
_SUPPOSED = frozenset({"if", "will", "would", "might", "risk", "risks", "chance", "prevent", "avoid", "ever"})


class Situation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str  # as the urgent answer names it: "What you describe (...)"
    claim: str  # the safety rule it rests on
    advice: str = ""  # a sentence of its own to add (who else to call)
    all: list[list[str]] = Field(min_length=2)  # a word or phrase of each list, in one sentence


@cache
def situations() -> tuple[Situation, ...]:
    text = resources.files("knowledge").joinpath("data/intake.toml").read_text("utf-8")
    return tuple(Situation.model_validate(entry) for entry in tomllib.loads(text)["situation"])


@cache
def _words(phrase: str) -> list[str]:
    return _TOKEN.findall(fold(phrase))


def _holds(tokens: list[str], said: frozenset[str], phrase: str) -> bool:
    words = _words(phrase)
    if not words or words[0] not in said:  # most phrases share no word with a sentence: no window to look at
        return False
    return any(tokens[i:i + len(words)] == words for i in range(len(tokens) - len(words) + 1))


def urgent_situations(text: str) -> list[Situation]:
    """The situations ``text`` describes, in the file's order."""
    sentences = [(tokens, frozenset(tokens)) for part in _SENTENCE.split(fold(text))
                 if (tokens := _TOKEN.findall(part)) and not (_NEGATIONS | _SUPPOSED) & set(tokens)]
    return [situation for situation in situations()
            if any(all(any(_holds(tokens, said, phrase) for phrase in group) for group in situation.all)
                   for tokens, said in sentences)]
