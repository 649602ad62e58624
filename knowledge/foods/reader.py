"""A food line read apart: amount, unit, size, the food words, and everything else.

"2 (15-ounce) cans chickpeas, drained and rinsed" -> 2 × can of 15 oz | chickpeas | drained, rinsed.
"1 cup walnuts or pecans, toasted" -> 1 cup | walnuts (or pecans) | toasted.
"Salt and freshly ground black pepper, to taste" -> no amount | salt and ground black pepper | to taste.

The reader is one pass over data (``data/reading.toml``, ``data/units.toml``):
1. markup and parenthetical asides come out; a parenthetical package size ("(15-ounce)") is kept as the weight
   of each unit, and a parenthetical amount is used when the line has no other;
2. the first comma ends the food unless what follows is the amount itself ("milk, 2 cups"), or a list of
   alternatives that shares the food's last word ("peanut, grapeseed or safflower oil");
3. an aside ("plus more for serving", "to taste", "such as ...") runs to the end;
4. the amount is read from the front (``quantity.parse_amount``), with "N-ounce can of" packages and
   "juice of 2 lemons" parts;
5. alternatives on "or" keep the first, completed by the shared last word ("red or white wine vinegar" ->
   red wine vinegar), and preparation words ("finely chopped") leave the food words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from pydantic import BaseModel, ConfigDict

from knowledge.data_files import data_file
from knowledge.foods.quantity import GRAMS_PER, ML_PER, Amount, parse_amount, read_number
from knowledge.foods.units import unit_for, units
from knowledge.text import clean


@dataclass(frozen=True)
class Line:
    """What a food line says, part by part. ``amount.food_text`` is the food words."""

    text: str
    amount: Amount
    package_grams: float | None = None  # the weight of each unit, from "2 (15-ounce) cans"
    package_ml: float | None = None
    stated_grams: float | None = None  # the whole amount's weight as the line gives it: "1 cup (120 grams)"
    part: str | None = None  # the part of the food used: "juice" of 2 lemons
    with_unit: str | None = None  # the food words with a unit named after them: "bay leaves", "garlic cloves"
    plus: tuple[Amount, ...] = ()  # more of the same food: "1/4 cup plus 1 tablespoon"
    food_is_unit: bool = False  # no food words but the unit's: "5 cloves" (the spice, if SR28 says so surely)
    alternatives: tuple[str, ...] = ()  # other foods the line allows ("or pecans")
    preparation: tuple[str, ...] = ()  # how it was cut or handled ("finely chopped")
    comment: str = ""  # asides: "to taste", "plus more for serving", "(about 2 cups)"

    @property
    def food(self) -> str:
        return self.amount.food_text

    @property
    def readings(self) -> tuple[str, ...]:
        """The food words, then each alternative, to try in turn."""
        return (self.food, *self.alternatives)

    @property
    def quantity(self) -> float | None:
        return self.amount.quantity

    @property
    def unit(self) -> str | None:
        return self.amount.unit


class Reading(BaseModel):
    """``data/reading.toml``, validated."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    preparation: list[str]
    adverbs: list[str]
    asides: list[str]
    kinds: list[str]
    labels: list[str]
    trailing_parts: list[str]
    parts: dict[str, str]


@dataclass(frozen=True)
class _Vocabulary:
    preparation: re.Pattern[str]  # any preparation word or adverb
    aside: re.Pattern[str]  # an aside and the rest of the line
    part: re.Pattern[str]  # "juice of ..."
    parts: dict[str, str]
    words: frozenset[str]  # every word of the preparation and adverb lists
    labels: frozenset[str]
    kinds: frozenset[str]
    trailing_parts: frozenset[str]


@cache
def _vocabulary() -> _Vocabulary:
    data = Reading.model_validate(data_file("reading.toml"))
    handling = sorted({*data.preparation, *data.adverbs}, key=len, reverse=True)
    asides = sorted(data.asides, key=len, reverse=True)
    parts = {k.lower(): v for k, v in data.parts.items()}
    return _Vocabulary(
        preparation=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, handling)) + r")(?![\w-])", re.I),
        aside=re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, asides)) + r")(?![\w-]).*$", re.I),
        part=re.compile(r"^(?P<part>" + "|".join(map(re.escape, sorted(parts, key=len, reverse=True)))
                        + r")\s+(?:of|from)\s+(?P<rest>.+)$", re.I),
        parts=parts,
        words=frozenset(w.lower() for phrase in handling for w in phrase.split()),
        labels=frozenset(w.lower() for w in data.labels),
        kinds=frozenset(w.lower() for w in data.kinds),
        trailing_parts=frozenset(w.lower() for w in data.trailing_parts))


