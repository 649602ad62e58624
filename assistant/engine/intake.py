"""Reading one message into the session: profile, foods, supplements, medicines and conditions, symptoms, labs.

The person may volunteer anything at any step, so every reader runs on every message; readers whose words are
also everyday words (a bare number, "f", a food) only run at their own step. Each reader adds lines to the
turn saying what was understood, what was assumed and what could not be used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.engine.clarify import Compound, DoseAmount, FoodChoice, Frequency, LabelAmounts, LabUnit
from assistant.engine.diet import (
    names_a_meal,
    said_so,
    says_only_an_amount,
    says_only_how_often,
    split_foods,
    surely_a_food,
)
from assistant.engine.report import figure, md, quoted
from assistant.engine.state import FoodItem, LabItem, Noted, Question, Session, Step, SupplementItem
from knowledge.foods.lookup import FoodResult, look_up_food
from knowledge.foods.matching import FoodMatcher
from knowledge.intake.labs import LAB_MARK, find_labs, find_unvalued
from knowledge.intake.mentions import Kind as MentionKind
from knowledge.intake.mentions import diet_allows, find_mentions, others_blanked, past_blanked, says_eating, unnamed
from knowledge.intake.products import find_products
from knowledge.intake.supplements import (
    CALCIUM_SHARE,
    NAME,
    SHARE_CLAIM,
    UNIT,
    Dose,
    about_pills,
    how_often,
    names_nutrient,
    read_supplements,
    starts_with_count,
    taken_as_supplement,
)
from knowledge.text import alternation, fold

QUESTIONS: dict[Step, str] = {
    "profile": "To pick your targets: how old are you, and are you female or male? If you are pregnant or "
               "breastfeeding, say so too.",
    "diet": "What do you eat and drink on a typical day? Write it as you would say it, with amounts if you "
            "know them, for example: oatmeal with milk and a banana, 2 cups spinach, a handful of almonds.",
    "supplements": "Do you take supplements? Name any calcium, magnesium (and its form), vitamin D, vitamin K2 or "
                   "multivitamin with the dose, for example: magnesium glycinate 200 mg, vitamin D 1000 IU. "
                   "Say 'none' if you take none.",
    "medications": "Do you take any medicines, or have a condition such as kidney disease? For example "
                   "warfarin, a diuretic, omeprazole, alendronate, an antibiotic or levothyroxine. Say 'none' if not.",
    "symptoms": "Any symptoms you wonder about, such as cramps, twitches, restless legs, poor sleep, anxiety, "
                "fatigue, palpitations or constipation? Say 'none' if not.",
    "labs": "Last, and optional: any recent lab results? For example vitamin D (25(OH)D) in ng/mL or nmol/L, "
            "serum or red-cell magnesium, serum calcium or PTH. Say 'skip' to go straight to your report.",
}
STEP_CHOICES: dict[Step, list[str]] = {"profile": [], "diet": [], "supplements": ["none"],
                                       "medications": ["none"], "symptoms": ["none"], "labs": ["skip"]}
_NONE = re.compile(r"^(?:no|none|nope|nothing|nah|n/?a|not really|no thanks|none of (?:those|them|these|the above)|"
                   r"(?:no|nope|nah),? none|nothing at all|none at all|not at the moment|not currently|"
                   r"i don'?t(?: take any| have any)?(?: \w+)?|not that i know of|no (?:supplements|medicines|"
                   r"medications|meds|symptoms|labs?|lab results|results|conditions))[.!]*$", re.I)
_YEARS = r"(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)"  # "45", and "1e3" read as the 1,000 it is, to be questioned
# "45 years", "I'm 45", but not a time: "for 5 years", "5 years ago", "I'm 24 weeks pregnant"
_AGE = re.compile(rf"\b(?<!for )(?<!past )(?<!last )(?<!over )(?<!since )(?<!after )(?<!been )(?:age[d]?\s*:?\s*|"
                  rf"i'?m\s+|i am\s+)?{_YEARS}\s*(?:years?(?: old)?|yrs?(?: old)?|y/?o|yo|y)\b(?!\s*(?:ago|later|"
                  rf"before|since|now|of|on|in a row)\b)|\b(?:age[d]?\s*:?\s*|i'?m\s+|i am\s+){_YEARS}\b(?!\s*(?:mg|"
                  r"iu|mcg|g|cups?|kg|lbs?|weeks?|wks?|months?|days?|stone|st|cm|ft|foot|feet|kilos?|pounds?|times|x)\b)",
                  re.I)
_BARE_AGE = re.compile(rf"(?<![\w.,]){_YEARS}(?![\d.,]\d)(?!\s*(?:mg|mcg|µg|ug|iu|g|kg|lbs?|cups?|%|ng|nmol|"
                       r"pounds?|oz|ml|l|times|x|weeks?|months?|days?|kids?|children)\b)", re.I)
_FEMALE = re.compile(r"\b(?:female|woman|women|lady|girl|she|her|f)\b", re.I)
_MALE = re.compile(r"\b(?:male|man|men|guy|boy|he|him|m)\b", re.I)
_DECLINE = re.compile(r"\b(?:prefer not|rather not|non-?binary|other|intersex|not say|skip sex)\b", re.I)
MAX_AGE = 120
MAX_FOODS = 60  # foods (dish parts included) read from one message; a day of 15 items with dishes is about 40
STRAY_FOOD_SCORE = 90.0  # away from the diet step, a food must match this well to be taken as one


@dataclass
class Turn:
    """What one turn understood and will say."""

    lines: list[str] = field(default_factory=list)
    foods: list[FoodResult] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)  # claim ids cited by the lines
    touched: set[Step] = field(default_factory=set)  # steps this message gave information for
    changed: bool = False
    unfinished: bool = False  # something needs rephrasing: stay on this step

    def say(self, line: str, *claims: str) -> None:
        self.lines.append(line)
        self.claims += claims


def is_none(text: str) -> bool:
    return bool(_NONE.match(text.strip()))


def read_profile(session: Session, text: str, turn: Turn, at_step: bool) -> None:
    profile = session.profile
    # a bare number is an age only in a short answer to the profile question ("45", "45, female"), not the
    # "2" of "2 slices of bread" in a day's foods written before the question was answered
    bare = at_step and len(text.split()) <= 6
    age_match = _AGE.search(text) or (_BARE_AGE.search(text) if bare else None) or _LEADING_AGE.match(text) \
        or _SEX_AGE.search(text) or (_ITEM_AGE.search(text) if _about_the_person(text) else None)
    if age_match:
        said = next(g for g in age_match.groups() if g)
        years = float(said)
        if not 1 <= years <= MAX_AGE:
            turn.say(f"An age of {said} isn't one I can use; calmag's targets cover ages 1 to {MAX_AGE}. "
                     "Please give your age in years.")
        else:
            profile.age = int(years)
            turn.touched.add("profile")
            turn.changed = True
    folded = fold(text)
    sex_text = folded if at_step else re.sub(r"\b[fm]\b|\bhe\b|\bshe\b|\bher\b|\bhim\b", " ", folded)
    female, male = bool(_FEMALE.search(sex_text)), bool(_MALE.search(sex_text))
    if female != male:
        profile.sex, profile.sex_declined = ("female" if female else "male"), False
        turn.touched.add("profile")
        turn.changed = True
    elif at_step and _DECLINE.search(folded):
        profile.sex, profile.sex_declined = None, True
        turn.touched.add("profile")
        turn.changed = True


def profile_line(session: Session) -> str:
    profile = session.profile
    weeks = f" ({profile.pregnancy_weeks} weeks)" if profile.pregnancy_weeks else ""
    since = f" ({profile.postpartum_weeks} weeks)" if profile.postpartum_weeks else ""
    parts = [f"{profile.age}" if profile.age is not None else "",
             profile.sex or ("sex not given: I'll show targets for both" if profile.sex_declined else ""),
             f"pregnant{weeks}" if profile.pregnant else "", "breastfeeding" if profile.breastfeeding else "",
             f"postpartum{since}" if profile.postpartum else "", "post-menopausal" if profile.postmenopausal else "",
             "trying to conceive" if profile.trying_to_conceive else "", *profile.diet]
    return f"Noted: {', '.join(p for p in parts if p) or 'nothing yet'}."


def food_line(result: FoodResult) -> str:
    assert result.food is not None and result.grams is not None
    n = result.nutrients
    said = md(f"{result.dish}: {result.text}" if result.dish else result.text)
    line = (f"- {said}: {result.food.name}, {result.grams:g} g; calcium {figure(n.calcium_mg, 'mg')}, "
            f"magnesium {figure(n.magnesium_mg, 'mg')}, vitamin D {figure(n.vitamin_d_ug, 'µg')}, "
            f"vitamin K {figure(n.vitamin_k_ug, 'µg')}")
    if result.part_assumed:
        line += " (a usual part of the dish; correct or remove it if yours has none)"
    elif result.portion_assumed:
        line += f" (no amount given, so I assumed a typical portion: {result.portion})"
    if result.corrections:
        line += " (read " + ", ".join(f"'{a}' as '{b}'" for a, b in result.corrections.items()) + ")"
    return line


def add_food(session: Session, result: FoodResult, turn: Turn) -> None:
    if result.status != "ok":
        hint = (" calmag's table (USDA SR28) may not list it; could you name it another way or name something "
                "close?" if result.status == "unknown" else "")
        turn.say(f"- {md(result.text)}: {md(result.message or '')}.{hint}")
        turn.unfinished = True
        return
    item = FoodItem(id=session.new_id(), result=result)
    session.foods.append(item)
    turn.foods.append(result)
    turn.say(food_line(result))
    turn.changed = True
    if question := FoodChoice.ask(item):
        session.questions.append(question)


def read_foods(session: Session, clauses: list[str], matcher: FoodMatcher, turn: Turn,
               sure_only: bool = False) -> None:
    """Foods from ``clauses``. Away from the diet step (``sure_only``) only clear matches count, so that a
    stray message is not taken for a food; if some foods were taken, the others are named, not dropped."""
    taken, left = 0, []
    days = [split_foods(clause, matcher) for clause in clauses]
    # a vegan's porridge is not made with cow's milk: the person's diet rules out the usual parts it excludes
    phrases = said_so([phrase for day in days for phrase in day.phrases], session.profile.diet, matcher,
                      assumed_only=True)
    if len(phrases) > MAX_FOODS:  # nothing half-counted: the whole message is set aside
        turn.say(f"That message names {len(phrases)} foods; I read at most {MAX_FOODS} in one message, so I "
                 "haven't counted any of them. Please send your day in a few shorter messages.")
        turn.unfinished = True
        return
    for phrase in phrases:
        result = look_up_food(phrase.text, matcher, eaten=True)
        if phrase.dish:
            result = result.model_copy(update={"dish": phrase.dish, "part_assumed": phrase.assumed})
        if not sure_only or (result.status == "ok" and (result.score or 0) >= STRAY_FOOD_SCORE
                             and not result.corrections):  # "hello" read as "shell" is no food said in passing
            add_food(session, result, turn)
            taken += 1
        else:
            left.append(phrase.text)
    aside = [text for day in days for text in day.set_aside]
    choices = [text for day in days for text in day.other_choices]
    if not sure_only and (phrases or aside or choices):  # what was set aside is said, even when nothing else was read
        if phrases:
            turn.touched.add("diet")
        if left_out := [text for day in days for text in day.left_out]:
            turn.say(f"- Left out, as you said: {quoted(left_out)}.")
        if choices:
            turn.say(f"- Counted the first of each choice, not {quoted(choices)}. If you eat both, send it "
                     "again as a food of its own.")
        if weekly := [text for day in days for text in day.weekly]:
            turn.say(f"- Had on some days of the week, so counted as a daily average: {quoted(weekly)}.")
        if aside:
            turn.say(f"- Not read as food: {quoted(aside)}. If one of them is something "
                     "you eat, send it again as the food alone.")
    elif left and (taken or session.step == "diet"):  # nothing said in passing is dropped unseen
        turn.say(f"- Not counted: {quoted(left)}. Away from the diet step, or beside a condition or medicine, I "
                 "only take foods I'm sure of; send them again on their own in the diet step to add them.")


def dose_line(item: SupplementItem) -> str:
    dose = item.dose
    nutrient = dose.nutrient
    assert nutrient is not None
    what = f"{NAME[nutrient]}{f' ({dose.form})' if dose.form else ''}"
    line = f"- {md(dose.said)}: {figure(item.amount, UNIT[nutrient])} of {what} a day"
    if dose.multivitamin:
        line += ", from a multivitamin"
    if dose.assumed:
        line += f" ({'; '.join(dose.assumed)})"
    return line


def add_dose(session: Session, dose: Dose, turn: Turn) -> SupplementItem | Question | None:
    """Record ``dose`` and ask what it leaves open; the item, when one was recorded, or the question for its
    label's amounts."""
    if dose.nutrient is None:  # a label to read: a multivitamin's, or a product's with several versions
        if dose.problem and dose.problem != "label" and not dose.multivitamin:
            turn.say(f"- {md(dose.said)}: {dose.problem}. I haven't counted it.")
            return None
        label = LabelAmounts.ask(session.new_id(), dose)
        session.questions.append(label)
        turn.say(f"- {md(dose.said)}: noted; its amounts are on the label.")
        turn.touched.add("supplements")
        return label
    item = SupplementItem(id=session.new_id(), dose=dose)
    if dose.problem and dose.stated is None and "no dose" in dose.problem:
        session.supplements.append(item)
        session.questions.append(DoseAmount.ask(item))
        turn.say(f"- {md(dose.said)}: {NAME[dose.nutrient]}, dose not given yet.")
        turn.changed = True
        return item
    if dose.problem:
        turn.say(f"- {md(dose.said)}: {dose.problem}. I haven't counted it.")
        return None
    session.supplements.append(item)
    turn.changed = True
    if dose.pending is not None:
        when = f"a day {dose.season} only; not counted until you say whether you take it now" if dose.season \
            else "on a day you take it; not counted until you say how often"
        turn.say(f"- {md(dose.said)}: {NAME[dose.nutrient]}, {figure(dose.pending, UNIT[dose.nutrient])} {when}.")
        return item
    claim = SHARE_CLAIM.get(dose.nutrient) if dose.compound_amount is not None else None
    turn.say(dose_line(item), *([claim] if claim else []))
    if question := Compound.ask(item):
        session.questions.append(question)
    if dose.nutrient == "calcium_mg" and dose.form and dose.form not in CALCIUM_SHARE and not dose.product:
        turn.say(f"  calmag has no elemental share for calcium {dose.form}, so it counts the figure as given.")
    return item


