"""Composite dishes as their parts: "a cheese and tomato sandwich on granary" -> 2 slices granary bread, 40 g
cheese, 40 g tomato, 1 tsp butter. The recipes are data (``data/dishes.toml``); this module holds the mechanism:
find the dish word, read the other foods named with it, fill the dish's slots with them, and keep its usual
parts (each said to be assumed) for what was not named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator
from rapidfuzz import fuzz, process

from knowledge.data_files import data_file
from knowledge.foods.portions import portions
from knowledge.foods.quantity import SIZES, Amount, parse_amount
from knowledge.foods.units import units
from knowledge.text import fold, stem

_JOINS = re.compile(r"\s*(?:,|&|\+|\band\b|\bwith\b|\bon\b|\bin\b|\bplus\b|\bmade with\b|\bmade from\b|\btopped with\b"
                    r"|\bfilled with\b|\bw/|\bw\b)\s*", re.I)
_NOT_FOOD = frozenset({"my", "your", "the", "some", "usual", "a", "an", "it", "them", "one", "made", "bit", "little",
                       "lot", "lots", "of", "mine", "just", "only"})
_LEAD = re.compile(r"^(?:an?|one|some|the|my|usual|big|small|large|little|homemade|home made|quick)\s+", re.I)


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    food: str = Field(min_length=1)  # a food phrase with its amount: "2 slices bread"
    kind: str | None = None  # a slot: a named food of this kind takes its place
    unless: list[str] = []  # words that drop this part ("black" tea)
    only_plain: bool = False  # only when the person named nothing else in the dish
    only_named: bool = False  # only when its slot is filled
    spooned: bool = False  # a powder made up: an amount said in one of the `spooned_units` is this part's


class Dish(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    words: list[str] = Field(min_length=1)
    parts: list[Part] = Field(min_length=1)
    filling: str | None = None  # the amount of each named food that fills no slot, when none is given
    sr28_first: bool = False
    not_after: list[str] = []  # words that, right before a dish word, make it another food ("green chilli")

    @property
    def named_filling(self) -> str | None:
        """The amount a named food that fills no slot weighs: ``filling``, else the weight of the usual filling
        it stands in for (the plain part by weight: "onigiri with salmon" has 20 g of salmon, as of tuna)."""
        if self.filling:
            return self.filling
        plain = [parse_amount(p.food) for p in self.parts if p.only_plain]
        return next((a.amount_text for a in plain if a.unit in ("g", "ml")), None)


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    noun: str  # added to a named food that is only a modifier of the kind: "granary" -> "granary bread"
    foods: list[str] = Field(min_length=1)  # words that are foods of the kind by themselves: toast, bagel
    words: list[str] = []  # modifiers: granary, wholemeal, semi-skimmed
    # foods of the kind used by the spoonful ("cream", "condensed milk"): a slot they fill with no amount said
    # holds at most `spoonful` of them ("porridge with cream" is 30 ml of cream, not the 200 ml of milk)
    by_the_spoon: list[str] = []
    spoonful: str | None = None


class Dishes(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: dict[str, Kind]
    not_before: list[str] = []  # words that make a dish word part of another food's name ("muesli bar")
    describing: list[str] = []  # words that say how a dish is served, never a food of their own ("dry")
    spooned_units: list[str] = []  # units an amount of a spooned part is said in ("3 heaped spoons of milo")
    dish: list[Dish]

    @model_validator(mode="after")
    def _known_kinds(self) -> Dishes:
        for dish in self.dish:
            for part in dish.parts:
                if part.kind is not None and part.kind not in self.kinds:
                    raise ValueError(f"dish {dish.name!r}: no kind {part.kind!r} in [kinds]")
                if parse_amount(part.food).problem or not parse_amount(part.food).food_text \
                        or (part.only_named and not part.kind):
                    raise ValueError(f"dish {dish.name!r}: part {part.food!r} is not an amount and a food")
        return self


@dataclass(frozen=True)
class DishPart:
    """One part of a dish as a food phrase to look up."""

    phrase: str
    dish: str  # the dish as the person said it
    assumed: bool  # a usual part the person did not name


@dataclass(frozen=True)
class Reading:
    parts: tuple[DishPart, ...]
    others: tuple[str, ...]  # foods named after the dish that are not in it
    weighs: float | None = None  # grams the person said the dish weighs ("40 g tuna salad"): scale parts to it


@cache
def dishes() -> Dishes:
    return Dishes.model_validate(data_file("dishes.toml"))


@cache
def _triggers() -> tuple[re.Pattern[str], dict[str, Dish]]:
    """One pattern for every dish word, longest first, so that the first match is the earliest and, of those
    starting together, the longest; and the dish of each word."""
    words = {fold(word): dish for dish in dishes().dish for word in dish.words}
    words |= {joined: words[name] for name, joined in _joined_names().items() if name in words}  # "rice n peas"
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])(?!{_other_food_after().pattern})"), words


@cache
def _other_food_after() -> re.Pattern[str]:
    """A word of ``not_before`` after a dish word, which makes it another food's ("muesli bar", "double cream")."""
    return re.compile(rf"\s+(?:{'|'.join(re.escape(fold(w)) for w in dishes().not_before) or '(?!)'})\b")


