"""Supplement doses as people say them: "magnesium glycinate 400 mg", "D3 2000 IU", "K2 MK-7 100 mcg",
"calcium carbonate 1250 mg twice a day", "vitamin D 50,000 IU once a week", "a multivitamin with 200 mg calcium".

``read_supplements`` turns a clause into doses per day in each nutrient's unit (mg for calcium and magnesium,
µg for vitamins D and K). It converts IU (40 IU = 1 µg), frequencies and tablet counts, and knows the elemental
share of the compounds REFERENCE.md lists; when a person names a compound and a weight, the dose is read as
elemental (what labels usually state) and the compound reading is kept beside it so the engine can ask.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from rapidfuzz import fuzz, process

from knowledge.intake.products import MAX_PER_DAY, Product, find_products
from knowledge.intake.targets import Nutrient
from knowledge.text import alternation, fold

IU_PER_UG = 40.0
# Elemental share by compound, as REFERENCE.md gives it (calcium: ref-calcium-compounds; magnesium:
# ref-magnesium-forms). Forms not listed ("taurate", "gluconate") are recorded without a conversion.
CALCIUM_SHARE = {"carbonate": 0.40, "citrate": 0.21}
MAGNESIUM_SHARE = {"oxide": 0.60, "carbonate": 0.29, "citrate": 0.16, "malate": 0.15, "glycinate": 0.14,
                   "chloride": 0.12, "lactate": 0.12, "sulfate": 0.10, "l-threonate": 0.08}
SHARE_CLAIM = {"calcium_mg": "ref-calcium-compounds", "magnesium_mg": "ref-magnesium-forms"}
# Doses per day past which a figure is taken as a typing slip rather than a dose anyone takes.
IMPLAUSIBLE = {"calcium_mg": 10_000.0, "magnesium_mg": 5_000.0, "vitamin_d_ug": 2_500.0, "vitamin_k_ug": 100_000.0}
# The smallest figure said with no unit that is read as a dose: below it a bare number counts tablets or times
# ("magnesium citrate 1 a day", "2 lots of kidney stones (calcium oxalate)", "1 vitamin D"), or is a lab value.
SMALLEST_BARE = {"calcium_mg": 25.0, "magnesium_mg": 25.0, "vitamin_d_ug": 5.0, "vitamin_k_ug": 10.0}
MOST_UNITS = 20  # more tablets, capsules or sprays at a time than this is a strength, not a count
UNIT = {"calcium_mg": "mg", "magnesium_mg": "mg", "vitamin_d_ug": "µg", "vitamin_k_ug": "µg"}
NAME = {"calcium_mg": "calcium", "magnesium_mg": "magnesium", "vitamin_d_ug": "vitamin D",
        "vitamin_k_ug": "vitamin K"}

# "vitamin d 2 x 1000iu", "vitamin d 3 softgels": a digit after "d " that counts units is no D2 or D3 ("d3 spray"
# is one)
_NOT_A_COUNT = r"(?!\s*(?:x|\*|times)\s*\d)(?!\s+(?:tab|cap|softgel|soft gel|gumm|pill|drop|spray|chew|sachet))"
# (pattern, nutrient, form). Longer, more specific patterns first. Products by name are in data/products.toml.
_KEYWORDS: list[tuple[str, Nutrient | Literal["multivitamin"], str | None]] = [
    (r"multi ?-?vitamins?|multis?|prenatal vitamins?|prenatals?", "multivitamin", None),
    (r"calcium|cal|ca", "calcium_mg", None),
    (r"magnesium|mag|magnes", "magnesium_mg", None),
    (rf"(?:(?:vitamin|vit)\.? ?)?d(?:3| 3{_NOT_A_COUNT})|cholecalciferol", "vitamin_d_ug", "D3"),
    (rf"(?:(?:vitamin|vit)\.? ?)?d(?:2| 2{_NOT_A_COUNT})|ergocalciferol", "vitamin_d_ug", "D2"),
    (r"(?:vitamin|vit)\.? ?d|d", "vitamin_d_ug", None),
    (r"(?:(?:vitamin|vit)\.? ?)?k ?2 ?\(?(?:as )?mk ?-? ?7\)?|mk ?-? ?7|menaquinone ?-? ?7", "vitamin_k_ug", "MK-7"),
    (r"(?:(?:vitamin|vit)\.? ?)?k ?2 ?\(?(?:as )?mk ?-? ?4\)?|mk ?-? ?4|menaquinone ?-? ?4|menatetrenone",
     "vitamin_k_ug", "MK-4"),
    (r"(?:vitamin|vit)\.? ?k ?2|k ?2|menaquinone", "vitamin_k_ug", "K2"),
    (r"(?:vitamin|vit)\.? ?k ?1|k ?1|phylloquinone", "vitamin_k_ug", "K1"),
    (r"(?:vitamin|vit)\.? ?k", "vitamin_k_ug", None),
]
_KEYWORD = re.compile("|".join(f"(?P<k{i}>\\b(?:{p})\\b)" for i, (p, _, _) in enumerate(_KEYWORDS)))
_FORMS = re.compile(r"\b(carbonate|citrate|oxide|malate|(?:bis)?glycinate|chloride|lactate|sulfate|sulphate|"
                    r"l ?-?threonate|threonate|taurate|orotate|gluconate|hydroxyapatite|aspartate|hydroxide)\b")


def vocabulary_patterns() -> list[str]:
    """The nutrient and form patterns, whose words the speller knows (knowledge/spelling.py)."""
    return [*(pattern for pattern, _, _ in _KEYWORDS), _FORMS.pattern]


# a whole number ("2.52", not its "2"); "1e308" is the number it is
_NUMBER = r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?![\d.]*\d)\s*(k\b)?"
# a figure in a lab's unit ("2.52 mmol/L", "2.9 mg/dL") is never a dose
_LAB_UNIT = r"(?!\s*(?:(?:ng|nmol|mmol|pmol|pg|meq)\b|(?:mg|µg|ug|mcg)\s*/\s*(?:ml|dl|l)\b))"
# A dose's unit as people write it, and the unit each spelling stands for
DOSE_UNITS = r"mg|milligrams?|mcg|µg|μg|ug|micrograms?|iu|i\.u\.?|units?|g|grams?"
UNIT_SPELLINGS = {"milligram": "mg", "milligrams": "mg", "mcg": "µg", "μg": "µg", "ug": "µg", "microgram": "µg",
                  "micrograms": "µg", "i.u.": "iu", "i.u": "iu", "unit": "iu", "units": "iu", "gram": "g", "grams": "g"}
_DOSE = re.compile(_NUMBER + _LAB_UNIT + rf"\s*({DOSE_UNITS})?(?:\b|(?<=\.))(?!\s*%)")
_PARTS = re.compile(r",(?!\d)|[;+&]|/(?!\s*(?:dl|l|ml)\b)|\band\b|\bplus\b|\bwith\b|\bas well as\b")


def _parts_at(text: str) -> list[tuple[int, str]]:
    """The parts ``text`` splits into at ``_PARTS``, each with where it starts; never inside a list of days
    ("mon/wed/fri", "tue & thu"), which says how often."""
    days = [m.span() for m in _dose_patterns().day_list.finditer(text)]
    parts, start = [], 0
    for cut in _PARTS.finditer(text):
        if not any(a < cut.start() < b for a, b in days):
            parts.append((start, text[start:cut.start()]))
            start = cut.end()
    return [*parts, (start, text[start:])]


class Dose(BaseModel):
    nutrient: Nutrient | None  # None: a multivitamin whose amounts were not given
    said: str  # the part of the text it was read from
    form: str | None = None
    amount: float | None = None  # per day, elemental, in mg (calcium, magnesium) or µg (vitamins D, K)
    stated: str | None = None  # the dose as written, e.g. "2,000 IU twice a day"
    compound_amount: float | None = None  # per day if the stated weight is the compound rather than elemental
    assumed: list[str] = []  # each assumption made in reading it, to be said to the person
    problem: str | None = None  # why it could not be counted (no dose, implausible, wrong unit)
    multivitamin: bool = False
    units_per_day: float = 1.0  # tablets, capsules... a day, for a dose per unit still to be given
    irregular: bool = False  # taken "when I remember": held in ``pending`` until the person says how often
    season: str | None = None  # taken only in a season ("in winter"): held the same way, and the season said
    pending: float | None = None  # the amount a day if taken daily, not counted until the frequency is known
    product: str | None = None  # the products.toml key it was read from
    unknown: list[Nutrient] = []  # with no nutrient: the nutrients whose amounts the label must give
    topical: bool = False  # used on the skin ("magnesium cream"): never counted
    count_unknown: bool = False  # a product taken a range of units at a time, count not said: one counted, asked


def _number(text: str, thousands: str | None) -> float:
    return float(text.replace(",", "")) * (1000 if thousands else 1)


class DoseWords(BaseModel):
    """``data/doses.toml``, validated: how people say how many and how often."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    units: list[str]
    pill_words: list[str]
    taking_words: list[str]
    topical: list[str]
    totals: list[str]
    count_verbs: list[str]
    days_of_the_week: list[str]
    halved: list[str]
    day_letters: list[str]
    irregular: list[str]
    seasonal: dict[str, str]  # the words as typed: the season as said back
    counts: dict[str, float]
    occasions: dict[str, float]
    times_of_day: dict[str, list[str]]  # occasions naming one of a time's words are one intake at that time
    frequencies: dict[str, float]

    @model_validator(mode="before")
    @classmethod
    def _each_weekday(cls, data: dict[str, Any]) -> dict[str, Any]:
        """A frequency written with "{day}" stands for one with each of ``days_of_the_week``: "every {day}"."""
        days = data.get("days_of_the_week", [])
        table = data.get("frequencies", {})
        data["frequencies"] = {words.replace("{day}", day): rate for words, rate in table.items()
                               for day in (days if "{day}" in words else ["{day}"])}
        return data

    @field_validator("frequencies", mode="before")
    @classmethod
    def _per_day(cls, table: dict[str, str]) -> dict[str, float]:
        """ "2/day", "1/week", "1/2 days", "1/month" as times a day."""
        days = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
        per_day = {}
        for words, rate in table.items():
            found = re.fullmatch(r"(\d+)\s*/\s*(\d+)?\s*(day|days|week|weeks|month|months)", rate)
            if not found:
                raise ValueError(f"{words!r}: {rate!r} is not 'times/period' such as '1/week'")
            per_day[words] = int(found[1]) / (int(found[2] or 1) * days[found[3]])
        return per_day

    @field_validator("counts", "occasions")
    @classmethod
    def _positive(cls, table: dict[str, float]) -> dict[str, float]:
        if bad := [k for k, v in table.items() if v <= 0]:
            raise ValueError(f"counts must be positive: {bad}")
        return table


