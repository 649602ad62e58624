"""Clarifying questions, one class per kind: how to ask it, how to read an answer, what applying the answer
does, and which facts a message that answers it may carry (a dose question's answer names a dose; a message
naming a medicine while a dose question is open is new facts, not its answer).

Adding a kind of question: a subclass with ``ask`` (building the ``Question``), ``read`` and ``apply``, and an
entry in ``KINDS``.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from assistant.engine.report import figure, md
from assistant.engine.state import FoodItem, LabItem, Question, Session, SupplementItem
from knowledge.foods.lookup import look_up_food
from knowledge.foods.matching import STOP, FoodMatcher
from knowledge.intake.labs import with_unit
from knowledge.intake.products import MAX_PER_DAY, products
from knowledge.intake.supplements import NAME, UNIT, Dose, dose_words, how_often, read_supplements, unit_named
from knowledge.text import fold, stem, words

_YES = frozenset({"yes", "y", "ok", "okay", "keep", "keep it", "fine", "right", "correct", "thats right", "sure",
                  "the first", "first", "first one", "yes please", "yep", "yeah"})
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "one": 0, "two": 1, "three": 2, "four": 3}
_DONT_KNOW = frozenset({"skip", "dont know", "i dont know", "no idea", "not sure", "unsure", "cant remember",
                        "i cant remember", "pass"})


def stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if len(w) > 1 and not w.isdigit()} - {"the", "my", "of", "and", "a"}


class Clarification:
    """A kind whose answer is one of its choices ("cooked", "2", "the first")."""

    name: ClassVar[str]

    def carries(self, question: Question) -> frozenset[str]:
        """The kinds of fact (``intake.facts_in``: "mention", "lab", "product", "dose") an answer may carry."""
        return frozenset()

    def read(self, question: Question, text: str, session: Session) -> Any | None:
        return choice(question, text)

    def apply(self, question: Question, answer: Any, session: Session, matcher: FoodMatcher, turn: Any) -> None:
        raise NotImplementedError

    def value(self, question: Question, index: int) -> str:
        return question.values[index] if question.values else question.choices[index]


def choice(question: Question, text: str) -> int | None:
    folded = " ".join(words(text))
    if folded in _YES:
        return 0
    if number := re.match(r"^(?:number |option |the )?(\d)(?:st|nd|rd|th)?(?: one)?$", folded):
        index = int(number.group(1)) - 1
        return index if 0 <= index < len(question.choices) else None
    for word, index in _ORDINALS.items():
        if folded in (word, f"the {word}", f"{word} one", f"the {word} one") and index < len(question.choices):
            return index
    labels = [stems(c) - STOP | {fold(c)} for c in question.choices]
    common = set.intersection(*labels) if labels else set()
    said = stems(text) - STOP
    scores = [len((said | {folded}) & (label - common)) for label in labels]
    best = max(scores, default=0)
    # the choice must account for at least half of what was said: a message about something else that shares a
    # word with a choice ("... with 200 mg calcium" and "with peel") is not an answer
    if not best or scores.count(best) > 1 or 2 * best < len(said):
        return None
    return scores.index(best)


class FoodChoice(Clarification):
    name = "food"

    @staticmethod
    def ask(item: FoodItem) -> Question | None:
        """Which food was meant, when close matches would change the figures: "raw or cooked?"."""
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
                        text=f"For '{md(result.text)}', which did you mean? {listing}. I've counted the first for now.")

    def apply(self, question: Question, answer: Any, session: Session, matcher: FoodMatcher, turn: Any) -> None:
        value = self.value(question, answer)
        food = next((f for f in session.foods if f.id == question.item), None)
        if food is not None and food.result.food and value != food.result.food.id:
            replace_food(session, food, food.result.text, value, matcher, turn)
            session.questions = [q for q in session.questions if not (q.kind == "food" and q.item == food.id)]
        elif food is not None:
            turn.say(f"Kept {food.result.food.name if food.result.food else md(food.result.text)}.")


class Compound(Clarification):
    name = "compound"

    @staticmethod
    def ask(item: SupplementItem) -> Question | None:
        """Whether a stated weight is elemental or the compound's ("magnesium glycinate 400 mg")."""
        dose = item.dose
        if dose.compound_amount is None or dose.nutrient is None:
            return None
        name = NAME[dose.nutrient]
        text = (f"Is the {dose.stated} on the label the {name} itself (elemental), or the weight of the "
                f"{dose.form}? Labels usually give elemental {name}, so I've counted {figure(dose.amount, 'mg')} a "
                f"day; if it is the {dose.form}, that is about {figure(dose.compound_amount, 'mg')} of {name}.")
        return Question(kind="compound", item=item.id, text=text,
                        choices=[f"elemental {name}", f"the {dose.form}"], values=["elemental", "compound"])

    def apply(self, question: Question, answer: Any, session: Session, matcher: FoodMatcher, turn: Any) -> None:
        from assistant.engine.intake import dose_line  # intake asks these questions, so it imports this module

        for item in session.supplements:
            if item.id == question.item:
                item.as_compound = self.value(question, answer) == "compound"
                turn.say("Counted as " + ("the compound's weight:\n" if item.as_compound else "elemental:\n")
                         + dose_line(item))


