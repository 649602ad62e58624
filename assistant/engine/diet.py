"""A typical day in free text, split into food phrases: "oatmeal with milk and a banana, 2 cups spinach".

Meals and lead-ins ("for breakfast I have", "lunch:", "then") are dropped; commas, "and", "with", "plus" and
sentence ends separate foods. "X and Y" stays one phrase when the table has a food named for both
("macaroni and cheese" would, if SR28's name carried both words). A composite dish in the recipe table
(``knowledge/data/dishes.toml``) becomes its parts: "a cheese and ham toastie" is bread, cheese, ham and butter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import pairwise

from pydantic import BaseModel, ConfigDict

from knowledge.data_files import data_file
from knowledge.foods.dishes import Dish, DishPart, Reading, dish_parts, find_dish, times_over
from knowledge.foods.lookup import KIND_WORD_NAMES, SURE_SCORE, look_up_food
from knowledge.foods.matching import STOP, FoodMatcher
from knowledge.foods.quantity import NUMBER_WORDS, VAGUE_AMOUNTS, Amount, parse_amount
from knowledge.foods.units import units
from knowledge.intake.supplements import how_often
from knowledge.text import alternation, fold, stem, words


class DayWords(BaseModel):
    """``knowledge/data/day_words.toml``, validated: the words around the foods of a day."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    meals: list[str]
    times: list[str]
    starts: list[str]
    verbs: list[str]
    helping: list[str]
    adverbs: list[str]
    hedges: list[str]
    examples: list[str]
    linking: list[str]
    describing_ends: list[str]
    continues: list[str]
    joins: list[str]
    manner: list[str]
    chatter: list[str]
    people: list[str]
    clause_starts: list[str]
    subjects: list[str]
    meal_describing: list[str]
    with_tea_drink: list[str]
    until: list[str]
    left_out: list[str]
    negations: list[str]
    not_foods: list[str]
    shops: list[str]
    places: list[str]
    per_day: dict[str, float]


@dataclass(frozen=True)
class _Patterns:
    meal: re.Pattern[str]
    lead_in: re.Pattern[str]
    separators: re.Pattern[str]
    made_last: re.Pattern[str]
    chatter: re.Pattern[str]
    clause: re.Pattern[str]
    left_out: re.Pattern[str]
    negated_choice: re.Pattern[str]
    denied_after: re.Pattern[str]
    not_foods: frozenset[str]
    bought: re.Pattern[str]
    per_day: re.Pattern[str]
    times_a_day: dict[str, float]
    hedges: re.Pattern[str]
    examples: frozenset[str]
    linking: frozenset[str]
    describing_ends: frozenset[str]
    continues: frozenset[str]  # words after which "a" goes on with the same food