@cache
def _single_words() -> dict[str, Dish]:
    return {fold(word): dish for dish in dishes().dish for word in dish.words if " " not in word and len(word) >= 6}


def find_dish(phrase: str) -> tuple[Dish, re.Match[str]] | None:
    """The dish a phrase names, by its first dish word (the longest where two start together): "a cheese
    sandwich on rye" is a sandwich, "beans on toast" a topping on toast."""
    folded = fold(phrase)
    pattern, by_word = _triggers()
    found = [f for f in pattern.finditer(folded)
             if not (before := folded[: f.start()].split()) or before[-1] not in by_word[f.group(0)].not_after]
    if found:
        first = found[0]
        for later in found[1:]:  # "a ham salad sandwich": a dish word right before another names its filling
            if folded[first.end(): later.start()].strip() or re.match(r"(?:on|in)\s", later.group(0)):
                break
            first = later
        return by_word[first.group(0)], first
    for typed in re.finditer(r"[a-z]{6,}", folded):  # "cappucino", "bolognaise": a dish word typed a little off
        if typed.group(0) in _single_words():  # the word itself, set aside by what follows it ("muesli bar")
            continue
        if _other_food_after().match(folded, typed.end()):  # "double cream" is no slip for "doubles"
            continue
        if best := process.extractOne(typed.group(0), list(_single_words()), scorer=fuzz.ratio, score_cutoff=90):
            return _single_words()[best[0]], typed
    return None


def _says(text: str, word: str) -> bool:
    """Whether folded ``text`` has ``word`` as whole words (a joined name such as "half n half" included)."""
    return f" {_joined_names().get(fold(word), fold(word))} " in f" {text.strip()} "


@cache
def _kind_spellings() -> dict[str, tuple[str, ...]]:
    """Each kind's foods and words as ``_says`` looks for them, worked out once."""
    return {kind: tuple(f" {_joined_names().get(fold(w), fold(w))} " for w in [*spec.foods, *spec.words])
            for kind, spec in dishes().kinds.items()}


def _kinds_of(chunk: str) -> set[str]:
    padded = f" {fold(chunk).strip()} "
    return {kind for kind, spellings in _kind_spellings().items() if any(s in padded for s in spellings)}


def _kind_words(chunk: str, kind: str) -> str:
    """The words of ``chunk`` that are foods or words of ``kind``: "green tea" of "green tea", "spaghetti" of
    "spaghetti bolognese"."""
    spec = dishes().kinds[kind]
    said = {fold(w) for w in [*spec.foods, *spec.words] if _says(fold(chunk), w)}
    return " ".join(w for w in chunk.split() if any(w in s.split() for s in said)) or chunk


def _says_amount(chunk: str) -> bool:
    said = parse_amount(chunk)
    return said.quantity is not None or said.unit is not None


