"""How much of a nutrient one food has ("how much magnesium is in a banana", "are sardines high in calcium"):
the articles give no food's amounts, so the answer says so and gives the food table's figure for a usual
portion of the food (USDA SR28, the table every food figure in calmag comes from), cited to it.

The question is read as a nutrient's name and a food's name around a few fixed phrasings; the food is looked up
as the chat looks foods up, and only a sure match is answered.
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.evidence.sources import Claim, KnowledgeBase
from knowledge.text import alternation, fold

SR28_CLAIM = "ref-sr28-foods"
_FIELD = {"calcium": "calcium_mg", "magnesium": "magnesium_mg", "vitamin_d": "vitamin_d_ug",
          "vitamin_k": "vitamin_k_ug"}
_UNIT = {"calcium": "mg", "magnesium": "mg", "vitamin_d": "µg", "vitamin_k": "µg"}
_SAID = {"calcium": "calcium", "magnesium": "magnesium", "vitamin_d": "vitamin D", "vitamin_k": "vitamin K"}
_FOOD = r"(?:(?:a|an|one|my|the|some|1)\s+)?(?P<food>[a-z][a-z' -]{1,40}?)"
_END = r"(?=\s*(?:[?.!,;]|$|\b(?:if|when|because|cos|as|since|i|im|and i|every|each|a day)\b))"


@cache
def _questions(nutrient_words: tuple[tuple[str, tuple[str, ...]], ...]
               ) -> tuple[tuple[re.Pattern[str], ...], dict[str, str]]:
    """The phrasings, and the nutrient by whichever of its names the question uses."""
    by_name = {name: nutrient for nutrient, names in nutrient_words for name in names}
    nutrient = rf"(?P<nutrient>{alternation(by_name)})"
    forms = [
        rf"\bhow much {nutrient} (?:is |are |does |do )?(?:there )?in {_FOOD}{_END}",
        rf"\bhow much {nutrient} (?:does|do) {_FOOD} (?:have|contain|give)\b",
        rf"\b(?:is|are|does|do) {_FOOD} (?:high|rich|a good source|good) (?:in|of|for) {nutrient}\b",
        rf"\b(?:does|do) {_FOOD} (?:have|contain) (?:much |any |a lot of |lots of )?{nutrient}\b",
    ]
    return tuple(re.compile(form) for form in forms), by_name


def food_amount(question: str, kb: KnowledgeBase) -> tuple[str, Claim] | None:
    """The food table's figure for the food and nutrient ``question`` asks about, as a sentence, and the claim
    it cites; None when it asks no such thing or the food is not surely in the table."""
    from knowledge.foods.lookup import SURE_SCORE, look_up_food

    text = fold(question)
    patterns, by_name = _questions(tuple((n, tuple(names)) for n, names in kb.nutrient_words.items()))
    for pattern in patterns:
        if not (found := pattern.search(text)):
            continue
        nutrient = by_name[found["nutrient"]]
        result = look_up_food(found["food"].strip())
        claim = kb.claim(SR28_CLAIM)
        if result.food is None or (result.score or 0) < SURE_SCORE or not result.grams or claim is None:
            return None
        value = getattr(result.nutrients, _FIELD[nutrient])
        # the table's vitamin K is K1 (with MK-4 for a few foods): K2 from fermented foods is not in it
        k1_only = " (K1, and MK-4 for a few foods; the table has no MK-7)" if nutrient == "vitamin_k" else ""
        if value is None:
            return (f"The food table (USDA SR28) gives no {_SAID[nutrient]} figure for {result.food.name} "
                    f"[{claim.source}].", claim)
        return (f"From the food table (USDA SR28), {result.grams:.0f} g of {result.food.name} (a usual portion) "
                f"has about {value:.3g} {_UNIT[nutrient]} of {_SAID[nutrient]}{k1_only} [{claim.source}].", claim)
    return None