@cache
def _patterns() -> _Patterns:
    data = DayWords.model_validate(data_file("day_words.toml"))
    weekday = r"(?:on (?:an? )?)?(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
    # "at 7am", "7 o'clock", and a bare hour after "at": "tea with the family at 6"
    clock = r"(?:at\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}\s*o'?\s?clock)|\bat\s+\d{1,2}(?:[:.]\d\d)?(?![\d.:/])"
    # "for tea" is a meal, "tea with milk" a drink
    meal = (rf"(?:(?:for|at|with|during|as)\s+)?(?:(?:an?|my)\s+)?(?:(?:{alternation(data.meal_describing)})\s+)?"
            rf"(?:{alternation(data.meals)})(?:\s+of\b)?"
            rf"|(?:for|at) (?:my )?tea\b(?!\s+(?:and|with|or)\s+(?:{alternation(data.with_tea_drink)})\b)"
            r"|tea (?:is|was)")
    # "black coffee till noon", "nothing until dinner": how long, not a food
    until = (rf"(?:{alternation(data.until)})\s+(?:{clock}|\d{{1,2}}(?::\d\d)?|{alternation(data.meals)}|"
             rf"{alternation(data.starts)}|{alternation(data.times)})")
    lead_in = re.compile(
        rf"\b(?:{until}|{meal}|{alternation(data.times)}|{weekday}|{clock}|(?:^|(?<=[,.;]\s))(?:{alternation(data.starts)}))"
        r"\b\s*(?:is|was|are|:|-)?(?:\s+(?:usually|normally|typically|often|mostly|just|like))*"
        r"|\b(?:is|are|its|it's)\s+(?:usually\s+|normally\s+|just\s+|like\s+)*(?:an?\s+)?(?=\w)"
        rf"|\b(?:i|we)\s+(?:(?:{alternation([*data.adverbs, *data.helping])})\s+)*"
        rf"(?:{alternation(data.verbs)})\b|\b(?:{alternation(data.adverbs)})\b"
        # the verb alone at the start of a clause: "... and eat lots of spinach", "eat a lot of kale"
        rf"|(?:^|(?<=[,.;:])\s*|\band\s+)(?:(?:{alternation(data.helping)})\s+)*(?:{alternation(data.verbs)})\b", re.I)
    # "oats soaked overnight in kefir", "eggs fried in butter": the second food is eaten too
    # (the way it was made stays with the first: "eggs fried")
    after_join = "|".join(rf"(?<=\b{re.escape(w)})" for w in data.joins)
    joined = rf"(?:{after_join})(?:\s+(?:{alternation(data.manner)}))?\s+(?:in|into|with|on|over)\b"
    # "hummus & pepper", "hummus&pepper", but not "L&P" or "M&S": names with an "&" in them
    ampersand = r"\s+&\s*|\s*&\s+|(?<=\w\w)&(?=\w\w)"
    separators = re.compile(rf"[,;\n.!?]+(?!\d)|\s+-\s+|{ampersand}|\s+\+\s+|\b(?:and|with|plus|alongside|w)\b|\bw/"
                            rf"|(?=\bwithout\b)|{joined}", re.I)
    return _Patterns(
        # a meal said as what was eaten at it ("for lunch", "lunch was", "breakfast:"), not a time ("after lunch")
        meal=re.compile(rf"\b(?:for|at)\s+(?:my\s+)?(?:{alternation(data.meals)})\b|(?:^|[.,;]\s*)(?:{alternation(data.meals)})\b"
                        rf"|\b(?:{alternation(data.meals)})\s*(?::|-|is\b|was\b|were\b)", re.I),
        lead_in=lead_in,
        separators=separators,
        made_last=re.compile(rf"^(.+?)\s+({alternation(data.joins)})$", re.I),
        chatter=re.compile(rf"(?:^|\s)(?:{alternation([*data.chatter, *data.people])})(?:\s|$)|^from\s", re.I),
        # up to the next part: "once my husband is home and chocolate", "when i get home a bowl of cereal"
        clause=re.compile(rf"\b(?:{alternation(data.clause_starts)})\s+(?:{alternation(data.subjects)})\b"
                          r"[^,;.!?\n]*?(?=\s+(?:and|then|but|an?|some|\d+)\s|[,;.!?\n]|$)", re.I),
        left_out=re.compile(rf"^(?:{alternation(data.left_out)})\b", re.I),
        negated_choice=re.compile(rf"\b(?:{alternation(data.negations)})\b[^,;.]*\bor\b", re.I),
        # "curd also I avoid", "cheese, I never touch": the person denies, with no food of its own, the one before
        denied_after=re.compile(rf"^(?:also\s+|and\s+)?(?:i|we)\s+(?:(?:also|really|just|totally)\s+)*"
                                rf"(?:{alternation(data.negations)})(?:\s+(?:eat|have|drink|touch|like)(?:\s+it)?)?$",
                                re.I),
        not_foods=frozenset(data.not_foods),
        bought=re.compile(rf"\s*\b(?:from|at)\s+(?:(?:the|a|an|my|our)\s+)?(?:[a-z]+\s+)?"
                          rf"(?:{alternation([*data.places, *data.shops])})(?!\w)"
                          rf"|(?<![\w&])(?:{alternation(data.shops)})(?:'?s)?(?![\w&])", re.I),
        per_day=re.compile(rf"(?:^|\s+)(?:(?P<words>{alternation(data.per_day)})"
                           r"|(?P<n>\d+)\s*(?:x|times)(?:\s*(?:a|per)\s*day)?|x\s*(?P<meals>\d+)\s*meals?)\s*$", re.I),
        times_a_day=data.per_day,
        hedges=re.compile(rf"(?<=\s)(?:{alternation(data.hedges)})(?=\s)", re.I),
        examples=frozenset(data.examples), linking=frozenset(data.linking),
        describing_ends=frozenset(data.describing_ends),
        continues=frozenset(w for phrase in [*data.continues, *data.linking, *data.verbs, *data.helping,
                                             *data.adverbs, *data.hedges, *data.examples, *data.joins, *data.manner]
                            for w in [phrase.split()[-1].lower()]))


_ALTERNATIVE = re.compile(r"(?<![\d\s])\s+or\s+(?!\d|more\b|so\b|two\b|three\b)", re.I)
_JOINERS = re.compile(r"\s+(and|with)\s+", re.I)