def preparation_words() -> frozenset[str]:
    """Every word of the preparation and adverb lists: words of a food line that never name the food."""
    return _vocabulary().words


_TAG = re.compile(r"<[^>]*>")
_PACKAGE_AFTER_COUNT = re.compile(
    r"^\s*(?:\d+(?:[.,]\d+)?(?:\s+\d+/\d+)?|\d+/\d+|an?|one|two|three)\s*\((?P<note>[^()]*)\)", re.I)
_PAREN = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_PACKAGE = re.compile(
    r"^(?P<n>\d+(?:[.,]\d+)?(?:\s+\d+/\d+)?|\d+/\d+)\s*[- ]?\s*(?P<unit>[a-z]+\.?(?: ounces?)?)$", re.I)
_LEADING_PACKAGE = re.compile(
    r"^(?:(?P<count>\d+|an?|one|two|three|four)\s+)?(?P<size>\d+(?:[.,]\d+)?(?:\s+\d+/\d+)?|\d+/\d+)\s*-\s*"
    r"(?P<unit>[a-z]+(?: ounce)?)\b\s*", re.I)
_UNIT_SLASH = re.compile(r"(?<=[a-z.])\s*/\s*\d[\d./]*\s*-?\s*[a-z]+\.?", re.I)  # "1/2 cup/120 ml": one amount
_OR = re.compile(r"\s+or\s+|\s*/\s*(?=[a-z])", re.I)
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}


def _package(text: str) -> tuple[float | None, float | None]:
    """The weight or volume of one package from "15-ounce", "15 oz", "400 g" (or None)."""
    found = _PACKAGE.match(text.strip())
    if not found:
        return None, None
    unit = unit_for(found["unit"])
    read = read_number(found["n"].replace(",", "."))  # "15", "3 1/2", "31/2" (3 1/2 typed without its space)
    if read is None or read[1].strip():
        return None, None
    value = read[0]
    if unit in GRAMS_PER:
        return value * GRAMS_PER[unit], None
    if unit in ML_PER:
        return None, value * ML_PER[unit]
    return None, None


def _strip_parentheses(text: str) -> tuple[str, list[str]]:
    asides: list[str] = []
    while True:
        found = _PAREN.search(text)
        if not found:
            break
        asides.append((found.group(1) or found.group(2) or "").strip())
        text = text[: found.start()] + " " + text[found.end():]
    return " ".join(text.replace("(", " ").replace(")", " ").split()), asides


def _names_food(text: str) -> bool:
    """Whether ``text`` has words besides its amount and preparation."""
    food = parse_amount(re.sub(r"^\s*plus\s+", "", text, flags=re.I)).food_text
    return bool(food) and bool(re.search(r"[^\W\d_]", _vocabulary().preparation.sub(" ", food)))


def _split_comment(text: str) -> tuple[str, str]:
    """The food part and the comment after the first comma, unless what follows is the amount ("milk, 2 cups")
    or the food's alternatives sharing its last word ("peanut, grapeseed or safflower oil")."""
    head, comma, rest = (re.split(r"([,;])", text, maxsplit=1) + ["", ""])[:3]
    if not comma:
        return text, ""
    rest = rest.strip()
    if rest \
            and not _names_food(head):  # "1 cup packed, coarsely grated cheddar": the food is further on
        later_head, later = _split_comment(rest)
        return f"{head} {later_head}", later
    trailing = parse_amount(rest)
    if not head.strip() or (not trailing.food_text and (trailing.quantity is not None or trailing.unit)):
        return text, ""  # the part after the comma is an amount: let the amount reader have the whole
    items = [i.strip() for i in re.split(r",|\s+or\s+|\s+and\s+", rest) if i.strip()]
    if " or " in f" {rest} " and all(len(i.split()) <= 3 for i in items) and len(head.split()) <= 4 \
            and len(parse_amount(head).food_text.split()) == 1 \
            and not _vocabulary().aside.match(rest):  # "..., like Guinness or any porter" is an aside
        last = items[-1].split()[-1]
        if not head.lower().endswith(last.lower()) and not _vocabulary().preparation.fullmatch(last):
            return f"{head} {last}", rest
    return head, rest