class LabUnit(Clarification):
    name = "lab_unit"

    @staticmethod
    def ask(lab: LabItem) -> Question:
        value = lab.lab
        return Question(kind="lab_unit", item=lab.id, choices=value.units, values=value.units,
                        text=f"Is your {value.label} of {value.value:g} in {' or '.join(value.units)}?")

    def apply(self, question: Question, answer: Any, session: Session, matcher: FoodMatcher, turn: Any) -> None:
        unit = self.value(question, answer)
        session.labs = [lab.model_copy(update={"lab": with_unit(lab.lab, unit)}) if lab.id == question.item else lab
                        for lab in session.labs]
        lab = next(lab.lab for lab in session.labs if lab.id == question.item)
        if lab.problem:
            session.labs = [item for item in session.labs if item.id != question.item]
            turn.say(f"- {lab.problem}.")
        else:
            turn.say(f"- {lab.label}: {lab.converted} (converted).")


class Sex(Clarification):
    name = "sex"

    @staticmethod
    def ask() -> Question:
        return Question(kind="sex", item=0, choices=["female", "male", "prefer not to say"],
                        text="And are you female or male? It picks your targets.")

    def apply(self, question: Question, answer: Any, session: Session, matcher: FoodMatcher, turn: Any) -> None:
        value = self.value(question, answer)
        session.profile.sex = value if value in ("female", "male") else None  # type: ignore[assignment]
        session.profile.sex_declined = value not in ("female", "male")
        turn.touched.add("profile")
        turn.say(f"Noted: {value}." if session.profile.sex else "Fine: I'll show the targets for both.")