def read_doses(session: Session, doses: list[Dose], turn: Turn) -> None:
    """Record ``doses``; the ones taken irregularly ("when I remember"), counted or waiting for their label's
    amounts, get one question about how often."""
    added = [add_dose(session, dose, turn) for dose in doses]
    irregular = [a for a in added if isinstance(a, SupplementItem) and a.dose.pending is not None]
    labels = [a for a in added if isinstance(a, Question) and LabelAmounts.irregular(a)]
    by_product: dict[str, list[SupplementItem]] = {}
    for a in added:  # "rennie after dinner": how many each time, one question a product
        if isinstance(a, SupplementItem) and a.dose.count_unknown and a.dose.product:
            by_product.setdefault(a.dose.product, []).append(a)
    for items in by_product.values():
        session.questions.append(DoseAmount.ask_count(items))
    if irregular or labels:
        session.questions.append(Frequency.ask(irregular, labels))
    if doses:
        turn.touched.add("supplements")


# Conditions that are a life stage: they set the profile (and so the targets), not the medicines list.
_LIFE_STAGES = {"pregnancy": "pregnant", "breastfeeding": "breastfeeding", "postpartum": "postpartum",
                "postmenopausal": "postmenopausal", "trying-to-conceive": "trying_to_conceive"}
_STAGE = re.compile(r"\bstage\s*([1-5])(?:\s*[ab])?\b|\bckd\s*(?:stage\s*)?([1-5])(?:\s*[ab])?\b|"
                    r"\b([1-5])(?:\s*[ab])?\s*(?:ckd|kidney)", re.I)
