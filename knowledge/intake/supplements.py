"""Supplement doses as people say them: "magnesium glycinate 400 mg", "D3 2000 IU", "K2 MK-7 100 mcg",
"calcium carbonate 1250 mg twice a day", "vitamin D 50,000 IU once a week", "a multivitamin with 200 mg calcium".

``read_supplements`` turns a clause into doses per day in each nutrient's unit (mg for calcium and magnesium,
µg for vitamins D and K). It converts IU (40 IU = 1 µg), frequencies and tablet counts, and knows the elemental
share of the compounds REFERENCE.md lists; when a person names a compound and a weight, the dose is read as
elemental (what labels usually state) and the compound reading is kept beside it so the engine can ask.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel

from knowledge.intake.targets import Nutrient
from knowledge.text import fold

IU_PER_UG = 40.0
# Elemental share by compound, as REFERENCE.md gives it (calcium: ref-calcium-compounds; magnesium:
# ref-magnesium-forms). Forms not listed ("taurate", "gluconate") are recorded without a conversion.
CALCIUM_SHARE = {"carbonate": 0.40, "citrate": 0.21}
MAGNESIUM_SHARE = {"oxide": 0.60, "carbonate": 0.29, "citrate": 0.16, "malate": 0.15, "glycinate": 0.14,
                   "chloride": 0.12, "lactate": 0.12, "sulfate": 0.10, "l-threonate": 0.08}
SHARE_CLAIM = {"calcium_mg": "ref-calcium-compounds", "magnesium_mg": "ref-magnesium-forms"}
# Doses per day past which a figure is taken as a typing slip rather than a dose anyone takes.
IMPLAUSIBLE = {"calcium_mg": 10_000.0, "magnesium_mg": 5_000.0, "vitamin_d_ug": 2_500.0, "vitamin_k_ug": 100_000.0}
UNIT = {"calcium_mg": "mg", "magnesium_mg": "mg", "vitamin_d_ug": "µg", "vitamin_k_ug": "µg"}
NAME = {"calcium_mg": "calcium", "magnesium_mg": "magnesium", "vitamin_d_ug": "vitamin D",
        "vitamin_k_ug": "vitamin K"}

# (pattern, nutrient, form). Longer, more specific patterns first; a brand carries its compound.
_KEYWORDS: list[tuple[str, Nutrient | Literal["multivitamin"], str | None]] = [
    (r"multi ?-?vitamins?|multis?|one a day|centrum|prenatal vitamins?|prenatals?", "multivitamin", None),
    (r"tums|caltrate|os ?-?cal|rennie", "calcium_mg", "carbonate"),
    (r"citracal", "calcium_mg", "citrate"),
    (r"milk of magnesia", "magnesium_mg", "hydroxide"),
    (r"slow ?-?mag", "magnesium_mg", "chloride"),
    (r"natural calm", "magnesium_mg", "citrate"),
    (r"magtein", "magnesium_mg", "l-threonate"),
    (r"calcium|cal|ca", "calcium_mg", None),
    (r"magnesium|mag|magnes", "magnesium_mg", None),
    (r"(?:vitamin|vit)\.? ?d ?3|d ?3|cholecalciferol", "vitamin_d_ug", "D3"),
    (r"(?:vitamin|vit)\.? ?d ?2|d ?2|ergocalciferol", "vitamin_d_ug", "D2"),
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
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k\b)?"
_DOSE = re.compile(_NUMBER + r"\s*(mg|milligrams?|mcg|µg|μg|ug|micrograms?|iu|i\.u\.|units?|g|grams?)?\b(?!\s*%)")
_TIMES = [(re.compile(r"\b(?:twice|two times|2 times|2x|x2|bid)\b(?! a week| weekly| per week)"), 2.0),
          (re.compile(r"\b(?:three times|3 times|3x|x3|tid)\b(?! a week| weekly| per week)"), 3.0),
          (re.compile(r"\bevery other day\b|\balternate days\b"), 0.5),
          (re.compile(r"\b(?:twice|two times|2 times) (?:a|per) week\b|\btwice weekly\b"), 2 / 7),
          (re.compile(r"\b(?:once )?(?:a|per|each|every) week\b|\bweekly\b"), 1 / 7),
          (re.compile(r"\b(?:once )?(?:a|per|each|every) month\b|\bmonthly\b"), 1 / 30)]
_COUNT = re.compile(r"\b(\d|two|three|four)\s*(?:x\s*)?(?:tablets?|tabs?|capsules?|caps?|pills?|softgels?|"
                    r"gummies|gummy|drops|scoops?|chews?)\b")
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4}
_PARTS = re.compile(r",(?!\d)|[;/+&]|\band\b|\bplus\b|\bwith\b|\bas well as\b")


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


def _number(text: str, thousands: str | None) -> float:
    return float(text.replace(",", "")) * (1000 if thousands else 1)


def _per_day(part: str) -> tuple[float, str]:
    factor, words = 1.0, []
    for pattern, times in _TIMES:
        if match := pattern.search(part):
            factor, words = times, [match.group(0)]
            break
    if count := _COUNT.search(part):
        number = count.group(1)
        factor *= float(_COUNT_WORDS.get(number, number))
        words.append(count.group(0))
    return factor, " ".join(words)


def _convert(nutrient: Nutrient, value: float, unit: str | None) -> tuple[float | None, list[str], str | None]:
    """(amount in the nutrient's unit, assumptions, problem)."""
    unit = {"milligram": "mg", "milligrams": "mg", "mcg": "µg", "μg": "µg", "ug": "µg", "microgram": "µg",
            "micrograms": "µg", "i.u.": "iu", "unit": "iu", "units": "iu", "gram": "g", "grams": "g"}.get(
                unit or "", unit)
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


def _find_dose(part: str) -> re.Match[str] | None:
    """The dose figure: the first number with a unit, else the first bare number that is not a tablet count."""
    found = list(_DOSE.finditer(part))
    counts = [m.span(1) for m in _COUNT.finditer(part)]
    with_unit = [m for m in found if m.group(3)]
    bare = [m for m in found if not m.group(3) and m.span(1) not in counts]
    return next(iter(with_unit or bare), None)


def _dose(nutrient: Nutrient, form: str | None, part: str, multivitamin: bool, said: str) -> Dose:
    form_match = _FORMS.search(part)
    if form_match and nutrient in ("calcium_mg", "magnesium_mg"):
        form = form_match.group(1).replace("bisglycinate", "glycinate").replace("sulphate", "sulfate")
        form = "l-threonate" if "threonate" in form else form
    dose = Dose(nutrient=nutrient, said=" ".join(said.split()), form=form, multivitamin=multivitamin)
    found = _find_dose(part)
    if not found:
        return dose.model_copy(update={"problem": f"no dose given for the {NAME[nutrient]}"})
    value = _number(found.group(1), found.group(2))
    factor, how_often = _per_day(part[found.end():] + " " + part[:found.start()])
    stated = found.group(0).strip() + (f" ({how_often})" if how_often else "")
    amount, assumed, problem = _convert(nutrient, value, found.group(3))
    dose = dose.model_copy(update={"stated": stated, "assumed": assumed, "problem": problem})
    if amount is None:
        return dose
    amount *= factor
    if amount <= 0:
        return dose.model_copy(update={"problem": f"a dose of {stated} is not a dose"})
    unit = UNIT[nutrient]
    if amount > IMPLAUSIBLE[nutrient]:
        return dose.model_copy(update={"problem": f"{amount:,.0f} {unit} of {NAME[nutrient]} a day is far more "
                                                  "than anyone takes; please check the amount"})
    share = (CALCIUM_SHARE if nutrient == "calcium_mg" else MAGNESIUM_SHARE if nutrient == "magnesium_mg"
             else {}).get(form or "")
    compound = round(amount * share, 1) if share and not multivitamin and found.group(3) != "iu" else None
    return dose.model_copy(update={"amount": round(amount, 2), "compound_amount": compound})


def read_supplements(text: str) -> list[Dose]:
    """The doses named in ``text``: one per nutrient mention, in order. A multivitamin named without amounts
    comes back as a dose with no nutrient, so the engine can ask for its label."""
    folded = fold(text)
    doses: list[Dose] = []
    multivitamin = False
    for part in _PARTS.split(folded):
        keyword = _KEYWORD.search(part)
        if not keyword:
            last = doses[-1] if doses else None
            if last and last.nutrient and last.amount is None and last.stated is None and _DOSE.search(part):
                # "vitamin d, 1000 iu": the dose came after a comma
                doses.pop()
                said = f"{last.said}, {part.strip()}"
                doses.append(_dose(last.nutrient, last.form, said, last.multivitamin, said))
            continue
        index = next(int(name[1:]) for name, value in keyword.groupdict().items() if value)
        _, nutrient, form = _KEYWORDS[index]
        if nutrient == "multivitamin":
            multivitamin = True
            rest = part[keyword.end():]
            if not _KEYWORD.search(rest):
                doses.append(Dose(nutrient=None, said=part.strip(), multivitamin=True,
                                  problem="a multivitamin's amounts are on its label"))
            continue
        if doses and doses[-1].nutrient is None:
            doses.pop()  # the multivitamin's amounts follow
        elif multivitamin and _FORMS.search(part):
            multivitamin = False  # "..., magnesium citrate 250 mg": a bottle of its own, named by its form
        # the keyword's own digits (D3, MK-7, K2) are not the dose
        blanked = part[:keyword.start()] + " " * (keyword.end() - keyword.start()) + part[keyword.end():]
        doses.append(_dose(nutrient, form, blanked, multivitamin, part.strip()))
    return doses
