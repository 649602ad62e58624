"""Lab results as people report them: "vitamin D 32 ng/mL", "25(OH)D 80 nmol/L", "serum magnesium 0.8 mmol/L",
"RBC magnesium 5.1 mg/dL", "calcium 9.6", "PTH 45 pg/mL".

Each value is converted between the units labs use, so the report can show both. The vitamin D factor is the
reference's (1 ng/mL = 2.496 nmol/L, ref-ods-vitamin-d); the others follow from the atomic weights of
magnesium (24.305) and calcium (40.078) and, for PTH, its molar mass (1 pmol/L = 9.43 pg/mL). A value with no
unit is kept with the question of its unit rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel

from knowledge.data_files import data_file
from knowledge.intake.supplements import dose_words
from knowledge.text import alternation, fold

Test = Literal["vitamin_d", "serum_magnesium", "rbc_magnesium", "ionised_calcium", "serum_calcium", "pth"]


@dataclass(frozen=True)
class LabTest:
    label: str
    pattern: str
    units: dict[str, float]  # unit -> factor to the first (canonical) unit
    plausible: tuple[float, float]  # in the canonical unit


TESTS: dict[Test, LabTest] = {
    "rbc_magnesium": LabTest("red-cell magnesium", r"(?:rbc|red (?:blood )?cell|erythrocyte) (?:magnesium|mag|mg)",
                             {"mg/dL": 1.0, "mmol/L": 1 / 0.4114}, (0.5, 20.0)),
    "serum_magnesium": LabTest("serum magnesium", r"(?:serum |blood |plasma )?(?:magnesium|mg|mag) ?(?:level)?",
                               {"mg/dL": 1.0, "mmol/L": 1 / 0.4114, "mEq/L": 1 / 0.8229}, (0.3, 10.0)),
    "vitamin_d": LabTest("25(OH)D (vitamin D)", r"25 ?\(? ?oh ?\)? ?d ?[23]?|25 ?-? ?hydroxy ?(?:vitamin ?)?d|"
                         r"calcidiol|(?:vitamin|vit) ?d ?(?:level|test|blood level)?|d (?:level|levels)",
                         {"ng/mL": 1.0, "nmol/L": 1 / 2.496}, (1.0, 250.0)),
    "ionised_calcium": LabTest("ionised calcium", r"ioni[sz]ed (?:calcium|ca)|free calcium|ica",
                               {"mmol/L": 1.0, "mg/dL": 0.2495}, (0.3, 3.0)),
    "serum_calcium": LabTest("serum calcium", r"(?:serum |blood |total |plasma |corrected |adjusted )?(?:calcium|ca)"
                             r" ?(?:\(? ?(?:corrected|adjusted|total|serum) ?\)? ?)?(?:level)?",
                             {"mg/dL": 1.0, "mmol/L": 1 / 0.2495}, (2.0, 25.0)),
    "pth": LabTest("PTH (parathyroid hormone)", r"pth|i ?pth|parathyroid hormone|parathormone",
                   {"pg/mL": 1.0, "ng/L": 1.0, "pmol/L": 9.43}, (1.0, 3000.0)),
}
_UNIT_SPELLINGS = {"ng/ml": "ng/mL", "ngml": "ng/mL", "nmol/l": "nmol/L", "nmoll": "nmol/L", "nmol": "nmol/L",
                   "mg/dl": "mg/dL",
                   "mgdl": "mg/dL", "mmol/l": "mmol/L", "mmoll": "mmol/L", "meq/l": "mEq/L", "pg/ml": "pg/mL",
                   "pgml": "pg/mL", "ng/l": "ng/L", "pmol/l": "pmol/L"}
# a number ("50", not the "50" of "50,000" or "50k", nor the "3" of "d3") and a lab unit if one follows
_NUMBER_UNIT = (r"(?<![\w,])(\d+(?:\.\d+)?)(?![\d.]|,\d{3}|\s?k\b)"
                r"\s*(ng ?/ ?ml|nmol ?/ ?l|nmol\b|mg ?/ ?dl|mmol ?/ ?l|meq ?/ ?l|pg ?/ ?ml|ng ?/ ?l|pmol ?/ ?l)?"
                r"(?!\s*(?:mg|mcg|iu|ug|µg|g|milligrams?)\b(?!\s*/))")
_VALUE = re.compile(r"(?:was|is|of|at|=|:|\)|\s)*\s*" + _NUMBER_UNIT)
# "magnesium was low last time, 0.62", "my calcium's been creeping up, last one was 10.3"
_LATER_VALUE = re.compile(r"(?:\s*[a-z,]+){1,7}?\s*" + _NUMBER_UNIT)
# a test's name, also with "'s" ("my calcium's been creeping up", folded "calciums")
_TEST = re.compile("|".join(f"(?P<{name}>\\b(?:{test.pattern})(?=s?\\b))s?" for name, test in TESTS.items()))
_REPORTED = re.compile(r"\b(?:is|was|were)\b|=")  # "my vit d is 9.8": a result reported, with no unit
_NEVER_DOSES = {"pth", "rbc_magnesium", "ionised_calcium"}  # tests no supplement dose is named like


class LabValue(BaseModel):
    test: Test
    label: str
    said: str
    value: float
    unit: str | None  # None: the person gave no unit; ask among ``units``
    units: list[str]
    canonical: float | None = None  # in the test's first unit
    converted: str | None = None  # e.g. "32 ng/mL = 79.9 nmol/L"
    problem: str | None = None
    marked: bool = False  # a lab unit or lab words say it is a result, not a dose


def _unit(typed: str | None) -> str | None:
    return None if typed is None else _UNIT_SPELLINGS[re.sub(r"\s", "", typed)]


def _figure(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def with_unit(lab: LabValue, unit: str) -> LabValue:
    """``lab`` read in ``unit``: converted to the test's other units, and checked for plausibility."""
    test = TESTS[lab.test]
    canonical = lab.value * test.units[unit]
    others = [f"{_figure(canonical / factor)} {name}" for name, factor in test.units.items()
              if name != unit and factor != test.units[unit]]
    low, high = test.plausible
    problem = None
    if not low <= canonical <= high:
        problem = f"{lab.value:g} {unit} is outside anything a lab reports for {test.label}; please check it"
    return lab.model_copy(update={"unit": unit, "canonical": round(canonical, 3), "problem": problem,
                                  "converted": f"{lab.value:g} {unit} = " + " = ".join(others)})


