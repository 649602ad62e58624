"""Composite dishes as their parts, and a day message read through the engine's diet step."""

import asyncio
import re

import pytest

from assistant.engine import Engine
from assistant.engine.intake import MAX_FOODS
from assistant.engine.state import Profile, Session
from knowledge.foods.dishes import dish_parts
from knowledge.foods.lookup import look_up_food
from knowledge.foods.matching import food_matcher

ENGINE = Engine()


def parts(phrase):
    reading = dish_parts(phrase)
    assert reading is not None, phrase
    return [p.phrase for p in reading.parts], list(reading.others)


@pytest.mark.parametrize(("phrase", "expected", "others"), [
    ("a cheese and tomato sandwich on granary bread",
     ["2 slices granary bread", "1 tsp butter", "40 g cheese", "40 g tomato"], []),
    ("a latte with oat milk", ["1 shot espresso", "200 ml oat milk"], []),
    ("tea and toast", ["1 mug tea", "30 ml semi-skimmed milk"], ["toast"]),  # toast is its own food
    ("green tea x4", ["4 mug green tea"], []),  # no milk in green tea
    ("black coffee", ["1 mug brewed coffee"], []),
    ("Weetabix x2 with semi-skimmed", ["2 weetabix", "125 ml semi-skimmed milk"], []),
    ("2 cheese sandwiches", ["4 slices bread", "2 tsp butter", "80 g cheese"], []),
    ("chicken curry with rice",
     ["60 g cooked onion", "60 g canned tomatoes", "1 tbsp canola oil", "1 cup rice", "120 g chicken"], []),
    ("porridge and eggs", ["40 g dry oats", "200 ml semi-skimmed milk"], ["eggs"]),
    ("cappucino", ["1 shot espresso", "200 ml semi-skimmed milk"], []),  # a dish word typed a little off
])
def test_a_dish_becomes_its_parts(phrase, expected, others):
    assert parts(phrase) == (expected, others)


@pytest.mark.parametrize("phrase", ["a muesli bar", "curry powder", "tea cake", "a banana", "salmon", "green chilli",
                                    "chilli flakes", "a red chilli"])
def test_a_food_named_after_a_dish_word_is_no_dish(phrase):
    assert dish_parts(phrase) is None


def test_the_usual_parts_are_said_to_be_assumed():
    reading = dish_parts("a flat white")
    assert reading is not None and all(p.assumed for p in reading.parts)
    named = dish_parts("a flat white with oat milk")
    assert named is not None and [p.assumed for p in named.parts] == [True, False]


def day(text):
    session = Session(step="diet", answered=["profile"], profile=Profile(age=40, sex="female"))
    return asyncio.run(ENGINE.respond(session, text))


def test_a_day_lists_each_part_of_each_dish():
    reply = day("a cheese and ham toastie, a flat white, a bag of crisps")
    names = [f.result.food.name for f in reply.session.foods]
    assert any(n.startswith("Bread") for n in names) and any("ham" in n.lower() for n in names)
    assert any(n.startswith("Milk") for n in names) and any("potato chips" in n for n in names)
    crisps = next(f.result for f in reply.session.foods if "potato chips" in f.result.food.name)
    assert crisps.grams == 25  # a usual bag, not SR28's 227 g sharing bag
    assert "a cheese and ham toastie: 2 slices bread" in reply.text and "a usual part of the dish" in reply.text


def test_chatter_about_the_day_is_not_taken_for_food():
    reply = day("i dont do breakfast. lunch is like a jacket potato with beans, if im honest")
    said = [f.result.text for f in reply.session.foods]
    assert said and not any("dont" in s or "honest" in s for s in said)
    assert "no food in the table matches" not in reply.text
    assert "Not read as food: 'i dont do', 'if im honest'" in reply.text  # set aside, but said back


def test_a_part_left_out_is_said_back_not_counted():
    reply = day("caesar salad, no croutons")
    assert "Left out, as you said: 'no croutons'" in reply.text
    assert not any("crouton" in f.result.food.name.lower() for f in reply.session.foods)


@pytest.mark.parametrize(("text", "foods"), [
    ("oats soaked overnight in kefir", ["Cereals, oats", "Kefir"]),
    ("eggs fried in butter", ["Egg, whole, cooked, fried", "Butter"]),
    ("rice cooked in coconut milk", ["Rice, white", "Nuts, coconut milk"]),
])
def test_a_food_made_in_another_counts_both(text, foods):
    names = [f.result.food.name for f in day(text).session.foods]
    assert len(names) == len(foods) and all(n.startswith(f) for n, f in zip(names, foods, strict=True))


