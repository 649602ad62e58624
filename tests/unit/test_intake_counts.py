"""A count of units said beside a per-unit strength multiplies it ("2 x 1000iu", "two 1000 iu tablets",
"1000iu x 2"); how often stays how often."""

import pytest

from assistant.engine import Engine
from assistant.engine.state import Profile, Session
from knowledge.intake.supplements import read_supplements

ENGINE = Engine()


def counted(text: str) -> dict[str, float]:
    """What the engine counts a day from ``text`` at the supplements step, by nutrient."""
    session = Session(step="supplements", answered=["profile", "diet"], profile=Profile(age=50, sex="female"))
    totals: dict[str, float] = {}
    for item in ENGINE.reply_to(session, text).session.supplements:
        if item.amount is not None and item.dose.nutrient:
            totals[item.dose.nutrient] = totals.get(item.dose.nutrient, 0.0) + item.amount
    return totals


@pytest.mark.parametrize(("text", "nutrient", "per_day"), [
    ("vitamin d 2 x 1000iu", "vitamin_d_ug", 50.0),
    ("vitamin d 2x1000iu", "vitamin_d_ug", 50.0),
    ("two 1000 iu tablets of vitamin d", "vitamin_d_ug", 50.0),
    ("3 softgels of 2000 IU vitamin d", "vitamin_d_ug", 150.0),
    ("vitamin d 3 softgels of 2000 iu", "vitamin_d_ug", 150.0),  # "d 3 softgels" is no D3
    ("vitamin d3 1000iu x 2", "vitamin_d_ug", 50.0),
    ("2 caps of 200mg magnesium glycinate", "magnesium_mg", 400.0),
    ("magnesium 250 mg x2", "magnesium_mg", 500.0),
    ("3 500mg calcium tablets", "calcium_mg", 1500.0),
])
def test_a_count_beside_a_strength_multiplies_it(text, nutrient, per_day):
    [dose] = read_supplements(text)
    assert (dose.nutrient, dose.amount) == (nutrient, per_day)


@pytest.mark.parametrize(("text", "per_day"), [
    ("2 x 1000 iu d3 twice a day", 100.0),  # two units, twice a day
    ("vitamin d 1000 iu x 3 a week", round(3 * 25 / 7, 2)),  # three units once a week
    ("vitamin d 1000 iu 2x daily", 50.0),  # a frequency, not a count: still twice
    ("vitamin d 1000 iu every other day", 12.5),
])
def test_frequencies_stay_frequencies_beside_a_count(text, per_day):
    [dose] = read_supplements(text)
    assert dose.amount == per_day


def test_a_count_beside_one_figure_is_not_a_frequency_for_the_others():
    doses = read_supplements("vitamin d 1000 iu x 2 and magnesium 200 mg")
    assert [(d.nutrient, d.amount) for d in doses] == [("vitamin_d_ug", 50.0), ("magnesium_mg", 200.0)]


def test_a_frequency_said_for_the_whole_message_applies_to_a_counted_figure():
    doses = read_supplements("1 x 4000 IU D3 + K2 (MK7 100ug) capsule every other day")
    assert [(d.nutrient, d.amount) for d in doses] == [("vitamin_d_ug", 50.0), ("vitamin_k_ug", 50.0)]


def test_a_d3_with_its_digit_is_still_the_form():
    [dose] = read_supplements("vitamin d3 2000 iu")
    assert (dose.form, dose.amount) == ("D3", 50.0)


def test_the_engine_counts_and_says_the_units():
    session = Session(step="supplements", answered=["profile", "diet"], profile=Profile(age=50, sex="female"))
    reply = Engine().reply_to(session, "two 1000 iu tablets of vitamin d3 every morning")
    [item] = reply.session.supplements
    assert item.amount == 50.0
    assert "50" in reply.text and "two" in reply.text


@pytest.mark.parametrize("text", [
    "viridian magnesium citrate 1 a day",  # one tablet a day, strength not said
    "had 2 lots of kidney stones (calcium oxalate)",  # how many times, and a stone's compound
    "i take 1 vitamin d",  # one tablet
    "calcium, 1 each morning",
])
def test_a_bare_number_too_small_for_a_dose_counts_nothing(text):
    """A figure with no unit below the smallest dose anyone takes is a count or a lab value, never 1 mg of
    magnesium or 1 µg of vitamin D."""
    assert all(d.amount is None for d in read_supplements(text))