@cache
def _data() -> dict[str, list[str]]:
    return data_file("labs.toml")


@cache
def _lab_words() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/])(?:{alternation(_data()['words'])})(?![\w/])")


@cache
def _verdict() -> re.Pattern[str]:
    """A test's name, then within a few words what the result was said to be, with no figure: "my calcium is
    fine", "my magnesium keeps coming back low", "my d was 'insufficient'"."""
    data = _data()
    return re.compile(rf"\b(?:{alternation(data['result_words'])})\b(?:\W+[a-z]+){{0,3}}?\W+"
                      rf"(?:{alternation(data['verdicts'])})\b")


@cache
def _counted() -> re.Pattern[str]:
    """What after a number makes it a count of units or a frequency, never a lab value: "magnesium 1 tab",
    "magnesium 2 caps twice a day", "calcium 2 a day"."""
    words = dose_words()
    return re.compile(rf"\s*(?:x\b|(?:{alternation([*words.units, *words.frequencies])})(?![\w]))")



_MINERALS = {"serum_magnesium", "rbc_magnesium", "ionised_calcium", "serum_calcium"}
_MINERAL_DOSE_FLOOR = 20.0  # mg: below this a calcium or magnesium figure is a lab value, not a dose
LAB_MARK = "\u241f"  # where a lab value was taken out of a text: what is left of its clause is no food


def read_labs(text: str) -> list[LabValue]:
    """The lab values named in ``text``: a test's name followed by a number, with or without a unit."""
    return find_labs(text)[0]


