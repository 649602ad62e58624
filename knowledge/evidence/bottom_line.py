"""An answer's first lines: the reference figure for the person asking (their age, sex and pregnancy, from the
chat or from the question), and any dose the question states judged against its upper limit. Every figure is
a reference claim's, cited; the words for whose question it is are data (``lexicon.toml``, ``[person]``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from pydantic import BaseModel

from knowledge.data_files import data_file
from knowledge.evidence.retrieval import named_nutrients, normalise_question
from knowledge.evidence.sources import Claim, KnowledgeBase
from knowledge.intake.supplements import DOSE_UNITS, NAME, SHARE_CLAIM, UNIT_SPELLINGS, Dose, read_supplements
from knowledge.intake.targets import ADULT_AGE, Nutrient, Target, person_targets
from knowledge.text import alternation

IU_PER_UG = 40
_NOT_AGE = r"(?!\d|[.,]\d|\s*(?:mg|mcg|µg|ug|iu|g|grams?|ng|nmol|%|times|days?|weeks?|months?))"
# "im 75", "aged 40", "a man of 80", "my 2 year old", "a 65-year-old"; "over 70" is 71 (the DRI bands' "71+")
_AGE = re.compile(rf"\b(?:i'?m|i am|aged?|of)\s+(\d{{1,3}}){_NOT_AGE}|\b(\d{{1,3}})\s*-?\s*(?:years?|yrs?|y/?o)\b"
                  rf"|\b(?:over|above)\s+(\d{{2}}){_NOT_AGE}", re.I)
_MONTHS = re.compile(r"\b(\d{1,2})\s*-?\s*(?:months?|mths?)\s*-?\s*old\b", re.I)  # "my 6 month old", "a 9-month-old"
_UNIT = re.compile(rf"\d\s*k?\s*(?:{DOSE_UNITS})(?:\b|(?<=\.))", re.I)  # "5k IU" too
_STATED = re.compile(r"[^\w\s,.()/µ×-]")  # a stated dose is digits, a unit and how often: nothing else kept
# A question asked after a dose ("once a week (50,000) - is that the same as taking a little every day?") does
# not say how often the dose is taken: doses are read clause by clause, a clause ending with a sentence or
# where a question begins after a dash, comma or semicolon.
_ASKING = r"(?:is|are|can|could|should|will|would|does|do|did|what|how|why|am|any)\b"
_CLAUSE = re.compile(rf"[?!]+|\.(?=\s|$)|\s[-–—]+\s*(?={_ASKING})|[,;:]\s*(?={_ASKING})", re.I)
_SIZED = re.compile(r"^read [\d,.]+ as IU$")  # a bare figure whose size told its unit (vitamin D from 100 up)


class PersonWords(BaseModel):
    female: list[str]
    male: list[str]
    child: list[str]
    pregnant: list[str]
    breastfeeding: list[str]


@dataclass(frozen=True)
class Person:
    age: float | None = None  # years; a baby's months as a fraction (0.5 at six months, 0.58 at seven)
    sex: str | None = None  # "female", "male"
    pregnant: bool = False
    breastfeeding: bool = False
    child: bool = False
    notes: tuple[str, ...] = ()  # the safety claims of their own medicines and conditions (intake.toml notes)

    def but(self, other: Person) -> Person:
        """This person with what ``other`` says about them (the question) taking precedence."""
        changes = {k: v for k, v in other.__dict__.items() if v not in (None, False, ()) and k != "notes"}
        return replace(self, **changes, notes=tuple(dict.fromkeys([*self.notes, *other.notes])))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = data_file("knowledge/lexicon.toml")
    words = PersonWords.model_validate(data["person"])
    return {kind: re.compile(rf"\b(?:{alternation(getattr(words, kind))})\b", re.I)
            for kind in PersonWords.model_fields}


@cache
def person_words() -> frozenset[str]:
    """Every word of the lexicon's words for whose question it is ("nan", "teenager")."""
    data = data_file("knowledge/lexicon.toml")
    words = PersonWords.model_validate(data["person"])
    return frozenset(w for kind in PersonWords.model_fields for phrase in getattr(words, kind) for w in phrase.split())