@pytest.mark.parametrize(("text", "nutrient", "per_day"), [
    ("calcium 600", "calcium_mg", 600.0),
    ("magnesium 400 at night", "magnesium_mg", 400.0),
    ("vitamin d 10", "vitamin_d_ug", 10.0),
    ("k2 100", "vitamin_k_ug", 100.0),
    ("betteryou d1000 spray, 1 spray each morning", "vitamin_d_ug", 25.0),  # the strength typed onto the D
    ("d400 daily", "vitamin_d_ug", 10.0),
])
def test_a_bare_figure_big_enough_for_a_dose_is_one(text, nutrient, per_day):
    assert [(d.nutrient, d.amount) for d in read_supplements(text) if d.amount] == [(nutrient, per_day)]


@pytest.mark.parametrize(("text", "per_day"), [
    ("stexerol-d3 25,000 iu tabs, one every sunday", round(625 / 7, 2)),
    ("vitamin d 20000 iu on mondays", round(500 / 7, 2)),
    ("d3 50000 iu sundays", round(1250 / 7, 2)),
    ("vitamin d 20,000 iu every weds", round(500 / 7, 2)),
])
def test_a_day_of_the_week_is_once_a_week(text, per_day):
    [dose] = [d for d in read_supplements(text) if d.nutrient]
    assert dose.amount == per_day


@pytest.mark.parametrize(("text", "counted"), [
    ("D3/K2 5000/100 one cap daily", {"vitamin_d_ug": 125.0, "vitamin_k_ug": 100.0}),  # figures in pairs
    ("calcium/magnesium 500/250mg twice a day", {"calcium_mg": 1000.0, "magnesium_mg": 500.0}),
    ("d3/k2 1000iu/90mcg", {"vitamin_d_ug": 25.0, "vitamin_k_ug": 90.0}),
])
def test_nutrients_and_figures_written_in_pairs_go_together(text, counted):
    assert {d.nutrient: d.amount for d in read_supplements(text)} == counted


@pytest.mark.parametrize("text", ["my endo wants 1200 mg calcium a day total between food and supps",
                                  "aiming for 1000 mg calcium from food and supplements"])
def test_a_days_total_or_a_target_is_no_dose_taken(text):
    [dose] = read_supplements(text)
    assert dose.problem and "total" in dose.problem
    answer = Engine().reply_to(Session(step="supplements", answered=["profile", "diet"],
                                       profile=Profile(age=50, sex="female")), text)
    assert not answer.session.supplements and "haven't counted it" in answer.text


@pytest.mark.parametrize(("text", "counted"), [
    ("vitamin d 25mcg, omega 3 2 a day", {"vitamin_d_ug": 25.0}),  # the count is the omega-3's
    ("magtein 2000mg", {}),  # a weight after a mineral product is its compound's: the label is asked
    ("calcium acetate 667mg three times a day", {}),
])
def test_a_count_or_a_weight_belongs_to_what_it_is_said_with(text, counted):
    assert {d.nutrient: d.amount for d in read_supplements(text) if d.amount} == counted


@pytest.mark.parametrize("text", ["Taking Solal Magnesium Plus at night 1 capsule Im 45 and get eye twitches",
                                  "calcium, 45 years old"])
def test_an_age_said_beside_a_supplement_is_no_dose(text):
    assert all(d.amount is None for d in read_supplements(text))


@pytest.mark.parametrize(("text", "counted"), [
    ("prednisolone 30mg reducing course for my asthma flare do I need calcium with it", {}),
    ("omeprazole 20mg and calcium 600mg", {"calcium_mg": 600.0}),
])
def test_a_figure_right_after_a_medicine_is_the_medicines_dose(text, counted):
    assert {d.nutrient: d.amount for d in read_supplements(text) if d.amount} == counted


@pytest.mark.parametrize(("text", "nutrient", "per_day"), [
    ("i snap a tums ultra in half n take one half at night", "calcium_mg", 200),
    ("adcal d3, cut in half, half at night", "calcium_mg", 300),
    ("i cut my rennie in two and take half after tea", "calcium_mg", 136),
])
def test_a_tablet_broken_in_half_counts_the_half_taken(text, nutrient, per_day):
    assert counted(text)[nutrient] == pytest.approx(per_day, abs=1)


