"""Corrections at any time: "actually it was 2 cups", "I meant cooked spinach", "remove the banana", and the
answers to clarifying questions ("2", "cooked", "nmol/L")."""

from __future__ import annotations

import re

from assistant.engine.intake import Turn, add_dose, apply_lab_unit, dose_line, food_line, food_question, read_labs_into
from assistant.engine.state import FoodItem, Question, Session
from knowledge.foods.lookup import look_up_food
from knowledge.foods.matching import STOP, FoodMatcher
from knowledge.foods.quantity import parse_amount
from knowledge.intake.labs import read_labs
from knowledge.intake.supplements import NAME, read_supplements
from knowledge.text import fold, stem, words

_INTERJECTION = re.compile(r"^(?:(?:oh|oops|sorry|no|wait|hmm|ah|err?|um+)\b[,!.]?\s*)+", re.I)
_ACTUALLY = re.compile(r"^(?:actually|correction|to correct that)\b[,:]?\s*", re.I)
_CHANGE = re.compile(r"^(?:it\s+was|it'?s|it\s+is|that\s+was|that'?s|make\s+(?:that|it)|change\s+(?:that|it)\s+to|"
                     r"i\s+meant|i\s+mean|i\s+had|i\s+ate|i\s+take|i\s+drank|should\s+be)\b\s*", re.I)
_REMOVE = re.compile(r"^(?:please\s+)?(?:remove|delete|drop|take\s+out|take\s+off|scratch|forget|cancel|strike|"
                     r"get\s+rid\s+of)\s+(?:the\s+|my\s+|that\s+|those\s+)?(.+?)[.!]*$|"
                     r"^(?:i\s+)?(?:didn'?t|did\s+not|no\s+longer|don'?t\s+(?:have|eat|drink|take)\s+the)\s+"
                     r"(?:have|eat|drink|take)?\s*(?:the\s+|any\s+|a\s+|an\s+)?(.+?)[.!]*$", re.I)
_LAST = frozenset({"that", "it", "last", "last one", "the last one", "that one", "this"})
_YES = frozenset({"yes", "y", "ok", "okay", "keep", "keep it", "fine", "right", "correct", "thats right", "sure",
                  "the first", "first", "first one", "yes please", "yep", "yeah"})
_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "one": 0, "two": 1, "three": 2, "four": 3}


def _stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if len(w) > 1 and not w.isdigit()} - {"the", "my", "of", "and", "a"}


def correction_body(text: str) -> str | None:
    """The new wording if ``text`` is a correction ("actually it was 2 cups" -> "2 cups"), else None."""
    rest = _INTERJECTION.sub("", text.strip())
    actually = _ACTUALLY.match(rest)
    if actually:
        rest = rest[actually.end():]
    change = _CHANGE.match(rest)
    if change:
        rest = rest[change.end():]
    if not (actually or (change and change.group(0).lower().split()[0] in ("it", "it's", "its", "that", "make",
                                                                               "change", "i", "should"))):
        return None
    if change and not actually and re.match(r"i\s+(?:had|ate|take|drank)\b", change.group(0), re.I):
        return None  # "I had eggs" is the diet, not a correction
    return rest.strip(" .!") or None


def removal_target(text: str) -> str | None:
    match = _REMOVE.match(text.strip())
    return next((g for g in match.groups() if g), None) if match else None


def _best(query: str, candidates: list[tuple[int, str]]) -> int | None:
    """The id of the candidate sharing most words with ``query``; the latest wins a tie."""
    wanted = _stems(query)
    scored = [(len(wanted & _stems(text)), item_id) for item_id, text in candidates]
    scored = [s for s in scored if s[0] > 0]
    return max(scored)[1] if scored else None


