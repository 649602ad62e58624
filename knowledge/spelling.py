"""Slips of typing put right once per message, before any reader sees it ("magnesuim", "Caltrtae", "leg crapms",
"once weelky", "salomn", "a cheese sanwdich"): one mechanism for every reader (foods, dishes, products, doses,
labs, medicines, symptoms), instead of a fuzzy match in each.

A word is put right when it is no word of English and none of the readers' vocabulary, and exactly one
vocabulary word is one slip away (a letter added, dropped, changed, or two swapped: Damerau-Levenshtein distance
1) with the same first letter, which typists seldom get wrong. The vocabulary is every word of five letters or
more in the data files the readers use, the supplement reader's nutrient and form patterns, and SR28's food
names, so a word added to the data is spelt right with no change here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.data_files import data_file
from knowledge.text import english_words, fold

MIN_LETTERS = 5  # a shorter word has too many neighbours one slip away ("tums", "tabs", "caps")
DATA_FILES = ("intake.toml", "products.toml", "doses.toml", "labs.toml", "food_words.toml", "dishes.toml",
              "portions.toml", "day_words.toml", "units.toml", "reading.toml")
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


def words_of(texts: Iterable[str]) -> set[str]:
    """The words of ``texts`` long enough to be spelt right, folded."""
    return {w for text in texts for w in _WORD.findall(fold(text)) if len(w) >= MIN_LETTERS}


@cache
def data_words() -> frozenset[str]:
    """The words of the readers' data files and of the supplement reader's patterns."""
    from knowledge.intake.supplements import vocabulary_patterns  # only when the index is built: `calmag food`
    # reads no supplement

    texts: list[str] = list(vocabulary_patterns())
    for name in DATA_FILES:
        texts.extend(_strings(data_file(name)))
    return frozenset(words_of(texts))


class Speller:
    """Puts right the words of a message that are one slip from exactly one word of ``vocabulary``."""

    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.vocabulary = frozenset(vocabulary)
        by_initial: dict[str, list[str]] = defaultdict(list)
        for word in sorted(self.vocabulary):
            by_initial[word[0]].append(word)
        self._by_initial = dict(by_initial)

    def right(self, word: str) -> str | None:
        """The vocabulary word ``word`` is one slip from, if it is a slip and only one word is that close."""
        folded = fold(word)
        if len(folded) < MIN_LETTERS or not folded.isalpha() or folded in self.vocabulary:
            return None
        close = process.extract(folded, self._by_initial.get(folded[0], []), scorer=DamerauLevenshtein.distance,
                                score_cutoff=1, limit=2)
        # the English list is loaded only when a word is that close to one of ours: most messages have none
        return close[0][0] if len(close) == 1 and folded not in english_words() else None

    def fix(self, text: str) -> tuple[str, dict[str, str]]:
        """``text`` with its slips put right, and the fixes made."""
        fixes: dict[str, str] = {}

        def fixed(found: re.Match[str]) -> str:
            word = found.group(0)
            right = self.right(word)
            if right is None:
                return word
            fixes[word] = right
            return right

        return _WORD.sub(fixed, text), fixes