@dataclass(frozen=True)
class _DosePatterns:
    words: DoseWords
    count: re.Pattern[str]  # "2 caps", "half a tablet", "one" (of an occasion)
    frequency: re.Pattern[str]
    every: re.Pattern[str]  # "every 2 weeks": once in so many days, weeks or months
    so_many: re.Pattern[str]  # "5 days a week": so many times in a week, fortnight or month
    day_list: re.Pattern[str]  # "mon/wed/fri", "tue & thu": days of the week named together
    occasion: re.Pattern[str]
    occasions: dict[str, float]  # the occasions with their "my" forms
    irregular: re.Pattern[str]
    seasonal: re.Pattern[str]
    pills: re.Pattern[str]
    taking: re.Pattern[str]
    unit_before: re.Pattern[str]  # what one unit holds, before the figure: "1 drop is (400 IU)"
    shared_by: re.Pattern[str]  # what so many units hold together: "2 gummies = (50 mcg)"
    unit_after: re.Pattern[str]  # and after it: "(1000 iu) each", "(500 mg) per tablet"
    units_named: re.Pattern[str]  # any unit word
    topical: re.Pattern[str]  # on the skin, not by mouth
    total: re.Pattern[str]  # a day's total from food and supplements, not a dose taken
    times_before: re.Pattern[str]  # a count of units just before a per-unit strength: "2 x 1000iu", "two 1000 iu tabs"
    times_after: re.Pattern[str]  # and just after it: "1000iu x 2"