def _labelled(session: Session) -> list[tuple[int, str, str]]:
    """(id, words to match, how to name it) for every item in the session."""
    items = [(f.id, f"{f.result.text} {f.result.food.name if f.result.food else ''}",
              f"{f.result.text} ({f.result.food.name if f.result.food else 'not matched'})") for f in session.foods]
    items += [(s.id, f"{s.dose.said} {NAME[s.dose.nutrient] if s.dose.nutrient else ''} {s.dose.form or ''} "
                     "supplement", f"the supplement '{s.dose.said}'") for s in session.supplements]
    items += [(n.id, f"{n.said} {n.label}", n.label) for n in session.noted]
    items += [(lab.id, f"{lab.lab.said} {lab.lab.label} lab", f"the lab value '{lab.lab.said}'")
              for lab in session.labs]
    return items


def remove(session: Session, target: str, turn: Turn) -> bool:
    """Remove the item ``target`` names; False when nothing in the session fits."""
    items = _labelled(session)
    item_id = (max((i for i, _, _ in items), default=None) if fold(target) in _LAST
               else _best(target, [(i, text) for i, text, _ in items]))
    if item_id is None:
        return False
    label = next(name for i, _, name in items if i == item_id)
    session.foods = [f for f in session.foods if f.id != item_id]
    session.supplements = [s for s in session.supplements if s.id != item_id]
    session.noted = [n for n in session.noted if n.id != item_id]
    session.labs = [lab for lab in session.labs if lab.id != item_id]
    session.questions = [q for q in session.questions if q.item != item_id]
    turn.say(f"Removed {label}.")
    turn.changed = True
    return True


def _replace_food(session: Session, item: FoodItem, phrase: str, food_id: str | None,
                  matcher: FoodMatcher, turn: Turn) -> None:
    result = look_up_food(phrase, matcher, food_id=food_id)
    if result.status != "ok":
        turn.say(f"I couldn't use '{phrase}': {result.message}. I've kept what I had.")
        return
    session.questions = [q for q in session.questions if q.item != item.id]
    new = item.model_copy(update={"result": result})
    session.foods = [new if f.id == item.id else f for f in session.foods]
    turn.foods.append(result)
    turn.say("Changed:\n" + food_line(result))
    turn.changed = True
    if question := food_question(new):
        session.questions.insert(0, question)


def _in_focus(session: Session, unit: str | None) -> FoodItem | None:
    """The food a bare amount refers to: with a unit, the one being asked about if it was given in that unit,
    else the latest given in it ("actually it was 2 cups" is the food said in cups); then the one being asked
    about, else the latest."""
    asked = next((q.item for q in session.questions if q.kind == "food"), None)
    by_id = {f.id: f for f in session.foods}
    same_unit = [f for f in session.foods if unit and f.result.unit == unit]
    if same_unit and asked not in {f.id for f in same_unit}:
        return same_unit[-1]
    return by_id.get(asked) if asked in by_id else (session.foods[-1] if session.foods else None)


def correct(session: Session, body: str, matcher: FoodMatcher, turn: Turn) -> bool:
    """Apply a correction; False when it fits nothing in the session."""
    doses = [d for d in read_supplements(body) if d.nutrient and d.amount is not None]
    for dose in doses:
        old = next((s for s in reversed(session.supplements) if s.dose.nutrient == dose.nutrient), None)
        if old is not None:
            session.supplements = [s for s in session.supplements if s.id != old.id]
            session.questions = [q for q in session.questions if q.item != old.id]
        add_dose(session, dose, turn)
    if doses:
        return True
    labs = [lab for lab in read_labs(body) if lab.unit]
    if labs:
        return read_labs_into(session, body, turn, at_step=True)
    amount = parse_amount(body)
    if not amount.food_text and (amount.quantity is not None or amount.unit):
        item = _in_focus(session, amount.unit)
        if item is None or item.result.food is None:
            return False
        previous = parse_amount(item.result.text)
        _replace_food(session, item, f"{amount.amount_text} {previous.food_text}", item.result.food.id, matcher, turn)
        return True
    item_id = _best(amount.food_text, [(f.id, f"{f.result.text} {f.result.food.name if f.result.food else ''}")
                                       for f in session.foods])
    if item_id is None:
        return False
    item = next(f for f in session.foods if f.id == item_id)
    phrase = body if amount.amount_text else f"{parse_amount(item.result.text).amount_text} {body}"
    _replace_food(session, item, phrase.strip(), None, matcher, turn)
    return True