@pytest.mark.parametrize(("text", "food"), [
    ("bhindi", "Okra, cooked"),  # named another way: the food's own word decides it is eaten cooked
    ("green beans", "Beans, snap, green, cooked"),
    ("a cup of lentils", "Lentils, mature seeds, cooked"),
    ("raw okra", "Okra, raw"),  # unless the phrase says how it was eaten
    ("a baked potato", "Potatoes, baked"),
    ("veg", "Vegetables, mixed, frozen, cooked"),  # not tinned, unless said
    ("bok choy", "Cabbage, chinese (pak-choi), cooked"), ("swiss chard", "Chard, swiss, cooked"),
])
def test_foods_eaten_cooked_are_taken_cooked_in_a_day(text, food):
    item = day(text).session.foods[0].result
    assert item.food.name.startswith(food)
    raw = ", raw" in item.food.name
    assert all((", raw" in q.name) == raw for q in item.ask_about)  # not asked "raw or cooked?" again


@pytest.mark.parametrize(("text", "counted", "other"), [
    ("a burger or a kebab", ["a burger"], "a kebab"),
    ("a meat pie at lunch or a sanga", ["a meat pie"], "a sanga"),  # the choice is a dish of its own
    ("toast, or cereal with milk", ["toast"], "cereal with milk"),
])
def test_of_two_choices_the_first_is_counted_and_the_other_said_back(text, counted, other):
    reply = day(text)
    assert sorted({f.result.dish or f.result.text for f in reply.session.foods}) == counted
    assert f"not '{other}'" in reply.text


@pytest.mark.parametrize(("text", "phrases"), [
    ("cheese and crackers", ["cheese", "crackers"]),  # two foods, though SR28 has cheese crackers
    ("cheese and onion crisps", ["cheese and onion crisps"]),  # two flavours of one food
    ("mac and cheese", ["mac and cheese"]),
    ("L&P", ["L&P"]),  # a name with '&' in it, not two foods
    ("hummus & pepper sticks", ["hummus", "pepper sticks"]),
])
def test_and_joins_two_foods_unless_one_food_is_named_by_both(text, phrases):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == phrases


@pytest.mark.parametrize(("text", "phrases"), [
    ("toast a banana a yogurt", ["toast", "a banana", "a yogurt"]),
    ("half a banana", ["half a banana"]),  # "a" goes on with the same food after these
    ("toast with a boiled egg", ["toast", "a boiled egg"]),
    ("tea twice a day", ["2 mug tea", "60 ml semi-skimmed milk"]),  # not "tea" and "a day"
    ("an apple an orange", ["an apple", "an orange"]),
    ("gluten free bread low fat yogurt", ["gluten free bread", "low fat yogurt"]),  # not "gluten", "free bread"
])
def test_a_food_typed_without_a_comma_starts_at_its_article(text, phrases):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == phrases


@pytest.mark.parametrize(("text", "phrases"), [
    ("chicken and veg for tea with a few potatoes", ["chicken", "veg", "a few potatoes"]),  # tea, the meal
    ("a biscuit for tea with milk", ["1 mug tea", "30 ml milk", "a biscuit"]),
])
def test_for_tea_is_a_meal_unless_what_follows_goes_with_the_drink(text, phrases):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == phrases


@pytest.mark.parametrize(("phrase", "expected"), [
    ("a big salad", ["75 g lettuce", "75 g tomatoes", "45 g cucumber", "1.5 tbsp olive oil"]),
    ("a small coffee", ["0.5 mug brewed coffee", "15 ml semi-skimmed milk"]),
    ("2 large lattes", ["3 shot espresso", "600 ml semi-skimmed milk"]),
])
def test_a_size_said_of_a_dish_scales_each_part(phrase, expected):
    assert parts(phrase)[0] == expected


def test_a_sandwich_whose_filling_is_not_said_is_a_ham_sandwich_not_a_cheese_one():
    # the outside corpus's writer: "sandwich (1, filling not stated, e.g. ham)"; 30 g of cheddar would add
    # 213 mg of calcium nobody said
    assert parts("a sandwich")[0] == ["2 slices bread", "30 g sliced ham", "1 tsp butter"]
    assert parts("a cheese sandwich")[0] == ["2 slices bread", "1 tsp butter", "40 g cheese"]


def test_a_size_said_of_a_dish_leaves_the_amounts_the_person_gave():
    said = parts("a big mug of tea with 2 sugars and a bacon butty")[0]
    assert "2 sugars" in said and "1.5 mug tea" in said and "bacon butty" in said  # not "1.5 bacon butty"


@pytest.mark.parametrize(("phrase", "part"), [
    ("porridge with a little milk", "100 ml milk"),  # a size said of a named part scales the part's amount
    ("tea with a little milk", "15 ml milk"),
    ("porridge with lots of milk", "300 ml milk"),  # much: half as much again
])
def test_a_named_part_said_with_a_size_scales_the_usual_amount(phrase, part):
    assert part in parts(phrase)[0]


@pytest.mark.parametrize(("text", "phrases"), [
    ("overnight oats with soy milk (Alpro) and berries", ["40 g oats", "200 ml soy milk", "berries"]),  # a brand
    ("1 scoop whey in water after training", ["1 scoop whey in water"]),  # a time, not a food
])
def test_a_bracketed_brand_of_the_food_before_it_and_a_time_are_no_second_food(text, phrases):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == phrases