def _day_list(data: DoseWords) -> re.Pattern[str]:
    days = alternation(data.days_of_the_week)
    letters = alternation(data.day_letters)
    return re.compile(rf"(?<![\w/])(?:(?:{days})s?(?:\s*(?:/|,|&|\+|\band\b|\s)\s*(?:{days})s?)+"
                      rf"|(?:{letters})(?:/(?:{letters}))+)(?![\w/])")


def _bounded(items: Iterable[str]) -> re.Pattern[str]:
    """Any of ``items`` as whole words; one that starts with a slash ("/day") may follow a unit ("1200mg/day")."""
    return re.compile(rf"(?:(?<![\w/])|(?=/))(?:{alternation(items)})(?![\w/])")


_MEAL_TIME = re.compile(r"^(with|at|after|before) (breakfast|lunch|lunchtime|dinner|supper|tea|meals|each meal)$")


_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30}  # a month is 30 days, as in doses.toml


def _with_my(occasions: dict[str, float]) -> dict[str, float]:
    """The occasions, and each "with dinner", "after lunch" also as "with my dinner", "after the lunch"."""
    found = dict(occasions)
    for words, count in occasions.items():
        if meal := _MEAL_TIME.match(words):
            for article in ("my", "the", "my evening"):
                found.setdefault(f"{meal.group(1)} {article} {meal.group(2)}", count)
    return found


@cache
def _dose_patterns() -> _DosePatterns:
    data = DoseWords.model_validate(tomllib.loads(
        resources.files("knowledge").joinpath("data/doses.toml").read_text("utf-8")))
    number = rf"\d+(?:\.\d+)?(?:\s*-\s*\d+)?|{alternation(data.counts)}"
    unit = alternation(data.units)
    return _DosePatterns(
        words=data,
        count=re.compile(rf"(?<![\w.])({number})\s*(?:x\s*)?(?:of\s+)?(?:{unit})(?!\w)"),
        frequency=_bounded(data.frequencies),
        every=re.compile(rf"\b(?:(?:once\s+)?every|once\s+in)\s+(\d+|{alternation(data.counts)})\s+(days?|weeks?|"
                         r"fortnights?|months?)\b"),
        day_list=_day_list(data),
        so_many=re.compile(rf"\b(\d+|{alternation(data.counts)})\s*(?:x|times|days|nights|mornings|evenings)\s+"
                           r"(?:a|per|each|every|in\s+a|out\s+of\s+(?:the\s+)?)\s*(week|fortnight|month)\b"),
        occasion=_bounded(_with_my(data.occasions)),
        occasions=_with_my(data.occasions),
        irregular=_bounded(data.irregular),
        seasonal=_bounded(data.seasonal),
        pills=_bounded(data.pill_words),
        taking=_bounded(data.taking_words),
        unit_before=re.compile(rf"\b(?:1|one|a|an|each|every|per)\s+(?:{unit})\s*(?:is|=|has|contains|gives|of|:)"
                               rf"?\s*"),
        shared_by=re.compile(rf"(?<![\w.])([2-9])\s+(?:{unit})\s*(?:=|is|are|has|have|contain|contains|give|gives|:)"
                             rf"\s*(?=\d)"),
        units_named=_bounded(data.units),
        topical=_bounded(data.topical),
        total=_bounded(data.totals),
        unit_after=re.compile(rf"^\s*(?:each|apiece|a piece|per\s+(?:{unit})|an?\s+(?:{unit})|/\s*(?:{unit}))(?!\w)"),
        # "2 x 1000iu", "two x 500 mg", and with a unit word after the strength "two 1000 iu tablets"
        # "2 x 1000iu", "two 1000 iu tablets", "3 of my 200 mcg capsules"
        times_before=re.compile(rf"(?<![\w.])({number})\s*(?:x|\*|times)\s*$"
                                rf"|(?<![\w.,])({number})\s+(?:of\s+(?:my|the|these|those|her|his)\s+)?$"),
        times_after=re.compile(rf"^\s*(?:x|\*)\s*({number})(?![\w.])"))


def dose_words() -> DoseWords:
    """How people say how many and how often (``data/doses.toml``)."""
    return _dose_patterns().words


def _count(text: str) -> float:
    """A count as written: "2", "half a", "4-6" (the middle of a range)."""
    counts = _dose_patterns().words.counts
    key = " ".join(text.split())
    if key in counts:
        return counts[key]
    low, _, high = key.replace(" ", "").partition("-")
    return (float(low) + float(high)) / 2 if high else float(low)


@dataclass(frozen=True)
class HowOften:
    """Units a day and what was read to get there."""

    per_day: float = 1.0
    said: str = ""
    irregular: bool = False
    seasonal: str | None = None
    counted: bool = False  # a count of units was given ("2 caps")
    timed: bool = False  # a frequency or a time of day was given


def _listed(table: Mapping[str, object], said: str) -> str:
    """The key of ``table`` that ``said`` matched: as typed with single spaces ("mon-fri"), else with its hyphens
    as spaces ("once-a-week" is "once a week"; ``alternation`` lets either stand between words)."""
    plain = " ".join(said.split())
    return plain if plain in table else " ".join(re.split(r"[\s-]+", said.strip()))