class DoseAmount(Clarification):
    """The dose of a supplement named without one ("I take magnesium")."""

    name = "dose"

    @staticmethod
    def ask(item: SupplementItem) -> Question:
        assert item.dose.nutrient is not None
        name = NAME[item.dose.nutrient]
        season = f" {item.dose.season}" if item.dose.season else ""
        asked = f"How much {name} is in each one, and how often do you take it{season}?" \
            if item.dose.units_per_day != 1 else f"How much {name} do you take{season}, and how often?"
        return Question(kind="dose", item=item.id, text=f"{asked} For example: {_EXAMPLE[item.dose.nutrient]}.")

    @staticmethod
    def ask_count(items: list[SupplementItem]) -> Question:
        """How many units at a time of a product taken a range at a time ("rennie after dinner")."""
        product = next(p for p in products().product if p.key == items[0].dose.product)
        return Question(kind="dose", item=items[0].id, values=["count", *(str(i.id) for i in items)],
                        text=f"How many {product.unit}s of {product.label} do you take each time? I've counted one "
                             "for now.")

    def carries(self, question: Question) -> frozenset[str]:
        return frozenset({"dose"})

    def read(self, question: Question, text: str, session: Session) -> Any | None:
        if question.values[:1] == ["count"]:
            return _count_said(text)
        item = next((s for s in session.supplements if s.id == question.item), None)
        if item is None or item.dose.nutrient is None:
            return None
        doses = read_supplements(f"{NAME[item.dose.nutrient]} {text}")
        return (item, doses[0]) if doses and doses[0].stated is not None else None

    @staticmethod
    def _apply_count(question: Question, answer: float, session: Session, turn: Any) -> None:
        """So many units each time of the product's items (``question.values[1:]``)."""
        from assistant.engine.intake import dose_line

        ids = {int(v) for v in question.values[1:]}
        items = [s for s in session.supplements if s.id in ids]
        product = next((p for p in products().product if items and p.key == items[0].dose.product), None)
        limit = (product.max_per_day if product else None) or MAX_PER_DAY
        if items and items[0].dose.units_per_day * answer > limit:
            session.supplements = [s for s in session.supplements if s.id not in ids]
            turn.say(f"- {items[0].dose.units_per_day * answer:g} a day is more than anyone should take (labels "
                     f"allow at most {limit:g}); I haven't counted it. Please check the number and tell me again.")
            return
        for item in items:
            nutrient = item.dose.nutrient
            assert nutrient is not None
            update: dict[str, Any] = {
                "count_unknown": False, "units_per_day": round(item.dose.units_per_day * answer, 4),
                "said": f"{item.dose.said}, {answer:g} each time",
                "assumed": [a for a in item.dose.assumed if "until you say how many" not in a]}
            if item.dose.pending is not None:
                update["pending"] = round(item.dose.pending * answer, 2)
            elif item.dose.amount is not None:
                update["amount"] = round(item.dose.amount * answer, 2)
            item.dose = item.dose.model_copy(update=update)
            turn.say(dose_line(item) if item.dose.pending is None else
                     f"- {md(item.dose.said)}: {figure(item.dose.pending, UNIT[nutrient])} of {NAME[nutrient]} on a "
                     "day you take it.")

    def apply(self, question: Question, answer: Any, session: Session, matcher: FoodMatcher, turn: Any) -> None:
        from assistant.engine.intake import add_dose

        if question.values[:1] == ["count"]:
            self._apply_count(question, answer, session, turn)
            return
        item, dose = answer
        session.supplements = [s for s in session.supplements if s.id != item.id]
        units = item.dose.units_per_day if not how_often(dose.said).timed and dose.amount is not None else 1.0
        update: dict[str, Any] = {"form": dose.form or item.dose.form, "said": f"{item.dose.said}, {dose.said}"}
        if units != 1 and dose.amount is not None:  # "2 tablets at night" and now "100 mg each"
            update |= {"amount": round(dose.amount * units, 2), "assumed": [*dose.assumed, f"× {units:g} a day"],
                       "compound_amount": None if dose.compound_amount is None else dose.compound_amount * units}
        if item.dose.irregular and dose.amount is not None and (item.dose.season or not how_often(dose.said).timed):
            # "magnesium when i remember", then "200 mg": how often is asked next; "in winter", then "1000 IU a
            # day": whether to count it now
            update |= {"pending": update.get("amount", dose.amount), "amount": None, "irregular": True,
                       "compound_amount": None, "season": dose.season or item.dose.season}
        added = add_dose(session, dose.model_copy(update=update), turn)
        if isinstance(added, SupplementItem) and added.dose.pending is not None:
            session.questions.insert(0, Frequency.ask([added]))


_EXAMPLE = {"calcium_mg": "500 mg a day", "magnesium_mg": "200 mg a day", "vitamin_d_ug": "1000 IU a day",
            "vitamin_k_ug": "100 µg a day"}  # in each nutrient's usual unit