def test_a_usual_part_said_after_the_dish_is_that_part_not_a_second_portion():
    assert parts("pasta with pesto and a bit of parmesan") == (["200 g pasta", "2 tbsp pesto", "bit of parmesan"], [])


def test_a_cheese_named_in_a_pasta_dish_is_its_cheese_not_a_second_one():
    assert parts("pasta bake w cheese")[0] == ["200 g pasta", "30 g cheese", "1 tbsp olive oil"]


def test_a_bracket_naming_a_part_of_the_dish_with_its_amount_fills_that_part():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("porridge made with milk (about a cupful of oats)", food_matcher())
    assert [p.text for p in read.phrases] == ["about a cupful of oats", "200 ml milk"]


def test_a_negated_choice_is_no_choice():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("i dont eat meat or fish but i eat eggs", food_matcher())
    assert not read.other_choices and [p.text for p in read.phrases] == ["eggs"]


def test_choices_inside_what_is_left_out_are_all_left_out():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("no onion, garlic or root veg", food_matcher())
    assert not read.phrases and not read.other_choices and read.left_out


def test_a_message_naming_too_many_foods_counts_none_of_them():
    reply = day(", ".join(["an egg"] * (MAX_FOODS + 1)))
    assert not reply.session.foods
    assert f"I read at most {MAX_FOODS}" in reply.text and reply.step == "diet"


@pytest.mark.parametrize(("text", "foods"), [
    ("chicken breast rice", ["chicken breast", "rice"]),  # typed without a comma
    ("greek yogurt honey", ["greek yogurt", "honey"]),
    ("oat milk", ["oat milk"]),  # two words are one food as said, even one SR28 lacks
    ("a bowl of ice cream", ["a bowl of ice cream"]),
    ("cottage cheese", ["cottage cheese"]),
])
def test_foods_run_together_are_cut_only_where_each_side_is_surely_a_food(text, foods):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == foods


def test_a_dish_said_by_its_weight_has_its_parts_scaled_to_that_weight():
    reply = day("tuna salad sandwich on rye, 300 ml lentil soup")
    sandwich = [f.result for f in reply.session.foods if f.result.dish == "tuna salad sandwich on rye"]
    # the salad is one 40 g filling, in grams, under the sandwich: not 40 salads (2 kg of lettuce)
    assert 90 <= sum(r.grams for r in sandwich) <= 150
    assert any(r.text.endswith("g lettuce") for r in sandwich) and all(r.grams <= 70 for r in sandwich)
    assert all(f.result.grams < 700 for f in reply.session.foods)


def test_a_named_food_that_is_a_usual_part_of_the_dish_counts_once():
    reply = day("poha with peanuts")
    peanuts = [f.result for f in reply.session.foods if "Peanuts" in f.result.food.name]
    assert len(peanuts) == 1 and not peanuts[0].part_assumed


@pytest.mark.parametrize(("text", "aside", "foods"), [
    ("chicken fajitas once my husband is home and chocolate once they're all in bed",
     ["once my husband is home", "once they're all in bed"], ["chocolate"]),
    ("when i get home a bowl of cereal", ["when i get home"], ["cereal"]),
    ("I have 3 kids so I pick at their food, toast", ["3 kids"], ["toast"]),  # people are no food
    ("I'm a baker so I eat bread all day", ["I'm a baker"], ["bread"]),  # what a person is, no baker's yeast
    ("a family size bag of crisps", ["a family size"], ["bag of crisps"]),
    ("chinese student in melbourne. toast", ["chinese student in melbourne"], ["toast"]),  # who the person is
])
def test_a_clause_about_the_day_or_people_is_said_back_not_eaten(text, aside, foods):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods(text, food_matcher())
    assert all(a in read.set_aside for a in aside)
    said = " ".join(p.text for p in read.phrases)
    assert all(f in said for f in foods) and "husband" not in said and "kids" not in said


def test_a_count_of_the_dish_after_a_joined_food_leaves_that_food_beside_it():
    assert parts("2L water and 3 or 4 teas") == (["3.5 mug brewed black tea", "105 ml semi-skimmed milk"], ["2l water"])


@pytest.mark.parametrize(("text", "phrases"), [
    ("Tea with the family at 6, toast", ["1 mug tea", "30 ml semi-skimmed milk", "toast"]),  # a bare hour
    ("fish and chips with the family",
     ["150 g fried battered fish fillet", "200 g family style restaurant french fries"]),
    ("Home by 12, then toast", ["toast"]),
])
def test_people_and_hours_said_with_a_dish_are_no_part_of_it(text, phrases):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == phrases


@pytest.mark.parametrize(("phrase", "first"), [
    ("a bowl of cheerios cereal", "a bowl of cheerios cereal"),  # the cereal named, not a second one beside it
    ("bran flakes cereal with milk", "1 serving bran flakes cereal"),
    ("and a big bowl of cereal", "a big bowl of cereal"),  # a size is no name
])
def test_a_name_before_a_dish_word_said_as_itself_is_that_part(phrase, first):
    said, others = parts(phrase)
    assert said[0] == first and len(said) == 2 and not others