def _alternatives(food: str) -> tuple[str, tuple[str, ...]]:
    """"walnuts or pecans" -> walnuts, (pecans); "red or white wine vinegar" -> red wine vinegar."""
    options = [o.strip() for o in _OR.split(food) if o.strip()]
    if len(options) < 2:
        return food, ()
    first, others = options[0], options[1:]
    last = others[-1].split()
    if len(first.split()) == 1 and len(last) > 1:  # "fresh or frozen peas", "Stilton or blue cheese"
        first = f"{first} {' '.join(last[1:])}"
    elif len(last) > 1 and not first.lower().endswith(last[-1].lower()):
        # "fine yellow or white polenta", "light brown or raw sugar", "red wine or balsamic vinegar": the last
        # word is shared; the first as said is kept as another reading
        first, others = f"{first} {last[-1]}", [first, *others]
    return first, tuple(others)


@cache
def _named_with_preparation() -> re.Pattern[str] | None:
    """Food names (``food_words.toml`` [names]) that hold a preparation word ("shredded wheat", "minced beef"):
    said whole, the word is the name's, not how the food was handled."""
    names = data_file("food_words.toml")["names"]
    held = sorted((n for n in names if _vocabulary().preparation.search(n)), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, held)) + r")(?![\w-])", re.I) if held else None


def _without_preparation(food: str) -> tuple[str, tuple[str, ...]]:
    preparation = _vocabulary().preparation
    named = _named_with_preparation()
    kept = [(m.start(), m.end()) for m in named.finditer(food)] if named else []
    found = tuple(m.group(0).lower() for m in preparation.finditer(food)
                  if not any(a <= m.start() < b for a, b in kept))
    rest = " ".join(preparation.sub(lambda m: m.group(0) if any(a <= m.start() < b for a, b in kept) else " ", food)
                    .replace(" - ", " ").split()).strip(" -,;:&")
    rest = re.sub(r"^(?:and|or|of|with)\s+|\s+(?:and|or|of|with)$", "", rest, flags=re.I)
    return (rest, found) if re.search(r"[^\W\d_]", rest) else (food, ())


def _unit_after_food(amount: Amount) -> tuple[Amount, str | None]:
    """"2 garlic cloves", "3 celery stalks", "1 cup basil leaves": a unit named after the food is not the food.
    Returns the amount and the words with the unit kept, as another reading ("bay leaves", "fish sticks")."""
    *food, last = amount.food_text.split() or [""]
    unit = unit_for(last)
    if food and last.lower() in _vocabulary().trailing_parts:  # "saffron threads", "cardamom pods"
        return replace(amount, food_text=" ".join(food)), amount.food_text
    if not food or unit is None or not units().by_name(unit).after_food:
        return amount, None
    if amount.unit is None and amount.quantity is not None:
        return replace(amount, unit=unit, food_text=" ".join(food)), amount.food_text
    return replace(amount, food_text=" ".join(food)), amount.food_text


def _label(line: str) -> str:
    """A heading before the food: "Garnish: lemon twist", "For the sauce: 2 cups milk"."""
    found = re.match(r"^\s*([A-Za-z][A-Za-z ]{0,24}):\s+(?=\S)", line)
    if found and found[1].strip().lower().split()[0] in _vocabulary().labels:
        return found[0]
    return ""


def _example(food: str, notes: list[str]) -> str | None:
    """The example a kind of food is given by: "fruit (papaya)" is papaya, "some fruit like pawpaw" pawpaw."""
    said_words = [w for w in re.findall(r"[a-z]+", food.lower()) if w not in ("some", "a", "an", "the", "any")]
    if " ".join(said_words) not in _vocabulary().kinds:
        return None
    for note in notes:
        said = re.sub(r"^(?:like|such as|e\.?g\.?|mostly|usually|normally|especially)\s+", "", note.strip(), flags=re.I)
        if said and not re.search(r"\d", said) and len(said.split()) <= 4:
            return re.split(r"\s+or\s+|,", said)[0].strip()
    return None


