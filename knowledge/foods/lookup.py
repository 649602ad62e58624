"""One food phrase in, one result out: the amount understood, the food matched, its grams and nutrients."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from pydantic import BaseModel, ConfigDict

from knowledge.foods.matching import FoodMatcher, MatchResult, food_matcher, is_cooked, remembered
from knowledge.foods.portions import Portion, grams_for, part_measure
from knowledge.foods.quantity import Amount
from knowledge.foods.reader import Line, read_line
from knowledge.foods.table import Food
from knowledge.foods.units import units
from knowledge.text import MAX_PHRASE_CHARS, clean, english_words, stem, words

MAX_GRAMS = 5000.0  # more than 5 kg of one food in a day is taken as a typing slip
MIN_SCORE = 55.0  # below this the best candidate shares too little with the phrase to be called a match
SURE_SCORE = 80.0  # below this, a match through a corrected typo or missing the phrase's head noun is not trusted
ENDS_FOOD = frozenset({"to", "for", "with", "and", "in", "on", "or"})  # words after a food's name, not in it
KIND_WORD_NAMES = 20  # a head noun found in this many food names names a kind of food ("milk", "cheese")


class FoodRef(BaseModel):
    id: str
    name: str


class Alternative(FoodRef):
    score: float


class Nutrients(BaseModel):
    """Amounts in the portion; None where SR28 has no value (never a silent 0)."""

    calcium_mg: float | None = None
    magnesium_mg: float | None = None
    vitamin_d_ug: float | None = None
    vitamin_k_ug: float | None = None


class FoodResult(BaseModel):
    model_config = ConfigDict(frozen=True)  # kept and handed out again by look_up_food: copied, never changed

    text: str
    status: Literal["ok", "unknown", "invalid"]
    message: str | None = None
    quantity: float | None = None
    quantity_max: float | None = None
    unit: str | None = None
    size: str | None = None
    understood: str = ""  # the amount and food words as read, e.g. "2 cups | spinach"
    grams: float | None = None
    grams_estimated: bool = False
    portion_assumed: bool = False
    portion: str | None = None
    food: FoodRef | None = None
    score: float | None = None
    ambiguous: bool = False
    ask_about: list[FoodRef] = []  # the close runners-up that would change the figures, when ambiguous
    alternatives: list[Alternative] = []
    corrections: dict[str, str] = {}
    nutrients: Nutrients = Nutrients()
    dish: str | None = None  # the dish this food is a part of, as said ("a cheese and ham toastie")
    part_assumed: bool = False  # a usual part of that dish the person did not name


def nutrients_for(food: Food, grams: float) -> Nutrients:
    def scaled(value: float | None) -> float | None:
        return None if value is None else round(value * grams / 100, 2)

    return Nutrients(calcium_mg=scaled(food.nutrient("calcium_mg")),
                     magnesium_mg=scaled(food.nutrient("magnesium_mg")),
                     vitamin_d_ug=scaled(food.nutrient("vitamin_d_ug")),
                     vitamin_k_ug=scaled(food.vitamin_k_ug))


def _misses_head(food_text: str, food: Food, matcher: FoodMatcher) -> bool:
    """Whether the phrase ends in a kind of food the match is not: "oat milk" matched to "Oats", "cashew milk"
    to cashews. SR28 has no oat milk; saying so beats counting a cup of dry oats."""
    main = re.split(r"\b(?:with|and|in|on)\b", food_text.lower())[0]  # "salt and pepper": the first food leads
    named = [w for w in words(main) if w.isalpha()]
    if len(named) < 2:
        return False
    head = stem(named[-1])
    name = {stem(w) for w in words(food.name)}
    return (len(matcher.postings.get(head, ())) >= KIND_WORD_NAMES  # the names the matcher indexes under it
            and head not in name and stem(named[-2] + named[-1]) not in name)  # "soy milk" is "Soymilk"


def _names_no_food_it_knows(food_text: str, match: MatchResult, matcher: FoodMatcher) -> bool:
    """Whether the phrase's last word, which says what the food is, is one SR28 does not use, and no word before
    it names a food: "triple sec" is no triple-pepper salsa, "spicy dukkah" no spicy dish. ("Chicken shawarma"
    names chicken.)"""
    said = []
    for word in words(food_text):
        if word in ENDS_FOOD:  # "water to cover", "cream for garnish", "salt and pepper": the food is before
            break
        if word.isalpha() and not (word.endswith(("ed", "ing")) and word in english_words()):  # "dissolved"
            said.append(stem(word))
    if len(said) < 2 or said[-1] not in match.unknown_words:
        return False
    return not any(w in matcher.food_words or w in matcher.synonyms or w in matcher.marked or w in matcher.lone_names
                   for w in said[:-1])


def _read_food(line: Line, matcher: FoodMatcher, prefer: frozenset[str]) -> tuple[MatchResult, Food | None]:
    """The food a line names: its first reading that matches ("walnuts or pecans": walnuts; "fine yellow or
    white polenta": yellow polenta, as "yellow" alone is no food)."""
    tried: list[MatchResult] = []
    if line.with_unit:  # "bay leaves" (Spices, bay leaf) against "bay" (scallops), "garlic cloves" against "garlic"
        whole = matcher.match(line.with_unit, prefer_states=prefer)
        part = matcher.match(line.food, prefer_states=prefer)
        if whole.best and whole.best.score >= SURE_SCORE \
                and (not part.best or whole.best.score >= part.best.score or whole.names_all(line.with_unit)):
            return whole, whole.best.food
    if line.food_is_unit:  # "5 cloves" is the spice; "2 slices" of nothing is no food
        match = matcher.match(line.food, prefer_states=prefer)
        sure = match.best and match.best.score >= SURE_SCORE and match.names_all(line.food)
        return match, match.best.food if sure and match.best else None
    weak: tuple[MatchResult, Food] | None = None
    for reading in line.readings:
        match = matcher.match(reading, prefer_states=prefer)
        best = match.best
        food = best.food if best and best.score >= MIN_SCORE else None
        # a weak match reached only by guessing at a word ("latte" as "late": a late-harvest wine) or missing
        # the phrase's head noun is no match
        if food is not None and best and best.score < SURE_SCORE \
                and (match.corrections_used or (not match.named and _misses_head(reading, food, matcher))):
            food = None
        if food is not None and _names_no_food_it_knows(reading, match, matcher):
            food = None
        if food is not None and best and (best.score >= SURE_SCORE or weak is not None):
            return (match, food) if weak is None or best.score >= SURE_SCORE else weak
        if food is not None and weak is None:
            # a weak reading, kept unless a later one is sure: "olive oil or bacon fat" is not "olive oil fat"
            # (a mayonnaise), but olive oil as said
            weak = (match, food)
        tried.append(match)
    if weak is not None:
        return weak
    if (plainer := _without_dish_word(line.food, matcher)) is not None:  # "chicken tikka": the chicken
        match = matcher.match(plainer, prefer_states=prefer)
        if match.best and match.best.score >= SURE_SCORE and match.names_all(plainer):
            return replace(match, corrections={**match.corrections, line.food: plainer}), match.best.food
    return tried[0], None


def _without_dish_word(food_text: str, matcher: FoodMatcher) -> str | None:
    """A phrase ending in the name of a dish SR28 hardly knows, after a food it knows ("chicken tikka", "paneer
    bhurji", "lamb rogan josh"), without that name; None where its last word is a kind of food, or what the food is
    made into ("oat milk" is not oats), or nothing is left."""
    said = [w for w in words(food_text) if w.isalpha()]
    for cut in range(len(said) - 1, 0, -1):  # drop the unknown dish words from the end: "rogan josh"
        tail = [stem(w) for w in said[cut:]]
        if any(len(matcher.postings.get(w, ())) >= KIND_WORD_NAMES or w in matcher.made_of for w in tail):
            return None
        head = stem(said[cut - 1])
        if head in matcher.food_words:
            return " ".join(said[:cut])
    return None


def _eaten_cooked(food: Food, matcher: FoodMatcher) -> bool:
    """Whether ``food`` is one people eat cooked (``[eaten_cooked]``): the phrase may name it another way
    ("bhindi", "aubergine"), so the food's own head word decides."""
    head, name = {stem(w) for w in words(food.name.split(",")[0])}, {stem(w) for w in words(food.name)}
    return any(entry[-1] in head and set(entry) <= name for entry in matcher.eaten_cooked)  # "Beans, snap, green"


def _weigh(line: Line, food: Food) -> Portion:
    """Grams of the line's amount: the weight the line states, so many packages of the size it gives, or the
    food's own household measures."""
    count = line.amount.count or 1.0
    if line.stated_grams:
        return Portion(line.stated_grams, False, f"{line.stated_grams:.3g} g as given")
    if line.package_grams:
        return Portion(count * line.package_grams, False, f"{count:g} × {line.package_grams:.0f} g as given")
    if line.package_ml:  # "1 (750 ml) bottle white wine": weighed from the food's own volume measures
        volume = grams_for(food, Amount(food_text=line.food, quantity=count * line.package_ml, unit="ml"))
        assert volume is not None
        return volume
    if line.part and line.amount.unit is None and (part := part_measure(food)):  # "juice of 2 lemons"
        return Portion(count * part.grams_each, False, f"{count:g} × {part.description} ({part.grams_each:g} g, SR28)")
    said = " ".join([line.food, *line.preparation])  # "1 cup chopped carrots" weighs SR28's "cup, chopped"
    portion = grams_for(food, replace(line.amount, food_text=said))
    assert portion is not None
    return portion


_LOOKED_UP: dict[tuple[str, str | None, bool], FoodResult] = {}


def look_up_food(phrase: str, matcher: FoodMatcher | None = None, food_id: str | None = None,
                 eaten: bool = False) -> FoodResult:
    """Read ``phrase`` ("2 cups spinach") and weigh it. Never raises on odd input: the result says what was
    wrong. ``food_id`` pins the food (after the person chose among alternatives). ``eaten``: the phrase says
    what someone ate (a day in the chat), not what goes into a recipe, so foods nobody eats raw ("sweet
    potato") are taken cooked unless the phrase says otherwise. Results with the shipped table are kept for
    the last few thousand phrases: a day's message and the next ones ask about the same phrases again (a
    dish's usual parts, "is it one food or two"), and a result is never changed, only copied."""
    if matcher is not None and matcher is not food_matcher():
        return _look_up(phrase, matcher, food_id, eaten)
    return remembered(_LOOKED_UP, (phrase, food_id, eaten), lambda: _look_up(phrase, food_matcher(), food_id, eaten))


def _look_up(phrase: str, matcher: FoodMatcher, food_id: str | None, eaten: bool) -> FoodResult:
    text = clean(phrase)
    if not text:
        return FoodResult(text=phrase, status="invalid", message="the phrase is empty")
    if len(text) > MAX_PHRASE_CHARS:
        return FoodResult(text=text[:80] + "…", status="invalid",
                          message=f"the phrase is {len(text):,} characters long; name one food in at most "
                                  f"{MAX_PHRASE_CHARS}")
    line = read_line(text)
    amount = line.amount
    base = FoodResult(text=text, status="ok", quantity=amount.quantity, quantity_max=amount.quantity_max,
                      unit=amount.unit, size=amount.size,
                      understood=" | ".join(p for p in (amount.amount_text, amount.food_text) if p))
    if not amount.food_text:
        return base.model_copy(update={"status": "invalid", "message": f"no food named in '{text}'"})
    pinned = matcher.table.get(food_id) if food_id else None
    implied = units().by_name(amount.unit).implies if amount.unit else None
    # a can is canned; pounds and kilos of a food are bought, raw ("2 1/2 pounds chicken wings")
    prefer = frozenset({implied}) if implied else frozenset()
    if not prefer and amount.unit in ("lb", "kg"):  # bought by the pound: raw, or dry for pasta and grains
        prefer = frozenset({"raw", "dry"})
    match, food = _read_food(line, matcher, prefer)
    if eaten and not prefer and not match.states_named and food is not None and _eaten_cooked(food, matcher):
        match, food = _read_food(line, matcher, frozenset({"cooked"}))
    # a food eaten cooked, with no state said, is not asked about in its raw or dry state ("rice" in a day)
    as_eaten = eaten and not prefer and not match.states_named and food is not None and is_cooked(food)
    asked = [c for c in match.ambiguous_with if not (as_eaten and not is_cooked(c.food))]
    food = pinned or food
    best = match.best
    alternatives = [Alternative(id=c.food.id, name=c.food.name, score=min(c.score, 100.0))
                    for c in match.candidates if food is None or c.food.id != food.id][:5]
    base = base.model_copy(update={"alternatives": alternatives, "corrections": match.corrections_used})
    if food is None and line.food_is_unit:
        return base.model_copy(update={"status": "invalid", "message": f"no food named in '{text}'"})
    if food is None:
        return base.model_copy(update={"status": "unknown",
                                       "message": f"no food in the table matches '{amount.food_text}'"})
    base = base.model_copy(update={
        "food": FoodRef(id=food.id, name=food.name),
        "score": None if pinned or best is None else min(best.score, 100.0),
        "ambiguous": False if pinned else bool(asked),
        "ask_about": [] if pinned else [FoodRef(id=c.food.id, name=c.food.name) for c in asked],
    })
    if amount.problem:
        return base.model_copy(update={"status": "invalid", "message": amount.problem})
    portion = _weigh(line, food)
    for more in line.plus:  # "1/4 cup plus 1 tablespoon water"
        if extra := grams_for(food, replace(more, food_text=amount.food_text)):
            portion = Portion(portion.grams + extra.grams, portion.estimated or extra.estimated,
                              f"{portion.basis}, plus {extra.basis}")
    if portion.grams > MAX_GRAMS:
        message = (f"{amount.amount_text or 'that amount'} of {food.name} would weigh {portion.grams:,.0f} g; "
                   "please check the amount")
        return base.model_copy(update={"status": "invalid", "message": message})
    grams = round(portion.grams, 1)
    return base.model_copy(update={"grams": grams, "grams_estimated": portion.estimated,
                                   "portion_assumed": portion.assumed, "portion": portion.basis,
                                   "nutrients": nutrients_for(food, grams)})
