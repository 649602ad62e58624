"""Slips of typing in the words the intake readers listen for ("magnesuim", "Caltrtae", "leg crapms", "once
weelky", "when i remmeber"), put right once, before any reader sees the message: one mechanism for every
reader (products, doses, labs, medicines, symptoms), instead of a fuzzy match in each.

A word is put right when it is no word of English, of the food table or of the intake's vocabulary, and exactly
one vocabulary word is one slip away (a letter added, dropped, changed, or two swapped: Damerau-Levenshtein
distance 1) with the same first letter, which typists seldom get wrong. The vocabulary is every word of five
letters or more in the intake's data files and in the supplement reader's nutrient and form patterns, so a word
added to the data is spelt right with no change here.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.intake.supplements import vocabulary_patterns
from knowledge.text import english_words, fold

MIN_LETTERS = 5  # a shorter word has too many neighbours one slip away ("tums", "tabs", "caps")
INTAKE_FILES = ("intake.toml", "products.toml", "doses.toml", "labs.toml")
FOOD_FILES = ("food_words.toml", "dishes.toml", "portions.toml", "day_words.toml", "units.toml", "reading.toml")
_WORD = re.compile(r"[^\W\d_]+")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _words_of(files: tuple[str, ...]) -> set[str]:
    texts: list[str] = []
    for name in files:
        texts.extend(_strings(tomllib.loads(resources.files("knowledge").joinpath(f"data/{name}").read_text("utf-8"))))
    return {w for text in texts for w in _WORD.findall(fold(text)) if len(w) >= MIN_LETTERS}


@cache
def _vocabulary() -> dict[str, list[str]]:
    """The intake's words of five letters or more, by first letter."""
    patterns = {w for pattern in vocabulary_patterns() for w in _WORD.findall(pattern) if len(w) >= MIN_LETTERS}
    found = _words_of(INTAKE_FILES) | patterns
    by_initial: dict[str, list[str]] = defaultdict(list)
    for word in sorted(found):
        by_initial[word[0]].append(word)
    return dict(by_initial)


@cache
def _food_words() -> frozenset[str]:
    """Words of the food side's data (dishes, everyday food names, portions): "cacık" is a dish, no slip."""
    return frozenset(_words_of(FOOD_FILES))


def _right(word: str, known: Callable[[str], bool]) -> str | None:
    """The vocabulary word ``word`` is one slip from, if it is a slip and only one word is that close."""
    folded = fold(word)
    if len(folded) < MIN_LETTERS or not folded.isalpha():
        return None
    bucket = _vocabulary().get(folded[0], [])
    if folded in bucket or folded in english_words() or folded in _food_words() or known(folded):
        return None
    close = process.extract(folded, bucket, scorer=DamerauLevenshtein.distance, score_cutoff=1, limit=2)
    return close[0][0] if len(close) == 1 else None


def spelled_right(text: str, known: Callable[[str], bool] = lambda word: False) -> tuple[str, dict[str, str]]:
    """``text`` with the intake's words typed with a slip spelt right, and the fixes made. ``known``: whether a
    word is one to leave alone for another reason (a word of the food table: "kefir" is no slip of anything)."""
    fixes: dict[str, str] = {}

    def fix(found: re.Match[str]) -> str:
        word = found.group(0)
        right = _right(word, known)
        if right is None:
            return word
        fixes[word] = right
        return right

    return _WORD.sub(fix, text), fixes