_LABEL_EXAMPLE = {"calcium_mg": "calcium 200 mg", "magnesium_mg": "magnesium 100 mg",
                  "vitamin_d_ug": "vitamin D 400 IU", "vitamin_k_ug": "vitamin K 100 µg"}


def _count_said(text: str) -> float | None:
    """A count of units as an answer: "2", "two", "2 tablets", "1-2" (the middle), "half"."""
    folded = " ".join(words(text))
    found = re.fullmatch(r"(\d+(?:\.\d+)?(?: ?- ?\d+)?|[a-z]+(?: [a-z]+)?)(?: (?:each time|at a time|tablets?|"
                         r"chews?|tabs?|of them))*", folded)
    if not found:
        return None
    said = found.group(1)
    counts = dose_words().counts
    if said in counts:
        return counts[said]
    low, _, high = said.replace(" ", "").partition("-")
    try:
        value = (float(low) + float(high)) / 2 if high else float(low)
    except ValueError:
        return None
    return value if value > 0 else None


class LabelAmounts(Clarification):
    """The amounts on a label calmag cannot know: a multivitamin's, or a product's with several versions."""

    name = "label"

    @staticmethod
    def ask(item_id: int, dose: Dose) -> Question:
        product = next((p for p in products().product if p.key == dose.product), None)
        what = product.label if product else "multivitamin" if dose.multivitamin else "supplement"
        unit = product.unit if product else unit_named(dose.said) or "tablet"
        nutrients = dose.unknown or ["calcium_mg", "magnesium_mg", "vitamin_d_ug", "vitamin_k_ug"]
        listing = ", ".join(NAME[n] for n in nutrients)
        example = ", ".join(_LABEL_EXAMPLE[n] for n in nutrients[:2])  # in the nutrients asked, in their units
        return Question(kind="label", item=item_id,
                        values=[f"{dose.units_per_day:g}", dose.said, "irregular" if dose.irregular else "",
                                dose.product or "", "" if dose.multivitamin or product else "supplement",
                                dose.season or ""],
                        text=f"What does the label of your {what} give for {listing} in one {unit}? For example: "
                             f"{example}. Or say 'skip'.")

    @staticmethod
    def irregular(question: Question) -> bool:
        """Whether the product is taken irregularly and how often is not known yet."""
        return len(question.values) > 2 and question.values[2] == "irregular"

    def carries(self, question: Question) -> frozenset[str]:
        return frozenset({"dose"})

    def read(self, question: Question, text: str, session: Session) -> Any | None:
        if fold(text).strip(" .!") in _DONT_KNOW:
            return []
        doses = [d for d in read_supplements(text) if d.nutrient and d.amount is not None]
        return doses or None

    def apply(self, question: Question, answer: Any, session: Session, matcher: FoodMatcher, turn: Any) -> None:
        from assistant.engine.intake import add_dose

        if not answer:
            turn.say("Skipped the label's amounts; they are not counted.")
            tidy(session)
            return
        # units a day, what was said, "irregular" (or the share of days once the person has said how often), the
        # product
        values = [*question.values, "", "", "", "", "", ""]
        units, said, irregular, key = float(values[0] or 1), values[1], values[2], values[3] or None
        share = None if irregular in ("", "irregular") else float(irregular)
        product = next((p for p in products().product if p.key == key), None)
        # a label with no product is a multivitamin's, unless it was a single supplement's ("a vit d gummy")
        multivitamin = product.kind == "multivitamin" if product else values[4] != "supplement"
        held = []
        for dose in answer:
            update: dict[str, Any] = {"multivitamin": multivitamin, "product": key,
                                      "said": f"{said}: {dose.said}" if said else dose.said}
            if units != 1 and not how_often(dose.said).timed:
                update |= {"amount": round(dose.amount * units, 2), "compound_amount": None,
                           "assumed": [*dose.assumed, f"{units:g} a day"]}
            if share is not None:  # how often was answered first
                update |= {"amount": round(update.get("amount", dose.amount) * share, 2), "compound_amount": None,
                           "assumed": [*update.get("assumed", dose.assumed), f"{share * 7:.3g} days a week"]}
            elif irregular:  # "a sachet when my legs play up": how often is asked next
                update |= {"pending": update.get("amount", dose.amount), "amount": None, "irregular": True,
                           "season": values[5] or None}
            item = add_dose(session, dose.model_copy(update=update), turn)
            if isinstance(item, SupplementItem) and item.dose.pending is not None:
                held.append(item)
        if held:
            asked = next((q for q in session.questions if q.kind == "frequency"
                          and f"label:{question.item}" in q.values), None)
            if asked is None:
                session.questions.insert(0, Frequency.ask(held))
            else:  # the question already asked now stands for the amounts just given
                asked.values = [v for v in asked.values if v != f"label:{question.item}"] + [str(i.id) for i in held]