def find_labs(text: str) -> tuple[list[LabValue], str]:
    """The lab values named in ``text``, and the text without them (folded) for the other readers. A value is
    ``marked`` as a lab when it has a lab unit or the text has words that say so ("came back", "level");
    then its number may follow a few words later ("magnesium was low last time, 0.62")."""
    folded = fold(text).replace("(", " (").replace(")", ") ")
    folded = re.sub(r"\s+", " ", folded)
    labs: list[LabValue] = []
    rest = folded
    for match in _TEST.finditer(folded):
        value = _VALUE.match(folded, match.end())
        words = _lab_words().search(folded[:match.start()] + " " + folded[match.end():])
        if (not value or not value.group(1)) and words:
            value = _LATER_VALUE.match(folded, match.end())
            if value and _about_a_dose().search(folded[match.end():value.start(1)]):
                continue  # "2 calcium tablets a day and 1 vitamin D": a supplement's count, not a result
        if not value or not value.group(1) or _counted().match(folded, value.end()):
            continue
        name = next(n for n in TESTS if match.group(n))
        test = TESTS[name]
        number = float(value.group(1))
        # "ionised calcium 1.12", "magnesium 0.8": no dose is that small, so it is a result; "PTH 8.9" is no dose
        # of anything; "my vit d is 9.8" reports a figure a lab could give
        small = name in _MINERALS and number < _MINERAL_DOSE_FLOOR
        reported = bool(_REPORTED.search(folded[match.end():value.start(1)])) and any(
            test.plausible[0] <= number * factor <= test.plausible[1] for factor in test.units.values())
        lab = LabValue(test=name, label=test.label, said=folded[match.start():value.end()].strip(),
                       value=number, unit=None, units=list(test.units),
                       marked=bool(words or value.group(2) or small or reported or name in _NEVER_DOSES))
        rest = rest[:match.start()] + LAB_MARK.ljust(value.end() - match.start()) + rest[value.end():]
        unit = _unit(value.group(2))
        if unit is not None and unit not in test.units:
            lab = lab.model_copy(update={"problem": f"{unit} is not a unit for {test.label}; labs report it in "
                                                    f"{' or '.join(test.units)}"})
        elif unit is not None:
            lab = with_unit(lab, unit)
        labs.append(lab)
    return labs, rest


class Unvalued(BaseModel):
    """A result told without its figure ("my calcium is fine"): acknowledged, never read as a dose."""

    test: Test | None  # None: "my levels are fine", no test named
    label: str
    said: str


@cache
def _about_a_dose() -> re.Pattern[str]:
    words = dose_words()
    return re.compile(rf"\b(?:{alternation([*words.units, *words.pill_words, *words.frequencies, 'dose', 'doses'])})"
                      r"\b")


@cache
def _bare_verdicts() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A verdict said of a test by its bare name, after it ("vitamin d low", "calcium came back normal") or
    before it ("low on magnesium", "the low d"); "fine to take" is no verdict on a result."""
    data = _data()
    after = re.compile(rf"(?:{_TEST.pattern})(?!\w)(?:\W+[a-z]+){{0,3}}?"
                       rf"\W+(?:{alternation(data['verdicts'])})\b(?!\s+(?:to|for)\b)")
    before = re.compile(rf"\b(?:{alternation(data['verdicts_before'])})\s+(?:(?:on|in)\s+)?(?:{_TEST.pattern}|d)(?!\w)"
                        r"(?!\s*(?:foods?|diet|rich|intake|supplements?|tablets?|pills?)\b)")
    return after, before


@cache
def _result_context() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w/])(?:{alternation(_data()['result_context'])})(?![\w/])|{LAB_MARK}")


def find_unvalued(text: str) -> tuple[list[Unvalued], str]:
    """The results in ``text`` said without a figure, and the text without them (folded): a test's name and
    a verdict ("fine", "low", "insufficient") after it; or, in a sentence about results, a verdict said of a
    test by its bare name either way round ("vitamin d low", "low on magnesium")."""
    folded = re.sub(r"\s+", " ", fold(text))
    found: list[Unvalued] = []
    rest = folded
    for sentence in re.finditer(r"[^.;!?]+", folded):
        about_results = bool(_result_context().search(sentence.group(0)))
        for clause in re.finditer(r"[^,]+", sentence.group(0)):
            start = sentence.start() + clause.start()
            patterns = [_verdict(), *(_bare_verdicts() if about_results else ())]
            taken: list[tuple[int, int]] = []
            for pattern in patterns:
                for match in pattern.finditer(clause.group(0)):
                    if (re.search(r"\d", match.group(0)) or _about_a_dose().search(match.group(0))
                            or any(a < match.end() and match.start() < b for a, b in taken)):
                        continue  # "my calcium tablet is too high a dose"; one verdict read once
                    taken.append(match.span())
                    name = _TEST.search(match.group(0))
                    test: Test | None = next((n for n in TESTS if name and name.group(n)), None)
                    if test is None and re.search(r"\bd\b", match.group(0)):
                        test = "vitamin_d"  # "my d was low"
                    begin, end = start + match.start(), start + match.end()
                    found.append(Unvalued(test=test, label=TESTS[test].label if test else "a result",
                                          said=folded[begin:end].strip(" '\"")))
                    rest = rest[:begin] + LAB_MARK.ljust(end - begin) + rest[end:]
    return found, rest