def _with_amount(chunk: str, amount_of: str | None) -> str:
    """The named food with the part's or the filling's amount when the person gave none."""
    if _says_amount(chunk) or amount_of is None:
        return chunk
    said, base = parse_amount(chunk), parse_amount(amount_of)
    share = portions().size_shares.get(said.size or "")
    if share and base.quantity is not None and base.amount_text[:1].isdigit():  # "with a little milk": less of it
        unit = base.amount_text.split(maxsplit=1)[1:]
        return " ".join([f"{base.quantity * share:g}", *unit, said.food_text])
    return f"{base.amount_text} {said.food_text or chunk}".strip()  # "with lots of milk": the usual amount


_WITH = re.compile(r"^(?:with|topped with|filled with|made with|made from|w/|w|in|on)$", re.I)


def _after(text: str) -> list[tuple[str, bool]]:
    """The foods said after the dish word, each with whether it is a food of its own: "with ham and cheese"
    are in the dish, "and toast" is not (a slot's kind still fills the slot either way)."""
    found: list[tuple[str, bool]] = []
    inside = False
    last = ""
    for joiner, chunk in re.findall(r"(^|,|&|\+|\band\b|\bplus\b|\bwith\b|\btopped with\b|\bfilled with\b|"
                                    r"\bmade with\b|\bmade from\b|\bw/|\bw\b|\bin\b|\bon\b)\s*((?:(?!\b(?:and|with|"
                                    r"plus|in|on|w)\b)[^,&+])*)", text, re.I):
        # "with ham and cheese": both in it; "on wholemeal and an apple": the bread, then a food of its own
        named = _named(chunk)
        if found and found[-1][1] and named and _WITH.match(joiner.strip()):
            # "tea and toast with marmalade": what comes with a food of its own goes with that food
            found[-1] = (f"{found[-1][0]} {joiner.strip()} {' '.join(named)}", True)
            continue
        inside = bool(_WITH.match(joiner.strip())) or (inside and joiner.strip().lower() == "and"
                                                       and last not in ("on", "in"))
        last = joiner.strip().lower() or last
        # "curry chicken", "stew chicken": a food right after the dish word, with no joiner, is in it
        found += [(c, not (inside or not joiner.strip())) for c in named]
    return found


def _named(text: str) -> list[str]:
    chunks = [_LEAD.sub("", c.strip(" .")) for c in _JOINS.split(re.sub(r"[()]", " ", text))]
    return [c for c in chunks if re.search(r"[a-z]{2}", c) and not set(c.split()) <= _NOT_FOOD
            and parse_amount(c).food_text  # not "x2", said after the dish word
            and not re.match(r"(?:from|at)\s", c, re.I)]  # where or when: "from the takeaway", "at work"


@cache
def _negated() -> re.Pattern[str]:
    """What leaves a part out ("no croutons", "without milk"): ``left_out`` of data/day_words.toml, the one list
    of those words for the whole day's reading."""
    words = data_file("day_words.toml")["left_out"]
    return re.compile(rf"^(?:{'|'.join(re.escape(w) for w in sorted(words, key=len, reverse=True))})\b", re.I)


@cache
def _people() -> frozenset[str]:
    """The people of data/day_words.toml, no food in a dish: "tea with the family", "a curry with friends"."""
    return frozenset(w for p in data_file("day_words.toml")["people"] for w in fold(p).split())


@cache
def _describing() -> frozenset[str]:
    """Words that say how a dish is served and are no food by themselves: the kinds' modifiers ("black",
    "green") and ``describing`` ("dry", "iced")."""
    return frozenset(fold(w) for w in [*dishes().describing, *(w for k in dishes().kinds.values() for w in k.words)])


@cache
def _joined_names() -> dict[str, str]:
    """Kind words and dish words with "and" in them ("half and half", "rice and peas"), which the joins must
    not split: "jerk chicken with rice and peas" has rice and peas with it, not rice, and peas."""
    return {fold(w): fold(w).replace(" and ", " n ") for w in
            [*(w for spec in dishes().kinds.values() for w in [*spec.foods, *spec.words]),
             *(w for dish in dishes().dish for w in dish.words)] if " and " in w}