def read_person(text: str) -> Person:
    """Whose question it is, as far as its words say: "im 75", "my 2 year old", "im pregnant and on warfarin"
    (the medicines and conditions named as the person's own, with their safety notes)."""
    from knowledge.intake.mentions import find_mentions, intake_lexicon

    lexicon = intake_lexicon()
    notes = tuple(dict.fromkeys(note for m in find_mentions(text, ("medicine", "condition")) if not m.denied
                                for note in lexicon[m.key].notes))
    found = _patterns()
    age_match, months = _AGE.search(text), _MONTHS.search(text)
    age: float | None = None
    if months and int(months[1]) < 24:
        age = int(months[1]) / 12
    elif age_match:
        age = int(age_match[1] or age_match[2]) if not age_match[3] else int(age_match[3]) + 1
    female, male = bool(found["female"].search(text)), bool(found["male"].search(text))
    return Person(age=age if age is not None and 0 <= age <= 120 and (age >= 1 or months) else None,
                  sex="female" if female and not male else "male" if male and not female else None,
                  pregnant=bool(found["pregnant"].search(text)),
                  breastfeeding=bool(found["breastfeeding"].search(text)),
                  child=bool(found["child"].search(text)) or (age is not None and age < 19), notes=notes)


def _amount(nutrient: Nutrient, value: float) -> str:
    if nutrient == "vitamin_d_ug":  # IU as the references round them: 63 µg is 2,500 IU
        iu = value * IU_PER_UG
        return f"{round(iu, -2) if iu >= 1000 else iu:,.0f} IU ({value:,.4g} µg)"
    unit = "mg" if nutrient.endswith("_mg") else "µg"
    return f"{value:,.4g} {unit}"


def _who(person: Person) -> str:
    """For whom a figure is, with its preposition: "for adults 19 to 50", "in pregnancy"."""
    if person.pregnant:
        return "in pregnancy"
    if person.breastfeeding:
        return "while breastfeeding"
    if person.age is None:  # said plainly, since the figures change with age
        return f"for {'a woman' if person.sex == 'female' else 'a man' if person.sex == 'male' else 'an adult'} " \
               f"of {ADULT_AGE} (say your age for yours)"
    if person.age < 1:
        return f"for a baby of {round(person.age * 12)} months"
    kind = "child" if person.age < 19 else {"female": "woman", "male": "man"}.get(person.sex or "", "person")
    return f"for a {kind} of {person.age:g}"


def _targets(nutrient: Nutrient, person: Person) -> list[tuple[str, Target]]:
    return person_targets(nutrient, person.age, person.sex, person.pregnant, person.breastfeeding)


def _figures(nutrient: Nutrient, targets: list[tuple[str, Target]]) -> str:
    """'1,000 mg a day', or '310 mg a day for women or 400 mg for men'."""
    if len(targets) == 1:
        return f"{_amount(nutrient, targets[0][1].amount)} a day"
    first, *others = [f"{_amount(nutrient, t.amount)}{' a day' if n == 0 else ''} for "
                      f"{'women' if sex == 'female' else 'men'}" for n, (sex, t) in enumerate(targets)]
    return " or ".join([first, *others])


def _cite(claim_id: str | None, kb: KnowledgeBase, cited: list[Claim], said: set[str]) -> str:
    """The claim's marker, once per sentence (``said`` holds the sources already marked in it)."""
    claim = kb.claim(claim_id) if claim_id else None
    if claim is None:
        return ""
    if claim not in cited:
        cited.append(claim)
    if claim.source in said:
        return ""
    said.add(claim.source)
    return f" [{claim.source}]"


def _times(ratio: float) -> str:
    if ratio < 1.95:
        return f"{ratio - 1:.0%} above"
    return f"{round(ratio, 1):g} times"


