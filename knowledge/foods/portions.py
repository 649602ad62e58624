"""Grams for an amount of a matched food, from the food's own SR28 household measures where possible.

Where SR28 has no fitting measure, a documented typical portion is used and the grams are marked estimated.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache, lru_cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from knowledge.data_files import data_file
from knowledge.foods.quantity import GRAMS_PER, ML_PER, MUCH, Amount
from knowledge.foods.table import Food, Measure
from knowledge.foods.units import units
from knowledge.text import stem, words

_UNITS = units()
VESSEL_ML = _UNITS.vessel_ml()
_VOLUME_WORDS = {"cup", "tbsp", "tablespoon", "tsp", "teaspoon", "fl", "floz", "ml", "quart", "pint",
                 "gallon", "liter", "l"}
_MASS_WORDS = {"oz", "lb", "g", "kg", "ounce", "pound"}
# measures that are not "one" of the food, unless the phrase names them: "a salad" is not one leaf, "a slice of
# pie" not the whole pie
_NOT_ONE_ITEM = {"package", "bunch", "head", "cup", "nlea", "yield", "yields", "recipe", "loaf", "bird",
                 "melon", "bag", "box", "jar", "pie", "portion", "leaf", "sprig"}
_YIELD_FROM = re.compile(r"\byields? from\b", re.I)
_CONTAINERS = frozenset().union(*(u.measure_words for u in _UNITS.unit if u.container))
_EMBEDDED_VOLUME = re.compile(r"(\d+(?:\.\d+)?|\d+/\d+)\s*(cup|tbsp|tablespoon|tsp|teaspoon|fl oz)\b", re.I)
UNIT_WORDS = {u.name: u.measure_words for u in _UNITS.unit if u.kind == "volume"}


class Kind(BaseModel):
    """A kind of food and its usual portion (``data/portions.toml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    words: list[str] = []  # none: every food of its groups
    groups: list[str] = []
    usual: float = Field(gt=0)
    basis: str
    units: dict[str, float] = {}
    items: bool = True  # false: SR28's item measures are not what "a" or "2" of it means (a drink, a pot)
    item_grams: float | None = Field(default=None, gt=0)  # one of it, where SR28's item is untypical of the kind


class GroupPortion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    measures: list[str] = []
    grams: float | None = Field(default=None, gt=0)
    item_first: bool = False  # one whole medium item before SR28's NLEA serving ("apple" as "an apple") ...
    item_min_grams: float = 0.0  # ... when one item is at least this much (a strawberry is no portion)


class Portions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: list[Kind]
    groups: dict[str, GroupPortion]
    measure_forms: list[str]
    size_shares: dict[str, float]
    one_item_max_grams: float = Field(gt=0)

    @model_validator(mode="after")
    def _known_units(self) -> Portions:
        names = {u.name for u in _UNITS.unit}
        for kind in self.kind:
            if not kind.words and not kind.groups:
                raise ValueError(f"portion kind {kind.name!r} names neither words nor groups")
            if unknown := set(kind.units) - names:
                raise ValueError(f"portion kind {kind.name!r}: no unit named {sorted(unknown)} in units.toml")
        return self


@cache
def portions() -> Portions:
    return Portions.model_validate(data_file("portions.toml"))


@cache
def _measure_forms() -> frozenset[str]:
    return frozenset(stem(w) for w in portions().measure_forms)


@lru_cache(maxsize=8192)
def kind_of(food: Food) -> Kind | None:
    """The first kind of food in the portions table that ``food`` is."""
    name = food.name.lower()
    for kind in portions().kind:
        if (not kind.groups or food.group in kind.groups) and (not kind.words or any(
                re.search(rf"\b{re.escape(word)}\b", name) for word in kind.words)):
            return kind
    return None


@dataclass(frozen=True)
class Portion:
    grams: float
    estimated: bool  # True where a typical portion, not SR28's own measure, gave the weight
    basis: str  # how the grams were found, in words
    assumed: bool = False  # True where no amount was given and a usual portion was assumed


@lru_cache(maxsize=4096)
def _measure_words(measure: Measure) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(re.sub(r"\([^)]*\)", " ", measure.description)))


def _describe(count: float, measure: Measure) -> str:
    return f"{_number(count)} × {measure.description} ({_number(measure.grams_each)} g each, SR28)"


def _number(value: float) -> str:
    return f"{value:.3g}" if value < 10 else f"{value:.0f}"


def _find(food: Food, wanted: AbstractSet[str], prefer: AbstractSet[str] = frozenset()) -> Measure | None:
    """The first measure whose leading word is one of ``wanted``, preferring one that also names ``prefer``
    ("cup, chopped" for "chopped carrots")."""
    found = [m for m in food.measures if (mw := _measure_words(m)) and mw[0] in wanted]
    if not found:
        return None
    for measure in found:
        if prefer & set(_measure_words(measure)[1:]):
            return measure
    plain = [m for m in found if len(_measure_words(m)) == 1]
    forms = _measure_forms()
    unchanged = [m for m in found if not set(_measure_words(m)[1:]) & forms]  # not "cup, whipped" for cream
    return (plain or unchanged or found)[0]


