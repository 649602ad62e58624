"""The line reader on real recipe lines (the issue's examples and the development sample), and the food and
grams they come to."""

import pytest

from knowledge.foods.lookup import look_up_food
from knowledge.foods.reader import read_line


@pytest.mark.parametrize(("line", "quantity", "unit", "food", "comment"), [
    ("2 large eggs, beaten", 2, None, "eggs", "beaten"),
    ("3 ounces feta, crumbled", 3, "oz", "feta", "crumbled"),
    ("2 bunches spinach, well rinsed, stems removed", 2, "bunch", "spinach", "well rinsed, stems removed"),
    ("1 1/4 cups extra-virgin olive oil, plus more for searing", 1.25, "cup", "extra-virgin olive oil",
     "plus more for searing"),
    ("2 garlic cloves, minced", 2, "clove", "garlic", "minced"),
    ("Salt and freshly ground black pepper, to taste", None, None, "Salt and ground black pepper", "to taste"),
    ("1 cup walnuts or pecans, toasted", 1, "cup", "walnuts", "toasted"),
    ("4 ounces Stilton or blue cheese", 4, "oz", "Stilton cheese", ""),
    ("1 cup fine yellow or white polenta", 1, "cup", "yellow polenta", ""),
    ("3 to 4 jalapeno peppers, seeded and diced", 3, None, "jalapeno peppers", "seeded and diced"),
    ("1 tablespoon peanut, grapeseed or safflower oil", 1, "tbsp", "peanut oil", "grapeseed or safflower oil"),
    ("1/2 cup/1 stick butter", 0.5, "cup", "butter", ""),
    ("1 cup packed, coarsely grated extra-sharp Cheddar cheese", 1, "cup", "extra-sharp Cheddar cheese", ""),
    ("Juice of 2 lemons", 2, None, "lemons juice", ""),
    ("Garnish: lemon twist", None, None, "lemon twist", "Garnish:"),
    ("1 bottle dark beer, like Guinness or any porter", 1, "bottle", "dark beer", "like Guinness or any porter"),
    ("1 heaping teaspoon black peppercorns", 1, "tsp", "black peppercorns", ""),
    ("4 or more cloves garlic, peeled", 4, "clove", "garlic", "peeled"),
    ("milk, 2 cups", 2, "cup", "milk", ""),
    ("", None, None, "", ""),
])
def test_a_line_is_read_apart(line, quantity, unit, food, comment):
    read = read_line(line)
    assert (read.quantity, read.unit, read.food) == (quantity, unit, food)
    assert read.comment.strip() == comment


@pytest.mark.parametrize(("line", "package", "stated"), [
    ("2 (15-ounce) cans chickpeas, drained and rinsed", 425.2, None),  # each can's weight
    ("1 can (15 ounces) chickpeas", 425.2, None),
    ("1 15-ounce can of black beans", 425.2, None),
    ("10-pound piece of pork belly, with the skin", 4535.9, None),
    ("1 teaspoon (6 grams) coarse or kosher salt", None, 6.0),  # the whole amount's weight
    ("3 cups/270 grams sifted cake flour", None, 270.0),
    ("6 cashews, soaked (about 1/2 ounce)", None, 14.2),
])
def test_package_sizes_and_stated_weights_are_told_apart(line, package, stated):
    read = read_line(line)
    assert (round(read.package_grams, 1) if read.package_grams else None) == package
    assert (round(read.stated_grams, 1) if read.stated_grams else None) == stated


@pytest.mark.parametrize(("line", "name_starts", "grams"), [
    ("2 large eggs, beaten", "Egg, whole, raw", 100),
    ("3 ounces feta, crumbled", "Cheese, feta", 85),
    ("1 stick unsalted butter", "Butter, without salt", 113),
    ("Kosher salt", "Salt, table", None),
    ("2 garlic cloves, minced", "Garlic, raw", 6),
    ("3 bay leaves", "Spices, bay leaf", None),  # not scallops ("bay") once the unit word is set aside
    ("2 (15-ounce) cans chickpeas, drained and rinsed", "Chickpeas", 850.5),
    ("Juice of 1 lemon", "Lemon juice, raw", 48),  # SR28's "1 lemon yields"
    ("3/4 cup heavy cream", "Cream, fluid, heavy whipping", 178.5),  # the fluid cup, not "cup, whipped"
    ("1/4 cup plus 1 tablespoon ice-cold water", "Beverages, water, tap", 74),
    ("2 1/2 pounds chicken wings", "Chicken, broilers or fryers, wing, meat and skin, raw", 1134),
    ("Peanut oil", "Oil, peanut", None),  # not peanuts: the oil is made of them
    ("oat milk", None, None),  # SR28 has no oat milk; cow's milk is not it
])
def test_real_lines_find_their_food_and_weight(line, name_starts, grams):
    result = look_up_food(line)
    if name_starts is None:
        assert result.food is None and result.status == "unknown"
        return
    assert result.food is not None and result.food.name.startswith(name_starts), result.food
    if grams is not None:
        assert result.grams == pytest.approx(grams, rel=0.02)
