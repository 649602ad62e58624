"""Food matching against the labelled development set and the plain-food cases people rely on."""

import pytest

from knowledge.foods.lookup import look_up_food
from knowledge.foods.matching import food_matcher


def test_phrase_set_is_large_enough(phrase_set):
    assert len(phrase_set) >= 150
    assert sum(1 for _, _, grams in phrase_set if grams is not None) >= 120


def test_top_match_is_accepted_for_at_least_90_percent(phrase_set):
    misses = [(p, look_up_food(p).food) for p, ids, _ in phrase_set
              if (look_up_food(p).food or None) is None or look_up_food(p).food.id not in ids]
    accuracy = 1 - len(misses) / len(phrase_set)
    assert accuracy >= 0.90, f"top-1 {accuracy:.1%}; misses: {misses}"


def test_grams_within_20_percent_for_at_least_85_percent(phrase_set):
    weighed = [(p, g, look_up_food(p).grams) for p, _, g in phrase_set if g is not None]
    off = [(p, g, got) for p, g, got in weighed if got is None or abs(got - g) / g > 0.20]
    share = 1 - len(off) / len(weighed)
    assert share >= 0.85, f"grams within 20% for {share:.1%}; off: {off}"


@pytest.mark.parametrize(("phrase", "expected_id", "not_this"), [
    ("spinach", "11457", "Babyfood"),
    ("milk", "01077", "mozzarella"),
    ("salmon", None, "oil"),
    ("pumpkin seeds", None, "pumpkin pie spice"),
    ("avacado", "09037", "Oil"),
    ("black beans", None, "Restaurant"),
])
def test_plain_foods_are_plain(phrase, expected_id, not_this):
    result = look_up_food(phrase)
    assert result.food is not None
    if expected_id:
        assert result.food.id == expected_id
    assert not_this.lower() not in result.food.name.lower()


@pytest.mark.parametrize(("phrase", "head"), [
    ("salmon", "Fish, salmon"),
    ("pumpkin seeds", "Seeds, pumpkin"),
    ("black beans", "Beans, black"),
    ("bannana", "Bananas"),
    ("brocoli", "Broccoli"),
    ("spinnach", "Spinach"),
    ("almnds", "Nuts, almonds"),
    ("aubergine", "Eggplant"),
    ("courgette", "Squash"),
    ("yoghurt", "Yogurt"),
    ("beans black", "Beans, black"),
    ("seeds pumpkin", "Seeds, pumpkin"),
    ("chopped kale", "Kale"),
    ("bok choy", "Cabbage, chinese (pak-choi)"),
    ("brazil nuts", "Nuts, brazilnuts"),
    ("pitta", "Bread, pita, white"),  # a British spelling takes the plain form of the word it stands for
    ("wholemeal pitta", "Bread, pita, whole-wheat"),
    ("wholegrain toast", "Bread, whole-wheat"),
])
def test_typos_plurals_british_spelling_word_order(phrase, head):
    assert look_up_food(phrase).food.name.startswith(head)


@pytest.mark.parametrize(("phrase", "state_word"), [
    ("steamed broccoli", "cooked"),
    ("cooked spinach", "cooked"),
    ("boiled egg", "hard-boiled"),
    ("raw carrots", "raw"),
    ("canned salmon", "canned"),
    ("fried fish", "cooked"),  # "dry heat" is a way of cooking, not a dried food
    ("square sausage", "cooked"),  # sausages are eaten cooked
])
def test_preparation_words_choose_the_preparation(phrase, state_word):
    assert state_word in look_up_food(phrase).food.name


@pytest.mark.parametrize(("phrase", "name"), [
    ("1 cup basil leaves", "Basil, fresh"),  # an herb SR28 names fresh is not a dried spice
    ("1 tablespoon minced fresh flat-leaf parsley", "Parsley, fresh"),  # "fresh" said is the "fresh" named
    ("1 teaspoon dried basil", "Spices, basil, dried"),
    ("3 bell peppers", "Peppers, sweet"),  # the plural names the vegetable...
    ("1/2 teaspoon pepper", "Spices, pepper, black"),  # ... the singular the spice
])
def test_fresh_herbs_and_vegetable_peppers_are_not_spices_unless_said(phrase, name):
    assert look_up_food(phrase).food.name.startswith(name)