def how_often(part: str) -> HowOften:
    """How many units a day ``part`` says: a count ("2 caps") times a frequency ("twice daily"); with no
    frequency, one intake per time of day named ("one in the morning and one at night" is two)."""
    patterns = _dose_patterns()
    said: list[str] = []
    factor = 1.0
    timed = False
    # "m/w/f", "mon, wed and fri": so many days a week, of what else is said ("twice a day mon/wed/fri")
    days = patterns.day_list.search(part)
    if days:
        part = part[:days.start()] + " " * len(days.group(0)) + part[days.end():]
    every = patterns.every.search(part)  # "every 2 weeks", "once every three months", "every 10 days"
    frequency = patterns.frequency.search(part)
    so_many = patterns.so_many.search(part)  # "5 days a week", "3x per month", "four nights a week"
    if so_many and (not every or so_many.start() < every.start()):
        factor = _count(so_many.group(1)) / _DAYS[so_many.group(2)]
        said.append(so_many.group(0))
        timed = True
    elif every and (not frequency or every.start() < frequency.start()):  # the first said is the dose's
        factor = 1 / (_count(every.group(1)) * _DAYS[every.group(2).rstrip("s")])
        said.append(every.group(0))
        timed = True
    elif frequency:
        factor = patterns.words.frequencies[_listed(patterns.words.frequencies, frequency.group(0))]
        said.append(frequency.group(0))
        timed = True
    elif occasions := list(patterns.occasion.finditer(part)):
        times: dict[str, float] = {}  # "after the dinner every evening" is one intake, in the evening
        for number, occasion in enumerate(occasions):
            named = set(occasion.group(0).split())
            time = next((t for t, said_as in patterns.words.times_of_day.items() if named & set(said_as)), number)
            times[str(time)] = patterns.occasions[_listed(patterns.occasions, occasion.group(0))]
        factor = sum(times.values())
        said += [o.group(0) for o in occasions]
        timed = True
    if days and (not timed or factor >= 1):  # a weekly rate said as well is the rate
        factor *= len(set(re.findall(r"[a-z]+", days.group(0))) - {"and"}) / 7
        said.append(days.group(0))
        timed = True
    count = patterns.count.search(part)
    if count:
        factor *= _count(count.group(1))
        said.append(count.group(0).strip())
    irregular = patterns.irregular.search(part)
    seasonal = patterns.seasonal.search(part)
    return HowOften(per_day=factor, said=" ".join(said), irregular=bool(irregular or seasonal),
                    seasonal=patterns.words.seasonal[_listed(patterns.words.seasonal, seasonal.group(0))]
                    if seasonal else None,
                    counted=bool(count),
                    timed=timed or bool(irregular))


def _convert(nutrient: Nutrient, value: float, unit: str | None) -> tuple[float | None, list[str], str | None]:
    """(amount in the nutrient's unit, assumptions, problem)."""
    unit = UNIT_SPELLINGS.get(unit or "", unit)
    if nutrient in ("calcium_mg", "magnesium_mg"):
        if unit == "iu":
            return None, [], f"IU is not a unit for {NAME[nutrient]}; please give the dose in mg"
        scale = {None: 1.0, "mg": 1.0, "g": 1000.0, "µg": 0.001}[unit]
        return value * scale, [] if unit else [f"read {value:g} as mg"], None
    if unit is None:
        if nutrient == "vitamin_d_ug" and value >= 100:
            return value / IU_PER_UG, [f"read {value:,.0f} as IU"], None
        return value, [f"read {value:g} as µg"], None
    if unit == "iu":
        if nutrient == "vitamin_k_ug":
            return None, [], "vitamin K is dosed in µg or mg, not IU; please give the dose in µg"
        return value / IU_PER_UG, [], None
    return value * {"µg": 1.0, "mg": 1000.0, "g": 1_000_000.0}[unit], [], None


@cache
def _medicine_before() -> re.Pattern[str]:
    """A medicine's name right before a figure ("prednisolone 30mg", "lasix 40 bid"): the figure is its dose."""
    from knowledge.intake.mentions import intake_lexicon

    names = [name for entry in intake_lexicon().values() if entry.kind == "medicine" for name in entry.names
             if not _KEYWORD.fullmatch(name)]  # "calcium acetate" names calcium too: read as a dose of it
    return re.compile(rf"\b(?:{alternation(names)})\s*$")


_AGE_BEFORE = re.compile(r"\b(?:i'?m|i am|aged?|age)\s*$")
_AGE_AFTER = re.compile(r"\s*(?:years?|yrs?|yo|y/o)\b")


def _find_dose(part: str, nutrient: Nutrient | None = None) -> re.Match[str] | None:
    """The dose figure: a weight said to be elemental ("1250 mg (500 mg elemental)"), else the first number
    with a unit, else the first bare number that is not a tablet count and is big enough to be a dose of
    ``nutrient`` (of any nutrient, when it is not known)."""
    found = [m for m in _DOSE.finditer(part) if not _AGE_BEFORE.search(part[:m.start()])
             and not _AGE_AFTER.match(part[m.end():])  # "i'm 45", "45 years old": an age, never a dose
             and not _medicine_before().search(part[:m.start()])]  # "prednisolone 30mg": the medicine's own
    # "2 caps" counts units; "D1000 spray" is no thousand sprays but the strength
    counts = [m.span(1) for m in _dose_patterns().count.finditer(part) if _count(m.group(1)) <= MOST_UNITS]
    with_unit = [m for m in found if m.group(3)]
    elemental = [m for m in with_unit if re.match(r"\s*(?:of\s+)?elemental\b", part[m.end():])
                 or re.search(r"\belemental\s*(?:calcium|magnesium)?\s*$", part[:m.start()])]
    smallest = SMALLEST_BARE[nutrient] if nutrient else min(SMALLEST_BARE.values())
    bare = [m for m in found if not m.group(3) and m.span(1) not in counts
            and _number(m.group(1), m.group(2)) >= smallest]
    return next(iter(elemental or with_unit or bare), None)