def _kept_together(phrase: str, matcher: FoodMatcher) -> bool:
    """Whether "X and Y" names one food: the best match's name carries the words of both sides."""
    if matcher.holds_joined_name(phrase):  # a name in food_words.toml: "mac and cheese"
        return True
    best = matcher.match(phrase).best
    if best is None:
        return False
    name_text = best.food.name.lower().split("without")[0]
    name = {stem(w) for w in words(name_text)}
    content = [stem(w) for w in words(_JOINERS.sub(" ", phrase)) if not w.isdigit() and len(w) > 2]
    # "cheese and crackers" are two foods though SR28 has cheese crackers: a single word after the joiner is a
    # food of its own, unless the name joins the two too ("macaroni and cheese"); "cheese and onion crisps"
    # joins two flavours of one food
    if len(_JOINERS.split(phrase)[-1].split()) == 1 and not re.search(r"\b(?:and|with)\b|&", name_text):
        return False
    return bool(content) and all(w in name for w in content)


@dataclass(frozen=True)
class Phrase:
    """One food to look up: as typed, or one part of a dish ("2 slices granary bread" of a cheese sandwich)."""

    text: str
    dish: str | None = None
    assumed: bool = False  # a usual part of the dish the person did not name


def _sr28_has(chunk: str, dish: Dish, matcher: FoodMatcher) -> bool:
    """Whether SR28 names this very dish ("tomato soup"): a sure match with the dish word in its name."""
    if not dish.sr28_first:
        return False
    result = look_up_food(chunk, matcher)
    if result.food is None or (result.score or 0) < SURE_SCORE:
        return False
    if matcher.match(chunk).named:  # a name the lexicon gives ("macaroni pie", "wonton soup") is that food
        return True
    dish_words = {stem(w) for d in dish.words for w in words(d)}
    said = {stem(w) for w in words(chunk)} | dish_words
    said |= {w for d in dish.words for w in matcher.defaults.get(d, ())}  # "soup" is the lexicon's usual soup
    name = {stem(w) for w in words(result.food.name)}
    # what the name says the dish is (its first segment, and the foods of its second) is all said: "lentil soup"
    # is not "Soup, lentil with ham", "vegetable chilli" not "Chili con carne with beans", "pie" not "Pie,
    # blueberry"; "Soup, tomato, canned" is tomato soup
    head, *rest = result.food.name.split(",")
    naming = {stem(w) for w in words(head) if w.isalpha() and w not in STOP} \
        | {stem(w) for w in words(rest[0] if rest else "") if stem(w) in matcher.food_words}
    return bool(dish_words & name) and naming <= said


def _first_choice(chunk: str) -> tuple[str, list[str]]:
    """"a burger or a kebab": one or the other on different days, not both; the first is counted and the others
    said back. "lentejas or paella with salad and bread": what the last choice is eaten with goes with the first."""
    if _patterns().left_out.match(chunk.strip()) or _patterns().negated_choice.search(chunk):
        return chunk, []  # "no onion, garlic or root veg", "i dont eat meat or fish": none of them is eaten
    choices = _ALTERNATIVE.split(chunk)
    shared = re.search(r"\s(?:with|and)\s.*$", choices[-1]) if len(choices) > 1 and not _JOINERS.search(choices[0]) \
        else None
    if shared:
        choices[-1] = choices[-1][: shared.start()]
    return choices[0] + (shared.group(0) if shared else ""), [c.strip() for c in choices[1:] if c.strip()]


def _phrases(chunk: str, matcher: FoodMatcher) -> list[Phrase]:
    found = find_dish(chunk)  # (its choices were taken apart and said back by split_foods)
    if found and not _sr28_has(chunk, found[0], matcher) and (reading := dish_parts(chunk)):
        return _dish_phrases(reading, found[0], matcher)
    if _JOINERS.search(chunk) and _kept_together(chunk, matcher):
        return [Phrase(chunk)]
    patterns = _patterns()
    parts = [patterns.made_last.sub(r"\2 \1", p.strip(" :"))  # "eggs fried (in butter)": "fried eggs"
             for p in patterns.separators.split(chunk) if p and p.strip(" :")]
    if len(parts) == 1 and len(weighed := _after_weights(parts[0])) > 1:  # "chicken 200g rice 150g"
        return [phrase for part in weighed for phrase in _phrases(part, matcher)]
    if len(parts) == 1:
        return [Phrase(p) for p in _run_on(parts[0], matcher)]
    return [phrase for part in parts for phrase in _phrases(part, matcher)]  # "soup and a sandwich"