@pytest.mark.parametrize(("phrase", "name"), [("semi skimmer milk", "semi skimmed milk"),
                                             ("semi skimed milk", "semi skimmed milk")])
def test_a_misspelt_word_inside_a_known_name_still_reads_as_the_name(phrase, name):
    assert look_up_food(phrase).food == look_up_food(name).food


def test_a_short_word_is_not_corrected_into_another_food():
    assert look_up_food("samp").status == "unknown"  # not "swamp cabbage"


@pytest.mark.parametrize(("phrase", "not_this"), [
    ("1/4 cup sherry", "Cherries"),  # an English word SR28 lacks is not a typo of one it has
    ("2 tablespoons harissa", "Carissa"),  # a typo seldom changes the first letter
])
def test_a_real_word_is_not_corrected_into_another_food(phrase, not_this):
    result = look_up_food(phrase)
    assert result.food is None or not_this.lower() not in result.food.name.lower()


@pytest.mark.parametrize(("phrase", "head"), [("barbecued chicken", "Chicken"), ("2 kiwis", "Kiwifruit"),
                                              ("spinich", "Spinach"), ("buttered toast", "Bread")])
def test_a_word_made_from_a_food_word_and_a_typo_still_read_as_the_food(phrase, head):
    result = look_up_food(phrase)
    assert result.food is not None and result.food.name.startswith(head)


@pytest.mark.parametrize("phrase", ["1 ounce triple sec", "1/2 cup spicy Egyptian dukkah", "2 teaspoons ground sumac",
                                    "1 teaspoon green Chartreuse"])
def test_a_food_sr28_lacks_is_unknown_not_a_food_sharing_a_describing_word(phrase):
    assert look_up_food(phrase).status == "unknown"


@pytest.mark.parametrize(("phrase", "head"), [("chicken shawarma", "Chicken"), ("bulgur pilav", "Bulgur"),
                                              ("water to cover", "Beverages, water"),
                                              ("2 ounces ricotta salata", "Cheese, ricotta")])
def test_a_food_named_before_a_word_sr28_lacks_is_that_food(phrase, head):
    result = look_up_food(phrase)
    assert result.food is not None and result.food.name.startswith(head)


@pytest.mark.parametrize(("phrase", "name"), [("gluten free bread", "Bread, gluten-free"),
                                              ("gluten-free toast", "Bread, gluten-free"),
                                              ("gf biscuits", "Cookies, gluten-free"),
                                              ("1/2 ounce sugar syrup", "Syrups, table blends")])
def test_what_a_food_is_free_of_is_not_what_it_has(phrase, name):
    assert look_up_food(phrase).food.name.startswith(name)  # not "Bread, protein (includes gluten)"


def test_a_british_spelling_that_is_an_english_word_reads_as_the_food():
    assert look_up_food("chilli").food == look_up_food("chili").food


def test_result_has_ranked_runners_up_and_parse():
    result = look_up_food("2 cups spinach")
    assert result.understood == "2 cups | spinach"
    assert result.score is not None and len(result.alternatives) >= 3
    scores = [a.score for a in result.alternatives]
    assert scores == sorted(scores, reverse=True) and scores[0] <= result.score


def test_close_runner_up_that_changes_calcium_is_ambiguous():
    # Raw or cooked spinach: close in name, far apart in calcium per 100 g.
    spinach = look_up_food("spinach")
    assert spinach.ambiguous and [f.id for f in spinach.ask_about] == ["11458"]
    # Plain almonds and a banana are plainly what was asked for.
    assert not look_up_food("10 almonds").ambiguous
    assert not look_up_food("a banana").ambiguous
    assert not look_up_food("1 cup whole milk").ambiguous