@pytest.mark.parametrize(("phrase", "part"), [
    ("porridge with cream", "30 ml cream"), ("cereal with cream", "30 ml cream"),  # not the milk's 200 or 125 ml
    ("porridge with a little condensed milk", "15 ml condensed milk"),
    ("tea with evaporated milk", "30 ml evaporated milk"), ("porridge with milk", "200 ml milk"),
    ("cereal with 100ml cream", "100ml cream"),  # an amount said is kept
])
def test_a_food_used_by_the_spoonful_fills_a_slot_by_the_spoonful(phrase, part):
    assert part in parts(phrase)[0]


def test_canned_milk_alone_is_a_couple_of_spoonfuls_not_a_cup():
    assert look_up_food("condensed milk").grams == 30 and look_up_food("1 cup evaporated milk").grams > 200


def test_a_sauce_on_another_food_is_no_pasta_dish():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("chicken with pesto and courgette", food_matcher())
    assert [p.text for p in read.phrases] == ["chicken", "pesto", "courgette"]  # no 200 g of pasta nobody ate


@pytest.mark.parametrize(("phrase", "expected"), [
    ("mango chutney", ["30 g mango"]),  # a spoonful or two, not a whole mango (336 g)
    ("2 dosa with tomato chutney", ["70 g uncooked white rice", "24 g raw mungo beans", "2 tsp sunflower oil",
                                    "30 g tomato"]),  # one serving of the chutney for both, not two tomatoes
])
def test_a_chutney_is_a_spoonful_of_what_it_is_made_of(phrase, expected):
    from assistant.engine.diet import split_foods

    assert [p.text for p in split_foods(phrase, food_matcher()).phrases] == expected


def test_a_dish_named_inside_a_counted_dish_is_one_serving_of_it():
    from assistant.engine.diet import split_foods

    lentils = [p.text for p in split_foods("3 idli with sambar", food_matcher()).phrases if "lentils" in p.text]
    assert lentils == ["150 g cooked lentils"]  # one bowl of sambar, not three (450 g)


def test_a_named_filling_weighs_what_the_usual_filling_weighs():
    assert "40 g salmon" in parts("2 onigiri with salmon")[0]  # not two salmon fillets (712 g)


@pytest.mark.parametrize("phrase", ["2 onigiri from the konbini", "a curry from the takeaway", "a sandwich at work"])
def test_where_a_dish_was_had_is_no_part_of_it(phrase):
    assert not any(w in " ".join(parts(phrase)[0]) for w in ("konbini", "takeaway", "work"))


def test_an_age_is_no_food():
    reply = day("81 yrs old, porridge for breakfast")
    assert all(f.result.grams < 300 for f in reply.session.foods)
    assert not any("doughnut" in f.result.food.name.lower() for f in reply.session.foods)


@pytest.mark.parametrize(("text", "left_out", "eaten"), [
    ("so no milk, curd also I avoid", ["curd"], []),
    ("milk, I dont drink it. toast", ["milk"], ["toast"]),
    ("toast, I also have eggs", [], ["toast", "eggs"]),  # a verb that is no denial keeps the food before it
])
def test_a_denial_said_after_a_food_leaves_that_food_out(text, left_out, eaten):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods(text, food_matcher())
    assert read.left_out == left_out and [p.text for p in read.phrases] == eaten


def test_a_weekly_food_stops_where_but_brings_back_the_usual_day():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("Full irish on a saturday but normally brown bread and butter with a boiled egg", food_matcher())
    assert [p.text for p in read.phrases][-3:] == ["brown bread", "butter", "a boiled egg"]  # every day, not 1 in 7
    assert split_foods("tea but no milk", food_matcher()).left_out == ["no milk"]


def test_a_cup_of_a_drink_is_a_serving_not_a_weight():
    assert parts("a cup of tea")[0] == ["1 mug tea", "30 ml semi-skimmed milk"]


def test_a_food_eaten_with_another_before_the_dish_word_is_beside_the_dish():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("hard dough bread with cheese and cocoa tea", food_matcher())
    outside = [p.text for p in read.phrases if p.dish is None]
    assert outside == ["hard dough bread", "cheese"]  # not in the tea
    assert {p.dish for p in read.phrases if p.dish} == {"cocoa tea"}


@pytest.mark.parametrize(("text", "food"), [
    ("I do have a hot chocolate", "a hot chocolate"),
    ("I go through a pint of milk a day", "a pint of milk"),  # a verb of two words
])
def test_a_verb_after_a_helping_word_leads_into_a_food(text, food):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods(text, food_matcher())
    assert [p.text for p in read.phrases] == [food] and not read.set_aside


@pytest.mark.parametrize(("text", "first"), [
    ("semi skimmed in tea (about 5 cups)", "5 mug tea"),  # an amount in brackets is how many
    ("weetabix (3) with hot milk", "3 weetabix"),
    ("fruit (papaya)", "fruit (papaya)"),  # a food in brackets stays
    ("a sandwich (ham and cheese)", "2 slices bread"),  # ... foods in brackets after a dish are in it
])
def test_an_amount_in_brackets_counts_the_food_before_it(text, first):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert split_foods(text, food_matcher()).phrases[0].text == first