class Frequency(Clarification):
    """How often a supplement taken irregularly is taken ("when I remember", "on a bad day"), or, for one taken
    only in a season ("1000 IU in winter"), whether to count it now: never averaged over the year unasked."""

    name = "frequency"

    @staticmethod
    def ask(items: list[SupplementItem], labels: list[Question] | None = None) -> Question:
        """For supplement items held until how often is known, and for products whose label's amounts are
        still asked (their values are ``label:<id>``). A season said is kept in the values as ``season:...``."""
        labels = labels or []
        said = items[0].dose.said if items else labels[0].values[1]
        first = items[0].id if items else labels[0].item
        season = next((i.dose.season for i in items if i.dose.season), None) or next(
            (q.values[5] for q in labels if len(q.values) > 5 and q.values[5]), None)
        values = [str(i.id) for i in items] + [f"label:{q.item}" for q in labels]
        if season:
            return Question(kind="frequency", item=first, values=[*values, f"season:{season}"],
                            choices=["count it", "leave it out"],
                            text=f"You said '{md(said)}': taken {season} only. Are you taking it at present? Say "
                                 "'count it' to count it as a daily dose now, or 'leave it out' while you're not "
                                 "taking it. I haven't counted it yet.")
        return Question(kind="frequency", item=first, values=values,
                        choices=["every day", "most days", "a few days a week", "once a week"],
                        text=f"How many days a week do you take '{md(said)}'? I haven't counted it yet. For example: "
                             "every day, 3 days a week, once a week.")

    _DAYS = {"every day": 7.0, "daily": 7.0, "most days": 5.0, "a few days a week": 3.0, "once a week": 1.0,
             "weekly": 1.0, "rarely": 0.5, "hardly ever": 0.5}
    _NOW = {"count it": 7.0, "leave it out": 0.0, "yes": 7.0, "yes i am": 7.0, "yes now": 7.0, "y": 7.0,
            "count it now": 7.0, "no": 0.0, "not now": 0.0, "no not now": 0.0, "not at the moment": 0.0,
            "not at present": 0.0, "leave it": 0.0, "not yet": 0.0, "no not at the moment": 0.0}

    @staticmethod
    def season(question: Question) -> str | None:
        return next((v.removeprefix("season:") for v in question.values if v.startswith("season:")), None)

    def read(self, question: Question, text: str, session: Session) -> Any | None:
        folded = " ".join(words(text))
        if self.season(question) and folded in self._NOW:
            return self._NOW[folded] / 7
        if folded in self._DAYS:
            return self._DAYS[folded] / 7
        if found := re.fullmatch(r"(\d(?:\.\d)?)(?: days?)?(?: (?:a|per|each) week)?", folded):
            days = float(found.group(1))
            return days / 7 if 0 <= days <= 7 else None
        often = how_often(folded)
        if often.timed and not often.irregular:
            return min(often.per_day, 1.0) if often.per_day <= 1 else None
        index = choice(question, text)
        if index is None:
            return None
        return self._NOW[question.choices[index]] / 7 if self.season(question) else \
            self._DAYS[question.choices[index]] / 7

    def apply(self, question: Question, answer: Any, session: Session, matcher: FoodMatcher, turn: Any) -> None:
        from assistant.engine.intake import dose_line

        ids = {int(v) for v in question.values if v.isdigit()}
        season = self.season(question)
        if season and answer == 0:  # not taken in this part of the year: said, and left out
            labels = {int(v.removeprefix("label:")) for v in question.values if v.startswith("label:")}
            left = [s.dose.said for s in session.supplements if s.id in ids] + [
                q.values[1] for q in session.questions if q.kind == "label" and q.item in labels]
            session.supplements = [s for s in session.supplements if s.id not in ids]
            session.questions = [q for q in session.questions if not (q.kind == "label" and q.item in labels)]
            turn.say(f"Left out for now: {', '.join(repr(md(s)) for s in left)} (taken {season} only). Tell me "
                     "again when you take it.")
            return
        for label in session.questions:  # products whose label's amounts are still to come
            if label.kind == "label" and f"label:{label.item}" in question.values:
                label.values = [*label.values, "", "", "", "", "", ""][:6]
                label.values[2] = f"{answer:.4g}"
                turn.say(f"Noted: {answer * 7:.3g} days a week for '{md(label.values[1])}'; its label's amounts "
                         "will be counted that often.")
        for item in session.supplements:
            if item.id in ids and item.dose.pending is not None:
                amount = round(item.dose.pending * answer, 2)
                kept = [a for a in item.dose.assumed if "irregular" not in a and a != f"taken {season}"]
                how = [f"counted daily, as taken {season}"] if season and answer == 1 else \
                    [f"{answer * 7:.3g} days a week"]
                item.dose = item.dose.model_copy(update={"amount": amount, "pending": None, "irregular": False,
                                                         "assumed": kept + how})
                turn.say(dose_line(item))