# how many weeks, said right beside a life stage's name, in either order: "24 weeks pregnant", "pregnant, 24
# weeks", "3 wks pp", "pp 8wks", "6 weeks postpartum", "hyperemesis, 11 weeks", "gave birth 3 weeks ago"
_WEEKS_SAID = r"(\d{1,2})\s*(?:weeks?|wks?|wk)\b"


def _weeks_beside(text: str, said: str) -> int | None:
    name = r"\W+".join(map(re.escape, said.split()))
    found = re.search(rf"{_WEEKS_SAID}\W*(?:(?:along|gone|now|in)\W+)?{name}\b|\b{name}\W+(?:[a-z]+\W+){{0,2}}?"
                      rf"{_WEEKS_SAID}", fold(text))
    return int(next(g for g in found.groups() if g)) if found else None


def _life_stage(session: Session, key: str, denied: bool, said: str, text: str, turn: Turn) -> None:
    profile = session.profile
    setattr(profile, _LIFE_STAGES[key], not denied)
    weeks = None if denied else _weeks_beside(text, said)
    if key == "pregnancy":
        profile.pregnancy_weeks = weeks if weeks and weeks <= 42 else None
    if key == "postpartum":
        profile.postpartum_weeks = weeks
    if not denied and profile.sex is None and key != "trying-to-conceive":  # the targets are the female ones
        profile.sex, profile.sex_declined = "female", False
    turn.touched.add("profile")
    turn.changed = True