def dish_parts(phrase: str) -> Reading | None:
    """The parts of the dish ``phrase`` names and the other foods said after it ("tea and toast"), or None when
    it names no dish in the table."""
    dish_said = phrase.strip()
    folded = re.sub(r"^(?:and|plus|then)\s+", "", fold(phrase))  # "... and a big bowl of cereal"
    for name, joined in _joined_names().items():
        folded = folded.replace(name, joined)
    found = find_dish(folded)
    if found is None:
        return None
    dish, where = found
    word = folded[where.start(): where.end()]
    before, after = folded[: where.start()].strip(), folded[where.end():].strip()
    # "macaroni pie with callaloo", "a biscuit for tea": foods joined before the dish word are foods of their
    # own, beside it
    # ... "egg and soldiers with a pot of tea", "water and 3 or 4 teas": an amount of the dish may come between
    beside = re.match(r"^(.*?\w.*?)\s*(?:\b(?:with|and|plus|for)|&|\+|,|\bw/)\s*"
                      r"(?=(?:(?:an?|one|\d[\d./]*)\s+\w+\s+of|\d[\d./]*(?:\s*(?:or|-|to)\s*\d[\d./]*)?)?$)", before) \
        or re.match(r"^(.*\b(?:with|w/)\s.*)(?:\s+(?:and|plus|&|\+)\s+|\s*,\s*)()", before)
    if beside and any(not p.kind and not p.only_plain and _same_food(beside.group(1), p.food) for p in dish.parts):
        beside = None  # "hummus and falafel wrap": one of the dish's usual parts is that part, not a food beside it
    if beside:
        # "bread with cheese and cocoa tea": what is eaten with another food is beside the dish; "cocoa" is in it
        before = before[beside.end():]
    said = parse_amount(f"{before} {word} {after}".strip())  # "2 cheese sandwiches", "weetabix x2", "4 cups of tea"
    counted = _count(said, before, word, after)
    weighs = _weight(said) if counted else None  # "300 ml soup", "40 g tuna salad": the dish's weight, not a count
    if counted:
        typed = _as_typed(said.amount_text)
        before = re.sub(rf"^\s*{typed}\s*", "", before)
        after = re.sub(rf"^x?\s*{typed}(?!\w)\s*|(?<!\w)\s*x?\s*{typed}\s*$", "", after)
    # "life cereal", "bran flakes cereal": a name right before a dish word said in a part as itself ("{word}") is
    # part of what the person called it, unless it fills a slot
    if any("{word}" in p.food for p in dish.parts) and (named := _named(before)) \
            and before.endswith(named[-1]) and not _kinds_of(named[-1]) \
            and not set(named[-1].split()) <= _describing() | _NOT_FOOD | set(SIZES):  # not "big", "usual"
        word, before = f"{named[-1]} {word}", before[: -len(named[-1])].strip()
    slots = [p for p in dish.parts if p.kind]
    filled: dict[str, str] = {}
    extras: list[str] = []
    others: list[str] = []
    in_word = re.sub(r"^(?:on|in)\s+(?:an?\s+)?", "", word)  # "on rye": rye is the bread
    # what was named fills the slots first; the dish word itself last ("green tea": green, not the word "tea")
    for chunk, after_word in [*((c, False) for c in _named(before)), *_after(after), (in_word, False)]:
        if after_word and chunk != in_word and find_dish(chunk):  # "... and a flat white": another dish
            others.append(chunk)
            continue
        kinds = _kinds_of(chunk)
        slot = next((p for p in slots if p.kind in kinds and p.food not in filled), None)
        if slot is not None:  # the dish word fills a slot with its kind's words only: "SPAGHETTI bolognese"
            filled[slot.food] = _kind_words(chunk, slot.kind or "") if chunk == in_word else chunk
        elif chunk == in_word or _negated().match(chunk) \
                or set(fold(chunk).split()) <= _describing() | _NOT_FOOD | _people():
            continue  # "no croutons", "without milk", "black", "the kids": said to leave a part out, or no food
        elif after_word and not any(not p.kind and not p.only_plain and _same_food(chunk, p.food)
                                    for p in dish.parts):
            others.append(chunk)  # "tea and toast": what follows the dish and fills none of its slots is another food
        elif after_word:  # "pasta with pesto and a bit of parmesan": one of the dish's own parts, as said
            extras.append(chunk)
        else:  # "cheese and ham toastie": what comes before the dish word is in it
            extras.append(chunk)
    # "poha with peanuts", "khichdi with ghee": a named food that is one of the dish's usual parts is that part
    named_parts = {}
    for chunk in list(extras):
        part = next((p for p in dish.parts if not p.kind and not p.only_plain and p.food not in named_parts
                     and _same_food(chunk, p.food)), None)
        if part is not None:
            # as the dish has it ("cooked carrots" in a cottage pie), unless the person gave its amount
            amount = parse_amount(chunk)
            named_parts[part.food] = chunk if amount.quantity is not None or amount.unit is not None else part.food
            extras.remove(chunk)
    own_amount = any("{word}" in p.food for p in dish.parts)
    # "3 heaped spoons of milo in milk": the spoons are the powder's, the milk as usual (a mug of it is one drink)
    by_spoon = bool(counted) and said.unit in dishes().spooned_units and any(p.spooned for p in dish.parts)
    weighs = None if by_spoon else weighs
    times = 1.0 if own_amount or by_spoon or not counted or weighs else counted
    # "a big salad", "a small latte": more or less of each part the person gave no amount of
    share = portions().size_shares.get(said.size or "", 1.0) if counted and not weighs and not own_amount else 1.0
    parts: list[tuple[str, bool, bool]] = []  # (phrase, assumed, at the dish's own amount)
    for part in dish.parts:
        if part.food not in filled and part.food not in named_parts \
                and any(re.search(rf"(?<![\w-]){re.escape(fold(w))}(?![\w-])", folded) for w in part.unless):
            continue  # a usual part the words leave out ("black tea"), unless the person named it after all
        if part.food in named_parts:
            parts.append((named_parts[part.food], False, named_parts[part.food] == part.food))
            continue
        if (part.only_plain and (extras or named_parts)) or (part.only_named and part.food not in filled):
            continue
        if part.spooned and by_spoon:
            parts.append((f"{said.amount_text} {_AMOUNT_LED.sub('', part.food)}", False, False))
        elif "{word}" in part.food:
            tail = part.food.split("{word}", 1)[1]  # "1 serving {word} cereal": the word, then " cereal"
            text = f"{said.amount_text} {word}{tail}" if counted else part.food.replace("{word}", word)
            parts.append((_once(text), False, False))
        elif part.food in filled:
            chunk = filled[part.food]
            spec = dishes().kinds[part.kind or ""]
            food = chunk if any(_says(chunk, f) for f in spec.foods) else f"{chunk} {spec.noun}"
            usual = _spoonful(part.food, spec) if any(_says(chunk, w) for w in spec.by_the_spoon) else part.food
            parts.append((_with_amount(food, usual), False, not _says_amount(chunk)))
        else:
            parts.append((part.food, True, True))
    parts += [(_with_amount(chunk, dish.named_filling), False, not _says_amount(chunk) and not find_dish(chunk))
              for chunk in extras]  # a dish named in it ("tea with ... a bacon butty") has its own size
    if beside:
        others.insert(0, beside.group(1))
        dish_said = dish_said[len(beside.group(0)):].strip(" ,&+") if fold(dish_said).startswith(beside.group(0)) \
            else dish_said
    for other in others:  # "vegemite on toast and a flat white": the dish is the vegemite on toast
        dish_said = re.sub(rf"\s*(?:,|&|\+|\band\b|\bplus\b)\s*(?:(?:an?|some)\s+)?{re.escape(other)}\b.*$", "",
                           dish_said, flags=re.I) or dish_said
    return Reading(parts=tuple(DishPart(phrase=_dish_times(text, times * (share if usual else 1.0)), dish=dish_said,
                                        assumed=assumed) for text, assumed, usual in parts),
                   others=tuple(others), weighs=None if own_amount else weighs)