def test_a_long_heading_about_the_day_is_said_back_and_its_foods_read():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("I follow a mediterranean diet for my heart: wholegrain toast with olive oil", food_matcher())
    assert read.set_aside == ["I follow a mediterranean diet for my heart"]
    assert [p.text for p in read.phrases][0] == "wholegrain toast"


@pytest.mark.parametrize(("text", "phrases"), [
    ("I drink a lot of milk, maybe a litre a day", ["a litre milk"]),  # an amount alone weighs the food
    ("some fruit like pawpaw", ["some fruit like pawpaw"]),  # one food named by its kind
    ("peanut butter on rice cakes", ["peanut butter", "rice cakes"]),  # the joining word goes with neither
    ("dinner varies, pasta", ["pasta"]),
])
def test_amounts_examples_and_joining_words_between_foods(text, phrases):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == phrases


def test_an_amount_said_after_a_food_weighs_it_in_a_whole_message():
    foods = day("I drink a lot of milk, maybe a litre a day. Cereal").session.foods
    milk = foods[0].result
    assert milk.food.name.startswith("Milk") and 1000 <= milk.grams <= 1050
    assert not any(f.result.status == "unknown" for f in foods)  # "a day" is not taken for a food


def test_an_amount_of_a_dish_after_the_food_it_is_eaten_with_stays_with_the_dish():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("a boiled egg and toast with a pot of tea", food_matcher())
    assert [p.text for p in read.phrases if p.dish is None] == ["a boiled egg", "toast"]
    assert {p.dish for p in read.phrases if p.dish} == {"a pot of tea"}


@pytest.mark.parametrize(("text", "phrases"), [
    ("roast chicken veg", ["roast chicken", "veg"]),  # "veg" is a name SR28 spells otherwise; the chicken stays
    ("pasta n sauce", ["pasta", "sauce"]),  # "n" is "and"
    ("mac n cheese", ["mac and cheese"]),  # ... and a name with it stays one food
    (" evening sundal", ["sundal"]),  # a lead-in word after a space is still a lead-in
])
def test_names_spelt_otherwise_and_informal_joins_keep_every_food(text, phrases):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == phrases


def test_a_dish_named_with_and_is_kept_whole_inside_another():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("jerk chicken with rice and peas", food_matcher())
    texts = [p.text for p in read.phrases]
    assert any("kidney beans" in t for t in texts) and "peas" not in texts  # the peas of rice and peas are beans


@pytest.mark.parametrize(("text", "gone"), [("tea, no milk", "milk"), ("a cheese sandwich, no butter", "butter")])
def test_a_part_left_out_in_the_next_clause_comes_out_of_the_dish(text, gone):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods(text, food_matcher())
    assert not any(gone in p.text for p in read.phrases) and read.left_out == [f"no {gone}"]


@pytest.mark.parametrize(("text", "phrases"), [
    ("chicken 200g rice 150g", ["chicken 200g", "rice 150g"]),  # a weight after its food ends it
    ("2 eggs 100 g spinach", ["2 eggs", "100 g spinach"]),  # ... unless the food before has its own amount
    ("About 2 litres of water", ["About 2 litres of water"]),  # no food before the weight: nothing to end
    ("milo in 300ml full cream milk", ["20 g malted drink mix chocolate powder", "300ml full cream milk"]),  # milk's
])
def test_weights_written_after_foods_separate_them(text, phrases):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods(text, food_matcher()).phrases] == phrases


def test_foods_in_brackets_after_a_dish_are_its_fillings():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods("a sandwich (ham and cheese)", food_matcher())
    assert [p.text for p in read.phrases][2:] == ["40 g ham", "40 g cheese"]


@pytest.mark.parametrize(("text", "phrases", "aside"), [
    ("black coffee till noon, then 2 eggs", ["1 mug brewed coffee", "2 eggs"], []),  # how long, no food
    ("nothing till dinner, which is steak pie", ["80 g baked pie crust", "100 g cooked ground beef",
                                                 "40 g beef gravy"], []),
    ("black coffee (intermittent fasting)", ["1 mug brewed coffee"], ["intermittent fasting"]),  # said back
])
def test_times_asides_and_brackets_about_the_day_are_no_food(text, phrases, aside):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods(text, food_matcher())
    assert [p.text for p in read.phrases] == phrases and read.set_aside == aside


@pytest.mark.parametrize(("phrase", "leaves"), [
    ("kale salad", "50 g kale"), ("a quinoa salad with rocket", "50 g rocket"), ("a chicken salad", "50 g lettuce"),
])
def test_named_salad_leaves_take_the_place_of_the_usual_lettuce(phrase, leaves):
    said = parts(phrase)[0]
    assert said[0] == leaves and sum("lettuce" in p or "kale" in p or "rocket" in p for p in said) == 1