def _dose(nutrient: Nutrient, form: str | None, part: str, multivitamin: bool, said: str,
          often: HowOften | None = None, counted: HowOften | None = None) -> Dose:
    """One nutrient's dose in ``part``; ``often`` is how often the whole message says (without its count),
    ``counted`` the same with its count, for a figure said per unit ("400 IU a drop") whose count of units
    is elsewhere in the message ("..., 2 drops a day")."""
    form_match = _FORMS.search(part)
    if form_match and nutrient in ("calcium_mg", "magnesium_mg"):
        form = form_match.group(1).replace("bisglycinate", "glycinate").replace("sulphate", "sulfate")
        form = "l-threonate" if "threonate" in form else form
    dose = Dose(nutrient=nutrient, said=" ".join(said.split()), form=form, multivitamin=multivitamin)
    found = _find_dose(part, nutrient)
    if not found:
        own = how_often(part)
        chosen = own if own.timed or own.counted or often is None else often
        return dose.model_copy(update={"problem": f"no dose given for the {NAME[nutrient]}",
                                       "units_per_day": round(chosen.per_day, 4),
                                       "irregular": own.irregular or bool(often and often.irregular),
                                       "season": own.seasonal or (often.seasonal if often else None)})
    value = _number(found.group(1), found.group(2))
    # a count beside the strength multiplies it: "2 x 1000iu", "two 1000 iu tablets", "1000iu x 2"
    times = _strength_count(part, found)
    if times:
        part = part[:times.start] + " " * (times.end - times.start) + part[times.end:]
    # what one unit holds is not how many are taken: "1 drop is 400 IU, i do 2 drops a day" is two drops
    patterns = _dose_patterns()
    head = part[:found.start()]
    ending = re.search(rf"(?:{patterns.unit_before.pattern})$", head)  # the unit phrase just before the figure
    shared = 1  # "the bottle says 2 gummies = 50 mcg": what two hold together, so one holds half; "2 caps are
    # 100mg each" is a count and each one's figure
    if not ending and (together := patterns.shared_by.search(part, 0, found.start() + 1)) \
            and together.end() == found.start() and not patterns.unit_after.match(part[found.end():]):
        ending, shared = together, int(together.group(1))
        value /= shared
        if re.search(r"\d|\b(?:one|a couple)\b", part[:together.start()] + part[found.end():]):
            shared = 1  # "... but i only have 1 a day": that count is what is taken
    before = head[:ending.start()] if ending else head
    after = patterns.unit_after.sub(" ", part[found.end():])
    per_unit = before != part[:found.start()] or after != part[found.end():]
    own = how_often(after + " " + before)
    if times:  # the count is this figure's own; how often may be said once for the whole message
        base = own if own.timed or often is None or not often.timed else often
        own = replace(base, per_day=base.per_day * times.count, counted=True, timed=True, said=" ".join(
            w for w in (times.said, base.said) if w))
    if per_unit and not own.counted and counted is not None and counted.counted:
        often = counted
    else:
        often = own if own.timed or own.counted or often is None else often
    if times:  # "2 × 1000iu (a day)": the count, the strength as written, then how often
        how = often.said.removeprefix(times.said).strip() if often.per_day != times.count else ""  # not "a day"
        stated = f"{times.count:g} × {found.group(0).strip()}" + (f" ({how})" if how else "")
    else:
        stated = found.group(0).strip() + (f" ({often.said})" if often.said else "")
    amount, assumed, problem = _convert(nutrient, value, found.group(3))
    assumed += _assumed(often)
    elemental = "elemental" in part
    dose = dose.model_copy(update={"stated": stated, "assumed": assumed, "problem": problem,
                                   "irregular": often.irregular, "season": often.seasonal})
    if amount is None:
        return dose
    amount *= often.per_day * (shared if not often.counted else 1)  # no other count said: the units named are taken
    # (so "vit d 3 drops = 1000iu" is the 1000 IU of three drops)
    if amount <= 0:
        return dose.model_copy(update={"problem": f"a dose of {stated} is not a dose"})
    unit = UNIT[nutrient]
    if amount > IMPLAUSIBLE[nutrient]:
        shown = f"{amount:,.0f} {unit}" if amount < 1e7 else stated  # "1e308 iu", not 300 digits
        return dose.model_copy(update={"problem": f"{shown} of {NAME[nutrient]} a day is far more than anyone "
                                                  "takes; please check the amount"})
    share = (CALCIUM_SHARE if nutrient == "calcium_mg" else MAGNESIUM_SHARE if nutrient == "magnesium_mg"
             else {}).get(form or "")
    compound = round(amount * share, 1) if share and not multivitamin and not elemental \
        and found.group(3) != "iu" else None
    return _held_if_irregular(dose.model_copy(update={"amount": round(amount, 2), "compound_amount": compound}))


@dataclass(frozen=True)
class _Times:
    """A count of units said beside a per-unit strength, and where it stands."""

    count: float
    said: str
    start: int
    end: int


def _strength_count(part: str, found: re.Match[str]) -> _Times | None:
    """The count said right beside the strength ``found`` in ``part``: "2 x 1000iu", "1000iu x 2", and a count
    before a strength that a unit word follows ("two 1000 iu tablets", "3 500mg caps"). "1000 iu x 3 a week" is
    three units, once a week; "1000 iu 2x daily" keeps its frequency."""
    if not found.group(3):
        return None
    patterns = _dose_patterns()
    tail = part[found.end():]
    if after := patterns.times_after.match(tail):
        return _Times(_count(after.group(1)), after.group(0).strip(), found.end() + after.start(),
                      found.end() + after.end())
    before = patterns.times_before.search(part[:found.start()])
    if not before:
        return None
    said = before.group(1) or before.group(2)
    if before.group(2) and not patterns.units_named.match(tail.lstrip()):
        return None  # "vitamin d 2 1000" has no unit to count
    return _Times(_count(said), before.group(0).strip(), before.start(), before.end())


def _without_strength_counts(text: str) -> str:
    """``text`` with the counts said beside strengths blanked, so that what the whole message says of how often
    does not take "1000iu x 2" for a frequency shared by every part."""
    for found in reversed(list(_DOSE.finditer(text))):
        if times := _strength_count(text, found):
            text = text[:times.start] + " " * (times.end - times.start) + text[times.end:]
    return text


def _held_if_irregular(dose: Dose) -> Dose:
    """A dose taken "when I remember" or "in winter only" waits for how often before it counts."""
    if not dose.irregular or dose.amount is None:
        return dose
    return dose.model_copy(update={"amount": None, "pending": dose.amount, "compound_amount": None})


def _assumed(often: HowOften) -> list[str]:
    """What reading ``often`` took for granted, to be said."""
    if often.seasonal:
        return [f"taken {often.seasonal}"]
    return ["taken irregularly"] if often.irregular else []


# a vitamin's strength right after a product's name, big enough to be no count: "fultium 800", "invita 25,000 iu"
# (a weight in mg after a mineral product is its compound's, so it is not read this way)
_STRENGTH_AFTER = re.compile(r"\s*(?:\d{1,3}(?:,\d{3})+|\d{3,}|\d+\s*k\b|\d+(?:\.\d+)?\s*(?:mcg|µg|ug|iu))(?![\w/])")
_LEADING_COUNT = re.compile(r"(?:^|\s)(\d+(?:\.\d+)?(?:\s*-\s*\d+)?|a|an|one|two|three|four|half a)\s*(?:x\s*)?$")