def read_mentions(session: Session, text: str, turn: Turn, matcher: FoodMatcher) -> bool:
    """Medicines, conditions, life stages, diets and symptoms, and lab tests calmag does not read; returns
    whether any was named (denied ones too)."""
    kinds: tuple[MentionKind, ...] = ("medicine", "condition", "diet", "symptom", "supplement_other", "lab_other")
    theirs = find_mentions(text, kinds, others=True)
    if theirs:
        turn.say(f"- {quoted([m.said for m in theirs])}: that seems to be about someone else, so I haven't added "
                 "it to your list.")
    mentions = find_mentions(text, kinds)
    for mention in mentions:
        known = [n for n in session.noted if n.key == mention.key]
        if mention.key in _LIFE_STAGES:
            _life_stage(session, mention.key, mention.denied, mention.said, text, turn)
            continue
        if mention.kind == "diet":
            if _of_a_food(mention.said, text, matcher):  # "a vegan protein shake" says what the shake is
                continue
            diet = [d for d in session.profile.diet if d != mention.label]
            session.profile.diet = diet if mention.denied else [*diet, mention.label]
            turn.touched.add("profile")
            turn.changed = True
            continue
        if mention.kind == "supplement_other":
            turn.touched.add("supplements")
            turn.say(f"- {md(mention.said)}: noted; calmag counts only calcium, magnesium, vitamin D and K, so this "
                     "supplement isn't counted.")
            continue
        if mention.kind == "lab_other":
            turn.touched.add("labs")
            turn.say(f"- {md(mention.said)}: calmag doesn't interpret this test, so it isn't counted; the clinician "
                     "who ordered it can tell you what it means for you.")
            continue
        step: Step = "symptoms" if mention.kind == "symptom" else "medications"
        turn.touched.add(step)
        if mention.denied:
            if known:
                session.noted = [n for n in session.noted if n.key != mention.key]
                turn.changed = True
                turn.say(f"- {md(mention.said)}: removed {mention.label} from your list.")
            else:  # "stopped the fosamax last year", "no kidney problems": said, so acknowledged
                how = "noted as not taken now" if mention.kind == "medicine" else "noted that you said not"
                turn.say(f"- {md(mention.said)}: {how}, so it is not on your list.")
            continue
        label = mention.label
        if mention.key == "kidney-disease" and (stage := _STAGE.search(text)):
            label += f" (stage {next(g for g in stage.groups() if g)})"
        if "dialysis" in text.lower() and mention.key == "kidney-disease":
            label += ", on dialysis"
        if mention.suspected:
            label += " (suspected)"
        if known:
            if known[0].label != label:  # "stage 3" said later
                known[0].label = label
                turn.changed = True
            continue
        session.noted.append(Noted(id=session.new_id(), kind=mention.kind, key=mention.key, label=label,
                                   said=mention.said))
        turn.changed = True
        turn.say(f"- {md(mention.said)}: {label}; your report will say what the sources note about it.")
    return bool(mentions or theirs)