def test_size_words_before_a_dish_are_no_food():
    assert parts("a big green salad") == parts("a salad")


def test_what_comes_with_a_food_of_its_own_after_a_dish_goes_with_that_food():
    assert parts("tea and toast with marmalade") == (["1 mug tea", "30 ml semi-skimmed milk"],
                                                      ["toast with marmalade"])


def test_a_count_of_dishes_multiplies_big_amounts_without_an_exponent():
    assert parts("5 lattes")[0] == ["5 shot espresso", "1000 ml semi-skimmed milk"]  # not "1e+03 ml"


def test_foods_after_a_colon_that_follows_a_condition_are_the_days_foods():
    reply = day("I'm on dialysis so I have to be careful: brocoli, rice with a bit of fish")
    assert [f.result.text for f in reply.session.foods] == ["broccoli", "rice", "a bit of fish"]  # a slip put right


def test_a_food_not_sure_enough_beside_a_condition_is_said_back_not_dropped():
    reply = day("on warfarin, brocollie")  # two slips from "broccoli": a guess, not sure
    assert not reply.session.foods and "Not counted: 'brocollie'" in reply.text


@pytest.mark.parametrize(("text", "named", "not_named"), [
    ("tomato soup", ["Soup, tomato"], []),  # SR28 has the very dish
    ("a bowl of lentil soup", ["Lentils", "broth"], ["with ham"]),  # SR28's lentil soup has ham nobody said
    ("vegetable chilli with rice", ["Beans, kidney", "Rice"], ["Chili con carne", "Beef"]),
    ("turkey chili", ["Turkey", "Beans, kidney"], ["Peppers"]),  # a chili of turkey, not a chili pepper
    ("a chicken pie", ["Pie crust", "Chicken"], ["Beef"]),  # a savoury pie of what it is said to hold
    ("cherry pie", ["Pie, cherry"], ["Pie crust"]),  # SR28 has the sweet ones
    ("a pie", ["Pie crust", "Beef"], ["blueberry"]),  # not the first pie SR28 lists
    ("macaroni pie", ["Macaroni and cheese"], ["Pie crust"]),  # a name in the lexicon is that food
    ("a bowl of soup", ["Soup, chunky vegetable"], []),  # the lexicon's usual soup
])
def test_sr28_has_a_dish_only_where_its_name_says_nothing_more_than_the_person(text, named, not_named):
    names = [f.result.food.name for f in day(text).session.foods if f.result.food]
    assert all(any(n in name for name in names) for n in named), names
    assert not any(n in name for n in not_named for name in names), names


@pytest.mark.parametrize(("text", "foods", "noted"), [
    # a medicine, condition or symptom named in the same clause as foods takes none of them
    ("i take omeprazole and eat lots of spinach", ["Spinach"], "proton-pump inhibitor"),
    ("lactation cookies and loads of water", ["Cookies", "water"], "breastfeeding"),
    # a clause referring to something unnamed counts the food it does name, not the words describing it
    ("whatever pasta is left over", ["Pasta"], None),
])
def test_foods_said_beside_a_fact_or_an_unnamed_thing_are_read(text, foods, noted):
    reply = day(text)
    names = [f.result.food.name for f in reply.session.foods if f.result.food]
    assert len(names) == len(foods) and all(any(f in n for n in names) for f in foods), names
    assert noted is None or noted in reply.text
    assert "Not counted" not in reply.text


def test_a_verb_starting_a_clause_is_no_food():
    reply = day("on warfarin, eat a lot of kale")
    assert [f.result.food.name.split(",")[0] for f in reply.session.foods] == ["Kale"]
    assert "eat a lot'" not in reply.text


@pytest.mark.parametrize(("text", "first"), [
    ("a Pret falafel wrap", "Bread, pita"), ("a latte from Costa", "Beverages, coffee, brewed, espresso"),
    ("crisps from the vending machine", "Snacks, potato chips"), ("a sandwich from the shop", "Bread"),
])
def test_the_shop_a_food_came_from_is_no_food(text, first):
    reply = day(text)
    assert reply.session.foods[0].result.food.name.startswith(first)
    assert "no food in the table" not in reply.text and "Not read as food" not in reply.text


def test_a_filling_run_together_is_each_food_at_the_filling_amount_and_a_usual_part_named_before_is_that_part():
    sushi = {f.result.food.name.split(",")[0]: f.result.grams for f in day("salmon avo sushi").session.foods}
    assert sushi.get("Avocados") == 30 and "Fish" in sushi and len(sushi) == 4  # rice, nori, salmon, avocado
    wrap = [f.result.food.name for f in day("hummus and falafel wrap").session.foods]
    assert sum(name.startswith("Hummus") for name in wrap) == 1


def test_brackets_after_a_meal_word_belong_to_the_food_before_it():
    reply = day("sushi rolls for lunch (salmon avo), tea")
    assert any(f.result.food.name.startswith("Avocados") for f in reply.session.foods)
    assert "no food named" not in reply.text