def _as_typed(amount_text: str) -> str:
    """An amount as a pattern that also matches it typed without its spaces ("30 g" is also "30g")."""
    return r"\s*".join(map(re.escape, fold(amount_text).split()))


_AMOUNT_LED = re.compile(r"^[\d./]+\s*[a-z]*\s+")  # "20 g " of "20 g cocoa mix powder"


def _count(said: Amount, before: str, word: str, after: str) -> float | None:
    """How many of the dish the amount said counts. It must lead the phrase or follow the dish word ("2 cheese
    sandwiches", "weetabix x2", "4 cups of tea"), and not belong to a food named with the dish ("2 chapati with
    dal", "chai with milk and 2 sugar", "3 egg omelette": one omelette of three eggs), nor be a percentage."""
    amount = fold(said.amount_text)
    if not said.count or said.problem or not amount or re.match(r"^[\d.]+\s*%", before):
        return None
    typed = _as_typed(said.amount_text)
    leading = re.match(typed, before)
    if not (leading or re.match(typed, after) or re.search(rf"^x\s*{typed}\b|\sx\s*{typed}$", after)):
        return None
    if leading and re.search(r"\b(?:with|w/|on|in)\b|,", before):  # "2 chapati with dal": the chapati's 2
        return None
    between = before[leading.end():].strip() if leading else ""
    if between and said.unit is None and stem(word.split()[-1]) == word.split()[-1]:  # singular: not "sandwiches"
        return None
    return said.count