_FIGURE = re.compile(rf"([\d,.]+)\s*(k\s*)?({DOSE_UNITS})(?:\b|(?<=\.))", re.I)
_TO_BASE = {"iu": 1 / IU_PER_UG, "g": 1000.0}  # to mg, or to µg for vitamins


def _daily(nutrient: Nutrient, figure: str, amount: float) -> bool:
    """Whether the dose as said ("5000 IU daily", "600 mg at night") is already the day's amount."""
    found = _FIGURE.search(figure)
    if not found:
        return False
    unit = UNIT_SPELLINGS.get(found[3].lower(), found[3].lower())
    value = float(found[1].replace(",", "")) * (1000 if found[2] else 1) * _TO_BASE.get(unit, 1.0)
    if unit == "iu" and nutrient != "vitamin_d_ug":
        return False
    return abs(value - amount) <= 0.01 * amount


def _written(figure: str) -> str:
    """A figure as typed, written out: "50k iu" is "50,000 IU", "2000iu" is "2,000 IU"."""
    def out(found: re.Match[str]) -> str:
        value = float(found[1].replace(",", "")) * (1000 if found[2] else 1)
        unit = UNIT_SPELLINGS.get(found[3].lower(), found[3])
        unit = unit.upper() if unit == "iu" else unit
        return f"{value:,.{0 if value.is_integer() else 1}f} {unit}"
    return _FIGURE.sub(out, figure)


def _as_compound(dose: Dose, nutrient: Nutrient, limit: float, kb: KnowledgeBase, cited: list[Claim]) -> str:
    """The other reading of a weight said with a compound ("250 mg magnesium glycinate") where the stated one is
    above the upper limit and it is not: the label says which."""
    assert dose.amount is not None and dose.compound_amount is not None
    compound = f"{NAME[nutrient]} {dose.form}"  # a compound holds less than its weight: this reading is within
    return (f"If that is the weight of the {compound} rather than of the {NAME[nutrient]} in it, it holds only "
            f"about {_amount(nutrient, dose.compound_amount)} of {NAME[nutrient]}, within the limit"
            f"{_cite(SHARE_CLAIM.get(nutrient), kb, cited, set())}: the label's elemental figure says which.")


def _sized(dose: Dose) -> bool:
    return any(_SIZED.match(assumed) for assumed in dose.assumed)


def stated_doses(question: str) -> list[Dose]:
    """The doses a question states (``_stated_doses``), read once per question."""
    return list(_stated_doses(question))


@lru_cache(maxsize=32)  # within one answer, not across questions
def _stated_doses(question: str) -> tuple[Dose, ...]:
    """The doses a question states, read clause by clause (a nutrient the clauses leave without a dose is read
    from the whole question, for "magnesium. 400 mg"): with a unit, from a product's label, or a bare figure
    whose size says its unit ("(50,000)" beside vitamin D is IU). A bare count ("10 of my vitamin d tablets")
    is no dose."""
    def kept(doses: list[Dose]) -> list[Dose]:
        return [d for d in doses if d.nutrient and d.amount and (d.product or _UNIT.search(d.stated or d.said)
                                                                  or _sized(d))]

    found = kept([d for clause in _CLAUSE.split(question) if clause.strip() for d in read_supplements(clause)])
    named = {d.nutrient for d in found}
    return tuple(found + [d for d in kept(read_supplements(question)) if d.nutrient not in named])


_FIGURE_OF: dict[str, Nutrient] = {"calcium": "calcium_mg", "magnesium": "magnesium_mg",
                                    "vitamin_d": "vitamin_d_ug", "vitamin_k": "vitamin_k_ug"}