@cache
def _bare_count() -> re.Pattern[str]:
    """A count straight after a product's name, a verb allowed between: "rennie 2", "tums, chew 2"."""
    verbs = alternation(_dose_patterns().words.count_verbs)
    return re.compile(rf"^\s*,?\s*(?:(?:{verbs})\s+)?([1-9])\b(?!\s*(?:mg|mcg|µg|ug|iu|units?|g|%|x\b))")


@cache
def _halved() -> re.Pattern[str]:
    """A unit broken in two and a half of it taken: then a half is the unit each time ("cut it in half, half at
    night")."""
    return re.compile(rf"\b(?:{alternation(_dose_patterns().words.halved)})\b(?=.*\bhalf\b)")


def _product_doses(product: Product, said: str, segment: str, before: str, after_name: str) -> list[Dose]:
    """The doses a named product gives: its label's amounts per unit times the units a day said around it
    ("2 adcal a day", "caltrate with breakfast and another with my tea"); a dose with no nutrient stands for
    the amounts only its label can give."""
    often = how_often(segment)
    halved = not often.counted and bool(_halved().search(segment))  # "snap a tums in half n take one half at night"
    if not often.counted and (leading := _LEADING_COUNT.search(before)):
        often = replace(often, per_day=often.per_day * _count(leading.group(1)), counted=True)
    # "rennie, 2 after tea", "rennie 2 after tea", "tums ultra 1000 2 at bedtime": a bare count after the name
    if not often.counted and (bare := _bare_count().search(after_name) or _bare_count().search(
            said[len(said.split(",")[0]):])):
        often = replace(often, per_day=often.per_day * float(bare.group(1)), counted=True)
    units = often.per_day * (0.5 if halved else 1.0)
    base = Dose(nutrient=None, said=" ".join(said.split()), product=product.key, units_per_day=round(units, 4),
                multivitamin=product.kind == "multivitamin", irregular=often.irregular, season=often.seasonal)
    if product.topical:
        return [base.model_copy(update={"problem": f"{product.label} is used on the skin, so it is not counted "
                                                   "as a dose by mouth"})]
    limit = product.max_per_day or MAX_PER_DAY
    if units > limit:
        return [base.model_copy(update={"problem": f"{units:g} {product.unit}s of {product.label} a day is more "
                                                   f"than anyone should take (labels allow at most {limit:g}); "
                                                   "please check the number"})]
    label = ", ".join(f"{per:g} {UNIT[n]} {NAME[n]}" for n, per in product.per_unit.items())
    assumed = [f"{product.label}: {label} per {product.unit}, from its label"] if label else []
    unknown = product.count_varies and not often.counted  # "rennie after dinner": how many each time?
    if unknown and product.per_unit:
        assumed.append(f"one {product.unit} each time until you say how many")
    assumed += _assumed(often)
    how = f" ({often.said})" if often.said else ""
    doses = [_held_if_irregular(base.model_copy(update={
        "nutrient": n, "form": product.forms.get(n), "amount": round(per * units, 2), "assumed": assumed,
        "count_unknown": unknown,
        "stated": f"{units:g} {product.unit}{'s' if units != 1 else ''} a day{how}"}))
        for n, per in product.per_unit.items()]
    if product.unknown:
        doses.append(base.model_copy(update={"problem": "label", "unknown": product.unknown}))
    return doses


def _names_supplement(clause: str) -> bool:
    folded = fold(clause)
    return bool(_KEYWORD.search(_spelled(folded))) or any(isinstance(f.entry, Product) for f in find_products(folded))


def _supplement_groups(text: str) -> list[str]:
    """``text`` cut at commas into one group per supplement named: "adcal d3 twice a day, magnesium glycinate 2
    caps of 100mg" is two, each with its own count and frequency; a clause naming none goes with the one before
    ("vitamin d, 1000 iu"), except a frequency said on its own at the end, which is for every group that says
    none ("calcium 500 mg, vitamin d 1000 iu, both twice a day")."""
    groups: list[str] = []
    clauses = [c for c in re.split(r";|,(?!\d)", text) if c.strip()]  # not "50,000 IU"
    clauses = [piece for clause in clauses for piece in _after_own_frequency(clause)]
    for clause in clauses:
        if _names_supplement(clause) or not groups:
            groups.append(clause.strip())
        else:
            groups[-1] = f"{groups[-1]}, {clause.strip()}"
    if len(groups) > 1 and not _names_supplement(clauses[-1]) and not _find_dose(clauses[-1]) \
            and how_often(clauses[-1]).timed:
        shared = clauses[-1].strip()
        groups[-1] = groups[-1].removesuffix(f", {shared}")
        groups = [g if how_often(g).timed else f"{g}, {shared}" for g in groups]
    return groups


def _after_own_frequency(clause: str) -> list[str]:
    """``clause`` cut at "and" or "plus" after a supplement said with how often it is taken and before another
    supplement: "caltrate twice a day and magnesium glycinate 200mg" is two, the frequency the first's own (said
    after both, "calcium 500 mg and vitamin d 1000 iu twice a day", it stays for both)."""
    for joint in re.finditer(r"\s+(?:and|plus)\s+", clause):
        left, right = clause[:joint.start()], clause[joint.end():]
        if _names_supplement(left) and how_often(left).timed and _names_supplement(right):
            return [left, *_after_own_frequency(right)]
    return [clause]