def _spoonful(part: str, spec: Kind) -> str:
    """The slot's amount, or the kind's spoonful where that is less (both in the same unit)."""
    usual, spoon = parse_amount(part), parse_amount(spec.spoonful or "")
    if spoon.quantity is not None and usual.quantity is not None and spoon.unit == usual.unit \
            and spoon.quantity < usual.quantity:
        return spec.spoonful or part
    return part


def _same_food(chunk: str, part: str) -> bool:
    """Whether a named food is the dish's part ("peanuts" and "10 g peanuts", "onion" and "20 g cooked onion"):
    the words of one are all words of the other."""
    named = {stem(w) for w in fold(parse_amount(chunk).food_text).split()} - _describing()
    usual = {stem(w) for w in fold(parse_amount(part).food_text).split()}
    return bool(named) and (named <= usual or usual <= named)


def _weight(said: Amount) -> float | None:
    """The grams a weight or a metric volume of a dish stands for (a millilitre as a gram), else None: "a cup of
    tea" is a serving, "300 ml soup" a weight."""
    unit = units().by_name(said.unit) if said.unit else None
    if unit is None or said.count is None or unit.kind not in ("mass", "volume") or unit.household:
        return None
    return said.count * (unit.grams or unit.ml or 0.0) or None


def _once(text: str) -> str:
    """"1 serving cereal cereal" -> "1 serving cereal"."""
    return re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", text)


def _dish_times(phrase: str, times: float) -> str:
    """A part so many times over, but a dish named in another with no amount of its own is one serving of it:
    "3 idli with sambar" is one bowl of sambar (and "2 tomato chutney" would be two tomatoes in a chutney)."""
    if times == 1 or (parse_amount(phrase).quantity is None and find_dish(fold(phrase))):
        return phrase
    return times_over(phrase, times)


def times_over(phrase: str, times: float) -> str:
    """"2 slices bread" for two sandwiches is "4 slices bread"."""
    if times == 1:
        return phrase
    amount = parse_amount(phrase)
    if amount.quantity is None:
        return f"{_figure(times)} {phrase}"
    first = amount.amount_text.split()[0] if amount.amount_text else ""
    if first[:1].isdigit() or first.lower() in ("a", "an", "one"):  # "a glass of milk" twice is "2 glass of milk"
        return f"{_figure(amount.quantity * times)} {phrase.strip()[len(first):].strip()}"
    return f"{_figure(times)} {phrase}"


def _figure(value: float) -> str:
    """A multiplied amount as a person writes it: "21.4 g", "0.14 pizza", "800 ml", not "21.4286"."""
    text = f"{value:.{0 if value >= 100 else 1 if value >= 10 else 2}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