def test_an_unlikely_runner_up_is_not_asked_about():
    # Nobody means human milk by "milk"; instant fortified oatmeal is a real choice, with far more calcium.
    assert not look_up_food("a glass of milk").ambiguous
    assert look_up_food("goat milk").food.name.startswith("Milk, goat")
    assert [f.name.split(",")[2].strip() for f in look_up_food("oatmeal").ask_about] == ["instant"]


@pytest.mark.parametrize(("phrase", "grams", "basis"), [
    ("toast", 45, "two slices"),  # not SR28's "cup, crumbs", nor one slice
    ("bread", 56, "two slices"),
    ("peanut butter", 32, "2 tablespoons"),  # a usual portion of nut butter, not a cup (258 g)
    ("hummus", 15, "1 tbsp"),
    ("tea", 237, "1 cup"),  # not SR28's first "1 fl oz"
    ("milk", 244, "1 cup"),
    ("cheese", 30, "a slice or a matchbox-sized piece"),  # the usual portion of its kind, portions.toml
    ("salmon", 120, "a fillet"),
    ("dark chocolate", 25, "a few squares"),  # not SR28's 101 g bar
    ("ice cream", 66, "1 serving 1/2 cup"),
])
def test_a_usual_portion_is_assumed_when_no_amount_is_given(phrase, grams, basis):
    result = look_up_food(phrase)
    assert result.portion_assumed and result.grams == grams and result.portion.startswith(basis)


@pytest.mark.parametrize(("phrase", "grams"), [("a yogurt", 125), ("2 coffees", 474), ("a latte", 244),
                                               ("a coke", 330)])
def test_a_count_of_a_food_not_sold_in_items_is_so_many_usual_portions(phrase, grams):
    assert look_up_food(phrase).grams == grams


def test_a_weak_match_reached_by_guessing_at_a_word_is_unknown():
    # "marcha" read as "martha" matches only a brand of biscuit mixes, weakly (SR28 has no matcha either; the
    # lexicon now names it as green tea)
    assert look_up_food("marcha").status == "unknown"
    assert "tea, green" in look_up_food("matcha").food.name
    assert look_up_food("avacado").status == "ok"  # a sure match through a typo stands


def test_a_dry_mix_is_not_the_plain_food():
    assert "mix" not in look_up_food("pancakes").food.name


def test_a_length_in_a_measure_is_not_a_count():
    # SR28 lists a six-inch sub as 6 x "inch sub" (237 g); one sub is not a sixth of that.
    result = look_up_food("a tuna sandwich")
    assert result.grams == 237 and "6-inch sub" in result.portion


def test_same_input_same_answer():
    first = look_up_food("a handful of almonds").model_dump()
    assert all(look_up_food("a handful of almonds").model_dump() == first for _ in range(3))


def test_matcher_is_built_once():
    assert food_matcher() is food_matcher()


def test_letters_no_accent_decomposes_are_folded_not_split():
    from knowledge.text import words

    assert words("köfte cacık") == ["kofte", "cacik"]  # not "cac" + "k" (a breakfast cereal)


@pytest.mark.parametrize(("phrase", "grams"), [("apple", 182), ("an apple", 182), ("strawberries", 147)])
def test_a_fruit_named_alone_is_one_medium_fruit_unless_one_is_too_small(phrase, grams):
    assert look_up_food(phrase).grams == grams


@pytest.mark.parametrize(("phrase", "plain"), [("a little milk", "milk"), ("a big coffee", "a coffee")])
def test_a_size_said_of_a_food_without_sizes_scales_its_usual_portion(phrase, plain):
    sized, usual = look_up_food(phrase).grams, look_up_food(plain).grams
    assert sized != usual and 0.4 * usual <= sized <= 1.6 * usual


@pytest.mark.parametrize(("phrase", "plain"), [("loads of cheese", "cheese"), ("lots of milk", "milk"),
                                               ("a lot of spinach", "spinach")])
def test_a_food_said_as_much_with_no_number_is_more_than_its_usual_portion(phrase, plain):
    assert look_up_food(phrase).grams == pytest.approx(1.5 * look_up_food(plain).grams)