def _dish_phrases(reading: Reading, dish: Dish, matcher: FoodMatcher) -> list[Phrase]:
    """A dish's parts, then the foods said after it that are not in it. A dish said by its weight ("300 ml
    soup", "40 g tuna salad" in a sandwich) has its parts in their usual proportions, scaled to that weight."""
    parts = _ruled_out(reading, [phrase for p in reading.parts for phrase in _dish_part(p, dish, matcher)], matcher)
    if reading.weighs:  # each part in grams: "12 g cooked chicken", not "0.197 tbsp olive oil"
        weighed = [(p, look_up_food(p.text, matcher).grams or 0.0) for p in parts]
        usual = sum(g for _, g in weighed)
        if usual:
            share = reading.weighs / usual
            parts = [Phrase(f"{max(round(g * share), 1)} g {parse_amount(p.text).food_text}", p.dish, p.assumed)
                     if g else p for p, g in weighed]
    return [*parts, *(p for other in reading.others for p in _phrases(other, matcher))]


def _ruled_out(reading: Reading, parts: list[Phrase], matcher: FoodMatcher) -> list[Phrase]:
    """"a vegan sausage roll": a part the words rule out (its pork sausage) is the same kind of food said so
    ("50 g vegan sausage": the meatless sausage), and the words are no part of their own."""
    said = reading.parts[0].dish if reading.parts else ""
    found = [hit.group(0) for pattern, _, _ in matcher.rules_out if (hit := pattern.search(said))]
    kept = [p for p in parts if parse_amount(p.text).food_text.lower() not in {w.lower() for w in found}]
    return said_so(kept, found, matcher)


def said_so(phrases: list[Phrase], said: list[str], matcher: FoodMatcher, assumed_only: bool = False) -> list[Phrase]:
    """``phrases`` with each food that one of ``said`` ("vegan", "dairy free") rules out named as the same kind
    of food said so ("200 ml semi-skimmed milk" in a vegan's porridge: "200 ml vegan milk"); with
    ``assumed_only`` only the usual parts of dishes the person did not name."""
    rules = [(word, groups, name_words) for word in said for pattern, groups, name_words in matcher.rules_out
             if pattern.fullmatch(word)]
    if not rules:
        return phrases
    out = []
    for phrase in phrases:
        ref = look_up_food(phrase.text, matcher).food if phrase.assumed or not assumed_only else None
        food = matcher.table.get(ref.id) if ref else None
        amount = parse_amount(phrase.text)
        if food and amount.food_text.split() and any(
                food.group in groups or name_words & set(words(food.name.lower())) for _, groups, name_words in rules):
            head = food.name.split(",")[0].split()[-1].lower()  # "Pork sausage": a sausage
            phrase = Phrase(f"{amount.amount_text} {rules[0][0]} {head}".strip(), phrase.dish, phrase.assumed)
        out.append(phrase)
    return out


def _dish_part(part: DishPart, dish: Dish, matcher: FoodMatcher) -> list[Phrase]:
    """A dish's part as phrases: a named part typed as a run of foods ("a bowl with chick peas quinoa sweet
    potato") is each of them, at its own usual portion."""
    if not part.assumed:
        inner_dish = find_dish(part.phrase)
        # "tea with 2 sugars and a bacon butty": a named part that is another dish is that dish's parts
        if inner_dish and inner_dish[0] != dish and (inner := dish_parts(part.phrase)):
            # shown under the dish the person named: "tuna salad sandwich", not its "40 g tuna salad"
            return [Phrase(p.text, part.dish, p.assumed) for p in _dish_phrases(inner, inner_dish[0], matcher)]
        food = parse_amount(part.phrase).food_text
        # a filling of two foods ("prawn mayo", "chicken caesar") is two, unless the last names what a food is
        # made into or a kind of food ("oat milk", "goats cheese")
        last = stem(food.split()[-1]) if food.split() else ""
        kind_word = last in matcher.made_of or len(matcher.postings.get(last, ())) >= KIND_WORD_NAMES
        foods = _run_on(food, matcher, fewest=3 if kind_word else 2)
        if len(foods) > 1:  # each at the dish's filling amount, when that is the amount it was given
            each = dish.filling if dish.filling and part.phrase.startswith(f"{dish.filling} ") else None
            return [Phrase(f"{each} {food}" if each else food, part.dish) for food in foods]
    return [Phrase(part.phrase, part.dish, part.assumed)]


def _surely_one_food(text: str, matcher: FoodMatcher) -> bool:
    """Whether ``text`` is surely one food: a sure match naming each of its words."""
    match = matcher.match(text)
    return match.best is not None and match.best.score >= SURE_SCORE \
        and match.names_all(text, states_as_named=True, synonyms=matcher.synonyms)


