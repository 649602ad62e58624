"""Products whose label strength varies between formulas are asked for, not counted from a guessed figure;
fixed label figures are counted as printed."""

import pytest

from assistant.engine import Engine
from assistant.engine.state import Profile, Session
from knowledge.intake.products import products
from knowledge.intake.supplements import read_supplements


def _chat(messages: list[str]):
    engine = Engine()
    session = Session(step="supplements", answered=["profile", "diet"], profile=Profile(age=50, sex="female"))
    replies = []
    for message in messages:
        reply = engine.reply_to(session, message)
        session, _ = reply.session, replies.append(reply)
    return session, replies


def _product(key: str):
    return next(p for p in products().product if p.key == key)


@pytest.mark.parametrize(("text", "key", "unknown"), [
    ("taking Slow-Mag, 2 tablets twice a day like my dr said", "slow-mag", {"magnesium_mg", "calcium_mg"}),
    ("I take 1 citracal petite twice a day", "citracal-petites", {"calcium_mg", "vitamin_d_ug"}),
])
def test_a_product_with_several_formulas_counts_nothing_and_asks_its_label(text, key, unknown):
    doses = read_supplements(text)
    assert not [d for d in doses if d.amount is not None]
    [label] = doses
    assert (label.product, set(label.unknown), label.problem) == (key, unknown, "label")


def test_the_label_question_names_what_is_asked_and_the_answer_counts_the_units_said():
    session, replies = _chat(["taking Slow-Mag, 2 tablets twice a day", "magnesium 71.5 mg, calcium 119 mg"])
    asked = replies[0].text
    assert "magnesium" in asked and "calcium" in asked and "vitamin D 400 IU" not in asked
    assert {(s.dose.nutrient, s.amount) for s in session.supplements} == {("magnesium_mg", 286.0),
                                                                         ("calcium_mg", 476.0)}


@pytest.mark.parametrize(("text", "named"), [("I take 1 citracal petite twice a day", "your Citracal Petites give"),
                                             ("antacids most days", "your antacid tablets (brand not said) give")])
def test_the_label_question_names_the_product_as_it_is_labelled(text, named):
    _, [reply] = _chat([text])
    assert f"What does the label of {named} for" in reply.text


def test_rennie_counts_the_magnesium_its_smpc_prints():
    rennie = _product("rennie")
    assert rennie.per_unit == {"calcium_mg": 272.0, "magnesium_mg": 20.0}
    assert "20 mg elemental Magnesium" in rennie.source  # the figure as the SmPC prints it
    for said in ("Rennie, 2 after my dinner", "Rennie 2 after my dinner"):  # a bare count after the name, comma or not
        doses = read_supplements(said)
        assert {(d.nutrient, d.amount) for d in doses} == {("calcium_mg", 544.0), ("magnesium_mg", 40.0)}


def test_a_fixed_part_is_still_counted_beside_an_asked_part():
    doses = read_supplements("caltrate 600+d3 twice a day")
    assert [(d.nutrient, d.amount) for d in doses if d.nutrient] == [("calcium_mg", 1200.0)]
    assert [d.unknown for d in doses if d.nutrient is None] == [["vitamin_d_ug"]]


@pytest.mark.parametrize(("text", "per_day"), [
    ("fultium 800 od", 20.0),  # the strength Fultium-D3 comes in several of, said right after its name
    ("desunin 800 od", 20.0),
    ("invita 25000 weekly", round(625 / 7, 2)),
    ("fultium d3 800 iu once a day", 20.0),
])
def test_a_product_named_with_the_strength_its_label_varies_in_counts_that_strength(text, per_day):
    doses = read_supplements(text)
    assert [(d.nutrient, d.amount) for d in doses] == [("vitamin_d_ug", per_day)]  # and no label question


def test_a_product_of_several_strengths_named_without_one_still_asks():
    [dose] = read_supplements("fultium twice a day")
    assert dose.problem == "label" and dose.unknown == ["vitamin_d_ug"]


@pytest.mark.parametrize(("text", "counted"), [
    ("Ideos one twice a day", {"calcium_mg": 1000.0, "vitamin_d_ug": 20.0}),
    ("they put me on Mag-Tab SR one twice a day", {"magnesium_mg": 168.0}),
])
def test_uk_and_us_products_with_fixed_labels_count_them(text, counted):
    assert {d.nutrient: d.amount for d in read_supplements(text)} == counted


@pytest.mark.parametrize(("text", "units"), [
    ("Tums Extra Strength 750, chew 2 after supper every night", 2.0),  # a verb between the name and its count
    ("rennie, take 2 after meals", 6.0),
])
def test_a_count_after_a_products_name_and_a_verb_is_its_count(text, units):
    assert {d.units_per_day for d in read_supplements(text)} == {units}