def test_a_misspelt_general_word_takes_the_plain_form_of_the_word_it_stands_for():
    assert look_up_food("tomatoe").food.name.startswith("Tomatoes, red, ripe, raw")  # not green tomatoes


def test_a_products_plain_form_wins_over_its_variants():
    assert look_up_food("cheerios").food.name == "Cereals ready-to-eat, GENERAL MILLS, CHEERIOS"  # not Chocolate
    assert "Chocolate" in look_up_food("chocolate cheerios").food.name


def test_a_product_said_by_its_name_is_that_product_not_a_fortified_one_named_longer():
    # SR28 writes "KELLOGG, KELLOGG'S RAISIN BRAN": the maker said twice is no part of the product's name, so
    # plain "raisin bran" is not General Mills' TOTAL Raisin Bran with 1,887 mg of calcium per 100 g
    assert look_up_food("raisin bran").food.id == "08060"


@pytest.mark.parametrize(("phrase", "name"), [
    ("1 scoop whey in water", "Protein powder whey based"),  # a name before "in"/"with" leads
    ("oj with ice", "Orange juice"),
    ("red and yellow peppers", "Peppers, sweet"),  # "and" joins modifiers: not red wine
    ("juice and zest of 2 lemons", "Lemon"),
])
def test_a_name_before_with_or_in_is_the_food_and_one_before_and_is_not(phrase, name):
    assert name.lower() in look_up_food(phrase).food.name.lower()


@pytest.mark.parametrize(("phrase", "name"), [
    ("soft tofu", "Tofu, soft"),  # a word that picks another food of the head overrides a plain form
    ("silken tofu", "Tofu, soft"),
    ("brown rice", "Rice, brown"), ("wild rice", "Wild rice"),  # "rice" alone is white long-grain
])
def test_the_plain_form_of_a_food_gives_way_to_a_word_that_names_another_of_its_kind(phrase, name):
    assert look_up_food(phrase).food.name.startswith(name)


def test_tofu_of_unsaid_kind_is_asked_about_as_its_calcium_varies_threefold():
    assert any("calcium sulfate" in f.name for f in look_up_food("tofu").ask_about)


@pytest.mark.parametrize(("phrase", "name"), [
    ("chicken shawarma", "Chicken, broilers or fryers, breast"),  # not chicken feet
    ("fish pakora", "Fish, cod"),  # not fish broth
    ("lamb rogan josh", "Lamb, domestic, composite"),
    ("beef rendang", "Beef, composite of trimmed retail cuts"),  # plain beef, not corned beef
    ("roast beef", "Beef, composite of trimmed retail cuts"),  # not 28 g of pastrami
])
def test_a_dish_word_sr28_does_not_know_leaves_the_plain_form_of_the_food_it_is_made_of(phrase, name):
    assert look_up_food(phrase).food.name.startswith(name)


def test_a_drink_with_no_amount_is_a_serving_not_one_fluid_ounce():
    from knowledge.foods.lookup import look_up_food

    result = look_up_food("options hot chocolate", eaten=True)
    assert result.food is not None and "prepared with water" in result.food.name  # a sachet made with water
    assert 150 <= (result.grams or 0) <= 250


@pytest.mark.parametrize(("phrase", "low", "high"), [
    ("carrot sticks", 60, 100),  # how the carrot is cut, not one 10 g stick
    ("apple slices", 100, 200),
    ("2 carrot sticks", 15, 25),  # a number counts the sticks
    ("garlic cloves", 2, 6),  # a clove is a part of the bulb, not a cut
])
def test_a_cut_said_after_the_food_without_a_number_is_a_usual_portion(phrase, low, high):
    from knowledge.foods.lookup import look_up_food

    assert low <= (look_up_food(phrase, eaten=True).grams or 0) <= high


def test_a_pickle_is_a_spear_or_a_spoonful_not_a_portion_of_vegetables():
    from knowledge.foods.lookup import look_up_food

    assert 20 <= (look_up_food("pickle", eaten=True).grams or 0) <= 40
    assert 25 <= (look_up_food("a pickle", eaten=True).grams or 0) <= 60