def read_supplements(text: str) -> list[Dose]:
    """The doses named in ``text``: one per nutrient mention, in order. A product named (``products.toml``)
    counts its label's amounts; a multivitamin or a product whose label must be asked for comes back as a dose
    with no nutrient, so the engine can ask for the label's figures."""
    text = _PAIRED.sub(_unpaired, text)
    if len(groups := _supplement_groups(text)) > 1:
        return [dose for group in groups for dose in read_supplements(group)]
    folded = fold(text)
    doses: list[Dose] = []
    found = [f for f in find_products(folded) if isinstance(f.entry, Product)]
    for number, hit in enumerate(found):
        assert isinstance(hit.entry, Product)
        end = found[number + 1].start if number + 1 < len(found) else len(folded)
        before = folded[found[number - 1].end if number else 0:hit.start]
        leading = _LEADING_COUNT.search(before)  # "40 tums a day" is said from its count
        said = folded[hit.start - len(leading.group(0).lstrip()) if leading else hit.start:end]
        doses += _product_doses(hit.entry, said, folded[hit.end:end] + " " + before, before, folded[hit.end:end])
    strengths: set[str] = set()  # products named with the strength their label varies in ("fultium 800 od")
    for hit in reversed(found):  # what the products said is read; the rest may name doses of its own
        assert isinstance(hit.entry, Product)
        named = " " * (hit.end - hit.start)
        if hit.entry.unknown in (["vitamin_d_ug"], ["vitamin_k_ug"]) and _STRENGTH_AFTER.match(folded, hit.end):
            named = NAME[hit.entry.unknown[0]].lower()  # read as that nutrient's dose: "vitamin d 800 od"
            strengths.add(hit.entry.key)
        folded = folded[:hit.start] + named + folded[hit.end:]
    branded = any(not isinstance(f.entry, Product) for f in find_products(folded))
    folded = _spelled(folded)
    multivitamin = False
    # "calcium 600 + d 400 iu, 2x daily": the frequency said once is for both (a count is each part's own)
    plain = _without_strength_counts(folded)  # "1000iu x 2": that part's count, not a frequency for all
    patterns = _dose_patterns()
    counted = how_often(patterns.shared_by.sub(" ", patterns.unit_before.sub(" ", plain)))  # with the count, for a
    # per-unit figure
    said_often = how_often(patterns.shared_by.sub(" ", plain))
    whole = replace(said_often, counted=False)
    bare = _bare_times(plain)
    if whole.said and (count := patterns.count.search(plain)) and _KEYWORD.search(_part_at(plain, count.start())):
        # a count inside a part naming a nutrient is that part's own ("calcium 500 mg and 2 caps of vitamin d");
        # one said after them all is for each ("kirkland calcium 600 mg with D3, 2 tabs a day")
        whole = replace(whole, per_day=whole.per_day / _count(count.group(1)))
    elif bare:  # "600mg calcium and 300mg magnesium, 2 a day"
        whole = replace(whole, per_day=whole.per_day * _count(bare), said=f"{bare} {whole.said}")
    # "i cut a d3 tablet in half and take a half mon-fri" (a half counted as such, "half a day", is so already)
    if _halved().search(plain) and not said_often.counted and not bare:
        whole = replace(whole, per_day=whole.per_day * 0.5)
    # how often, said inside a part with its own dose, is for what was named up to it: "calcium 500mg twice a day +
    # vit d 2000iu" takes the vitamin D once a day ("the once-a-week capsule, 50k IU" is once a week; "d3 5000 + k2
    # 100mcg combo cap m/w/f" is both on three days)
    said_at = plain.find(whole.said) if whole.said else -1
    if said_at >= 0 and not (_KEYWORD.search(own := _part_at(plain, said_at)) and _find_dose(own)):
        said_at = -1
    for start, part in _parts_at(folded):
        said_for: HowOften | None = whole if said_at < 0 or start <= said_at + len(whole.said) else None
        keyword = _KEYWORD.search(part)
        if not keyword:
            last = doses[-1] if doses else None
            often = how_often(part)
            if last and last.nutrient and last.amount is None and last.stated is None \
                    and (_find_dose(part) or often.counted or often.timed):
                # "vitamin d, 1000 iu": the dose came after a comma; "now magnesium citrate, 3 caps at night": how
                # many of its units
                doses.pop()
                said = f"{last.said}, {part.strip()}"
                unnamed = _KEYWORD.sub(lambda m: " " * len(m.group(0)), said)  # the "2" of "k2" is no dose
                doses.append(_dose(last.nutrient, last.form, unnamed, last.multivitamin, said, said_for, counted))
            elif (units := _IU.search(part)) and not any(d.nutrient == "vitamin_d_ug" for d in doses):
                # "the GP put me on 800 units a day": IU is vitamin D's unit
                doses.append(_dose("vitamin_d_ug", None, part[units.start():], False, part.strip(), said_for))
            continue
        index = next(int(name[1:]) for name, value in keyword.groupdict().items() if value)
        _, nutrient, form = _KEYWORDS[index]
        if nutrient != "multivitamin" and patterns.topical.search(part):
            doses.append(Dose(nutrient=None, said=" ".join(part.split()), topical=True,
                              problem=f"{NAME[nutrient]} on the skin is not counted as a dose by mouth"))
            continue
        if nutrient == "multivitamin":
            multivitamin = True
            rest = part[keyword.end():]
            if not _KEYWORD.search(rest):
                doses.append(Dose(nutrient=None, said=part.strip(), multivitamin=True,
                                  problem="a multivitamin's amounts are on its label"))
            continue
        if doses and doses[-1].nutrient is None and doses[-1].product is None and doses[-1].multivitamin:
            doses.pop()  # the multivitamin's amounts follow
        elif multivitamin and _FORMS.search(part):
            multivitamin = False  # "..., magnesium citrate 250 mg": a bottle of its own, named by its form
        # the keyword's own digits (D3, MK-7, K2) are not the dose
        blanked = part[:keyword.start()] + " " * (keyword.end() - keyword.start()) + part[keyword.end():]
        doses.append(_dose(nutrient, form, blanked, multivitamin, part.strip(), said_for, counted))
    doses = [_label_if_unit(d, branded) for d in doses]
    if patterns.total.search(folded.replace("&", " and ")):  # "1200 mg a day between food and supps"
        doses = [d.model_copy(update={"problem": f"{d.stated} reads as a day's total from food and supplements, "
                                                 "not a dose you take"})
                 if d.amount is not None and d.product is None and not d.problem else d for d in doses]
    doses = [d for d in doses if not (d.product in strengths and d.problem == "label" and any(
        o.nutrient in d.unknown and o.amount is not None for o in doses))]  # its strength was said
    labelled = [d for d in doses if d.problem == "label" and d.product is None and not d.multivitamin]
    if labelled:  # "a d3 + k2 spray, 1 spray": one label to read, for both
        unread = [d for d in doses if d.nutrient and d.stated is None and d.problem and "no dose" in d.problem]
        nutrients = [n for d in [*unread, *labelled] for n in ([d.nutrient] if d.nutrient else d.unknown)]
        merged = labelled[0].model_copy(update={"unknown": list(dict.fromkeys(nutrients)), "said": _said(text)})
        doses = [d for d in doses if d not in labelled and d not in unread] + [merged]
    return doses