def read_line(text: str) -> Line:
    """Read a food line apart. Never raises: an amount's problem is in ``amount.problem``."""
    vocabulary = _vocabulary()
    aside, part, parts = vocabulary.aside, vocabulary.part, vocabulary.parts
    line = clean(_TAG.sub(" ", text).replace("\\t", " ").replace("\\n", " "))
    line_label = _label(line)
    if line_label:  # "Garnish: lemon twist"
        line = line[len(line_label):].strip()
    leading = _PACKAGE_AFTER_COUNT.match(line)  # "2 (15-ounce) cans": the size of each can
    body, asides = _strip_parentheses(line)
    package_note = leading["note"].strip() if leading else None
    slashed = [m.group(0).strip(" /") for m in _UNIT_SLASH.finditer(body)]
    body = _UNIT_SLASH.sub(" ", body)
    body, comment = _split_comment(body)
    package_grams = package_ml = None
    count_word = None
    if packaged := _LEADING_PACKAGE.match(body):  # "1 15-ounce can of", "a 6-ounce box of", "10-pound piece of"
        count_word, size = packaged["count"], packaged["size"]
        if count_word and count_word.isdigit() and re.fullmatch(r"(\d+)/(\d+)", size) \
                and (read_number(size) or (1.0, ''))[0] < 1:  # "1 1/2-pound pork shoulder" weighs 1 1/2 pounds
            count_word, size = None, f"{count_word} {size}"
        grams, ml = _package(f"{size} {packaged['unit']}")
        if grams or ml:
            body = body[packaged.end():]
            package_grams, package_ml = grams, ml
    plus_first: list[Amount] = []
    if (both := re.match(r"^(?P<first>.+?)\s+plus\s+(?P<more>.+)$", body, re.I)) \
            and not parse_amount(both["first"]).food_text and parse_amount(both["more"]).food_text:
        more = parse_amount(both["more"])  # "1/4 cup plus 1 tablespoon ice-cold water"
        plus_first.append(replace(more, food_text=""))
        body = f"{both['first']} {more.food_text}"
    # "plus more for serving" ends the food; "1 cup plus 1 ounce tequila" does not
    if (cut := aside.search(body)) and parse_amount(body[: cut.start()].strip(" ,-")).food_text:
        comment = " ".join(p for p in (body[cut.start():].strip(), comment) if p)
        body = body[: cut.start()].strip(" ,-")
    food_part = None
    if found := part.match(body):  # "juice of 2 lemons" -> 2 | lemons juice
        food_part, body = parts[found["part"].lower()], found["rest"]
    if count_word is not None:
        count = _COUNT_WORDS.get(count_word.lower()) or float(count_word)
        body = f"{count:g} {body}"
    elif package_grams or package_ml:  # "10-pound piece of pork belly": the package is the amount
        body = f"1 {body}"
    amount = parse_amount(body)
    if amount.quantity is None and amount.unit is None:  # "Butter (2 tablespoons)"
        for note in asides:
            in_note = parse_amount(note)
            if not in_note.food_text and (in_note.quantity is not None or in_note.unit):
                amount = replace(in_note, food_text=amount.food_text)
                break
    stated_grams = None
    unit = units().by_name(amount.unit) if amount.unit else None
    for note in [*slashed, *asides]:
        # "2 (15-ounce) cans" and "1 can (15 ounces)" give each can's weight; "1 teaspoon (6 grams)",
        # "1 cup/240 grams" and "6 cashews (about 1/2 ounce)" the whole amount's
        grams, ml = _package(re.sub(r"^(?:about|approximately|roughly|around)\s+", "", note, flags=re.I))
        if not (grams or ml) or package_grams or package_ml or stated_grams or (unit and unit.kind == "mass"):
            continue
        if note == package_note or (unit and unit.container):
            package_grams, package_ml = grams, ml
        elif grams:
            stated_grams = grams
    only_unit = not amount.food_text and amount.unit and units().by_name(amount.unit).kind == "count" \
        and amount.amount_text
    if only_unit:  # "5 cloves": the unit's word may be the food (lookup takes it only if SR28 names it surely)
        amount = replace(amount, food_text=amount.amount_text.split()[-1])
    amount, with_unit = _unit_after_food(amount)
    example = _example(amount.food_text, [*asides, comment])  # "fruit (papaya)", "fruit like pawpaw"
    if example:
        amount = replace(amount, food_text=example)
    food, alternatives = _alternatives(amount.food_text)
    food, preparation = _without_preparation(food)
    food = re.sub(r"^(?:of|the)\s+", "", food, flags=re.I)
    if food_part:
        food = f"{food} {food_part}"
    stated = [parse_amount(m[1]) for m in re.finditer(r"\bplus\s+((?:an?\s+)?[\d½¼¾/. ]*\s*[a-z]+)", comment, re.I)]
    plus = tuple(a for a in [*plus_first, *stated]
                 if (a.quantity is not None or a.unit) and not a.food_text and not a.problem)
    return Line(text=line, amount=replace(amount, food_text=food), package_grams=package_grams,
                stated_grams=stated_grams, package_ml=package_ml, part=food_part, alternatives=alternatives,
                with_unit=_without_preparation(with_unit)[0] if with_unit else None, plus=plus,
                food_is_unit=bool(only_unit),
                preparation=preparation, comment="; ".join(p for p in (line_label, comment, *asides) if p))
