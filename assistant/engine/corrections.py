"""Corrections at any time: "actually it was 2 cups", "I meant cooked spinach", "remove the banana"."""

from __future__ import annotations

import re

from assistant.engine.clarify import replace_food, stems
from assistant.engine.intake import Turn, add_dose, read_labs_into
from assistant.engine.report import md
from assistant.engine.state import FoodItem, Session
from knowledge.foods.matching import FoodMatcher
from knowledge.foods.quantity import parse_amount
from knowledge.intake.labs import read_labs
from knowledge.intake.supplements import NAME, read_supplements
from knowledge.text import fold

_INTERJECTION = re.compile(r"^(?:(?:oh|oops|sorry|no|wait|hmm|ah|err?|um+)\b[,!.]?\s*)+", re.I)
_ACTUALLY = re.compile(r"^(?:actually|correction|to correct that)\b[,:]?\s*", re.I)
_CHANGE = re.compile(r"^(?:it\s+was|it'?s|it\s+is|that\s+was|that'?s|make\s+(?:that|it)|change\s+(?:that|it)\s+to|"
                     r"i\s+meant|i\s+mean|i\s+had|i\s+ate|i\s+take|i\s+drank|should\s+be)\b\s*", re.I)
_REMOVE = re.compile(r"^(?:please\s+)?(?:remove|delete|drop|take\s+out|take\s+off|scratch|forget|cancel|strike|"
                     r"get\s+rid\s+of)\s+(?:the\s+|my\s+|that\s+|those\s+)?(.+?)[.!]*$|"
                     r"^(?:i\s+)?(?:didn'?t|did\s+not|no\s+longer|don'?t\s+(?:have|eat|drink|take)\s+the)\s+"
                     r"(?:have|eat|drink|take)?\s*(?:the\s+|any\s+|a\s+|an\s+)?(.+?)[.!]*$", re.I)
_LAST = frozenset({"that", "it", "last", "last one", "the last one", "that one", "this"})


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


def removal_target(text: str) -> tuple[str | None, bool]:
    """What ``text`` asks to remove, and whether it said so with a removal verb ("remove the banana", not "I
    didn't have the banana"), so that a target not found is worth saying."""
    match = _REMOVE.match(text.strip())
    if not match:
        return None, False
    return next(g for g in match.groups() if g), match.group(1) is not None


def _best(query: str, candidates: list[tuple[int, str]]) -> int | None:
    """The id of the candidate sharing most words with ``query``; the latest wins a tie."""
    wanted = stems(query)
    scored = [(len(wanted & stems(text)), item_id) for item_id, text in candidates]
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
    turn.say(f"Removed {md(label)}.")
    turn.changed = True
    return True


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
        read_labs_into(session, body, turn, at_step=True)
        return True
    amount = parse_amount(body)
    if not amount.food_text and (amount.quantity is not None or amount.unit):
        item = _in_focus(session, amount.unit)
        if item is None or item.result.food is None:
            return False
        previous = parse_amount(item.result.text)
        replace_food(session, item, f"{amount.amount_text} {previous.food_text}", item.result.food.id, matcher, turn)
        return True
    item_id = _best(amount.food_text, [(f.id, f"{f.result.text} {f.result.food.name if f.result.food else ''}")
                                       for f in session.foods])
    if item_id is None:
        return False
    item = next(f for f in session.foods if f.id == item_id)
    phrase = body if amount.amount_text else f"{parse_amount(item.result.text).amount_text} {body}"
    replace_food(session, item, phrase.strip(), None, matcher, turn)
    return True