@pytest.mark.parametrize(("text", "named", "not_named"), [
    ("a hot chocolate made with oat milk", ["Cocoa mix"], ["Milk, chocolate beverage"]),  # its milk is the one said
    ("a caramel frappuccino", ["Milk", "coffee", "whipped"], ["Candies"]),  # the syrup's flavour is no candy
    ("a matcha latte", ["tea, green", "Milk"], ["espresso"]),  # no coffee in a tea latte
])
def test_drinks_made_up_with_milk_are_their_parts(text, named, not_named):
    names = [f.result.food.name for f in day(text).session.foods if f.result.food]
    assert all(any(n in name for name in names) for n in named), names
    assert not any(n in name for n in not_named for name in names), names


@pytest.mark.parametrize(("phrase", "has_milk"), [
    ("bircher muesli with apple & yoghurt", False),  # soaked in the yoghurt
    ("porridge with milk and yoghurt", True),  # a part the person names stays, whatever else is said
])
def test_a_usual_part_left_out_by_a_word_stays_when_named(phrase, has_milk):
    names = [f.result.food.name for f in day(phrase).session.foods]
    assert any(n.startswith("Milk") for n in names) == has_milk, names


def test_rotis_and_cheese_sauce_have_their_own_usual_portions():
    from knowledge.foods.lookup import look_up_food

    assert 90 <= (look_up_food("roti", eaten=True).grams or 0) <= 140  # two, as slices of bread are
    assert (look_up_food("cheese sauce", eaten=True).grams or 0) >= 60  # a sauce, not a piece of cheese


@pytest.mark.parametrize(("text", "named", "not_named"), [
    ("vegan sausages", ["meatless"], ["Pork"]),  # what rules animal foods out keeps the food it names
    ("a vegan protein shake", ["soy based"], ["whey"]),
    ("a vegan sausage roll", ["Puff pastry", "Sausage, meatless"], ["Pork", "MORNINGSTAR"]),  # ... in a dish too
])
def test_a_food_said_to_be_vegan_or_vegetarian_is_no_animal_food(text, named, not_named):
    names = [f.result.food.name for f in day(text).session.foods if f.result.food]
    assert all(any(n in name for name in names) for n in named), names
    assert not any(n in name for n in not_named for name in names), names


def test_a_vegan_food_sr28_lacks_is_asked_about_not_matched_to_the_animal_one():
    reply = day("vegan cheese")
    assert not reply.session.foods and "no food in the table matches" in reply.text


@pytest.mark.parametrize(("text", "foods"), [
    ("protein oats (oats, whey, frozen berries), tea", ["Cereals, oats", "Protein powder whey", "Blueberries"]),
    ("a sandwich (ham, cheese), crisps", ["Bread", "Ham", "Cheese", "potato chips"]),  # a dish's fillings
])
def test_a_list_of_foods_in_brackets_says_what_the_food_before_is(text, foods):
    names = [f.result.food.name for f in day(text).session.foods if f.result.food]
    assert all(any(f in n for n in names) for f in foods), names
    assert not any("EGGO" in n or "Fruit butters" in n for n in names)


@pytest.mark.parametrize(("text", "noted"), [
    ("a vegan protein shake (pea), toast", False),  # said of the shake, not of the person
    ("im vegan and eat tofu", True), ("vegan since 2019, toast", True),
])
def test_a_diet_said_of_a_food_is_not_the_persons_diet(text, noted):
    assert ("vegan" in day(text).session.profile.diet) == noted


def test_a_vegans_usual_dish_parts_are_not_animal_foods():
    session = Session(step="diet", answered=["profile"], profile=Profile(age=40, sex="female", diet=["vegan"]))
    reply = asyncio.run(ENGINE.respond(session, "overnight oats, a latte, milk"))
    names = [f.result.food.name for f in reply.session.foods if f.result.food]
    assert sum(n.startswith("Soymilk") for n in names) == 2  # the oats' and the latte's usual milk
    assert any(n.startswith("Milk") for n in names)  # the milk the person named is as named


@pytest.mark.parametrize(("text", "grams_low", "grams_high", "foods"), [
    ("tea 3 times a day", 850, 950, 2),  # three mugs and their milk, not a phantom "3 times a day" cereal
    ("2 coffees a day", 550, 650, 2),  # "a day" is how often, not a food
    ("a glass of milk twice a day", 450, 550, 1),
    ("tea, 3 times a day", 850, 950, 2),  # said as a part of its own, of the food before it
])
def test_how_many_times_a_day_multiplies_the_food_and_is_no_food(text, grams_low, grams_high, foods):
    reply = day(text)
    assert len(reply.session.foods) == foods
    assert grams_low <= reply.session.foods[0].result.grams <= grams_high
    assert "no food in the table" not in reply.text