def _volume_measure(food: Food, prefer: AbstractSet[str]) -> tuple[Measure, float] | None:
    """A measure of volume and its size in ml, so any volume can be scaled from it. Measures such as
    "serving 1/2 cup" or "cup (8 fl oz)" count by the volume they state."""
    for unit in ("cup", "tbsp", "tsp", "fl oz", "quart", "pint"):
        measure = _find(food, UNIT_WORDS[unit], prefer)
        if measure:
            return measure, ML_PER[unit]
    for measure in food.measures:
        if found := _EMBEDDED_VOLUME.search(measure.description):
            number, unit = found.groups()
            top, _, bottom = number.partition("/")
            value = float(top) / float(bottom) if bottom else float(top)
            unit = {"tablespoon": "tbsp", "teaspoon": "tsp"}.get(unit.lower(), unit.lower())
            if value > 0:
                return measure, value * ML_PER[unit]
    return None


def _item_measure(food: Food, size: str | None, prefer: AbstractSet[str], unit_words: AbstractSet[str] | None = None
                  ) -> Measure | None:
    """A measure for one item (an egg, a banana, a tortilla; with ``unit_words``, one spear or one slice):
    the size asked for, then medium, then one named after the food itself, then one with no size, then other
    sizes, then a container ("1 can" of beer)."""
    items: list[tuple[Measure, tuple[str, ...]]] = []
    for measure in food.measures:
        mw = _measure_words(measure)
        if not mw:
            continue
        if unit_words is not None:
            if unit_words & set(mw):
                items.append((measure, mw))
        elif mw[0] not in _VOLUME_WORDS | _MASS_WORDS and not (_NOT_ONE_ITEM & set(mw)) - prefer \
                and not _YIELD_FROM.search(measure.description):  # "unit (yield from 1 lb raw meat)" is a pound's
            items.append((measure, mw))  # a leaf is one item only of "lettuce leaves"
    if not items:
        return None

    def rank(item: tuple[Measure, tuple[str, ...]]) -> int:
        words_ = set(item[1])
        text = " ".join(item[1])
        if size and re.search(rf"\b{size}\b", text) and not (size == "large" and "extra large" in text):
            return 0
        if "medium" in words_:
            return 1
        sized = bool(words_ & {"small", "large", "extra", "jumbo", "mini"})
        if _CONTAINERS & words_ and unit_words is None:
            return 5
        if prefer & words_ and not sized:
            return 2
        return 4 if sized else 3

    return min(items, key=lambda item: (rank(item), len(item[1])))[0]  # the plainest of a rank ("slice", not
    # "slice crust not eaten")


def part_measure(food: Food) -> Measure | None:
    """What one item yields of a part of it: SR28's "1 lemon yields" for lemon juice or peel."""
    return next((m for m in food.measures if "yield" in _measure_words(m)), None)


