"""How much of a nutrient one food has ("how much magnesium is in a banana", "are sardines high in calcium"):
the articles give few foods' amounts, so the answer says so and gives the food table's figure for a usual
portion of the food (USDA SR28, the table every food figure in calmag comes from), cited to it.

The question is read as a nutrient's name and a food's name around a few fixed phrasings; the food is looked up
as the chat looks foods up, and answered only when the match is sure and names every word asked
("breast milk" is no cow's milk), and the words are no product, medicine or supplement ("milk of magnesia",
"coral calcium", "epsom salt").
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.evidence.sources import Claim, KnowledgeBase
from knowledge.intake.supplements import NAME, UNIT
from knowledge.text import alternation, fold

SR28_CLAIM = "ref-sr28-foods"
# how a question asks for one food's amount of a nutrient: {nutrient} and {food} stand for their names
PHRASINGS = (
    r"\bhow much {nutrient} (?:is |are |does |do )?(?:there )?in {food}{end}",
    r"\bhow much {nutrient} (?:does|do) {food} (?:have|contain|give)\b",
    r"\b(?:is|are|does|do) {food} (?:high|rich|a good source|good) (?:in|of|for) {nutrient}\b",
    r"\b(?:does|do) {food} (?:have|contain) (?:much |any |a lot of |lots of )?{nutrient}\b",
)
_FOOD = r"(?:(?:a|an|one|my|the|some|1)\s+)?(?P<food>[a-z][a-z' -]{1,40}?)"
_END = r"(?=\s*(?:[?.!,;]|$|\b(?:if|when|because|cos|as|since|i|im|and i|every|each|a day)\b))"
_NOT_FOODS = frozenset({"it", "that", "this", "they", "them", "these", "those", "mine", "yours", "food", "foods"})
_K2 = re.compile(r"\b(?:k2|vitamin k2|mk ?-? ?7|mk ?-? ?4|menaquinone)\b")  # a K2 question: the table has no MK-7


@cache
def _questions(nutrient_words: tuple[tuple[str, tuple[str, ...]], ...]
               ) -> tuple[tuple[re.Pattern[str], ...], dict[str, str]]:
    """The phrasings, and the nutrient by whichever of its names the question uses."""
    by_name = {name: nutrient for nutrient, names in nutrient_words for name in names}
    nutrient = rf"(?P<nutrient>{alternation(by_name)})"
    return tuple(re.compile(p.format(nutrient=nutrient, food=_FOOD, end=_END)) for p in PHRASINGS), by_name


def food_amount(question: str, kb: KnowledgeBase) -> tuple[str, Claim] | None:
    """The food table's figure for the food and nutrient ``question`` asks about, as a sentence, and the claim
    it cites; None when it asks no such thing or the food is not surely, and only, one the table has."""
    from knowledge.foods.lookup import SURE_SCORE, look_up_food
    from knowledge.foods.quantity import parse_amount
    from knowledge.intake.mentions import find_mentions
    from knowledge.intake.products import find_products

    text = fold(question)
    patterns, by_name = _questions(tuple((n, tuple(names)) for n, names in kb.nutrient_words.items()))
    found = next((m for p in patterns if (m := p.search(text))), None)
    claim = kb.claim(SR28_CLAIM)
    if found is None or claim is None:
        return None
    food = found["food"].strip()
    if food in _NOT_FOODS or find_products(food) or find_mentions(food):
        return None
    result = look_up_food(food)
    named = set(re.findall(r"[a-z]+", fold(result.food.name))) if result.food else set()
    asked = re.findall(r"[a-z]{3,}", parse_amount(food).food_text.lower())  # "a glass of milk": milk
    if result.food is None or (result.score or 0) < SURE_SCORE or not result.grams \
            or not all(w in named or w + "s" in named or w.rstrip("s") in named for w in asked):
        return None
    field = next(key for key in NAME if key.startswith(by_name[found["nutrient"]]))
    said = f"{result.grams:.0f} g of {result.food.name}" + (" (a usual portion)" if result.portion_assumed else "")
    if field == "vitamin_k_ug" and _K2.search(found["nutrient"]):
        return (f"The food table (USDA SR28) counts vitamin K as K1, and as MK-4 for a few foods, with no MK-7, so "
                f"it gives no K2 figure for {result.food.name} [{claim.source}].", claim)
    value = getattr(result.nutrients, field)
    if value is None:
        return (f"The food table (USDA SR28) gives no {NAME[field]} figure for {result.food.name} "
                f"[{claim.source}].", claim)
    k1 = " (K1, and MK-4 for a few foods)" if field == "vitamin_k_ug" else ""
    return (f"From the food table (USDA SR28), {said} has about {value:.3g} {UNIT[field]} of {NAME[field]}{k1} "
            f"[{claim.source}].", claim)
