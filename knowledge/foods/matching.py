"""Free-text food names matched against every food in SR28.

How a phrase is ranked, in short:
1. Words are folded, singularised and spell-checked against SR28's own vocabulary with rapidfuzz; everyday and
   British words gain the SR28 words they stand for (``data/food_words.toml``).
2. An inverted index gives the foods that share informative words with the phrase (weighted by rarity).
3. Each candidate is scored on how much of the phrase it covers, whether the phrase names what the food *is*
   (the head of SR28's "Head, variety, preparation" names, so "milk" is not "Cheese, mozzarella, whole milk"),
   how close the names are (rapidfuzz), preparation state, and a few priors that prefer plain foods: survey
   (FNDDS) foods, no brand, not baby, fast or restaurant food unless asked for.
4. The result is ambiguous when a close runner-up differs in what matters here: calcium or magnesium.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from pydantic import BaseModel, ConfigDict, field_validator
from rapidfuzz import fuzz, process

from knowledge.data_files import data_file
from knowledge.foods.table import Food, FoodTable, gc_paused, load_food_table
from knowledge.spelling import DATA_FILES, Speller, data_words, words_of
from knowledge.text import english_words, stem, words

# First segments of SR28 names that say which shelf a food is on rather than what it is
# ("Fish, salmon, ..." is salmon; "Nuts, almonds" is almonds).
CATEGORY_HEADS = {
    "fish", "nuts", "seeds", "cheese", "cereals", "cereals ready-to-eat", "beverages", "alcoholic beverage",
    "spices", "crustaceans", "mollusks", "snacks", "babyfood", "restaurant", "fast foods", "game meat",
    "candies", "infant formula", "formulated bar",
}
STOP = {"and", "or", "with", "without", "to", "of", "the", "in", "a", "an", "include", "includes", "all", "ns",
        "as", "for", "on", "from", "type", "made", "my", "some", "any", "bit", "little", "lot", "lots", "plus",
        "over", "through", "during", "until", "till", "after", "before", "at",  # "a pint of milk over the day"
        "de", "del", "di", "du", "con", "la", "le", "el", "al"}  # "bocadillo de jamon", "cafe con leche"
# Words that say how a food was cut or handled but not what it is; they never need to match.
HANDLING = {"chopped", "sliced", "diced", "cubed", "shredded", "peeled", "crushed", "organic", "homemade",
            "fresh", "free", "range", "freshly", "leftover", "warm", "hot", "cold", "iced", "chilled",
            "plain", "natural", "chunk", "cup", "glass", "bowl", "piece", "serving", "portion", "handful",
            "takeaway", "takeout", "shop", "bought", "delivery",
            "floret", "fillet", "filet", "breakfast", "lunch", "dinner", "snack", "morning", "evening", "day"}

# Preparation states. A phrase that names one prefers foods in that state and avoids the opposite class.
STATE_WORDS: dict[str, set[str]] = {
    "raw": {"raw", "uncooked", "fresh"},
    "cooked": {"cooked", "boiled", "steamed", "baked", "roasted", "grilled", "broiled", "fried", "poached",
               "scrambled", "stewed", "braised", "microwaved", "toasted", "heat", "prepared", "sauteed",
               "pan", "hard", "simmered"},
    "canned": {"canned", "tinned"},
    "frozen": {"frozen"},
    "dried": {"dried", "dry", "dehydrated"},
}
# What a query state word should find in SR28 names (SR28 says "cooked, boiled" where people say "steamed").
STATE_SYNONYMS: dict[str, set[str]] = {
    "steamed": {"steamed", "boiled", "cooked"}, "boiled": {"boiled", "cooked"},
    "grilled": {"grilled", "broiled", "heat", "roasted"}, "broiled": {"broiled", "heat"},
    "baked": {"baked", "roasted", "heat"}, "roasted": {"roasted", "baked", "heat"}, "roast": {"roasted", "baked"},
    "fried": {"fried", "pan"}, "cooked": {"cooked", "boiled", "baked", "roasted", "heat", "prepared"},
    "poached": {"poached"}, "scrambled": {"scrambled"}, "toasted": {"toasted"}, "microwaved": {"microwaved"},
    "stewed": {"stewed"}, "braised": {"braised"}, "simmered": {"simmered", "boiled", "cooked"}, "raw": {"raw"},
    "fresh": {"raw", "fresh"}, "uncooked": {"raw", "dry"},
    "canned": {"canned"}, "tinned": {"canned"}, "frozen": {"frozen"}, "dried": {"dried", "dry"},
    "dry": {"dry", "dried"}, "hard": {"hard"}, "sauteed": {"cooked"},
}
_STATE_CLASS = {word: cls for cls, ws in STATE_WORDS.items() for word in ws}
# Food groups people almost always eat cooked: grains and pasta, legumes, meat, sausages, poultry and fish.
EATEN_COOKED = {"0500", "0700", "1000", "1300", "1500", "1600", "1700", "2000"}
# Groups whose foods are kept dry as a matter of course (nuts, seeds, cereals). Spices are dried too, but an
# unqualified herb in a dish is as likely fresh ("1/4 cup chopped cilantro"), so they are not let off.
DRY_BY_NATURE = {"0800", "1200"}
SPICES = "0200"
# Groups that are seldom what a person means unless they say so.
SPECIAL_GROUPS = {"0300": "baby", "2100": "fast", "2200": "meal", "3500": "alaska native indian",
                  "3600": "restaurant"}

SYNONYM_SHARE = 0.85  # a food covering a word only through a synonym ("onion" for "scallion") covers this much
MEMO_SIZE = 4096  # phrases whose match is kept
STATE_MATCH = 6.0  # score points for a food in the preparation the phrase names ("fried" egg)
SHORTLIST = 25  # candidates scored in full, after a rough score (coverage, head, default, brand, group)
POOL = 100  # candidates scored in full, of those covering most of the phrase
HEAD_WEIGHT = 2.0  # how much more the phrase's last word counts towards coverage than the words before it
UNLIKELY = 10.0  # score points off a food named with a qualifier nobody means unasked (human milk, meatless)
DEFAULT = 15.0  # score points for the plain form of a general food word ("rice": white long-grain rice)
BRAND = 12.0  # score points off a branded food the phrase does not name the brand of
OTHER_FOOD = 25.0  # score points off for each food the phrase names as a modifier and the candidate lacks
AMBIGUITY_MARGIN = 5.0  # score points
PREPARATION_MARGIN = 3.0  # extra points for a runner-up in another preparation when none was named
MATERIAL_DIFFERENCE = 0.25  # relative difference in calcium or magnesium that makes a runner-up matter
MATERIAL_MG = 10.0  # and by at least this much per 100 g: 2 mg against 3 mg of calcium is not worth a question
ENDINGS = ("ed", "d", "y", "ly", "es", "s")  # endings that make a word of a food word and keep its food ("minty")


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def remembered(store: dict[K, V], key: K, make: Callable[[], V]) -> V:
    """``store[key]``, made the first time it is asked for; the store is emptied when it holds ``MEMO_SIZE``
    entries, so that a long session keeps the recent ones and no more."""
    if key not in store:
        if len(store) >= MEMO_SIZE:
            store.clear()
        store[key] = make()
    return store[key]


@dataclass(frozen=True, slots=True)
class _Entry:
    tokens: frozenset[str]  # every word of the name, for coverage
    heads: tuple[frozenset[str], ...]  # what the food is, one set per way SR28 names it
    category: frozenset[str]
    qualifiers: frozenset[str]  # words after the head, outside parentheses
    head_text: str
    states: frozenset[str]
    brand: bool
    brand_words: frozenset[str]
    salted: bool
    plain: bool
    measures: int


@dataclass
class _Query:
    """A phrase as the matcher reads it: for each content word its alternatives (the word, words joined with
    it, its synonyms) and weight; the wanted preparation states; the head (the last word's alternatives); the
    words before it that name foods of their own ("OAT milk", "CHICKEN pie")."""

    groups: list[set[str]] = field(default_factory=list)
    primary: list[set[str]] = field(default_factory=list)  # per group, the word itself and words joined with it
    weights: list[float] = field(default_factory=list)
    states: set[str] = field(default_factory=set)
    corrections: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    named: bool = False  # the phrase was a name SR28 spells otherwise ("crisps"), read in SR28's words
    named_as: str = ""  # ... and those words
    head: set[str] = field(default_factory=set)
    naming: list[set[str]] = field(default_factory=list)
    default: frozenset[str] = frozenset()  # the words of the plain form of a general food word ("rice")


@dataclass(frozen=True)
class Candidate:
    food: Food
    score: float


@dataclass(frozen=True)
class MatchResult:
    query: str
    understood: str  # the words used after spelling fixes, for showing back
    corrections: dict[str, str] = field(default_factory=dict)
    unknown_words: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()
    ambiguous_with: tuple[Candidate, ...] = ()  # the runners-up worth asking about
    named: bool = False  # read through a name in food_words.toml [names]
    named_as: str = ""  # ... the phrase in SR28's words ("roast chicken veg": "roast chicken mixed vegetables")
    states_named: bool = False  # the phrase says how the food was prepared or kept ("baked", "raw", "tinned")

    @property
    def ambiguous(self) -> bool:
        return bool(self.ambiguous_with)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None

    def names_all(self, text: str, states_as_named: bool = False,
                  synonyms: dict[str, list[str]] | None = None) -> bool:
        """Whether the best match names every content word of ``text`` ("pumpkin seeds" in "Seeds, pumpkin and
        squash"), or ``text`` was read through a name SR28 spells otherwise ("toast"). With ``states_as_named``
        a preparation word counts as named by SR28's word for it ("roasted" sweet potato: "baked"); with
        ``synonyms`` (the lexicon's), a word counts as named by one of its synonyms ("prawn": "shrimp")."""
        if self.best is None:
            return False
        if self.named:  # "toast" is "toasted bread", but "roast chicken veg" is not mixed vegetables alone
            text = self.named_as or text
        name = {stem(w) for w in words(f"{self.best.food.name} {self.best.food.common_names}")}
        said = ["", *(stem(w) for w in words(text) if w.isalpha() and w not in STOP), ""]
        # a word the name has joined to the next or the last ("chick peas": "Chickpeas") is named
        return all(w in name or stem(w + after) in name or stem(before + w) in name
                   or (states_as_named and STATE_SYNONYMS.get(w, set()) & name)
                   or bool(synonyms and set(synonyms.get(w, ())) & name)
                   for before, w, after in zip(said, said[1:], said[2:], strict=False))

    @property
    def corrections_used(self) -> dict[str, str]:
        """The spelling fixes the best match rests on (a fix to a word the match does not have did not help)."""
        if not self.best:
            return {}
        name = {stem(w) for w in words(f"{self.best.food.name} {self.best.food.common_names}")}
        return {typed: fixed for typed, fixed in self.corrections.items() if fixed in name}


class RulesOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    groups: list[str]
    words: list[str] = []


class Lexicon(BaseModel):
    """``data/food_words.toml``, validated: everyday words and names mapped to SR28's, and the qualifier lists."""

    model_config = ConfigDict(extra="forbid")

    synonyms: dict[str, list[str]]
    names: dict[str, str]
    defaults: dict[str, str]
    plural_defaults: dict[str, str]  # "peppers" is not "pepper"
    marked: dict[str, list[str]]
    unlikely: dict[str, list[str]]
    modifiers: dict[str, list[str]]
    eaten_cooked: dict[str, list[str]]
    rules_out: dict[str, RulesOut]  # "vegan": the SR28 food groups and name words a food said so cannot have

    @field_validator("names", "defaults", "plural_defaults")
    @classmethod
    def _folded_keys(cls, table: dict[str, str]) -> dict[str, str]:
        return {_key(k): v for k, v in table.items()}


def _key(text: str) -> str:
    """A phrase as the names and defaults tables are keyed: folded and singular ("fizzy drinks")."""
    return " ".join(stem(w) for w in words(text))


@cache
def _lexicon() -> Lexicon:
    return Lexicon.model_validate(data_file("food_words.toml"))


def _stems(items: list[str]) -> frozenset[str]:
    return frozenset(stem(w) for w in items)


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    """Content words, singular. Food names repeat their segments ("raw", "cooked, boiled"), so it is cached."""
    return tuple(stem(w) for w in _free_joined(words(text)) if w not in STOP)


def _free_joined(said: list[str]) -> list[str]:
    """"gluten free", "gluten-free" as one word, "glutenfree": what a food is without, which must not match a
    name that has it ("Bread, protein (includes gluten)"). Not after a small word: "a free range egg"."""
    joined: list[str] = []
    for word in said:
        if word == "free" and joined and joined[-1].isalpha() and joined[-1] not in STOP:
            joined[-1] += "free"
        else:
            joined.append(word)
    return joined


def _split_name(name: str) -> tuple[list[str], list[str]]:
    """SR28 name -> (comma segments without parentheses, parenthetical names). "(includes ...)" lists
    contents, not names, so it is left out of the names."""
    inner = [g for g in re.findall(r"\(([^)]*)\)", name) if not g.lower().startswith("include")]
    outer = re.sub(r"\([^)]*\)", " ", name)
    segments = [s.strip() for s in outer.split(",") if s.strip()]
    parts = [p.strip() for group in inner for p in group.split(",") if p.strip()]
    return segments, parts


_WITHOUT = re.compile(r"\bwithout\b[^,(]*|\bwith (?:added )?salt\b|\bsalt added\b", re.I)
_BRAND_WORD = re.compile(r"\b[A-Z][A-Z'&.]{2,}\b")


def _unbranded(segment: str) -> str:
    """SR28 writes brand names in capitals ("KELLOGG'S Corn Flakes"); they say who made it, not what it is."""
    return _BRAND_WORD.sub(" ", segment).strip()


def _product(name: str) -> str | None:
    """A product SR28 names only in capitals after its shelf and maker ("..., GENERAL MILLS, CHEERIOS"): the
    last of the all-capital segments that lead the name after its first segment."""
    segments, _ = _split_name(name)
    run = []
    for segment in segments[1:]:
        if _unbranded(segment).strip(" '&.-"):
            break
        run.append(segment)
    if not run:
        return None
    # "KELLOGG, KELLOGG'S RAISIN BRAN" is Raisin Bran: the maker said again before the product is not its name
    makers = {w.lower().removesuffix("'s") for segment in run[:-1] for w in segment.split()}
    said = run[-1].split()
    while len(said) > 1 and said[0].lower().removesuffix("'s") in makers:
        said.pop(0)
    return " ".join(said)


def _entry(food: Food) -> _Entry:
    segments, parts = _split_name(food.name)
    segments = [u for u in map(_unbranded, segments) if u] or segments
    category: frozenset[str] = frozenset()
    head_at = 0
    if len(segments) > 1 and segments[0].lower() in CATEGORY_HEADS:
        category, head_at = frozenset(_tokens(segments[0])), 1
    heads = [frozenset(_tokens(segments[head_at]))] if segments else []
    heads.extend(frozenset(_tokens(p)) for p in parts)
    variants: frozenset[str] = frozenset()
    if product := _product(food.name):  # "Cereals ready-to-eat, GENERAL MILLS, CHEERIOS" is Cheerios
        heads.append(frozenset(_tokens(product)))
        # ... and "CHEERIOS, Chocolate" is a kind of Cheerios: the plain words after the product are its variant
        named = _split_name(food.name)[0]
        after = named[next(i for i, segment in enumerate(named) if segment.endswith(product)) + 1:]
        variants = frozenset(t for v in after if not _BRAND_WORD.search(v) for t in _tokens(v))
        heads = [h for h in heads if not h <= variants] or heads
    heads.extend(frozenset(_tokens(c)) for c in food.common_names.split(","))
    qualifiers = frozenset(t for s in segments[head_at + 1:] for t in _tokens(s)) | variants
    # what a food is without ("Peppers, cooked, without salt") is not what it is
    tokens = frozenset(_tokens(_WITHOUT.sub(" ", food.name))) | frozenset(_tokens(food.common_names))
    return _Entry(
        tokens=tokens,
        heads=tuple(h for h in heads if h),
        category=category,
        qualifiers=qualifiers,
        # a product named only in capitals is what the food is: "KELLOGG'S RAISIN BRAN", not "Cereals ready-to-eat"
        head_text=" ".join(_tokens(product if product and segments[head_at].lower() in CATEGORY_HEADS
                                   else segments[head_at])) if segments else "",
        # "dry heat", "dry-roasted" are ways of cooking, not a dried food
        states=frozenset(w for w in words(re.sub(r"\bdry[- ](?=heat|roast)", "", food.name, flags=re.I))
                         if w in _STATE_CLASS),
        brand=bool(_BRAND_WORD.search(food.name)),
        brand_words=frozenset(t for b in _BRAND_WORD.findall(food.name) for t in _tokens(b)),
        salted=bool(re.search(r"\bwith (?:added )?salt\b|\bsalted\b|\bsalt added\b", food.name, re.I)),
        plain="plain" in words(food.name),
        measures=len(food.measures),
    )


class FoodMatcher:
    """Ranks SR28 foods for a food phrase. Build once per table (``food_matcher()``); matching is read-only."""

    def __init__(self, table: FoodTable, index: dict[str, Any] | None = None) -> None:
        """Build the index from the table, or take it from ``index`` (what ``index_data`` returned for the same
        table, lexicon and code): then each food's entry is only worked out when a phrase reaches it."""
        self.table = table
        self._entries: list[_Entry | None] = [None] * len(table.foods)
        self._memo: dict[tuple[str, frozenset[str], int], MatchResult] = {}
        self._corrected: dict[str, str | None] = {}  # unknown words and their spelling corrections
        self._spelt_words: list[str] | None = None  # the speller's words, when the index brings them
        lexicon = _lexicon()
        self.synonyms = {stem(k): [stem(w) for w in v] for k, v in lexicon.synonyms.items()}
        self.names = lexicon.names
        self.joined_names = tuple(k for k in self.names if re.search(r"\b(?:and|with|n)\b", k))
        self.defaults = {k: frozenset(_tokens(v)) for k, v in lexicon.defaults.items()}
        self.plural_defaults = {k: frozenset(_tokens(v)) for k, v in lexicon.plural_defaults.items()}
        self.unlikely = _stems(lexicon.unlikely["words"])
        by_last = set(lexicon.unlikely.get("named_by_last_word", []))
        self.unlikely_segments = tuple((f", {s.lower()}", frozenset(_tokens(s)[-1:] if s in by_last else _tokens(s)))
                                       for s in lexicon.unlikely.get("segments", []))
        self.modifier_foods = _stems(lexicon.modifiers["foods"])
        self.not_foods = _stems(lexicon.modifiers["not_foods"])
        self.made_of = _stems(lexicon.modifiers["made_of"])
        self.eaten_cooked = frozenset(tuple(stem(w) for w in words(item)) for item in lexicon.eaten_cooked["words"])
        self.rules_out = [(re.compile(rf"(?<![\w-]){re.escape(said)}(?![\w-])", re.I), frozenset(rule.groups),
                           frozenset(rule.words)) for said, rule in lexicon.rules_out.items()]
        marked = _stems(lexicon.marked["words"])
        if index is None:
            self._entries = [_entry(food) for food in table.foods]
            postings: dict[str, list[int]] = defaultdict(list)
            for position, entry in enumerate(self._entries):
                assert entry is not None
                for token in entry.tokens:
                    postings[token].append(position)
            self.postings = dict(postings)
            self.name_sizes = [len(self.entry(i).tokens) for i in range(len(table.foods))]
            self.marked = marked | self._food_word_qualifiers()
            # words of unbranded names: a brand spelt with one ("NABISCO GRAHAMS") is not named by saying "graham"
            self.plain_words = frozenset().union(*(self.entry(i).tokens for i in range(len(table.foods))
                                                   if not self.entry(i).brand))
            self.food_words = self._food_names()
        else:
            self.postings = index["postings"]
            self.name_sizes = index["name_sizes"]
            self.marked = marked | frozenset(index["food_qualifiers"])
            self.plain_words = frozenset(index["plain_words"])
            self.food_words = frozenset(index["food_words"])
            self._spelt_words = index["spelt_words"]
        total = len(table.foods)
        self.idf = {t: math.log(1 + total / len(ix)) for t, ix in self.postings.items()}
        self.vocabulary = sorted(set(self.postings) | set(self.synonyms))
        self._special_tokens = {g: set(_tokens(table.groups.get(g, ""))) | set(w.split())
                                for g, w in SPECIAL_GROUPS.items()}

    def entry(self, position: int) -> _Entry:
        """What the matcher reads from one food's name, worked out the first time it is needed."""
        found = self._entries[position]
        if found is None:
            found = self._entries[position] = _entry(self.table.foods[position])
        return found

    def index_data(self) -> dict[str, Any]:
        """The built index as plain data (JSON), to keep between processes: nothing in it can run."""
        return {"postings": self.postings, "name_sizes": self.name_sizes,
                "food_qualifiers": sorted(self._food_word_qualifiers()), "plain_words": sorted(self.plain_words),
                "food_words": sorted(self.food_words), "spelt_words": sorted(self.speller.vocabulary)}

    def holds_joined_name(self, text: str) -> bool:
        """Whether ``text`` holds a name of [names] joined by "and" or "with" ("mac and cheese from the box"),
        which is one food, not two."""
        key = f" {_key(text)} "
        return any(f" {name} " in key for name in self.joined_names)

    @cached_property
    def speller(self) -> Speller:
        """Puts right slips in a message's words, against SR28's names and the readers' data (knowledge/spelling.py);
        its words are kept with the index, and it is made when first used (`calmag food` never does)."""
        if self._spelt_words is not None:
            return Speller(self._spelt_words)
        return Speller(data_words() | words_of(f"{food.name} {food.common_names}" for food in self.table.foods))

    @cached_property
    def _by_initial(self) -> dict[str, list[str]]:
        """The vocabulary by first letter, for correcting a word SR28 does not use (made when one first comes)."""
        by_initial: dict[str, list[str]] = defaultdict(list)
        for word in self.vocabulary:
            by_initial[word[:1]].append(word)
        return dict(by_initial)

    @cached_property
    def lone_names(self) -> frozenset[str]:
        """Words that are by themselves the first part of an SR28 name ("Bulgur, cooked", "Fennel, bulb, raw"):
        foods, whatever word follows them in a phrase."""
        return frozenset(t[0] for food in self.table.foods if len(t := _tokens(food.name.split(",")[0])) == 1)

    def _food_names(self) -> frozenset[str]:
        """Words that are a food's whole name in at least three SR28 names ("Oats", "Chicken, ...", "Nuts,
        almonds"): a phrase that puts one before its head names that food ("oat milk", "chicken pie")."""
        counts: dict[str, int] = defaultdict(int)
        for entry in map(self.entry, range(len(self.table.foods))):
            if entry.head_text and " " not in entry.head_text:
                counts[entry.head_text] += 1
        found = {w for w, n in counts.items() if n >= 3 and w.isalpha() and len(w) >= 3
                 and w not in _STATE_CLASS and w not in STOP}
        return frozenset((found | self.modifier_foods) - self.not_foods)

    def _food_word_qualifiers(self) -> set[str]:
        """Qualifiers that name foods of their own ("Bagels, egg", "Spaghetti, spinach"): words that are the
        head noun (the last word of the head, as in "Sweet potato") of at least three SR28 names and are used
        at least half as often as heads as they are as qualifiers ("salt" in "without salt" is not)."""
        as_head: dict[str, int] = defaultdict(int)
        as_qualifier: dict[str, int] = defaultdict(int)
        for entry in map(self.entry, range(len(self.table.foods))):
            if entry.head_text:
                as_head[entry.head_text.rsplit(" ", 1)[-1]] += 1
            for token in entry.qualifiers:
                as_qualifier[token] += 1
        return {t for t, n in as_head.items()
                if n >= 3 and n >= 0.5 * as_qualifier[t] and t.isalpha() and len(t) >= 3
                and t not in _STATE_CLASS and t not in STOP}

    # -- query analysis --------------------------------------------------------------------------------
    def _correct(self, token: str) -> str | None:
        if token in self.postings or token in self.synonyms:
            return token
        if len(token) < 5 or not token.isalpha():  # a short word has too many near neighbours ("samp", "swamp")
            return None
        return remembered(self._corrected, token, lambda: self._nearest(token))  # each unknown word is looked for once

    def _nearest(self, token: str) -> str | None:
        if token in english_words():  # "sherry" is a word SR28 lacks, not a typo of "cherry"; but "barbecued"
            return next((token[: -len(end)] for end in ENDINGS  # is "barbecue", "buttered" is "butter"
                         if token.endswith(end) and (token[: -len(end)] in self.postings
                                                     or token[: -len(end)] in self.synonyms)), None)
        cutoff = 83 if len(token) <= 6 else 80
        # a typo seldom changes the first letter ("regan" is not "oregano", "harissa" not "carissa")
        best = process.extractOne(token, self._by_initial.get(token[0], ()), scorer=fuzz.ratio, score_cutoff=cutoff)
        return best[0] if best else None

    def _rejoined(self, tokens: list[str]) -> list[str]:
        """Words a person split that SR28 writes as one ("cous cous", "water melon"): two words that are not
        both SR28 words, whose joining is one, are read as it."""
        joined: list[str] = []
        for token in tokens:
            if joined and not (joined[-1] in self.postings and token in self.postings) \
                    and stem(joined[-1] + token) in self.postings:
                joined[-1] = stem(joined[-1] + token)
            else:
                joined.append(token)
        return joined

    def _analyse(self, text: str) -> _Query:
        phrase = " ".join(_free_joined(words(text)))
        query = _Query()
        said = phrase.split()
        # the states aside, with the handling words ("hot chocolate" is a name) and then without them
        said_words = [w for w in said if stem(w) not in STATE_SYNONYMS and w not in STOP]  # "some juice"
        # a misspelt word may stand in a name: "semi skimmer milk" is "semi skimmed milk"
        fixes = {w: f for w in said_words if (f := self._correct(stem(w))) and f != stem(w)}
        fixed_words = [fixes.get(w, w) for w in said_words]
        # a name may hold a state word or a small word ("frozen yogurt", "mac and cheese"): the phrase as said first
        for plain in (_key(" ".join(said)), _key(" ".join(said_words)),
                      _key(" ".join(w for w in said_words if w not in HANDLING)),
                      *((_key(" ".join(w for w in fixed_words if w not in HANDLING)),) if fixes else ())):
            split = plain.split()
            # the whole phrase, else a name of two words or more that ends it ("flaky sea salt") or starts it
            # ("weet bix cereal"), else one word SR28 does not use that is a name ("activia yogurt")
            spans = [(0, len(split))] + [(i, len(split)) for i in range(1, len(split) - 1)] + \
                    [(0, j) for j in range(len(split) - 1, 1, -1)] + \
                    [(i, i + 1) for i, w in enumerate(split) if w not in self.postings and len(split) > 1]
            span = next(((i, j) for i, j in spans if " ".join(split[i:j]) in self.names), None)
            if span:  # "collard greens, cooked": SR28's name for the food, with the states and other words said
                i, j = span
                named = [*split[:i], self.names[" ".join(split[i:j])], *split[j:]]
                phrase = " ".join(words(" ".join([*named, *(w for w in said if stem(w) in STATE_SYNONYMS)])))
                plain = _key(" ".join(named))
                query.named = True
                query.named_as = plain
                if fixes and plain == _key(" ".join(w for w in fixed_words if w not in HANDLING)):
                    query.corrections.update({stem(w): f for w, f in fixes.items()})
                break
        else:  # "whey in water", "oj with ice": a name before "with" or "in" leads, the rest goes with it
            lead = re.split(r"\b(?:with|in)\b", phrase)[0]  # ("red and yellow peppers": "and" joins modifiers)
            lead_key = _key(" ".join(w for w in lead.split() if w not in STOP and w not in HANDLING))
            if lead != phrase and lead_key in self.names:
                phrase = f"{self.names[lead_key]} {phrase[len(lead):]}"
                query.named, query.named_as = True, lead_key
        joint = re.search(r"\b(?:with|in|on|and)\b", phrase)  # "oatmeal with milk": the first food leads
        main, extra = (phrase[: joint.start()], phrase[joint.end():]) if joint else (phrase, "")
        for secondary, part in ((False, main), (True, extra)):
            raw = self._rejoined([stem(w) for w in part.split() if w not in STOP])
            for position, token in enumerate(raw):
                if token in STATE_SYNONYMS and not secondary:
                    query.states |= STATE_SYNONYMS[token]
                    continue
                if token in HANDLING:
                    continue
                fixed = self._correct(token)
                if fixed is None:
                    query.unknown.append(token)
                    continue
                if fixed != token:
                    query.corrections[token] = fixed
                primary = {fixed}
                if position + 1 < len(raw):  # "brazil nut" -> "brazilnut", "soy milk" -> "soymilk"
                    joined = fixed + raw[position + 1]
                    if joined in self.postings:
                        primary.add(joined)
                if position > 0 and raw[position - 1] + fixed in self.postings:
                    primary.add(raw[position - 1] + fixed)
                synonyms = self.synonyms.get(fixed, [])
                if fixed not in self.postings and synonyms:  # "baguette": SR28 says "french" (bread)
                    primary = {synonyms[0], *(p for p in primary if p in self.postings)}
                alternatives = primary | set(synonyms)
                query.groups.append({a for a in alternatives if a in self.postings} or alternatives)
                query.primary.append(primary)
                weight = max((self.idf.get(a, 1.0) for a in alternatives), default=1.0)
                query.weights.append(weight * (0.25 if secondary else 1.0))
            if not secondary and query.groups:  # the last word names what the food is: "unsalted BUTTER"
                last = max((i for i, p in enumerate(query.primary) if any(w.isalpha() for w in p)),
                           default=len(query.primary) - 1)
                query.weights[last] *= HEAD_WEIGHT
                query.head = query.groups[last]
                if query.head & self.made_of:  # "oat milk", "peanut butter", "chicken pie": made of a food
                    query.naming = [g for g, p in zip(query.groups[:-1], query.primary, strict=False)
                                    if g & self.food_words and not p & set(query.corrections.values())]
        if query.corrections:  # "tomatoe" takes the default of "tomato"
            plain = " ".join(query.corrections.get(stem(w), w) for w in plain.split())
        # words SR28 does not know ("shawarma", "rendang") say nothing of which food: the known words' plain form
        known = " ".join(w for w in plain.split() if w not in query.unknown) or plain
        query.default = self._default(known, said, query)
        return query

    def _default(self, plain: str, said: list[str], query: _Query) -> frozenset[str]:
        """The plain form of the phrase, or of its head ("new potatoes" are potatoes), but not of a food made of
        another ("oat milk" is not milk)."""
        # a word SR28 does not use, said alone, takes the default of the one word it stands for ("pitta": "pita")
        standing = self.synonyms.get(plain, []) if plain not in self.postings else []
        if plain not in self.defaults and len(standing) == 1 and standing[0] in self.defaults:
            plain = standing[0]
        suffixes = [" ".join(plain.split()[i:]) for i in range(len(plain.split()))]
        head_only = next((s for s in suffixes if s in self.defaults), None)
        if head_only is None or (head_only != plain and query.naming):
            return frozenset()
        default = self.defaults[head_only]
        head_said = next((w for w in reversed(said) if stem(w) == head_only.split()[-1]), "")
        if head_only in self.plural_defaults and head_said != stem(head_said):  # "bell peppers", not the spice
            default = self.plural_defaults[head_only]
        # "soft tofu", "silken tofu": a word SR28 uses for some foods of the head, not in its plain form, chooses
        # another of them
        before = plain.split()[: len(plain.split()) - len(head_only.split())]
        head_foods = set(self.postings.get(head_only.split()[-1], ())) if before else set()
        if any(a not in default and a not in self.food_words and head_foods & set(self.postings.get(a, ()))
               for w in before for a in (w, *self.synonyms.get(w, ()))):  # "minced beef" is ground beef
            return frozenset()
        if head_only != plain or any(stem(w) in STATE_SYNONYMS for w in said):
            # a default's state is the plain word's ("potatoes" boiled), not a baked potato's or a sweet potato's
            default = frozenset(w for w in default if w not in _STATE_CLASS)
        return default

    # -- ranking --------------------------------------------------------------------------------------
    def match(self, text: str, *, prefer_states: frozenset[str] = frozenset(), limit: int = 6) -> MatchResult:
        """The ranked candidates for ``text``. Results are kept for the last few thousand phrases: a day's
        message asks about the same phrase more than once (is it a dish, two foods, which food)."""
        return remembered(self._memo, (text, prefer_states, limit), lambda: self._match(text, prefer_states, limit))

    def _match(self, text: str, prefer_states: frozenset[str], limit: int) -> MatchResult:
        query = self._analyse(text)
        if prefer_states:  # a state the amount implies ("1 lb potatoes" were bought raw) wins over the default's
            query.default = frozenset(w for w in query.default if w not in _STATE_CLASS)
        groups, weights, corrections, unknown = query.groups, query.weights, query.corrections, query.unknown
        states = query.states | prefer_states
        understood = " ".join(sorted(min(g) for g in groups))
        if not groups:
            return MatchResult(query=text, understood="", corrections=corrections, unknown_words=tuple(unknown))
        total = sum(weights)
        covered: dict[int, float] = defaultdict(float)
        for alternatives, primary, weight in zip(groups, query.primary, weights, strict=True):
            exact: set[int] = set()
            for token in primary:
                exact.update(self.postings.get(token, ()))
            near: set[int] = set()
            for token in alternatives - primary:
                near.update(self.postings.get(token, ()))
            for index in exact:
                covered[index] += weight
            for index in near - exact:  # a word's synonym covers it a little less than the word itself
                covered[index] += weight * SYNONYM_SHARE
        rules = [(groups, name_words) for said, groups, name_words in self.rules_out if said.search(text)]
        if rules:  # "vegan sausage" is no pork sausage, "vegan protein" no whey
            out_groups = frozenset().union(*(g for g, _ in rules))
            out_words = frozenset().union(*(w for _, w in rules))
            covered = defaultdict(float, {i: c for i, c in covered.items()
                                          if self.table.foods[i].group not in out_groups
                                          and not out_words & set(words(self.table.foods[i].name.lower()))})
        if not covered:
            return MatchResult(query=text, understood=understood, corrections=corrections,
                               unknown_words=tuple(unknown))
        top = max(covered.values())
        # the plain form of a general word must not be cut from a pool of hundreds, and the plainest names go first
        plain_form = set.intersection(*(set(self.postings.get(w, ())) for w in query.default)) \
            if query.default else set()
        pool = sorted((i for i, c in covered.items() if c >= 0.6 * top),
                      key=lambda i: (-covered[i], i not in plain_form, self.name_sizes[i]))[:POOL]
        query_tokens = set().union(*groups)
        query_text = " ".join(sorted(query_tokens))
        if len(pool) > SHORTLIST:  # the parts of the score that decide most matches first, then the rest for the best
            pool = sorted(pool, key=lambda i: -self._rough(i, covered[i] / total, query_tokens, query))[:SHORTLIST]
        scored = [(self._score(i, covered[i] / total, query_tokens, query_text, states, query), i) for i in pool]
        scored.sort(key=lambda item: (-item[0], self.table.foods[item[1]].id))
        candidates = tuple(Candidate(self.table.foods[i], round(s, 1)) for s, i in scored[:limit])
        unasked = {self.table.foods[i].id for _, i in scored[:limit]
                   if (self.entry(i).qualifiers - query_tokens) & self.unlikely or self.entry(i).brand}
        return MatchResult(query=text, understood=understood, corrections=corrections, named=query.named,
                           named_as=query.named_as,
                           states_named=bool(query.states), unknown_words=tuple(unknown), candidates=candidates,
                           ambiguous_with=_ambiguous(candidates, bool(states), frozenset(unasked)))

    def _rough(self, index: int, coverage: float, query: set[str], analysed: _Query) -> float:
        """The larger parts of the score, cheaply: coverage, whether the head is named, the default, a brand
        not asked for and a group seldom meant."""
        entry = self.entry(index)
        head = max((len(option & query) / len(option) for option in entry.heads), default=0.0)
        default = DEFAULT if analysed.default and analysed.default <= entry.tokens else 0.0
        brand = BRAND if entry.brand and not (entry.brand_words - self.plain_words) & query else 0.0
        group = 15.0 if self.table.foods[index].group in SPECIAL_GROUPS else 0.0
        return 60 * coverage + 25 * head + default - brand - group

    def _score(self, index: int, coverage: float, query: set[str], query_text: str, states: set[str],
               analysed: _Query) -> float:
        return sum(self.explain(index, coverage, query, query_text, states, analysed).values())

    def explain(self, index: int, coverage: float, query: set[str], query_text: str,
                states: set[str], analysed: _Query | None = None) -> dict[str, float]:
        """The parts of a candidate's score, by name (they add up to the score)."""
        entry = self.entry(index)
        food = self.table.foods[index]
        analysed = analysed or _Query()
        # how much of what the food is the phrase names; less where that misses the phrase's own head (a little
        # where the name has it further on, as in "Pork, cured, bacon"; more for "Peanuts" as "peanut oil")
        # ("Peanuts" for "peanut oil")
        missed = 1.0 if not analysed.head else 0.75 if analysed.head & entry.tokens else 0.6
        head = max((len(option & query) / len(option) * (1.0 if not analysed.head or option & analysed.head else missed)
                    for option in entry.heads), default=0.0)
        if entry.category & query or analysed.head & entry.tokens:  # "Fish, ..." for salmon; "Pork, cured, bacon"
            head = max(head, 0.5)
        parts = {
            "coverage": 60 * coverage,
            "head": 25 * head,
            "similarity": 15 * fuzz.token_sort_ratio(query_text, entry.head_text) / 100,
            "state": self._state_score(entry, food, states),
        }
        unasked = entry.qualifiers - query - analysed.default
        parts["marked"] = -min(3 * len(unasked & self.marked), 9)
        unlikely_part = any(segment in food.name.lower() and not said <= query
                            for segment, said in self.unlikely_segments)  # "separable fat" for "beef"
        parts["unlikely"] = -UNLIKELY if unasked & self.unlikely or unlikely_part else 0  # "Bacon, meatless"
        parts["extra"] = -min(0.5 * len(unasked - self.marked - _STATE_CLASS.keys()), 5)
        # a food the phrase names beside the head, which this food does not have, makes it another food: oat milk
        # is not milk, a chicken pie is not a fruit pie
        parts["other food"] = -OTHER_FOOD * sum(1 for group in analysed.naming if not group & entry.tokens)
        # ... and a food that is what the product is made of, not the product, is not it either: "peanut oil" is
        # not peanuts, "orange juice" not oranges
        if analysed.naming and not any(option & analysed.head for option in entry.heads) \
                and not entry.category & analysed.head \
                and any(option & group for option in entry.heads for group in analysed.naming):
            parts["other food"] -= OTHER_FOOD
        # the plain form is plain in the state the phrase names: "canned salmon" is not the default fresh salmon
        plain_form = analysed.default and analysed.default <= entry.tokens and (not states or parts["state"] >= 0)
        parts["default"] = DEFAULT if plain_form else 0
        parts["plain"] = 2 if entry.plain else 0
        parts["measures"] = 0.7 * min(entry.measures, 6)
        parts["salted"] = -1.5 if entry.salted and "salt" not in query else 0
        parts["survey"] = 2 if food.survey else 0
        # plain, unbranded foods win unless the phrase names the brand ("cheerios")
        parts["brand"] = -BRAND if entry.brand and not (entry.brand_words - self.plain_words) & query else 0
        special = food.group in SPECIAL_GROUPS and not (self._special_tokens[food.group] & query)
        parts["group"] = -15 if special else 0
        return parts

    @staticmethod
    def _state_score(entry: _Entry, food: Food, states: set[str]) -> float:
        classes = {_STATE_CLASS[w] for w in entry.states}
        if food.group == SPICES and not classes:  # "Spices, ginger, ground" is dried; "Basil, fresh" is not
            classes.add("dried")
        if states:
            wanted = {_STATE_CLASS.get(s, "") for s in states}
            score = STATE_MATCH if entry.states & states else 0.0
            if classes and not classes & wanted:
                score -= 8
            score -= 2 * len(classes & {"canned", "frozen", "dried"} - wanted)
            return score
        eaten_cooked = food.group in EATEN_COOKED
        score = 0.0
        if "cooked" in classes:
            score += 2 if eaten_cooked else -2
        if ("raw" in classes or "dried" in classes) and eaten_cooked and "cooked" not in classes:
            score -= 3
        if "canned" in classes or "frozen" in classes:
            score -= 2
        if "dried" in classes and food.group not in DRY_BY_NATURE and not eaten_cooked:
            score -= 2
        return score


def is_cooked(food: Food) -> bool:
    """Whether SR28 names the food in a cooked state (boiled, baked, roasted...)."""
    return any(_STATE_CLASS.get(w) == "cooked" for w in words(food.name))


def _kept(food: Food) -> frozenset[str]:
    """How a food is kept: canned, frozen or dried (a different product, which people name when they mean it)."""
    return frozenset(c for w in words(food.name) if (c := _STATE_CLASS.get(w)) in ("canned", "frozen", "dried"))


def _ambiguous(candidates: tuple[Candidate, ...], preparation_named: bool,
               unasked: frozenset[str]) -> tuple[Candidate, ...]:
    """The runners-up worth asking about: close ones that would change the calcium or magnesium figures. A
    runner-up named with an unlikely qualifier the phrase did not ask for or a brand (``unasked``: human milk
    for "milk", pita or a brand's loaf for "white bread") is not what was meant. Where the phrase names no
    preparation, neither are canned, frozen or dried runners-up of a fresh food, and a runner-up that is
    cooked where the best is not (raw or cooked spinach) may be further behind and still be worth asking
    about."""
    if len(candidates) < 2:
        return ()
    best = candidates[0]
    close = []
    for other in candidates[1:]:
        margin = AMBIGUITY_MARGIN
        if other.food.id in unasked and best.food.id not in unasked:
            continue
        if not preparation_named and _kept(other.food) != _kept(best.food):
            continue
        if not preparation_named and is_cooked(other.food) != is_cooked(best.food):
            margin += PREPARATION_MARGIN
        if best.score - other.score <= margin and _differs(best.food, other.food):
            close.append(other)
    return tuple(close)


def _differs(a: Food, b: Food) -> bool:
    for nutrient in ("calcium_mg", "magnesium_mg"):
        x, y = a.nutrient(nutrient), b.nutrient(nutrient)
        if x is None or y is None:
            if x != y:
                return True
        elif abs(x - y) / max(x, y, 1.0) > MATERIAL_DIFFERENCE and abs(x - y) >= MATERIAL_MG:
            return True
    return False


def _cache_key() -> str:
    """Changes whenever the table, the lexicon or the code that builds the index changes."""
    digest = hashlib.sha256()
    package = resources.files("knowledge")
    for name in ("data/sr28.json.gz", "foods/matching.py", "text.py", "foods/table.py", "spelling.py",
                 "intake/supplements.py", *(f"data/{data}" for data in DATA_FILES)):  # the speller's words too
        digest.update(package.joinpath(name).read_bytes())
    return digest.hexdigest()[:20]


@cache
def food_matcher() -> FoodMatcher:
    """The matcher over the shipped table, built once per process. The built index is kept as JSON in the user's
    cache folder so the next process starts in a fraction of the time; a cache that is missing, stale or
    unreadable is simply rebuilt. It is data, read with ``json``: a file planted there cannot run code."""
    folder = Path(os.environ.get("CALMAG_CACHE_DIR") or platformdirs.user_cache_dir("calmag"))
    path = folder / f"food-index-{_cache_key()}.json"
    table = load_food_table()
    try:
        return matcher_from_cache(path, table)
    except (OSError, ValueError, KeyError, TypeError, RecursionError):  # missing or damaged: rebuild below
        pass
    with gc_paused():
        matcher = FoodMatcher(table)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp") as fresh:
            json.dump(matcher.index_data(), fresh, separators=(",", ":"))
        os.replace(fresh.name, path)
        for old in [*folder.glob("food-index-*.json"), *folder.glob("food-index-*.pickle")]:
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:  # a read-only home is no reason to fail
        pass
    return matcher


def matcher_from_cache(path: Path, table: FoodTable) -> FoodMatcher:
    """The matcher with the index kept at ``path``; OSError, ValueError or TypeError if it cannot be used."""
    with open(path, encoding="utf-8") as cached, gc_paused():
        return FoodMatcher(table, _checked(json.load(cached), len(table.foods)))


def _checked(data: Any, foods: int) -> dict[str, Any]:
    """The cached index, if it has the shape ``index_data`` writes; else ValueError (and it is rebuilt)."""
    if not isinstance(data, dict) or set(data) != {"postings", "name_sizes", "food_qualifiers", "plain_words",
                                                   "food_words", "spelt_words"}:
        raise ValueError("not a food index")
    postings, sizes = data["postings"], data["name_sizes"]
    if not isinstance(postings, dict) or not isinstance(sizes, list) or len(sizes) != foods:
        raise ValueError("not a food index")
    if {*map(type, postings), *map(type, postings.values())} != {str, list}:
        raise ValueError("not a food index")
    # every position a whole number naming a food (checked at C speed: 65,000 of them at every start)
    if {*map(type, chain.from_iterable(postings.values()))} - {int} \
            or min(chain.from_iterable(postings.values()), default=0) < 0 \
            or max(chain.from_iterable(postings.values()), default=0) >= foods:
        raise ValueError("not a food index")
    if not all(isinstance(w, str) for key in ("food_qualifiers", "plain_words", "food_words", "spelt_words")
               for w in data[key]):
        raise ValueError("not a food index")
    return data