@cache
def _weight_after() -> re.Pattern[str]:
    """A weight written after its food and followed by another food: "chicken 200g | rice 150g"."""
    spellings = [sp for u in units().unit if u.kind in ("mass", "volume") and not u.household for sp in u.spellings]
    return re.compile(rf"(?<=[a-z]\s)(\d+(?:[.,]\d+)?\s*(?:{alternation(spellings)}))\s+(?=[a-z])", re.I)


def _after_weights(text: str) -> list[str]:
    """``text`` cut after each weight that follows a food and comes before another ("chicken 200g rice 150g"),
    or before it when the food before has an amount of its own ("2 eggs 100 g spinach") or a joining word comes
    between ("milo in 300ml milk": the weight is the milk's)."""
    pieces, start = [], 0
    for found in _weight_after().finditer(text):
        before = text[start:found.start(1)].split()
        if all(w.lower() in _patterns().continues for w in before):
            continue  # "about 2 litres of water": no food before the weight
        if before[-1].lower() in _patterns().linking:
            pieces.append(" ".join(before[:-1]))
            start = found.start(1)
        elif parse_amount(text[start:found.start(1)]).quantity is not None:
            pieces.append(text[start:found.start(1)].strip())
            start = found.start(1)
        else:
            pieces.append(text[start:found.end(1)].strip())
            start = found.end()
    return [*pieces, text[start:].strip()] if pieces else [text]


def _run_on(text: str, matcher: FoodMatcher, depth: int = 0, fewest: int = 3) -> list[str]:
    """Foods typed one after another without a comma ("chicken breast rice", "chickpeas quinoa sweet potato"):
    a phrase no single food names is cut where both sides surely are foods, the longest first food first.
    Phrases of fewer than ``fewest`` words are kept whole."""
    said = text.split()
    amount = parse_amount(text)
    if depth > 4 or not fewest <= len(said) <= 12 or amount.quantity is not None or amount.unit is not None \
            or _surely_one_food(text, matcher):  # an amount, or two words ("oat milk"): one food as said
        return [text]
    for cut in range(len(said) - 1, 0, -1):  # the longest first food first: "chicken breast | rice"
        # "some fruit | like pawpaw" names one food by its kind; "gluten free | toast" is one food
        if said[cut].lower() in _patterns().examples \
                or {said[cut - 1].lower(), said[cut].lower()} & _patterns().describing_ends:
            continue
        # "peanut butter on | rice cakes": the joining word goes with neither food
        left = " ".join(said[:cut - 1] if said[cut - 1].lower() in _patterns().linking and cut > 1 else said[:cut])
        right = " ".join(said[cut:])
        right_sure = _surely_one_food(right, matcher)
        rest = [right] if right_sure else _run_on(right, matcher, depth + 1, fewest=2)  # "rice | beans chicken"
        if (right_sure or len(rest) > 1) and _surely_one_food(left, matcher):
            return [left, *rest]
    return [text]


@dataclass(frozen=True)
class Day:
    """A message's foods, and the parts of it read as no food (said back, so that nothing is dropped unseen)."""

    phrases: list[Phrase]
    set_aside: list[str]  # clauses about the day: "i dont do breakfast"
    left_out: list[str]  # parts the person said they leave out: "no croutons"
    other_choices: list[str] = field(default_factory=list)  # "spag bol or a curry": the curry
    weekly: list[str] = field(default_factory=list)  # "fish and chips on fridays (1 day in 7)": a daily average


_PARENTHESISED = re.compile(r"\s*\(([^()]{1,30})\)")


def _per_week(chunk: str) -> tuple[str, float]:
    """``chunk`` without the days of the week it is had on, and the share of days, read as a supplement's how often
    is ("pizza on fridays", "salmon 3x a week", "yogurt mon/wed/fri", "a roast at the weekend"): only a rate under
    once a day, with no count or unit of its own, is a food's share of days."""
    often = how_often(fold(chunk))
    if not often.timed or often.counted or often.irregular or often.per_day >= 1 or not often.said:
        return chunk, 1.0
    rest = re.sub(rf"(?:\b(?:on|at|every)\s+)?(?<!\w){re.escape(often.said)}(?!\w)", " ", chunk, flags=re.I)
    rest = " ".join(rest.split())
    return (rest, often.per_day) if rest != " ".join(chunk.split()) and re.search(r"[a-z]", rest, re.I) \
        else (chunk, 1.0)


def _weekly_share(phrase: Phrase, share: float, matcher: FoodMatcher) -> Phrase:
    """``phrase`` at ``share`` of its amount: of its usual portion when it gives none ("pizza on fridays" is a
    seventh of a usual pizza portion, not of one whole pizza)."""
    if share == 1:
        return phrase
    if parse_amount(phrase.text).quantity is None and (found := look_up_food(phrase.text, matcher, eaten=True)).grams:
        return Phrase(times_over(f"{found.grams:g} g {phrase.text}", share), phrase.dish, phrase.assumed)
    return Phrase(times_over(phrase.text, share), phrase.dish, phrase.assumed)


