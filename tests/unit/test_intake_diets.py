"""Diet patterns go to the profile (hedged ones as hedged, never as the strict diet), are never foods, and a
clause naming a condition or diet does not swallow the foods said in the same message."""

import pytest

from assistant.engine import Engine
from assistant.engine.state import Profile, Session
from knowledge.intake.mentions import find_mentions


def _reply(text: str, step: str = "diet"):
    answered = ["profile"] + (["diet"] if step != "diet" else [])
    session = Session(step=step, answered=answered, profile=Profile(age=50, sex="female"))  # type: ignore[arg-type]
    return Engine().reply_to(session, text)


def _foods(reply) -> list[str]:
    return [f.result.food.name.split(",")[0].lower() for f in reply.session.foods if f.result.food]


@pytest.mark.parametrize(("text", "key", "label"), [
    ("mostly plant based", "vegan", "mostly plant-based (not strictly vegan)"),
    ("vegan most of the time", "vegan", "mostly plant-based (not strictly vegan)"),
    ("im vegan-ish", "vegan", "mostly plant-based (not strictly vegan)"),
    ("trying to be vegetarian", "vegetarian", "mostly vegetarian"),
    ("vegan", "vegan", "vegan"),
    ("pescatarian", "pescatarian", "pescatarian (vegetarian, with fish)"),
    ("flexitarian", "flexitarian", "flexitarian (mostly plant-based, some meat or fish)"),
])
def test_a_diet_is_read_with_its_hedge(text, key, label):
    [mention] = find_mentions(text, ("diet",))
    assert (mention.key, mention.label) == (key, label)


@pytest.mark.parametrize("step", ["diet", "supplements"])
def test_a_hedged_diet_goes_to_the_profile_not_as_vegan(step):
    reply = _reply("mostly plant based, porridge, lentil soup", step)
    assert reply.session.profile.diet == ["mostly plant-based (not strictly vegan)"]
    assert _foods(reply)[:1] == ["cereals"]  # the porridge's oats; the diet itself is no food


@pytest.mark.parametrize("text", ["lactose intolerant so dont drink milk, do i need a calcium tablet",
                                  "i'm flexitarian", "pescatarian"])
def test_a_diet_is_never_a_food(text):
    reply = _reply(text)
    assert reply.session.profile.diet and not reply.session.foods


def test_a_diet_before_a_colon_keeps_the_foods_after_it():
    reply = _reply("i'm flexitarian: toast, eggs")
    assert reply.session.profile.diet and len(reply.session.foods) == 2


def test_words_that_name_nothing_are_no_food():
    reply = _reply("I chew antacids most days, dunno which ones, whatever's in the cupboard")
    assert not reply.session.foods
    assert [n.key for n in reply.session.noted] == ["antacid"]
    assert [q.kind for q in reply.session.questions] == ["label", "frequency"]


def test_a_condition_keeps_the_foods_said_with_it():
    reply = _reply("i have crohns so i eat pretty plain: white toast, rice, chicken")
    assert [n.key for n in reply.session.noted] == ["malabsorption"]
    assert [name for name in _foods(reply)] == ["bread", "rice", "chicken"]


def test_a_medicine_joined_to_what_is_eaten_keeps_both():
    reply = _reply("on warfarin but i eat spinach most days")
    assert [n.key for n in reply.session.noted] == ["warfarin"]
    assert _foods(reply) == ["spinach"]


def test_a_clause_beside_a_condition_that_says_no_food_is_not_read_as_one():
    reply = _reply("i have ckd stage 3, waiting on more tests")
    assert not reply.session.foods and reply.session.noted[0].label.endswith("(stage 3)")


def test_what_the_day_reader_sets_aside_is_said_even_alone():
    reply = _reply("lactose intolerant so dont drink milk")
    assert "dont drink milk" in reply.text