def grams_for(food: Food, amount: Amount) -> Portion | None:
    """Grams of ``food`` in ``amount``; None where the amount cannot be weighed (a problem was found)."""
    if amount.problem:
        return None
    count = amount.count
    prefer = {stem(w) for w in words(amount.food_text)}
    unit = amount.unit
    if count is None or (amount.size == MUCH and amount.quantity is None and unit is None):  # "loads of cheese"
        return _sized(_default_portion(food), amount.size)
    if unit in GRAMS_PER:
        return Portion(count * GRAMS_PER[unit], False, f"{_number(count)} {unit} as given")
    kind = kind_of(food)
    counted = _UNITS.by_name(unit) if unit else None
    if counted and counted.cut and amount.quantity is None and amount.amount_text.lower() != counted.name \
            and amount.amount_text.lower() in counted.spellings:  # "carrot sticks", "apple slices": how it is cut
        return _default_portion(food)
    if unit and kind and unit in kind.units:  # "a bag of crisps" is 25 g, not SR28's 227 g bag
        return _kind_unit(count, unit, kind)
    if unit in ML_PER or unit in VESSEL_ML:
        ml = count * ML_PER.get(unit, VESSEL_ML.get(unit, 0.0))
        vessel = unit in VESSEL_ML
        if vessel:  # "a big glass of milk" holds more than a glass
            ml *= portions().size_shares.get(amount.size or "", 1.0)
        if exact := _find(food, UNIT_WORDS.get(unit, set()), prefer):  # SR28 lists this very unit
            return Portion(count * exact.grams_each, False, _describe(count, exact))
        if found := _volume_measure(food, prefer):  # scale from another volume measure
            measure, measure_ml = found
            note = f" (a typical {unit} holds about {VESSEL_ML[unit]:.0f} ml)" if vessel else ""
            grams = ml / measure_ml * measure.grams_each
            return Portion(grams, vessel, f"{_number(ml)} ml, from {measure.description} = "
                                          f"{_number(measure.grams_each)} g (SR28){note}")
        return Portion(ml, True, f"{_number(ml)} ml taken as {_number(ml)} g (SR28 lists no volume measure)")
    if unit is None and kind and not kind.items:  # "a Coke" is a can, not SR28's 22 fl oz "drink, medium"
        return _sized(Portion(count * kind.usual, True, f"{_number(count)} × {kind.basis}"), amount.size)
    if unit is None and kind and kind.item_grams:  # "2 biscuits" are not two of SR28's 5 g butter cookies
        return _sized(Portion(count * kind.item_grams, True,
                              f"{_number(count)} × a usual one of {kind.name} (about {kind.item_grams:g} g)"),
                      amount.size)
    if counted and food.group in counted.whole_item_in and (whole := _item_measure(food, amount.size, prefer)) \
            and whole.grams_each <= counted.whole_item_max_grams:
        return Portion(count * whole.grams_each, False, _describe(count, whole))
    if (item := _item_measure(food, amount.size, prefer, counted.measure_words if counted else None)) \
            and (unit is not None or item.grams_each <= portions().one_item_max_grams):  # not "1 breast" of a turkey
        return Portion(count * item.grams_each, False, _describe(count, item))
    if unit is None:  # "a yogurt", "2 coffees": so many usual portions of a food that does not come in items
        usual = _default_portion(food)
        return _sized(Portion(count * usual.grams, usual.estimated, f"{_number(count)} × {usual.basis}"),
                      amount.size)
    assert counted is not None and counted.typical_grams is not None
    typical = counted.typical_by_group.get(food.group, counted.typical_grams)
    return Portion(count * typical, True, f"{_number(count)} × a typical {unit} (about {typical:.0f} g)")


def _sized(portion: Portion, size: str | None) -> Portion:
    """A usual portion said to be small or large ("a little milk", "a big coffee") where SR28 weighs the food in
    no such size: that share of it (``size_shares`` of data/portions.toml)."""
    share = portions().size_shares.get(size or "")
    if not share or share == 1:
        return portion
    return Portion(portion.grams * share, True, f"{size}: {share:g} × {portion.basis}", portion.assumed)


def _kind_unit(count: float, unit: str, kind: Kind) -> Portion:
    grams = kind.units[unit]
    return Portion(count * grams, True, f"{_number(count)} × a usual {unit} of {kind.name} (about {grams:.0f} g)")


def _default_portion(food: Food) -> Portion:
    """No amount given: one usual portion, said to be assumed. The usual portion of its kind of food
    (``data/portions.toml``), else SR28's NLEA serving, else a medium item (first, for groups marked
    ``item_first``), else the usual measure for the food
    group, else (for fruit) one whole fruit, else a usual weight for the group, else the first measure of volume
    SR28 lists, else one item."""
    if kind := kind_of(food):
        return Portion(kind.usual, True, f"{kind.basis}, a usual portion of {kind.name}", assumed=True)
    group = portions().groups.get(food.group, GroupPortion())
    item = _item_measure(food, None, set())
    medium = item if item and "medium" in _measure_words(item) else None
    if medium and group.item_first and medium.grams_each >= group.item_min_grams:
        return _assumed(medium)
    for measure in food.measures:
        if "nlea" in _measure_words(measure):
            return _assumed(measure)
    if medium:
        return _assumed(medium)
    for first_word in group.measures:
        if usual := _find(food, {first_word}):
            return _assumed(usual)
    if item and food.group == "0900":
        return _assumed(item)
    if group.grams:
        return Portion(group.grams, True, f"a typical portion (about {group.grams:.0f} g)", assumed=True)
    # SR28 lists a food's usual household measure first: 2 tbsp of peanut butter, 1 cup of milk; a single fluid
    # ounce is a unit, not a serving of a drink ("serving dry mix with 6 fl oz water" is)
    volumes = [m for m in food.measures if ((mw := _measure_words(m)) and mw[0] in _VOLUME_WORDS)
               or _EMBEDDED_VOLUME.search(m.description)]
    if volumes:
        return _assumed(next((m for m in volumes if _measure_words(m)[:2] != ("fl", "oz")), volumes[0]))
    if item:
        return _assumed(item)
    return Portion(100.0, True, "a typical portion (about 100 g)", assumed=True)


def _assumed(measure: Measure) -> Portion:
    """The measure as SR28 lists it ("3 oz", "0.5 cup"), as one assumed portion."""
    return Portion(measure.grams, False, f"{_number(measure.amount)} {measure.description} (SR28)", assumed=True)