@pytest.mark.parametrize(("phrase", "not_this", "but"), [
    ("cornbread", "dry mix", "cornbread, prepared"),  # a dry mix is what goes into the oven, not what is eaten
    ("cream", "Cheese", "Cream, fluid"),  # cream by itself is the liquid, as in "coffee with cream"
    ("double cream", "Frybread", "heavy whipping"),  # no slip for Trinidad's doubles
])
def test_a_food_as_eaten_not_its_mix_nor_a_lookalike(phrase, not_this, but):
    food = look_up_food(phrase).food
    assert food is not None and not_this not in food.name and but in food.name, food


def test_a_mix_said_as_a_mix_is_the_mix():
    food = look_up_food("1 box cornbread mix").food
    assert food is not None and "dry mix" in food.name


@pytest.mark.parametrize(("phrase", "name"), [
    # brands of ordinary foods are their generic form
    ("lurpak", "Butter"), ("blue band", "Margarine"), ("2 slices of warburtons", "Bread, white"),
    ("a müller corner", "Yogurt, fruit"), ("philadelphia", "Cheese, cream"), ("dairylea", "Cheese spread"),
    # and regional words
    ("trim milk", "Milk, nonfat"), ("grits", "grits, white, regular and quick, enriched, cooked"),
    ("two eggs over easy", "Egg, whole, cooked, fried"), ("rooibos", "other than chamomile"),
    ("6 pierogi", "Dumpling, potato- or cheese-filled"),  # SR28 has the finished dumpling
])
def test_brands_and_regional_words_of_ordinary_foods(phrase, name):
    food = look_up_food(phrase).food
    assert food is not None and name in food.name, food



@pytest.mark.parametrize(("plural", "singular"), [("chapatis", "chapati"), ("kiwis", "kiwi"), ("bhajis", "bhaji")])
def test_a_word_borrowed_with_an_i_singular_meets_its_plural(plural, singular):
    from knowledge.text import stem

    assert stem(plural) == stem(singular)
    assert look_up_food(f"2 {plural}").food == look_up_food(singular).food


def test_a_home_made_flatbread_is_counted_at_its_own_weight():
    assert look_up_food("2 chapatis").grams == look_up_food("roti").grams == 110  # two usual ones, not SR28's 68 g


@pytest.mark.parametrize(("line", "name"), [
    ("4 tablespoons extra-virgin olive oil or bacon fat", "Oil, olive"),  # not "olive oil fat", a mayonnaise
    ("red wine or balsamic vinegar", "Vinegar, red wine"),  # the last word shared, where that reads surely
    ("fine yellow or white polenta", "Cereals, corn grits, yellow"),
])
def test_of_two_alternatives_the_first_reading_that_is_sure_wins(line, name):
    assert look_up_food(line).food.name.startswith(name)


@pytest.mark.parametrize(("line", "name"), [
    ("Confectioners’ sugar, for dusting", "Sugars, powdered"),
    ("8 ounces club soda.", "Beverages, carbonated, club soda"),
    ("6 ounces bittersweet chocolate", "Chocolate, dark"),
    ("1 teaspoon baking powder", "Leavening agents, baking powder, double"),
    ("1/4 cup vegetable oil", "Oil, soybean, salad or cooking"),
])
def test_american_recipe_names_reach_the_food_they_mean(line, name):
    result = look_up_food(line)
    assert result.food.name.startswith(name) and "hydrogenated" not in result.food.name


def test_sugar_with_no_amount_is_a_spoonful_whichever_sugar():
    assert look_up_food("powdered sugar").grams == look_up_food("sugar").grams < 10


@pytest.mark.parametrize(("line", "name"), [("1 large celery root, peeled", "Celeriac"), ("farro", "Spelt")])
def test_a_vegetable_or_grain_sr28_names_otherwise_is_found(line, name):
    assert look_up_food(line).food.name.startswith(name)  # not ginger root; not nothing
