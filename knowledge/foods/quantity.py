"""Amounts as people type them: "2 cups spinach", "half an avocado", "greek yoghurt 200g", "almonds, a handful".

``parse_amount`` splits a phrase into the amount (quantity, unit, size) and the food words. It does not know
foods: turning "2 cups" into grams needs the matched food's own household measures (see ``portions``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from knowledge.foods.units import units
from knowledge.text import clean

_UNITS = units()
GRAMS_PER: dict[str, float] = _UNITS.grams_per()
ML_PER: dict[str, float] = _UNITS.ml_per()
SIZES: dict[str, str] = _UNITS.sizes

_SPELLING_TO_UNIT = _UNITS.spelling_to_unit()
_UNIT_AT_START = re.compile(
    "(" + "|".join(re.escape(s) for s in sorted(_SPELLING_TO_UNIT, key=len, reverse=True)) + r")(?:\b\.?|$)")
_SIZES_LONGEST_FIRST = sorted(SIZES, key=len, reverse=True)
_FUZZY_UNITS = [s for s in _SPELLING_TO_UNIT if len(s) >= 5 and " " not in s]

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "dozen": 12,
                "half": 0.5, "quarter": 0.25, "third": 1 / 3}
# Phrases that stand for a number, longest first so "a couple of" wins over "a".
VAGUE_AMOUNTS: list[tuple[str, float]] = sorted(
    [("a couple of", 2), ("a couple", 2), ("couple of", 2), ("a few", 3), ("few", 3), ("several", 3),
     ("a dozen", 12), ("half a dozen", 6), ("half a", 0.5), ("half an", 0.5), ("a half", 0.5),
     ("one and a half", 1.5), ("a quarter of a", 0.25), ("a quarter", 0.25), ("quarter of a", 0.25),
     ("a third of a", 1 / 3), ("a", 1), ("an", 1), ("another", 1), ("one", 1)],
    key=lambda item: -len(item[0]))
_FILLERS = ("about", "around", "approx", "approximately", "roughly", "maybe", "like", "nearly", "almost",
            "over", "just", "~", "some")

_MEASURE_WORDS = re.compile(r"^(?:heaping|heaped|level|rounded|scant|generous|good|full|packed)\s+(?=[a-z])", re.I)
_NUM = r"(?:\d+(?:[.,]\d+)?(?:e[+-]?\d+)?|\.\d+)"
_NUMBER = re.compile(rf"^(?P<sign2>[-+−]?)(?P<n>\d+)/(?P<d>\d+)"
                     rf"|^(?P<sign>[-+−]?)(?P<whole>{_NUM})(?:\s+(?P<fn>\d+)/(?P<fd>\d+))?(?!\s*%)", re.I)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|to|or)\s*", re.I)
_NOT_A_NUMBER = re.compile(r"^[-+]?(?:nan|inf|infinity)\b", re.I)


@dataclass(frozen=True)
class Amount:
    """What was understood of the amount in a phrase; ``food_text`` is the rest."""

    food_text: str
    quantity: float | None = None
    quantity_max: float | None = None  # the top of a range such as "2-3"
    unit: str | None = None
    size: str | None = None
    amount_text: str = ""  # the words read as the amount, for showing back to the person
    problem: str | None = None  # why the amount cannot be used (negative, zero, not a number)

    @property
    def count(self) -> float | None:
        """The quantity to multiply by: the middle of a range, 1 where a unit came without a number."""
        if self.quantity is None:
            return 1.0 if (self.unit or self.size) else None
        if self.quantity_max is not None:
            return (self.quantity + self.quantity_max) / 2
        return self.quantity


def _spell_out(text: str) -> str:
    text = clean(text)
    # clean() has turned "½" into "1⁄2" (with a fraction slash) and "1½" into "11⁄2": make them "1/2", "1 1/2".
    text = re.sub(r"(\d?)(\d+)\u2044(\d+)", lambda m: f"{m[1]} {m[2]}/{m[3]}".strip(), text)
    text = re.sub(r"(?<=\d)(?=[a-zA-Z])(?!e[+-]?\d)", " ", text)  # "200g" -> "200 g", keeps "1e9"
    text = re.sub(r"\b(\d+)\s*x\b|\bx\s*(\d+)\b", lambda m: m.group(1) or m.group(2), text, flags=re.I)
    return text.strip(" ,;.:").rstrip("-")


def read_number(text: str) -> tuple[float, str] | None:
    """A number at the start of ``text``: 2, 1.5, 1,5, 1/2, 1 1/2, 1e3. Returns (value, rest)."""
    match = _NUMBER.match(text)
    if not match:
        return None
    if match.group("whole") is not None:
        value = float(match.group("whole").replace(",", "."))
        if match.group("fn"):
            if _run_together(int(match.group("fn")), int(match.group("fd"))):  # "2 31/2-ounce bars": 2 bars
                return value, text[match.end("whole"):]  # of 3 1/2 ounces
            value += int(match.group("fn")) / max(int(match.group("fd")), 1)
        sign = match.group("sign")
    else:
        n, d = int(match.group("n")), int(match.group("d"))
        value = n / d if d else math.inf
        if _run_together(n, d):  # "31/2-ounce bars", "11/2 cups": 3 1/2, 1 1/2 typed without their space
            value = n // 10 + (n % 10) / d
        sign = match.group("sign2")
    if sign in ("-", "−"):
        value = -value
    return value, text[match.end():]


def _run_together(n: int, d: int) -> bool:
    """Whether "n/d" is a whole number and a fraction typed without a space ("31/2" for 3 1/2): a fraction of
    ten or more halves, thirds, quarters or eighths is seldom meant, and its last digit must be a proper numerator."""
    return n >= 10 and 1 < d <= 8 and 0 < n % 10 < d


def _read_quantity(text: str) -> tuple[float, float | None, str] | None:
    """A number, a number word, a vague amount or a range at the start of ``text``."""
    lowered = text.lower()
    for phrase, value in VAGUE_AMOUNTS:
        if lowered == phrase or lowered.startswith(phrase + " "):
            return value, None, text[len(phrase):].lstrip()
    first = lowered.split(" ", 1)[0]
    if first in NUMBER_WORDS:
        return NUMBER_WORDS[first], None, text[len(first):].lstrip()
    number = read_number(text)
    if number is None:
        return None
    value, rest = number
    if m := re.match(r"^\s+and\s+(?:a\s+)?half\b", rest, re.I):  # "1 and a half"
        return value + 0.5, None, rest[m.end():].lstrip()
    if m := re.match(r"^\s+or\s+(?:more|so)\b", rest, re.I):  # "4 or more cloves", "2 or so"
        return value, None, rest[m.end():].lstrip()
    joined = _RANGE_JOIN.match(rest)
    if joined and (upper := read_number(rest[joined.end():].lstrip())):
        high, rest = upper
        if high > value:
            return value, high, rest.lstrip()
    return value, None, rest.lstrip()


def _read_unit(text: str) -> tuple[str | None, str | None, str]:
    """Size and unit words at the start of ``text``: "large", "cups", "extra large slices of". Typos in
    longer unit words ("handfull", "tablespon") are forgiven."""
    size = None
    text = _MEASURE_WORDS.sub("", text)  # "1 heaping teaspoon", "a scant cup": the unit follows
    lowered = text.lower()
    for word in _SIZES_LONGEST_FIRST:
        if lowered == word or lowered.startswith(word + " "):
            size, text, lowered = SIZES[word], text[len(word):].lstrip(), lowered[len(word):].lstrip()
            break
    if found := _UNIT_AT_START.match(lowered):
        spelling = found.group(1)
        rest = text[len(spelling):].lstrip(". ")
        return size, _SPELLING_TO_UNIT[spelling], _drop_of(rest)
    first = lowered.split(" ", 1)[0]
    if len(first) >= 6:
        best = process.extractOne(first, _FUZZY_UNITS, scorer=fuzz.ratio, score_cutoff=85)
        if best:
            return size, _SPELLING_TO_UNIT[best[0]], _drop_of(text[len(first):].lstrip())
    return size, None, _drop_of(text) if size else text


def _drop_of(text: str) -> str:
    return re.sub(r"^(?:of|of\s+the|of\s+a|of\s+an)\s+", "", text, flags=re.I)


# "a lot of milk", "loads of tea": much, but no number; the food is weighed at more than its usual portion (the
# share of the size MUCH in data/portions.toml), or at an amount said after it ("a lot of milk, maybe a litre a day")
MUCH = "a lot"
_MUCH = re.compile(r"^(?:(?:quite\s+)?a\s+lot\s+of|lots\s+of|loads\s+of|a\s+load\s+of|plenty\s+of|tons\s+of)\s+",
                   re.I)


# A word joining a food to the one before, left at the front of an amount: "in 300ml milk", "w 2 sugars"
_JOINED_AMOUNT = re.compile(r"^(?:in|with|w/?|plus|and|on)\s+(?=\d)", re.I)


def _strip_fillers(text: str) -> str:
    words = _MUCH.sub("", _JOINED_AMOUNT.sub("", text)).split(" ")
    while words and words[0].lower() in _FILLERS:
        words.pop(0)
    return " ".join(words)


def _leading(text: str) -> Amount | None:
    body = _strip_fillers(text)
    if _NOT_A_NUMBER.match(body):
        word = body.split(" ", 1)[0]
        return Amount(food_text=body[len(word):].strip(), amount_text=word, problem=f"'{word}' is not a number")
    read = _read_quantity(body)
    if read is None:
        size, unit, rest = _read_unit(body)
        if unit and not size and rest and not re.match(r"^\S+\.?\s+of\b", body, re.I):
            return None  # "pot noodle", "cup noodles": with no number, a unit is one only before "of"
        if unit or size:  # "cup of tea", "large banana"
            return Amount(food_text=rest, unit=unit, size=size, amount_text=body[: len(body) - len(rest)].strip())
        if much := _MUCH.match(text):  # "a lot of milk": said as much, with no number
            return Amount(food_text=body, size=MUCH, amount_text=much.group(0).strip())
        return None
    quantity, high, rest = read
    size, unit, rest = _read_unit(rest)
    if unit is None and size is None:
        rest = _drop_of(rest)
    amount_text = body[: len(body) - len(rest)].strip()
    return Amount(food_text=rest, quantity=quantity, quantity_max=high, unit=unit, size=size,
                  amount_text=amount_text)


def _trailing(text: str) -> Amount | None:
    """An amount after the food: "greek yoghurt 200g", "milk, 2 cups", "almonds (30 g)", "eggs, 2"."""
    parts = re.split(r"\s*[,(;:]\s*|\s+-\s+", text.rstrip(") "))
    candidates = []
    if len(parts) > 1:
        candidates.append((", ".join(parts[:-1]), parts[-1]))
    words = text.rstrip(") ").split(" ")
    for cut in range(max(1, len(words) - 4), len(words)):  # the last few words: "yoghurt 200 g"
        candidates.append((" ".join(words[:cut]), " ".join(words[cut:])))
    for food, tail in candidates:
        if not food.strip() or not tail.strip() or re.fullmatch(r"[\d\s./,-]+|an?|some|one", food.lower()):
            continue  # "2 cups" is an amount with no food, not a food called "2"
        parsed = _leading(tail)
        if parsed and parsed.quantity is None and not _UNIT_AT_START.match(tail.lower()):
            continue  # a word after the food, with no number, is a unit only as spelt: "hot pockets" is no packet
        if parsed and not parsed.food_text and (parsed.quantity is not None or parsed.unit):
            return replace(parsed, food_text=food.strip(" ,(-"))
    return None


def _inside(text: str) -> Amount | None:
    """An amount in the middle: "brocoli 1 cup chopped", "spaghetti 1 cup cooked"."""
    words = text.split(" ")
    for start in range(1, len(words)):
        if not re.match(r"^[-+−]?[\d.]", words[start]) or not re.search(r"[^\W\d_]", " ".join(words[:start])):
            continue  # "1 1/2 cups" is one amount, not a food called "1"
        parsed = _leading(" ".join(words[start:]))
        if parsed and (parsed.unit or parsed.quantity is not None) and parsed.food_text != " ".join(words[start:]):
            food = " ".join(words[:start]).strip(" ,(-") + " " + parsed.food_text
            return replace(parsed, food_text=food.strip())
    return None


@lru_cache(maxsize=8192)  # a day's message reads the same phrase several times (dish, run-on, lookup)
def parse_amount(phrase: str) -> Amount:
    """Split ``phrase`` into an amount and the food words. Never raises; problems are reported in the
    result (``problem``) so the caller can tell the person what could not be used. The result is frozen."""
    text = _spell_out(phrase)
    amount = _leading(text)
    if amount is None or (not amount.food_text and amount.problem is None):
        amount = _trailing(text) or _inside(text) or amount or Amount(food_text=text)
    elif amount.quantity is None and amount.unit is None and amount.size is None:
        amount = _trailing(text) or amount
    if amount.problem is None and amount.quantity is not None:
        amount = _check(amount)
    return amount


def _check(amount: Amount) -> Amount:
    quantity = amount.quantity
    assert quantity is not None
    problem = None
    if math.isnan(quantity) or math.isinf(quantity):
        problem = "that amount is not a number"
    elif quantity < 0:
        problem = "an amount cannot be negative"
    elif quantity == 0:
        problem = "an amount of zero adds nothing"
    return amount if problem is None else replace(amount, problem=problem)