def add_lab(session: Session, lab: LabItem, turn: Turn) -> None:
    value = lab.lab
    if value.problem:
        turn.say(f"- {md(value.said)}: {value.problem}.")
        return
    session.labs = [item for item in session.labs if item.lab.test != value.test]  # the latest value counts
    session.labs.append(lab)
    turn.changed = True
    turn.touched.add("labs")
    if value.unit is None:
        session.questions.append(LabUnit.ask(lab))
        turn.say(f"- {value.label}: {value.value:g}, unit to confirm.")
    else:
        turn.say(f"- {value.label}: {value.converted} (converted).", *(["ref-vitamin-d-blood"]
                                                                         if value.test == "vitamin_d" else []))


def read_labs_into(session: Session, text: str, turn: Turn, at_step: bool) -> str:
    """The lab values in ``text`` (at the labs step, a test's name with a number is one; elsewhere it needs a
    lab unit or words that say it is a result), and the text left for the other readers."""
    labs, rest = find_labs(text)
    for lab in labs:
        if at_step or lab.marked:
            add_lab(session, LabItem(id=session.new_id(), lab=lab), turn)
    rest = rest if any(at_step or lab.marked for lab in labs) else text
    unvalued, without = find_unvalued(rest)
    valued = {lab.test for lab in labs if at_step or lab.marked}
    for result in (r for r in unvalued if r.test not in valued):  # "vit d 38 nmol/L ... from the low d": told once
        example = f" (for example {_EXAMPLE[result.test]})" if result.test in _EXAMPLE else ""
        turn.say(f"- {md(result.said)}: noted, but calmag doesn't interpret a result without its figure. If you "
                 f"have the number and its unit{example}, send it and I'll convert and keep it.")
    return without if unvalued else rest


_EXAMPLE = {"vitamin_d": "vitamin D 22 ng/mL", "serum_calcium": "calcium 2.4 mmol/L",
            "serum_magnesium": "magnesium 0.8 mmol/L", "pth": "PTH 45 pg/mL"}


_NONE_FOR: dict[Step, str] = {
    "supplements": r"supplements?|suppliments?|supps?|sups|vitamins|pills",
    "medications": r"meds|medicines?|medications?|prescriptions?|tablets|anything for it",
    "symptoms": r"symptoms|problems|complaints",
    "labs": r"labs?|lab results|bloods|blood tests?|tests|results|(?:my\s+)?(?:\w+\s+){0,2}(?:checked|tested)",
}
_DENIAL = r"\b(?:no|not any|dont take any|don't take any|i dont take any|i don't take any|havent had|haven't had|" \
          r"never had|not on any|not on|not taking|dont have any|don't have any)\s+" \
          r"(?:recent\s+|other\s+|more\s+)?(?:{})\b"