def _per_day(chunk: str) -> tuple[str, float]:
    """``chunk`` without how many times a day it is had, and those times: "tea 3 times a day" is tea, 3."""
    patterns = _patterns()
    found = patterns.per_day.search(chunk)
    if not found or (found.group("n") and found.start() > 0 and not re.search(r"times", found.group(0))):
        return chunk, 1.0  # "chicken x2" is two of it, read with the amount; "tea, 3 times" how often
    said = found.group("words")
    if said:
        return chunk[: found.start()], patterns.times_a_day[" ".join(said.lower().split())]
    return chunk[: found.start()], float(found.group("n") or found.group("meals"))


def says_only_how_often(text: str) -> bool:
    """Whether ``text`` only says how many times a day ("3 times a day", "twice"): it goes with the food before."""
    rest, times = _per_day(text.strip())
    return not rest.strip() and times != 1


def _listed_in_brackets(chunk: str, matcher: FoodMatcher) -> str:
    """A list of foods in brackets says what the food before it is: after a dish, its fillings ("a sandwich
    (ham, cheese)": with ham and cheese); after any other words, the foods themselves ("protein oats (oats,
    whey, frozen berries)", "fruit (apple, banana)")."""
    found = re.fullmatch(r"(.*?\w.*?)\s*\(([^()]+)\)\s*", chunk)
    if not found:
        return chunk
    items = [i.strip() for i in re.split(r",|\band\b|&", found.group(2)) if i.strip()]
    if len(items) < 2 or not all(surely_a_food(item, matcher) for item in items):
        return chunk
    if find_dish(found.group(1)):
        return f"{found.group(1)} with {' and '.join(items)}"
    return ", ".join(items)


def surely_a_food(text: str, matcher: FoodMatcher) -> bool:
    """Whether the best match for ``text`` is a sure one (however many of its words it names)."""
    best = matcher.match(text).best
    return best is not None and best.score >= SURE_SCORE


def _bracketed(found: re.Match[str], chunk: str, matcher: FoodMatcher, aside: list[str]) -> str:
    """What brackets after a food say: "Weetabix (3)", "tea (about 5 cups)": an amount with no food in it is how
    many, said as "x 3"; "sushi rolls (salmon avo)": words that all name foods, after a dish, are what it is
    made with; words naming no food ("(intermittent fasting)") are set aside and said back. Other brackets
    are kept ("fruit (papaya)" names the fruit)."""
    said = parse_amount(found.group(1).replace("~", " "))
    if said.count and said.quantity is not None and _only_amount(said):
        return f" x{said.count:g}"
    inside = matcher.match(said.food_text or found.group(1))  # the food words, without "about a cupful of"
    before = re.split(r"[,;]|\b(?:and|with|or)\b", chunk[: found.start()])[-1].strip()
    if said.quantity is None and before and inside.best and inside.best.score >= SURE_SCORE \
            and (named := matcher.match(before).best) and named.food.name.split(",")[0] \
            == inside.best.food.name.split(",")[0]:  # "soy milk (Alpro)": the brand of the food, not a second one
        return " "
    if find_dish(chunk[: found.start()]) and not find_dish(found.group(1)) and said.food_text \
            and inside.best and not inside.unknown_words:  # foods, not "(intermittent fasting)"
        return " with " + re.sub(r"^(?:with|w/)\s+", "", found.group(1).strip(), flags=re.I)  # "(with honey)"
    if said.quantity is None and (inside.unknown_words or not inside.best):  # "(intermittent fasting)", "(lol)"
        aside.append(found.group(1).strip())
        return " "
    return found.group(0)


def says_only_an_amount(text: str) -> bool:
    """Whether ``text`` is an amount with a unit and no food ("maybe a litre a day"): it belongs to the food
    said before it."""
    said = parse_amount(text)
    return said.unit is not None and said.quantity is not None and _only_amount(said)


def _only_amount(said: Amount) -> bool:
    """Whether the words besides the amount only hedge it: "about", "or so", "a day"."""
    return not _patterns().hedges.sub(" ", f" {said.food_text.lower()} ").strip()


