"""Slips of typing are put right once per message, for every reader; other words are left alone."""

import pytest

from assistant.engine import Engine
from assistant.engine.state import Profile, Session
from knowledge.foods.matching import food_matcher


def _after(text: str, step: str = "supplements") -> Session:
    session = Session(step=step, answered=["profile", "diet"], profile=Profile(age=50, sex="female"))
    return Engine().reply_to(session, text).session


@pytest.mark.parametrize(("typed", "meant"), [
    ("magnesuim", "magnesium"),  # two letters swapped
    ("Caltrtae", "caltrate"),  # a product
    ("crapms", "cramps"),  # a symptom
    ("weelky", "weekly"),  # a frequency
    ("glycniate", "glycinate"),  # a form, from the supplement reader's own pattern
    ("ionsied", "ionised"),  # a lab test
    ("salomn", "salmon"),  # a word of SR28's names
    ("sanwdich", "sandwich"),  # a dish
])
def test_a_slip_is_spelt_right(typed, meant):
    assert food_matcher().speller.fix(f"my {typed} thing")[1] == {typed: meant}


@pytest.mark.parametrize("word", [
    "sherry",  # a word of English
    "cacık",  # a dish in the food data
    "kefir",  # a word of the food table
    "Tums",  # too short to tell a slip from another word
    "hcalcium",  # a slip in the first letter is not guessed at
    "pasrty",  # as near "pastry" as "party": not guessed at
])
def test_other_words_are_left_alone(word):
    text = f"I have {word} most days"
    assert food_matcher().speller.fix(text) == (text, {})


def test_a_product_typed_with_a_slip_is_counted():
    session = _after("Caltrtae 600+D3 once a day with dinner")
    assert sum(i.amount or 0 for i in session.supplements if i.dose.nutrient == "calcium_mg") == 600


def test_a_lab_typed_with_a_slip_is_a_lab_not_a_dose():
    session = _after("vitmain d 40 ng/ml on 2000 iu daily", step="labs")
    assert [(i.lab.test, i.lab.value) for i in session.labs] == [("vitamin_d", 40.0)]


def test_a_symptom_typed_with_a_slip_is_noted():
    session = _after("been getting leg crapms at night")
    assert "cramps" in {n.key for n in session.noted}


def test_a_dish_typed_with_a_slip_is_its_parts():
    session = _after("a cheese sanwdich", step="diet")
    assert {"Bread", "Cheese"} <= {i.result.food.name.split(",")[0] for i in session.foods if i.result.food}


def test_ask_puts_slips_right_as_the_chat_does():
    from knowledge.evidence.answers import answer_question

    assert "calcium-supplement-risks" in answer_question("I take Caltarte twice a day, am I doubling up?").topics