_LEADING_AGE = re.compile(r"^\s*(\d{1,3})\s*,\s*(?=[a-z])", re.I)  # "58, osteopenia, no meds"
# "34 male", "female, 45", "34m": a number beside the person's sex is their age, at any step
_SEX_AGE = re.compile(r"\b(\d{1,3})\s*,?\s*(?:female|male|woman|man|f|m)\b"
                      r"|\b(?:female|male|woman|man)\s*,?\s*(\d{1,3})\b(?!\s*(?:mg|mcg|iu|g|kg|ml|%))", re.I)
# "not pregnant, not breastfeeding, 29, take ...", "would magnesium help? 52, post menopause": a number that is
# an item of its own between commas or sentence ends, in a message about the person's life stage, diet or health
_ITEM_AGE = re.compile(r"(?:^|[,;.!?]\s*)(?<!\d[.,])([1-9]\d{1,2})\s*(?=[,;.!?]|$)")  # not the "62" of "2.62,"


def _about_the_person(text: str) -> bool:
    return bool(find_mentions(text, ("condition", "diet")) or denied_steps(text))


# "not taking anything (rn)": nothing taken, of what is being talked about: the medicines when that step is
# open, else the supplements
_TAKING_NOTHING = re.compile(r"\b(?:not taking|dont take|don't take|i take|not on)\s+(?:anything|nothing)\b")


def denied_steps(text: str, step: Step | None = None) -> list[Step]:
    """The steps ``text`` says there is nothing for: "no supplements", "I don't take any meds"; "not taking
    anything" denies the medicines at their step, else the supplements."""
    steps = [s for s, names in _NONE_FOR.items() if re.search(_DENIAL.format(names), fold(text))]
    if not steps and _TAKING_NOTHING.search(fold(text)):
        steps = ["medications" if step == "medications" else "supplements"]
    return steps


def read_denials(session: Session, text: str, turn: Turn) -> None:
    """"no supplements but I'm on levothyroxine": the step that was denied is answered too."""
    for step in denied_steps(text, session.step):
        if step not in session.answered:
            turn.touched.add(step)
            turn.changed = True
            other = re.search(rf"\b(?:other|more)\s+(?:{_NONE_FOR.get(step, step)})\b", fold(text))
            turn.say(f"Noted: no other {step}." if other else f"Noted: no {step}.")  # "calcium 500mg, no other sups"


_MEDICAL: tuple[MentionKind, ...] = ("medicine", "condition", "symptom", "supplement_other", "lab_other", "red_flag")


# a diet's name that stands on its own ("I'm vegan, ...", "mostly plant based so ..."), not one that qualifies a
# food after it ("vegan cheese")
_STANDS_ALONE = (r"(?=\s*(?:[^\w\s]|$)|\s+(?:so|but|and|though|because|cos|now|these|mostly|most|diet|for|since|i|im|"
                 r"ish)\b)")


def _of_a_food(said: str, text: str, matcher: FoodMatcher) -> bool:
    """Whether a diet's name is said only of the food that follows it ("a vegan protein shake", "vegan cheese"),
    not of the person ("I'm vegan", "doing keto 6 months", "vegan since 2019")."""
    found = re.search(r"\b" + r"\W+".join(map(re.escape, said.split())) + r"\b", fold(text))
    rest = fold(text)[found.end():] if found else ""
    following = re.match(r"\s+([a-z]+(?:\s+[a-z]+)?)", rest)
    if not following or re.match(_STANDS_ALONE, rest):  # "vegan and gluten free", "vegan, so ..."
        return False
    return surely_a_food(following.group(1), matcher)


def _without_diets(part: str, diet_said: bool) -> str:
    """``part`` without the words that only say how the person eats: nothing, when that is all it says ("I'm
    vegan", "mostly dairy free", and in a message naming a diet, "fish is ok"); the rest when it says more
    ("mostly plant based, lentil soup for lunch"); all of it when the diet qualifies a food ("vegan cheese")."""
    folded = fold(part)
    rest = folded
    for mention in find_mentions(part, ("diet",)):
        rest = re.sub(r"\b" + r"\W+".join(map(re.escape, mention.said.split())) + r"\b" + _STANDS_ALONE, " ", rest)
    blanked = rest != folded
    # "vegetarian, eggs are fine but no dairy": what the diet allows is part of saying how the person eats
    if not blanked and not (diet_said and _allowed().search(rest)):
        return part
    rest = _allowed().sub(" ", rest)
    # a word or two besides the diet ("strictly", "mostly ... now") says nothing more; a list ("salmon and rice")
    # names foods
    listed = re.search(r"\w\s*(?:,|&|\band\b|\bwith\b)\s*\w", rest)
    if not listed and len(re.findall(r"[a-z]{3,}", re.sub(r"\b(?:but|and|so|though)\b", " ", rest))) <= 2:
        return ""
    return rest if blanked else part


