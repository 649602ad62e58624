"""The food rules are data files validated at load: the shipped ones load, and a broken entry is refused."""

import copy
import tomllib
from importlib import resources

import pytest
from pydantic import ValidationError

from knowledge.foods.dishes import Dishes, dishes
from knowledge.foods.matching import Lexicon, food_matcher
from knowledge.foods.portions import Portions, portions
from knowledge.foods.units import Units, unit_for, units


def raw(name):
    return tomllib.loads(resources.files("knowledge").joinpath(f"data/{name}").read_text("utf-8"))


def test_the_shipped_files_load():
    assert len(units().unit) >= 40 and len(dishes().dish) >= 50 and len(portions().kind) >= 10
    assert Lexicon.model_validate(raw("food_words.toml")).names


@pytest.mark.parametrize(("spelling", "unit"), [("tablespoons", "tbsp"), ("Tins", "can"), ("knob", "pat"),
                                                ("fluid ounces", "fl oz"), ("spoonful", "dollop"), ("xyz", None)])
def test_each_spelling_has_one_unit(spelling, unit):
    assert unit_for(spelling) == unit


def test_a_unit_spelt_twice_is_refused():
    data = raw("units.toml")
    data["unit"][1]["spellings"].append(data["unit"][0]["spellings"][0])
    with pytest.raises(ValidationError, match="spelt for both"):
        Units.model_validate(data)


def test_a_unit_weighed_two_ways_is_refused():
    data = raw("units.toml")
    mass = next(u for u in data["unit"] if u["kind"] == "mass")
    mass["ml"] = 5.0
    with pytest.raises(ValidationError, match="takes grams and only that"):
        Units.model_validate(data)


def test_a_dish_slot_of_an_unknown_kind_is_refused():
    data = copy.deepcopy(raw("dishes.toml"))
    data["dish"][0]["parts"][0]["kind"] = "cutlery"
    with pytest.raises(ValidationError, match="no kind 'cutlery'"):
        Dishes.model_validate(data)


def test_a_dish_part_without_an_amount_and_a_food_is_refused():
    data = copy.deepcopy(raw("dishes.toml"))
    data["dish"][0]["parts"][0]["food"] = "-2 cups"
    with pytest.raises(ValidationError, match="is not an amount and a food"):
        Dishes.model_validate(data)


def test_a_portion_in_an_unknown_unit_is_refused():
    data = copy.deepcopy(raw("portions.toml"))
    data["kind"][0]["units"] = {"wheelbarrow": 1.0}
    with pytest.raises(ValidationError, match="no unit named"):
        Portions.model_validate(data)


def test_an_unknown_section_in_the_vocabulary_is_refused():
    data = raw("food_words.toml")
    data["answers"] = {"2 cups spinach": "11457"}
    with pytest.raises(ValidationError):
        Lexicon.model_validate(data)


def test_every_dish_part_matches_a_food():
    matcher = food_matcher()
    from knowledge.foods.lookup import look_up_food

    unmatched = [(d.name, p.food) for d in dishes().dish for p in d.parts
                 if "{word}" not in p.food and look_up_food(p.food, matcher).food is None]
    assert not unmatched


def test_the_day_words_load_and_a_misspelt_section_is_refused():
    from assistant.engine.diet import DayWords

    data = raw("day_words.toml")
    assert "lunch" in DayWords.model_validate(data).meals
    data["meels"] = data.pop("meals")
    with pytest.raises(ValidationError):
        DayWords.model_validate(data)


def test_no_shop_taken_out_of_a_food_phrase_is_a_word_of_an_sr28_name():
    import re

    from knowledge.foods.table import load_food_table

    names = "\n".join(food.name.lower().replace("'", "") for food in load_food_table().foods)
    shops = raw("day_words.toml")["shops"]
    assert re.search(r"(?<!\w)mcdonalds(?!\w)", names)  # a chain SR28 has is found by the check
    assert not [s for s in shops if re.search(rf"(?<!\w){re.escape(s.replace(chr(39), ''))}(?!\w)", names)]