def _bare_times(text: str) -> str | None:
    """A small number said with no unit right before how often, in a part of ``text`` that says nothing else
    ("..., 2 a day with breakfast"): so many units each time, of whatever the message named."""
    patterns = _dose_patterns()
    counts = alternation(patterns.words.counts)
    for _, part in _parts_at(text):
        found = re.fullmatch(rf"\s*(\d+|{counts})\s+({patterns.frequency.pattern})\s*", part)
        if found and _count(found.group(1)) <= MOST_UNITS:
            return found.group(1)
    return None


# two nutrients and their figures written in pairs: "D3/K2 5000/100", "calcium/magnesium 500/250mg"
_PAIRED = re.compile(rf"(?<![\w/])([a-z][\w-]{{0,14}})\s*/\s*([a-z][\w-]{{0,14}})\s+(\d[\d,.]*)(?:\s*({DOSE_UNITS})\b)?"
                     rf"\s*/\s*(\d[\d,.]*)(?![\d/])(?:\s*({DOSE_UNITS})\b)?", re.I)


def _unpaired(found: re.Match[str]) -> str:
    """ "D3/K2 5000/100" as "D3 5000 and K2 100": each figure beside its nutrient ("1000iu/90mcg" each with its
    unit; one unit after both is for each)."""
    first, second, one, own, two, unit = found.groups()
    if not (_KEYWORD.search(fold(first)) and _KEYWORD.search(fold(second))):
        return found.group(0)
    return f"{first} {one} {own or unit or ''} and {second} {two} {unit or ''}".replace("  ", " ").strip()


def _part_at(text: str, at: int) -> str:
    """The part of ``text`` (as ``_parts_at`` splits it) that holds the character at ``at``."""
    return next(part for start, part in reversed(_parts_at(text)) if start <= at)


def _said(text: str) -> str:
    return " ".join(fold(text).split())


_IU = re.compile(r"\b\d[\d,.]*\s*k?\s*(?:iu|i\.u\.|units?)\b")
_UNIT_NAMED = re.compile(r"\b(?:powder|sachets?|gumm(?:y|ies)|spray|drops|liquid|chews?|softgels?|capsules?|caps|"
                         r"tablets?|tabs|one)\b")
_NUTRIENT_WORDS = ("magnesium", "calcium", "vitamin")


def starts_with_count(text: str) -> bool:
    """Whether ``text`` opens with a count of units ("2 tablets twice a day", "half a tab")."""
    stripped = fold(text).lstrip(" ,")
    return bool(_dose_patterns().count.match(stripped))


def names_nutrient(text: str) -> bool:
    """Whether ``text`` names calcium, magnesium, vitamin D or K, or a multivitamin, as a dose would."""
    return bool(_KEYWORD.search(_spelled(fold(text))))


def unit_named(text: str) -> str | None:
    """The unit a supplement is named in ("a vit d gummy" -> "gummy"), singular, if one is."""
    found = _dose_patterns().units_named.search(fold(text))
    if not found:
        return None
    word = " ".join(found.group(0).split())
    singular = {"gummies": "gummy", "caps": "capsule", "cap": "capsule", "tabs": "tablet", "tab": "tablet"}
    return singular.get(word, word[:-1] if word.endswith("s") and not word.endswith("ss") else word)


def _spelled(text: str) -> str:
    """Nutrient names typed with a slip ("magnesuim", "calcuim") spelt right, so the keywords find them."""
    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        best = process.extractOne(word, _NUTRIENT_WORDS, scorer=fuzz.ratio, score_cutoff=80)
        return best[0] if best else word
    text = re.sub(r"\b(?:ma|ca|vi)[a-z]{4,8}\b", fix, text)
    return re.sub(r"\bd(?=\d{3,}\b)", "d ", text)  # a strength typed onto the D: "BetterYou D1000 spray"


_MY = re.compile(r"\bmy\s+(?:daily\s+|usual\s+|own\s+)?([^,.;?!]+)")
_NOT_TAKEN = re.compile(r"\b(?:intake|levels?|results?|tests?|from food|in food|in my diet|count|total)\b")


def possessed(text: str) -> list[str]:
    """The supplements ``text`` calls the person's own, from "my" to the end of its clause: "when can i take
    my calcium 600 mg?", "should i pause my magnesium?". A question's supplements are hypothetical ("should i
    take magnesium?") unless they are "my" one; "my calcium intake", "my d levels" are no supplement."""
    folded = fold(text)
    found = []
    for match in _MY.finditer(folded):
        phrase = match.group(1).strip()
        head = " ".join(phrase.split()[:3])
        keyword = _KEYWORD.match(head)
        named = keyword and keyword.group(0) and _KEYWORDS[int(next(k for k, v in keyword.groupdict().items()
                                                                     if v)[1:])][1] != "multivitamin"
        product = any(f.start == 0 for f in find_products(phrase))
        if (named or product) and not _NOT_TAKEN.search(phrase):
            found.append(phrase)
    return found


def about_pills(text: str) -> bool:
    """Whether ``text`` talks of pills ("the omega-3 capsule", "my tablets"): it is no food."""
    return bool(_dose_patterns().pills.search(fold(text)))


def taken_as_supplement(text: str) -> bool:
    """Whether a nutrient named in ``text`` without a dose is a supplement ("I take magnesium at night",
    "magnesium glycinate", "a vitamin d spray"), not a food's word ("calcium-fortified juice")."""
    folded = fold(text)
    patterns = _dose_patterns()
    return bool(patterns.pills.search(folded) or patterns.taking.search(folded) or _FORMS.search(folded))


def _label_if_unit(dose: Dose, branded: bool) -> Dose:
    """A supplement named with a count of units or a maker but no dose ("a magnesium sachet", "2 gummies",
    "solgar magnesium citrate"): the amount in each unit is on its label, so that is what to ask for."""
    if dose.nutrient is None or dose.stated is not None or not dose.problem or "no dose" not in dose.problem:
        return dose
    if not branded and not _dose_patterns().count.search(dose.said) and not _UNIT_NAMED.search(dose.said):
        return dose
    return dose.model_copy(update={"nutrient": None, "problem": "label", "unknown": [dose.nutrient]})