@cache
def _allowed() -> re.Pattern[str]:
    """A clause saying what a diet allows ("eggs are fine", "fish is ok"), from ``data/intake.toml``."""
    return re.compile(rf"[^,;.]*?\b(?:{alternation(diet_allows())})\b")


def _names_dose(text: str) -> bool:
    return bool(read_supplements(text) or find_products(fold(text)))


_LEADING_BARE_COUNT = re.compile(r"^\s*(?:\d|one|two|three)\s+(?:after|with|at|before|in|every|each|a day|daily)\b")
_FIGURE = re.compile(r"\d\s*(?:mg|mcg|µg|μg|ug|iu|units?)\b")


def _says_only_how_much(part: str) -> bool:
    """Whether ``part`` names no nutrient, product or food word of its own but says how much or how often
    ("one in the morning and one at night", "2 after my dinner", "1 drop is 400 IU", "315mg each")."""
    folded = fold(part)
    leading = starts_with_count(folded)  # "2 tablets twice a day like my dr said" is about the tablets
    if len(part.split()) > (12 if leading else 8) or names_nutrient(folded) or find_products(folded):
        return False
    often = how_often(folded)
    return often.timed or often.counted or bool(_LEADING_BARE_COUNT.match(folded) or _FIGURE.search(folded))


def _parts(text: str, by_comma: bool) -> list[str]:
    """Sentences, and in a day's list its comma-separated items; a part that only says how much or how often
    ("one in the morning and one at night", "1 with each meal", "1 drop is 400 IU") stays with the part before
    it when that part names a dose."""
    clauses = [c for c in re.split(r"(?<=[.!?;\n])\s+|\s*[;\n]\s*", text) if c.strip()]
    if not by_comma:
        return clauses
    parts: list[str] = []
    for clause in clauses:
        first = len(parts)  # a part stays with one of its own sentence only
        for part in re.split(r",(?!\d)(?![^(]*\))", clause):  # not inside brackets: "oats (oats, whey, berries)"
            if not part.strip():
                continue
            if len(parts) > first and ((_says_only_how_much(part) and _names_dose(parts[-1]))
                                       or says_only_an_amount(part)  # "a lot of milk, maybe a litre a day"
                                       or says_only_how_often(part)):  # "tea, 3 times a day"
                parts[-1] = f"{parts[-1]},{part}"
            else:
                parts.append(part)
    return parts


# the words that join a clause saying a fact to one saying something else: "i have crohns so i eat pretty plain:
# white toast", "lactose intolerant so dont drink milk", "on warfarin but i eat spinach", "i'm flexitarian: toast"
_JOINS = re.compile(r"\s*\b(?:so|but|because|cos|coz|which means|meaning|and so)\b\s*")
_FACT_KINDS: tuple[MentionKind, ...] = ("medicine", "condition", "diet", "symptom")


def _clauses_of_facts(parts: list[str]) -> list[tuple[str, bool]]:
    """``parts``, each one that names a condition, medicine or diet cut where another clause joins it (and
    after a colon that follows the fact), so that the fact does not take the foods said after it; a part
    naming none stays whole ("so much cheese"). Each clause comes with whether it says what the person eats
    ("so i eat pretty plain: ..."), which makes its foods a day's foods even right after a fact."""
    found: list[tuple[str, bool]] = []
    for part in parts:
        if not (_JOINS.search(part) or ":" in part) or not find_mentions(part, _FACT_KINDS) or _names_dose(part):
            found.append((part, False))
            continue
        for clause in (c for c in _JOINS.split(part) if c.strip()):
            head, colon, tail = clause.partition(":")
            if colon:  # "on dialysis so I have to be careful: white toast": what follows is what the person eats
                found += [(head, False), (tail, True)]
                continue
            found.append((clause, bool(says_eating().search(fold(clause)))))
    return found


def _foods_beside(part: str, matcher: FoodMatcher, unnamed_word: bool = False) -> str:
    """What ``part`` says besides the medicine, condition or symptom it names, when that names a food surely
    ("lactation cookies and loads of water", "i take omeprazole and eat lots of spinach"), else nothing
    ("omeprazole 20mg"). With ``unnamed_word``, the foods surely named beside a word referring to something
    unnamed, the rest being what describes it ("whatever pasta is left over": pasta)."""
    rest = unnamed().sub(" ", fold(part)) if unnamed_word else fold(part)
    for mention in find_mentions(part, _MEDICAL, others=None):
        rest = re.sub(r"\b" + r"\W+".join(map(re.escape, mention.said.split())) + r"\b", " ", rest)
    if rest == fold(part):
        return ""
    sure = [phrase.text for phrase in split_foods(rest, matcher).phrases
            if (result := look_up_food(phrase.text, matcher, eaten=True)).status == "ok"
            and (result.score or 0) >= STRAY_FOOD_SCORE and not result.corrections]
    return (", ".join(sure) if unnamed_word else rest) if sure else ""


