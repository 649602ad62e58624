import math

import pytest

from knowledge.foods.quantity import parse_amount

CASES = [
    # phrase, quantity, quantity_max, unit, size, food words
    ("2 cups spinach", 2, None, "cup", None, "spinach"),
    ("1.5 cups milk", 1.5, None, "cup", None, "milk"),
    ("in 300ml full cream milk", 300, None, "ml", None, "full cream milk"),  # a joining word before the amount
    ("w 2 sugars", 2, None, None, None, "sugars"),
    ("1/2 cup cooked quinoa", 0.5, None, "cup", None, "cooked quinoa"),
    ("½ cup tofu", 0.5, None, "cup", None, "tofu"),
    ("1½ cups milk", 1.5, None, "cup", None, "milk"),
    ("1 1/2 cups oatmeal", 1.5, None, "cup", None, "oatmeal"),
    ("⅓ cup raisins", 1 / 3, None, "cup", None, "raisins"),
    ("one banana", 1, None, None, None, "banana"),
    ("two eggs", 2, None, None, None, "eggs"),
    ("half an avocado", 0.5, None, None, None, "avocado"),
    ("half a cup of rice", 0.5, None, "cup", None, "rice"),
    ("a couple of eggs", 2, None, None, None, "eggs"),
    ("a few dates", 3, None, None, None, "dates"),
    ("a lot of milk", None, None, None, "a lot", "milk"),  # much, but no number: more than the usual portion
    ("lots of tea", None, None, None, "a lot", "tea"),
    ("2-3 eggs", 2, 3, None, None, "eggs"),
    ("2 to 3 slices of bread", 2, 3, "slice", None, "bread"),
    ("200g salmon", 200, None, "g", None, "salmon"),
    ("1 kg potatoes", 1, None, "kg", None, "potatoes"),
    ("4 oz ground beef", 4, None, "oz", None, "ground beef"),
    ("1 lb chicken", 1, None, "lb", None, "chicken"),
    ("2 tbsp peanut butter", 2, None, "tbsp", None, "peanut butter"),
    ("1 tsp cinnamon", 1, None, "tsp", None, "cinnamon"),
    ("250 ml milk", 250, None, "ml", None, "milk"),
    ("8 fl oz orange juice", 8, None, "fl oz", None, "orange juice"),
    ("1 pint of milk", 1, None, "pint", None, "milk"),
    ("a glass of milk", 1, None, "glass", None, "milk"),
    ("a mug of hot chocolate", 1, None, "mug", None, "hot chocolate"),
    ("a bowl of porridge", 1, None, "bowl", None, "porridge"),
    ("2 eggs", 2, None, None, None, "eggs"),
    ("1 large banana", 1, None, None, "large", "banana"),
    ("a slice of cheddar", 1, None, "slice", None, "cheddar"),
    ("a handful of almonds", 1, None, "handful", None, "almonds"),
    ("a handfull of almonds", 1, None, "handful", None, "almonds"),
    ("a square of dark chocolate", 1, None, "square", None, "dark chocolate"),
    ("a tin of sardines", 1, None, "can", None, "sardines"),
    ("a can of tuna", 1, None, "can", None, "tuna"),
    ("greek yoghurt 200g", 200, None, "g", None, "greek yoghurt"),
    ("skim milk, 1 cup", 1, None, "cup", None, "skim milk"),
    ("almonds (30 g)", 30, None, "g", None, "almonds"),
    ("almonds, a handful", 1, None, "handful", None, "almonds"),
    ("scrambled eggs, 2", 2, None, None, None, "scrambled eggs"),
    ("brocoli 1 cup chopped", 1, None, "cup", None, "brocoli chopped"),
    ("about 2 cups of rice", 2, None, "cup", None, "rice"),
    ("2x eggs", 2, None, None, None, "eggs"),
    ("1 tablespon honey", 1, None, "tbsp", None, "honey"),
    ("cup of tea", None, None, "cup", None, "tea"),
    ("spinach", None, None, None, None, "spinach"),
]


@pytest.mark.parametrize(("phrase", "quantity", "high", "unit", "size", "food"), CASES)
def test_amounts_as_people_type_them(phrase, quantity, high, unit, size, food):
    amount = parse_amount(phrase)
    assert amount.problem is None
    assert amount.quantity == (None if quantity is None else pytest.approx(quantity))
    assert amount.quantity_max == high
    assert amount.unit == unit
    assert amount.size == size
    assert amount.food_text == food


def test_a_range_counts_as_its_middle():
    assert parse_amount("2-3 eggs").count == 2.5


@pytest.mark.parametrize(("phrase", "problem"), [
    ("-3 cups milk", "negative"),
    ("−3 cups milk", "negative"),
    ("0 g sugar", "zero"),
    ("nan cups milk", "not a number"),
    ("inf g rice", "not a number"),
    ("1/0 cup milk", "not a number"),
])
def test_unusable_amounts_are_reported_not_raised(phrase, problem):
    assert problem in parse_amount(phrase).problem


def test_huge_numbers_parse_and_are_left_to_the_weighing_check():
    amount = parse_amount("1e9 kg rice")
    assert amount.quantity == 1e9 and amount.unit == "kg" and not math.isnan(amount.quantity)


@pytest.mark.parametrize(("text", "grams"), [
    ("2 31/2-ounce bars milk chocolate", 198.4),  # 3 1/2 typed without its space, two bars of it
    ("11/2 cups flour", 187.5),
    ("1 1/2-pound pork shoulder", 680.4),  # one weight of 1 1/2 pounds, not one piece of half a pound
])
def test_whole_numbers_and_fractions_typed_together_are_one_number(text, grams):
    from knowledge.foods.lookup import look_up_food

    assert look_up_food(text).grams == pytest.approx(grams, abs=0.5)


def test_a_word_after_the_food_with_no_number_is_a_unit_only_as_spelt():
    from knowledge.foods.quantity import parse_amount

    assert parse_amount("hot pockets").unit is None  # a food's name, not a misspelt "packets"
    assert parse_amount("carrot sticks").unit == "stick"