@pytest.mark.parametrize(("text", "phrases", "aside"), [
    # a clause about the day ends at the first food after it, typed without a comma
    ("when i get home toast with lurpak", ["toast", "lurpak"], ["when i get home"]),
    ("when im hungry crisps", ["crisps"], ["when im hungry"]),
    ("fajitas once my husband is home", None, ["once my husband is home"]),  # "home" is no food
    ("wine if its the weekend", ["wine"], ["if its the weekend"]),
])
def test_a_clause_about_the_day_ends_where_a_food_begins(text, phrases, aside):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    read = split_foods(text, food_matcher())
    assert read.set_aside == aside
    if phrases is not None:
        assert [p.text for p in read.phrases] == phrases


def test_foods_typed_one_after_another_split_down_to_two_words():
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    assert [p.text for p in split_foods("rice beans chicken", food_matcher()).phrases] == ["rice", "beans", "chicken"]



@pytest.mark.parametrize(("typed", "as_words"), [
    ("mac & cheese from the box", "mac and cheese from the box"),  # a name that holds "and"
    ("2 cups of coffee w/ half & half", "2 cups of coffee with half and half"),
    ("bagel w/ lox", "bagel with lox"),
])
def test_an_ampersand_and_w_slash_read_as_and_and_with(typed, as_words):
    from assistant.engine.diet import split_foods
    from knowledge.foods.matching import food_matcher

    def read(text):
        return [p.text for p in split_foods(text, food_matcher()).phrases]

    assert read(typed) == read(as_words)


@pytest.mark.parametrize(("text", "powder_g", "milk_g"), [
    ("a mug of milo", 20, 206), ("2 mugs of milo", 40, 412),
    ("2 heaped spoons of milo in warm milk", 30, 206),  # the spoons are the powder's; one drink of milk
    ("Horlicks made with milk", 25, 206),
    ("a scoop of milo", 20, 206),  # an ice-cream scoop is no measure of powder
    ("30g ovaltine", 30, 206),  # a weight typed onto its unit
])
def test_a_drink_powder_is_made_up_with_milk_and_its_spoons_are_the_powders(text, powder_g, milk_g):
    from assistant.engine.diet import split_foods

    found = [look_up_food(p.text) for p in split_foods(text, food_matcher()).phrases]
    powder = next(r for r in found if "powder" in r.food.name)
    milk = next(r for r in found if r.food.name.startswith("Milk"))
    assert (round(powder.grams), round(milk.grams)) == (powder_g, milk_g)


@pytest.mark.parametrize(("text", "word"), [("2 shredded wheat with milk", "Shredded Wheat"),
                                           ("200g minced beef", "Beef, ground")])
def test_a_food_named_with_a_preparation_word_keeps_it(text, word):
    from assistant.engine.diet import split_foods

    assert word in look_up_food(split_foods(text, food_matcher()).phrases[0].text).food.name


@pytest.mark.parametrize(("text", "name"), [("a coke zero", "low calorie"), ("a pepsi", "cola"),
                                           ("nutella", "hazelnut spread"), ("a barqs", "root beer")])
def test_everyday_drink_and_snack_brands_are_their_generic_food(text, name):
    assert name in look_up_food(text, eaten=True).food.name


@pytest.mark.parametrize(("text", "share"), [("fish and chips on fridays", 1 / 7), ("pizza at the weekend", 2 / 7),
                                            ("roast chicken on a sunday", 1 / 7), ("porridge", 1.0),
                                            ("salmon 3x a week", 3 / 7), ("pizza on fridays and saturdays", 2 / 7),
                                            ("milk every day except sundays", 1.0)])
def test_a_food_had_on_some_days_of_the_week_counts_as_its_daily_average(text, share):
    from assistant.engine.diet import split_foods

    weekly = sum(look_up_food(p.text).grams or 0 for p in split_foods(text, food_matcher()).phrases)
    plain = re.split(r" (?:on|at|every|\d+x) ", text)[0]
    every_day = sum(look_up_food(p.text).grams or 0 for p in split_foods(plain, food_matcher()).phrases)
    assert weekly == pytest.approx(every_day * share, rel=0.02)


def test_a_weekly_food_is_said_to_be_averaged():
    session = Session(step="diet", answered=["profile"], profile=Profile(age=40, sex="female"))
    reply = Engine().reply_to(session, "toast for breakfast, fish and chips on fridays")
    assert "counted as a daily average: 'fish and chips on fridays (1 day in 7)'" in reply.text


@pytest.mark.parametrize(("text", "most_grams"), [("a turkey steak", 300), ("a watermelon", 700), ("an apple", 250)])
def test_one_item_is_one_persons_item(text, most_grams):
    assert look_up_food(text, eaten=True).grams <= most_grams


@pytest.mark.parametrize(("text", "name"), [("butter beans", "Lima beans"), ("some roast pork", "Pork, fresh, loin"),
                                           ("a turkey steak", "Turkey, breast")])
def test_regional_and_everyday_names_of_plain_foods(text, name):
    assert look_up_food(text, eaten=True).food.name.startswith(name)


def test_a_drink_powder_is_not_asked_about_against_the_drink_made_from_it():
    session = Session(step="diet", answered=["profile"], profile=Profile(age=40, sex="female"))
    reply = Engine().reply_to(session, "a mug of milo")
    assert not reply.session.questions, reply.text