def replace_food(session: Session, item: FoodItem, phrase: str, food_id: str | None, matcher: FoodMatcher,
                 turn: Any) -> None:
    from assistant.engine.intake import food_line

    result = look_up_food(phrase, matcher, food_id=food_id)
    if result.status != "ok":
        turn.say(f"I couldn't use '{md(phrase)}': {md(result.message or '')}. I've kept what I had.")
        return
    session.questions = [q for q in session.questions if q.item != item.id]
    new = item.model_copy(update={"result": result})
    session.foods = [new if f.id == item.id else f for f in session.foods]
    turn.foods.append(result)
    turn.say("Changed:\n" + food_line(result))
    turn.changed = True
    if question := FoodChoice.ask(new):
        session.questions.insert(0, question)


def tidy(session: Session) -> None:
    """Drop the questions about how often that no longer stand for anything (their label was skipped)."""
    pending = {str(s.id) for s in session.supplements if s.dose.pending is not None}
    labels = {f"label:{q.item}" for q in session.questions if q.kind == "label"}
    session.questions = [q for q in session.questions
                         if q.kind != "frequency" or set(q.values) & (pending | labels)]


KINDS: dict[str, Clarification] = {kind.name: kind for kind in (
    FoodChoice(), Compound(), LabUnit(), Sex(), DoseAmount(), LabelAmounts(), Frequency())}
KINDS["multivitamin"] = KINDS["label"]  # sessions saved before products had labels of their own


def answer(session: Session, text: str, facts: frozenset[str], matcher: FoodMatcher, turn: Any) -> bool:
    """Take ``text`` as the answer to the first open question; False when it does not answer it, or carries
    facts (``facts``: "mention", "lab", "product", "dose") an answer to it would not."""
    question = session.questions[0]
    kind = KINDS[question.kind]
    if facts - kind.carries(question):
        return False
    answer_ = kind.read(question, text, session)
    if answer_ is None:
        return False
    session.questions.pop(0)
    turn.changed = True
    kind.apply(question, answer_, session, matcher, turn)
    return True