def _amounts_joined(phrases: list[Phrase]) -> list[Phrase]:
    """"a lot of milk, maybe a litre a day": an amount said alone, with a unit, is the amount of the food
    before it when that food was said without one."""
    joined: list[Phrase] = []
    for phrase in phrases:
        said = parse_amount(phrase.text)
        before = parse_amount(joined[-1].text) if joined and joined[-1].dish is None else None
        if phrase.dish is None and said.unit and said.quantity is not None and _only_amount(said) and before \
                and before.unit is None and (before.quantity is None or before.amount_text.lower() in ("a", "an")):
            joined[-1] = Phrase(f"{said.amount_text} {before.food_text}")
        else:
            joined.append(phrase)
    return joined


def _parts_left_out(phrases: list[Phrase], left_out: list[Phrase], negation: re.Pattern[str]) -> list[Phrase]:
    """"tea, no milk", "caesar salad, no croutons": a part left out in the next clause comes out of the dish
    said just before it (within the dish, "no croutons" is read by the dish itself)."""
    kept: list[Phrase] = []
    for phrase in phrases:
        if phrase in left_out and kept and kept[-1].dish:
            dish = kept[-1].dish
            said = {stem(w) for w in words(negation.sub(" ", phrase.text))}
            kept = [p for p in kept if p.dish != dish or not said & {stem(w) for w in words(p.text)}]
        kept.append(phrase)
    return kept


def names_a_meal(text: str) -> bool:
    """Whether ``text`` names a meal ("for lunch I had ..."): it is about food, whatever step is open."""
    return bool(_patterns().meal.search(text))


_ARTICLE = re.compile(r"(?<=[^\W_])\s+(?=an?\s+(?!(?:day|week|month|night|year|fortnight|time)s?\b)\w)", re.I)


def _amount_word(word: str) -> bool:
    """Whether ``word`` can end the amount before a unit: "a", "the", "two", "few", "couple"."""
    return word in ("a", "an", "the", "my", "some", "another") or word in NUMBER_WORDS \
        or any(phrase.split()[-1] == word for phrase, _ in VAGUE_AMOUNTS)


@cache
def _unit_of() -> re.Pattern[str]:
    """A household unit and "of" after a word ("greens glass of red"): a new food starts there."""
    spellings = [sp for u in units().unit if u.kind in ("vessel", "count", "volume") for sp in u.spellings
                 if len(sp) > 2 and sp.isalpha()]
    return re.compile(rf"(?<=[^\W\d_])\s+(?=(?:{alternation(spellings)})\s+of\b)", re.I)


def _at_articles(chunk: str) -> list[str]:
    """``chunk`` cut before each "a" or "an" that starts a new food after one typed without a comma ("coco pops
    with milk a chicken roll a wispa"), and before a unit and "of" ("greens glass of red"); not after a word
    that goes on with the same food (``continues``), nor inside brackets."""
    pieces, start = [], 0
    cuts = sorted([*_ARTICLE.finditer(chunk), *_unit_of().finditer(chunk)], key=lambda found: found.start())
    for found in cuts:
        if found.start() < start:
            continue
        before = chunk[start:found.start()]
        last = before.split()[-1].lower() if before.split() else ""
        if last in _patterns().continues or last.isdigit() or before.count("(") > before.count(")") \
                or (found.re is _unit_of() and _amount_word(last)):  # "half a glass of milk"
            continue
        pieces.append(before)
        start = found.end()
    return [*pieces, chunk[start:]]


def _clauses_set_aside(text: str, matcher: FoodMatcher, aside: list[str]) -> str:
    """``text`` with its clauses about the day ("chocolate once they're in bed") set aside into ``aside``; a
    clause ends at the first food said after its subject and another word ("when i get home toast with lurpak":
    the toast is eaten)."""
    def cut(found: re.Match[str]) -> str:
        words = found.group(0).split()
        for at in range(3, len(words)):
            if words[at].lower() not in _patterns().not_foods and _surely_one_food(words[at], matcher):
                aside.append(" ".join(words[:at]))
                return f", {' '.join(words[at:])}"
        aside.append(found.group(0))
        return ", "
    return _patterns().clause.sub(cut, text)