def read_message(session: Session, text: str, matcher: FoodMatcher, turn: Turn) -> None:
    """Everything ``text`` says, read into ``session``, whatever step is open: profile, denials, medicines and
    conditions, labs (never doses), supplements and products (never foods), and foods. Away from the diet
    step, and beside other facts in the diet step, only foods surely named count, unless the message names a
    meal ("for lunch I had ...")."""
    step = session.step
    read_profile(session, others_blanked(text)[0], turn, at_step=step == "profile")  # not "my 6 yr old"
    profile_said = len(turn.lines)
    read_denials(session, text, turn)
    read_mentions(session, text, turn, matcher)
    lab_context = step == "labs" or bool(find_mentions(text, ("lab_other",)))
    # "34 male", "81 yrs old" say who the person is, and are no food
    rest = read_labs_into(session, _AGE.sub(" ", _SEX_AGE.sub(" ", text)), turn, at_step=lab_context)
    in_diet = step in ("diet", None)  # after the intake too, foods can be added
    food_clauses, beside_facts = [], []
    after_fact = False
    diet_said = bool(find_mentions(text, ("diet",)))
    for part, eating in _clauses_of_facts(_parts(rest, by_comma=in_diet)):  # a medicine or dose amid the foods
        if unnamed().search(fold(part)):  # "whatever's in the cupboard": nothing named, nothing to read
            if beside := _foods_beside(part, matcher, unnamed_word=True):  # "whatever pasta is left over"
                beside_facts.append(beside)
            continue
        mine, theirs = others_blanked(part)  # "my mother in law is on ... D3 60K sachets": not the person's
        mine, before = past_blanked(mine)  # "I used to take calcium but stopped": not taken now
        doses = read_supplements(mine)
        if stopped := [c for c in before if read_supplements(c)]:
            turn.say(f"- {quoted(stopped)}: noted as stopped, so not counted.")
        if theirs_doses := [c for c in theirs if read_supplements(c)]:
            turn.say(f"- {quoted(theirs_doses)}: that seems to be someone else's, so I haven't counted it.")
        if in_diet:  # "calcium-fortified juice" is a food; "calcium 500 mg", "2 adcal", "magnesium at night" doses
            doses = [d for d in doses if d.stated is not None or d.product is not None or d.multivitamin
                     or d.topical or taken_as_supplement(part)]
        if LAB_MARK in part:  # "my vitamin d (25(OH)D) was 22 ng/mL": the rest names the test, not a supplement
            doses = [d for d in doses if d.stated is not None or d.product is not None]
        part = _without_diets(part, diet_said)  # "vegan, so oat milk porridge": the diet is the profile's, rest food
        fact = bool(doses or theirs_doses or stopped) or bool(find_mentions(part, _MEDICAL)) \
            or bool(find_mentions(part, _MEDICAL, others=True)) or bool(find_products(fold(part))) \
            or about_pills(part) or LAB_MARK in part
        if doses:
            read_doses(session, doses, turn)
        elif fact and (beside := _foods_beside(part, matcher)):  # "lactation cookies", "... and eat spinach"
            beside_facts.append(beside)
        elif fact or not part.strip():
            pass
        elif after_fact and not names_a_meal(part) and not eating:
            beside_facts.append(part)  # "..., waiting on more tests" right after a condition
        else:
            food_clauses.append(part)
        after_fact = fact
    if in_diet or names_a_meal(text):
        read_foods(session, food_clauses, matcher, turn)
        food_clauses = []
    if food_clauses or beside_facts:  # "oh, and I eat almonds"; "pescatarian, salmon and rice": only sure foods
        read_foods(session, food_clauses + beside_facts, matcher, turn, sure_only=True)
    if "profile" in turn.touched:
        turn.lines.insert(profile_said, profile_line(session))


def facts_in(text: str) -> frozenset[str]:
    """The kinds of fact ``text`` gives besides foods ("mention", "lab", "product", "dose"): a message giving
    any that an open question's answer would not is read as new facts, not as the answer."""
    facts = set()
    if find_mentions(text, ("medicine", "condition", "diet", "symptom", "supplement_other", "lab_other")):
        facts.add("mention")
    labs, rest = find_labs(text)
    if any(lab.marked for lab in labs) or find_unvalued(rest)[0]:
        facts.add("lab")
    if find_products(fold(text)):
        facts.add("product")
    if any(d.nutrient and d.stated is not None for d in read_supplements(rest)):
        facts.add("dose")
    return frozenset(facts)