def bottom_line(question: str, topics: list[str], kb: KnowledgeBase,
                person: Person) -> tuple[list[str], list[Claim]]:
    """The sentences an answer opens with, for ``person`` (what the chat knows, with ``read_person`` of the
    question over it), and the claims they cite; none when the question asks for no figure and states no
    dose. A child asked about without an age gets no figure but a line saying so."""
    doses = stated_doses(question)
    nutrients: list[Nutrient] = list(dict.fromkeys(
        [d.nutrient for d in doses if d.nutrient] + [f for t in topics if (f := kb.topics[t].figure)]))
    if not nutrients:  # "lactose intolerant, do i need a calcium tablet": the figure for the nutrient it names
        named, _ = named_nutrients(question, normalise_question(question, kb), kb)
        about = {n for t in topics if kb.topics[t].figure_named for n in kb.topics[t].nutrients}
        nutrients = [_FIGURE_OF[n] for n in sorted(named & about) if n in _FIGURE_OF]
    lines: list[str] = []
    judgments: list[str] = []  # each stated dose against its limit: together, the answer's first sentence
    cited: list[Claim] = []
    if nutrients and person.child and person.age is None:
        return ["Children's targets and upper limits depend on age, lower the younger the child: say the child's "
                "age and I can give the figures for it."], cited
    for nutrient in nutrients:
        targets = _targets(nutrient, person)
        if not targets:
            continue
        target = targets[0][1]
        rda_claim, ul_claim = target.target_claim, target.limit_claim
        limit = target.upper_limit
        only = (" from supplements and medicines (food does not count toward it)"
                if target.upper_limit_counts == "supplements and medicines only" else "")
        kind = "adequate intake" if target.kind == "AI" else "RDA"
        who = _who(person)
        for dose in (d for d in doses if d.nutrient == nutrient):
            assert dose.amount is not None
            said: set[str] = set()
            amount = _amount(nutrient, dose.amount)
            stated = _STATED.sub("", dose.stated or "")
            figure = _written(stated.split("(")[0].strip()) + (" IU" if _sized(dose) else "")
            if "(" in stated and not _daily(nutrient, figure, dose.amount):  # as said, then as a day's amount
                amount = f"{figure} {stated[stated.index('('):]}, about {amount}"
            elif _sized(dose):
                amount = figure
            if len({d.nutrient for d in doses}) > 1:  # several judged in one sentence: say which is which
                amount = f"{amount} of {NAME[nutrient]}"
            if limit is None:
                judgments.append(f"{amount} a day: no upper limit is set for {NAME[nutrient]}; the {kind} {who} is "
                             f"{_figures(nutrient, targets)}{_cite(rda_claim, kb, cited, said)}.")
            elif dose.amount > limit:
                judgments.append(f"{amount} a day is {_times(dose.amount / limit)} the upper limit of "
                             f"{_amount(nutrient, limit)}{only} {who}{_cite(ul_claim, kb, cited, said)}: above it "
                             "the risk of harm rises, so take that much only if a clinician has prescribed it and "
                             "is checking on you.")
            else:
                meets = "meets" if dose.amount >= min(t.amount for _, t in targets) else "is below"
                judgments.append(f"{amount} a day is within the upper limit of {_amount(nutrient, limit)}{only} "
                             f"{who}, and {meets} the {kind} of {_figures(nutrient, targets)}"
                             f"{_cite(ul_claim, kb, cited, said)}{_cite(rda_claim, kb, cited, said)}.")
            if limit is not None and dose.compound_amount is not None \
                    and (dose.amount > limit) != (dose.compound_amount > limit):
                lines.append(_as_compound(dose, nutrient, limit, kb, cited))
            if _sized(dose):  # the unit was not said: say what it was taken to be
                lines.append(f"I took the {figure.removesuffix(' IU')} to be IU; if it is another unit, say so.")
        if not any(d.nutrient == nutrient for d in doses):
            said = set()
            ceiling = f", with an upper limit of {_amount(nutrient, limit)}{only}" if limit is not None else ""
            lines.append(f"The {kind} for {NAME[nutrient]} {who} is {_figures(nutrient, targets)}{ceiling}"
                         f"{_cite(rda_claim, kb, cited, said)}{_cite(ul_claim, kb, cited, said)}.")
    if judgments:  # "250 mg a day is within ...; 1,000 IU (25 µg) a day is within ...": one sentence
        lines.insert(0, "; ".join(j.removesuffix(".") for j in judgments) + ".")
    return lines, cited