def split_foods(text: str, matcher: FoodMatcher) -> Day:
    """The foods in ``text``, in order, each as typed (minus lead-ins), dishes as their parts."""
    phrases: list[Phrase] = []
    choices: list[str] = []
    weekly: list[str] = []
    patterns = _patterns()
    text = patterns.bought.sub(" ", text)  # "a Pret falafel wrap", "from the shop": where, not what
    text = re.sub(r"(?<=\w)\s+'?n'?\s+(?=\w)", " and ", text.strip())  # "cereal n milk", "fish 'n' chips"
    # "mac & cheese", "rice & peas" are read as with "and" (names hold it), "w/ lox" as "with lox"; not "L&P"
    text = re.sub(r"\bw/\s*", "with ", re.sub(r"\s+&\s*|\s*&\s+|(?<=\w\w)&(?=\w\w)", " and ", text))
    aside: list[str] = []
    text = _clauses_set_aside(text, matcher, aside)
    # "im vegan so oats with oatly": a clause joined by "so" is read on its own, as one joined by "but" ("full
    # irish on a saturday but normally brown bread": the weekly share stops there)
    chunks: list[str] = []
    shares: list[float] = []  # of each chunk, the share of days it is had ("fish and chips on fridays": 1/7)
    last = 0  # where the phrases of the last chunk naming foods begin
    # not inside brackets: "protein oats (oats, whey, frozen berries)" is one food and what it is made of
    pieces = r"[,;\n]+(?!\d)(?![^(]*\))|(?<!\d)\.(?!\d)|[!?]|\s(?:so|but)\s"
    for said in re.split(pieces, text):
        kept, share = _per_week(said)  # before the lead-ins, which take "on fridays" for a time of day
        if share != 1:
            weekly.append(f"{said.strip()} ({share * 7:g} day{'s' if share * 7 != 1 else ''} in 7)")
        for chunk in re.split(pieces, patterns.lead_in.sub(", ", kept)):
            if chunk.strip().startswith("(") and chunks and chunks[-1].strip():  # "sushi for lunch (salmon avo)"
                chunks[-1] = f"{chunks[-1]} {chunk.strip()}"
            else:
                chunks.append(chunk)
                shares.append(share)
    listed = _listed_after_negation(chunks)
    for chunk, share in zip(chunks, shares, strict=True):
        chunk = re.sub(r"^[-*•]\s+", "", chunk.strip(" :,"))  # a list bullet, not a minus sign
        if chunk in listed:
            continue
        # a heading: "Morning: ...", "only 2 meals a day: ..."; one about the day is said back
        if heading := re.match(r"^([^:]{1,100}):\s+", chunk):
            if patterns.chatter.search(heading.group(1)):
                aside.append(heading.group(1))
            chunk = chunk[heading.end():]
        chunk = _listed_in_brackets(chunk, matcher)
        chunk = re.sub(r"\s{2,}", " ", _PARENTHESISED.sub(partial(_bracketed, chunk=chunk, matcher=matcher,
                                                                  aside=aside), chunk)).strip()
        chunk = re.sub(r"\s+(?:that|which|who)\s.*$", "", chunk)  # "rice that my mum makes in bulk"
        chunk, times = _per_day(chunk)
        if not chunk and times != 1:  # "tea, 3 times a day": how often the food before is had
            phrases[last:] = [Phrase(times_over(p.text, times), p.dish, p.assumed) for p in phrases[last:]]
        elif re.match(r"or\s", chunk, re.I):  # "a meat pie at lunch or a sanga": the choice of another day
            choices.append(chunk[2:].strip())
        elif chunk:
            chunk, others = _first_choice(chunk)
            choices += others
            last = len(phrases)
            phrases += [_weekly_share(Phrase(times_over(p.text, times), p.dish, p.assumed) if times != 1 else p,
                                      share, matcher)
                        for piece in _at_articles(chunk) for p in _phrases(piece, matcher)]
    phrases = _amounts_joined(phrases)
    words_only = [p for p in phrases if p.text.lower() not in patterns.not_foods and any(c.isalpha() for c in p.text)]
    left_out = [p for p in words_only if patterns.left_out.match(p.text.strip())]
    words_only = _parts_left_out(words_only, left_out, patterns.left_out)
    # (a usual part of a dish is the table's words, not the person's: "family style ... french fries")
    chatter = [p for p in words_only if not p.assumed and patterns.chatter.search(p.text) and p not in left_out]
    left_out += [before for before, p in pairwise(words_only)
                 if p in chatter and patterns.denied_after.match(p.text.strip()) and before not in chatter]
    return Day([p for p in words_only if p not in chatter and p not in left_out], [p.text for p in chatter] + aside,
               [p.text for p in left_out] + listed, choices, weekly)


def _listed_after_negation(chunks: list[str]) -> list[str]:
    """"no onion, garlic or root veg": the short parts after a part left out, up to one ending the list with
    "or", are left out too."""
    listed: list[str] = []
    for i, chunk in enumerate(chunks):
        if not _patterns().left_out.match(chunk.strip()) or _ALTERNATIVE.search(chunk):
            continue
        for j in range(i + 1, min(i + 6, len(chunks))):
            if len(chunks[j].split()) > 4:
                break
            if _ALTERNATIVE.search(chunks[j]):
                listed += [c.strip(" :,") for c in chunks[i + 1: j + 1]]
                break
    return listed