def _choice(question: Question, text: str) -> int | None:
    folded = " ".join(words(text))
    if folded in _YES:
        return 0
    if number := re.match(r"^(?:number |option |the )?(\d)(?:st|nd|rd|th)?(?: one)?$", folded):
        index = int(number.group(1)) - 1
        return index if 0 <= index < len(question.choices) else None
    for word, index in _ORDINALS.items():
        if folded in (word, f"the {word}", f"{word} one", f"the {word} one") and index < len(question.choices):
            return index
    labels = [_stems(c) - STOP | {fold(c)} for c in question.choices]
    common = set.intersection(*labels) if labels else set()
    said = _stems(text) - STOP
    scores = [len((said | {folded}) & (label - common)) for label in labels]
    best = max(scores, default=0)
    # the choice must account for at least half of what was said: a message about something else that shares a
    # word with a choice ("... with 200 mg calcium" and "with peel") is not an answer
    if not best or scores.count(best) > 1 or 2 * best < len(said):
        return None
    return scores.index(best)


def answer_pending(session: Session, text: str, matcher: FoodMatcher, turn: Turn) -> bool:
    """Take ``text`` as the answer to the first open question; False when it does not answer it."""
    question = session.questions[0]
    if question.kind == "dose":
        item = next((s for s in session.supplements if s.id == question.item), None)
        nutrient = item.dose.nutrient if item else None
        doses = read_supplements(f"{NAME[nutrient]} {text}") if nutrient else []
        if not item or not doses or doses[0].stated is None:
            return False
        session.supplements = [s for s in session.supplements if s.id != item.id]
        session.questions.pop(0)
        add_dose(session, doses[0].model_copy(update={"form": doses[0].form or item.dose.form,
                                                      "said": f"{item.dose.said}, {text}"}), turn)
        return True
    if question.kind == "multivitamin":
        if fold(text).strip(" .") in ("skip", "dont know", "no idea", "not sure"):
            session.questions.pop(0)
            turn.say("Skipped the multivitamin's amounts; it is not counted.")
            turn.changed = True
            return True
        doses = [d.model_copy(update={"multivitamin": True}) for d in read_supplements(text) if d.nutrient]
        if not doses:
            return False
        session.questions.pop(0)
        for dose in doses:
            add_dose(session, dose, turn)
        return True
    index = _choice(question, text)
    if index is None:
        return False
    session.questions.pop(0)
    value = question.values[index] if question.values else question.choices[index]
    turn.changed = True
    if question.kind == "food":
        food = next((f for f in session.foods if f.id == question.item), None)
        if food is not None and food.result.food and value != food.result.food.id:
            _replace_food(session, food, food.result.text, value, matcher, turn)
            session.questions = [q for q in session.questions if not (q.kind == "food" and q.item == food.id)]
        elif food is not None:
            turn.say(f"Kept {food.result.food.name if food.result.food else food.result.text}.")
    elif question.kind == "compound":
        for item in session.supplements:
            if item.id == question.item:
                item.as_compound = value == "compound"
                turn.say("Counted as " + ("the compound's weight:\n" if item.as_compound else "elemental:\n")
                         + dose_line(item))
    elif question.kind == "lab_unit":
        session.labs = [apply_lab_unit(lab, value) if lab.id == question.item else lab for lab in session.labs]
        lab = next(lab.lab for lab in session.labs if lab.id == question.item)
        if lab.problem:
            session.labs = [item for item in session.labs if item.id != question.item]
            turn.say(f"- {lab.problem}.")
        else:
            turn.say(f"- {lab.label}: {lab.converted} (converted).")
    elif question.kind == "sex":
        session.profile.sex = value if value in ("female", "male") else None  # type: ignore[assignment]
        session.profile.sex_declined = value not in ("female", "male")
        turn.touched.add("profile")
        turn.say(f"Noted: {value}." if session.profile.sex else "Fine: I'll show the targets for both.")
    return True