@pytest.mark.parametrize(("text", "per_day"), [("mag glycinate 300mg nocte", 300), ("magnesium 100 mg mane", 100),
                                               ("calcium 250mg qds", 1000), ("magnesium 200mg qd", 200)])
def test_prescription_abbreviations_are_frequencies(text, per_day):
    assert sum(counted(text).values()) == pytest.approx(per_day)


@pytest.mark.parametrize("text", ["d3 spray", "vit d3 spray when i remember", "k2 drops"])
def test_a_vitamin_named_with_its_digit_before_a_unit_word_is_still_named(text):
    assert read_supplements(text), text


@pytest.mark.parametrize(("text", "per_week"), [("m/w/f only", 3), ("mon, wed and fri", 3), ("tue & thu", 2),
                                                ("sat and sun", 2), ("once in 15 days", 7 / 15),
                                                ("two time a day", 14), ("1x wk", 1)])
def test_days_named_together_and_other_spellings_of_how_often(text, per_week):
    assert counted(f"magnesium 100 mg {text}")["magnesium_mg"] == pytest.approx(100 * per_week / 7, abs=0.01)


@pytest.mark.parametrize(("text", "nutrient", "per_day"), [
    ("calcium 500mg twice a day mon/wed/fri", "calcium_mg", 1000 * 3 / 7),  # the list is days of the daily rate
    ("calcium 600mg 2 tabs m/w/f", "calcium_mg", 1200 * 3 / 7),
    ("vit d 2000iu every monday and thursday", "vitamin_d_ug", 50 * 2 / 7),
    ("magnesium 300mg tues & thurs", "magnesium_mg", 300 * 2 / 7),
])
def test_a_list_of_days_inside_a_dose_stays_whole(text, nutrient, per_day):
    assert counted(text)[nutrient] == pytest.approx(per_day, abs=0.01)


@pytest.mark.parametrize(("text", "per_day"), [("magnesium glycinate 2 caps are 100mg each", 200),
                                               ("calcium 2 tabs: 500mg each", 1000)])
def test_a_count_of_units_with_each_ones_figure_is_a_count(text, per_day):
    assert sum(counted(text).values()) == pytest.approx(per_day)


@pytest.mark.parametrize(("text", "per_day"), [("i take 2 gummies = 50 mcg vitamin d", 50),
                                               ("vit d 3 drops = 1000iu", 25)])
def test_what_several_units_hold_is_taken_when_no_other_count_is_said(text, per_day):
    assert counted(text)["vitamin_d_ug"] == pytest.approx(per_day)


@pytest.mark.parametrize(("text", "nutrient", "per_day"), [
    ("Vitafusion D3 gummies, the bottle says 2 gummies = 50 mcg but I only have 1 a day", "vitamin_d_ug", 25),
    ("I cut a D3 1000 IU tablet in half and take a half every day", "vitamin_d_ug", 12.5),
    ("break my 1000 unit D in half, half a day", "vitamin_d_ug", 12.5),  # a half counted once
])
def test_what_several_units_hold_and_halves_of_a_named_strength(text, nutrient, per_day):
    assert counted(text)[nutrient] == pytest.approx(per_day)


@pytest.mark.parametrize(("text", "expected"), [
    ("now on calcium 500mg twice a day + vit D 2000iu", {"calcium_mg": 1000, "vitamin_d_ug": 50}),
    ("calcium 600 + d 400 iu, 2x daily", {"calcium_mg": 1200, "vitamin_d_ug": 20}),
    ("the once-a-week sunshine vitamin capsule, 50k IU", {"vitamin_d_ug": 1250 / 7}),
])
def test_how_often_said_inside_a_dose_is_not_for_what_follows(text, expected):
    assert counted(text) == pytest.approx(expected, abs=0.1)


@pytest.mark.parametrize(("text", "per_day"), [("one chewed after the dinner every evening", 1),
                                               ("at night before bed", 1), ("every morning with breakfast", 1),
                                               ("one in the morning and one at night", 2),
                                               ("with breakfast and with dinner", 2), ("with each meal", 3)])
def test_occasions_at_the_same_time_of_day_are_one_intake(text, per_day):
    from knowledge.intake.supplements import how_often

    assert how_often(text).per_day == per_day
