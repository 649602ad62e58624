"""Reading one message into the session: profile, foods, supplements, medicines and conditions, symptoms, labs.

The person may volunteer anything at any step, so every reader runs on every message; readers whose words are
also everyday words (a bare number, "f", a food) only run at their own step. Each reader adds lines to the
turn saying what was understood, what was assumed and what could not be used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.engine.diet import split_foods
from assistant.engine.report import figure
from assistant.engine.state import FoodItem, LabItem, Noted, Question, Session, Step, SupplementItem
from knowledge.foods.lookup import FoodResult, look_up_food
from knowledge.foods.matching import FoodMatcher
from knowledge.intake.labs import read_labs, with_unit
from knowledge.intake.mentions import find_mentions
from knowledge.intake.supplements import CALCIUM_SHARE, NAME, SHARE_CLAIM, UNIT, Dose, read_supplements
from knowledge.text import fold

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
_NONE = re.compile(r"^(?:no|none|nope|nothing|nah|n/?a|not really|no thanks|none of (?:those|them|these)|"
                   r"i don'?t(?: take any| have any)?(?: \w+)?|not that i know of|no (?:supplements|medicines|"
                   r"medications|meds|symptoms|labs?|lab results|results|conditions))[.!]*$", re.I)
_AGE = re.compile(r"\b(?:age[d]?\s*:?\s*|i'?m\s+|i am\s+)?(-?\d{1,4})\s*(?:years?(?: old)?|yrs?(?: old)?|y/?o|"
                  r"yo|y\b)|\b(?:age[d]?\s*:?\s*|i'?m\s+|i am\s+)(-?\d{1,4})\b(?!\s*(?:mg|iu|mcg|g|cups?|kg|lb))",
                  re.I)
_BARE_AGE = re.compile(r"(?<![\d.,])(-?\d{1,4})(?![\d.,]\d)(?!\s*(?:mg|mcg|µg|ug|iu|g|kg|lbs?|cups?|%|ng|nmol|"
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
    age_match = _AGE.search(text) or (_BARE_AGE.search(text) if bare else None)
    if age_match:
        age = int(next(g for g in age_match.groups() if g))
        if not 1 <= age <= MAX_AGE:
            turn.say(f"An age of {age} isn't one I can use; calmag's targets cover ages 1 to {MAX_AGE}. "
                     "Please give your age in years.")
        else:
            profile.age = age
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
    parts = [f"{profile.age}" if profile.age is not None else "",
             profile.sex or ("sex not given: I'll show targets for both" if profile.sex_declined else ""),
             "pregnant" if profile.pregnant else "", "breastfeeding" if profile.breastfeeding else ""]
    return f"Noted: {', '.join(p for p in parts if p) or 'nothing yet'}."


def food_line(result: FoodResult) -> str:
    assert result.food is not None and result.grams is not None
    n = result.nutrients
    said = f"{result.dish}: {result.text}" if result.dish else result.text
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


def food_question(item: FoodItem) -> Question | None:
    """Ask which food was meant when close matches would change the figures: "raw or cooked?"."""
    result = item.result
    if not result.ambiguous or not result.ask_about or result.food is None:
        return None
    options = [result.food, *result.ask_about[:3]]
    parts = [[p.strip() for p in o.name.split(",")] for o in options]
    common = set(parts[0]).intersection(*map(set, parts[1:]))
    labels = [", ".join(p for p in ps if p not in common) or o.name for ps, o in zip(parts, options, strict=True)]
    if len(set(labels)) < len(labels):
        labels = [o.name for o in options]
    listing = "; ".join(f"{i}. {label}" for i, label in enumerate(labels, 1))
    return Question(kind="food", item=item.id, choices=labels, values=[o.id for o in options],
                    text=f"For '{result.text}', which did you mean? {listing}. I've counted the first for now.")


def add_food(session: Session, result: FoodResult, turn: Turn) -> None:
    if result.status != "ok":
        hint = (" calmag's table (USDA SR28) may not list it; could you name it another way or name something "
                "close?" if result.status == "unknown" else "")
        turn.say(f"- {result.text}: {result.message}.{hint}")
        turn.unfinished = True
        return
    item = FoodItem(id=session.new_id(), result=result)
    session.foods.append(item)
    turn.foods.append(result)
    turn.say(food_line(result))
    turn.changed = True
    if question := food_question(item):
        session.questions.append(question)


def read_foods(session: Session, clauses: list[str], matcher: FoodMatcher, turn: Turn,
               sure_only: bool = False) -> None:
    """Foods from ``clauses``. Away from the diet step (``sure_only``) only clear matches count, so that a
    stray message is not taken for a food; if some foods were taken, the others are named, not dropped."""
    taken, left = 0, []
    days = [split_foods(clause, matcher) for clause in clauses]
    phrases = [phrase for day in days for phrase in day.phrases]
    if len(phrases) > MAX_FOODS:  # nothing half-counted: the whole message is set aside
        turn.say(f"That message names {len(phrases)} foods; I read at most {MAX_FOODS} in one message, so I "
                 "haven't counted any of them. Please send your day in a few shorter messages.")
        turn.unfinished = True
        return
    for phrase in phrases:
        result = look_up_food(phrase.text, matcher, eaten=True)
        if phrase.dish:
            result = result.model_copy(update={"dish": phrase.dish, "part_assumed": phrase.assumed})
        if not sure_only or (result.status == "ok" and (result.score or 0) >= STRAY_FOOD_SCORE):
            add_food(session, result, turn)
            taken += 1
        else:
            left.append(phrase.text)
    if not sure_only:
        turn.touched.add("diet")
        if left_out := [text for day in days for text in day.left_out]:
            turn.say(f"- Left out, as you said: {', '.join(repr(text) for text in left_out)}.")
        if aside := [text for day in days for text in day.set_aside]:
            turn.say(f"- Not read as food: {', '.join(repr(text) for text in aside)}. If one of them is something "
                     "you eat, send it again as the food alone.")
    elif taken and left:
        turn.say(f"- Not counted: {', '.join(repr(p) for p in left)}. Away from the diet step I only take foods "
                 "I'm sure of; type 'diet' to add them there.")


def dose_line(item: SupplementItem) -> str:
    dose = item.dose
    nutrient = dose.nutrient
    assert nutrient is not None
    what = f"{NAME[nutrient]}{f' ({dose.form})' if dose.form else ''}"
    line = f"- {dose.said}: {figure(item.amount, UNIT[nutrient])} of {what} a day"
    if dose.multivitamin:
        line += ", from a multivitamin"
    if dose.assumed:
        line += f" ({'; '.join(dose.assumed)})"
    return line


def compound_question(item: SupplementItem) -> Question | None:
    dose = item.dose
    if dose.compound_amount is None or dose.nutrient is None:
        return None
    name = NAME[dose.nutrient]
    text = (f"Is the {dose.stated} on the label the {name} itself (elemental), or the weight of the {dose.form}? "
            f"Labels usually give elemental {name}, so I've counted {figure(dose.amount, 'mg')} a day; if it is "
            f"the {dose.form}, that is about {figure(dose.compound_amount, 'mg')} of {name}.")
    return Question(kind="compound", item=item.id, text=text, choices=[f"elemental {name}", f"the {dose.form}"],
                    values=["elemental", "compound"])


def add_dose(session: Session, dose: Dose, turn: Turn) -> None:
    if dose.nutrient is None:  # a multivitamin without its amounts
        item_id = session.new_id()
        session.questions.append(Question(
            kind="multivitamin", item=item_id, text="What does your multivitamin's label give for calcium, "
            "magnesium, vitamin D and vitamin K? For example: calcium 200 mg, vitamin D 400 IU. Or say 'skip'."))
        turn.say("- a multivitamin: noted; its amounts are on the label.")
        return
    item = SupplementItem(id=session.new_id(), dose=dose)
    if dose.problem and dose.stated is None and "no dose" in dose.problem:
        session.supplements.append(item)
        session.questions.append(Question(kind="dose", item=item.id,
                                          text=f"How much {NAME[dose.nutrient]} do you take, and how often? "
                                               "For example: 200 mg a day."))
        turn.say(f"- {dose.said}: {NAME[dose.nutrient]}, dose not given yet.")
        turn.changed = True
        return
    if dose.problem:
        turn.say(f"- {dose.said}: {dose.problem}. I haven't counted it.")
        return
    session.supplements.append(item)
    turn.changed = True
    claim = SHARE_CLAIM.get(dose.nutrient) if dose.compound_amount is not None else None
    turn.say(dose_line(item), *([claim] if claim else []))
    if question := compound_question(item):
        session.questions.append(question)
    if dose.nutrient == "calcium_mg" and dose.form and dose.form not in CALCIUM_SHARE:
        turn.say(f"  calmag has no elemental share for calcium {dose.form}, so it counts the figure as given.")


def read_doses(session: Session, doses: list[Dose], turn: Turn) -> None:
    for dose in doses:
        add_dose(session, dose, turn)
    if doses:
        turn.touched.add("supplements")


def read_mentions(session: Session, text: str, turn: Turn) -> bool:
    """Medicines, conditions and symptoms; returns whether any was named (denied ones too)."""
    mentions = find_mentions(text, ("medicine", "condition", "symptom"))
    for mention in mentions:
        known = [n for n in session.noted if n.key == mention.key]
        if mention.key in ("pregnancy", "breastfeeding"):
            setattr(session.profile, "pregnant" if mention.key == "pregnancy" else "breastfeeding",
                    not mention.denied)
            if not mention.denied and session.profile.sex is None:  # the targets are the female ones
                session.profile.sex, session.profile.sex_declined = "female", False
            turn.touched.add("profile")
            turn.changed = True
            continue
        step: Step = "symptoms" if mention.kind == "symptom" else "medications"
        turn.touched.add(step)
        if mention.denied:
            if known:
                session.noted = [n for n in session.noted if n.key != mention.key]
                turn.changed = True
                turn.say(f"- {mention.said}: removed {mention.label} from your list.")
            continue
        if known:
            continue
        session.noted.append(Noted(id=session.new_id(), kind=mention.kind, key=mention.key, label=mention.label,
                                   said=mention.said))
        turn.changed = True
        turn.say(f"- {mention.said}: {mention.label}; your report will say what the sources note about it.")
    return bool(mentions)


def add_lab(session: Session, lab: LabItem, turn: Turn) -> None:
    value = lab.lab
    if value.problem:
        turn.say(f"- {value.said}: {value.problem}.")
        return
    session.labs = [item for item in session.labs if item.lab.test != value.test]  # the latest value counts
    session.labs.append(lab)
    turn.changed = True
    turn.touched.add("labs")
    if value.unit is None:
        session.questions.append(Question(kind="lab_unit", item=lab.id, choices=value.units, values=value.units,
                                          text=f"Is your {value.label} of {value.value:g} in "
                                               f"{' or '.join(value.units)}?"))
        turn.say(f"- {value.label}: {value.value:g}, unit to confirm.")
    else:
        turn.say(f"- {value.label}: {value.converted} (converted).", *(["ref-vitamin-d-blood"]
                                                                         if value.test == "vitamin_d" else []))


def read_labs_into(session: Session, text: str, turn: Turn, at_step: bool) -> bool:
    labs = [lab for lab in read_labs(text) if at_step or lab.unit is not None]
    for lab in labs:
        add_lab(session, LabItem(id=session.new_id(), lab=lab), turn)
    return bool(labs)


def apply_lab_unit(lab: LabItem, unit: str) -> LabItem:
    return lab.model_copy(update={"lab": with_unit(lab.lab, unit)})


def read_message(session: Session, text: str, matcher: FoodMatcher, turn: Turn) -> None:
    """Everything ``text`` says, read into ``session``; the current step decides the ambiguous readers."""
    step = session.step
    read_profile(session, text, turn, at_step=step == "profile")
    profile_said = len(turn.lines)
    clauses = [c for c in re.split(r"(?<=[.!?;\n])\s+|\s*[;\n]\s*", text) if c.strip()]
    if step in ("diet", None):  # a typical day lists foods by comma; a medicine or a dose may sit between them
        clauses = [part for c in clauses for part in re.split(r",(?!\d)", c) if part.strip()]
    food_clauses = []
    for clause in clauses:
        # a medicine, symptom or (denied) urgent sign is not a food; a lab value is not a dose
        mentioned = read_mentions(session, clause, turn) or bool(find_mentions(clause, ("red_flag",)))
        if read_labs_into(session, clause, turn, at_step=step == "labs"):
            continue
        doses = read_supplements(clause)
        if step != "supplements":
            doses = [d for d in doses if d.stated is not None]
        if doses:
            read_doses(session, doses, turn)
        elif not mentioned:
            food_clauses.append(clause)
    if step in ("diet", None):  # after the intake too, foods can be added
        read_foods(session, food_clauses, matcher, turn)
    elif food_clauses and not turn.lines:  # "oh, and I eat almonds" at another step
        read_foods(session, food_clauses, matcher, turn, sure_only=True)
    if "profile" in turn.touched:
        turn.lines.insert(profile_said, profile_line(session))
