"""The readers the intake uses: supplement doses, lab values, and medicines, conditions, symptoms and red flags."""

import pytest

from knowledge.evidence.sources import load_knowledge
from knowledge.intake.labs import read_labs
from knowledge.intake.mentions import find_mentions, intake_lexicon
from knowledge.intake.supplements import read_supplements


@pytest.mark.parametrize("text, expected", [
    ("magnesium glycinate 400 mg", [("magnesium_mg", 400.0, "glycinate", 56.0)]),
    ("Vitamin D3 2000 IU daily", [("vitamin_d_ug", 50.0, "D3", None)]),
    ("D3 50 mcg", [("vitamin_d_ug", 50.0, "D3", None)]),
    ("5k iu vitamin d", [("vitamin_d_ug", 125.0, None, None)]),
    ("vitamin D 50,000 IU once a week", [("vitamin_d_ug", 178.57, None, None)]),
    ("calcium carbonate 1250 mg twice a day", [("calcium_mg", 2500.0, "carbonate", 1000.0)]),
    ("2 capsules of magnesium citrate 150 mg", [("magnesium_mg", 300.0, "citrate", 48.0)]),
    ("K2 MK-7 100 mcg", [("vitamin_k_ug", 100.0, "MK-7", None)]),
    ("mk4 45 mg", [("vitamin_k_ug", 45000.0, "MK-4", None)]),
    ("vit d3 1000iu + k2 100mcg", [("vitamin_d_ug", 25.0, "D3", None), ("vitamin_k_ug", 100.0, "K2", None)]),
    ("calcium citrate 500 mg and magnesium oxide 400mg",
     [("calcium_mg", 500.0, "citrate", 105.0), ("magnesium_mg", 400.0, "oxide", 240.0)]),
    ("vitamin d, 1000 iu", [("vitamin_d_ug", 25.0, None, None)]),
    ("magnesium 200 mg every other day", [("magnesium_mg", 100.0, None, None)]),
    ("calcium 1 g", [("calcium_mg", 1000.0, None, None)]),
    # a frequency said with the first supplement, before the next, is the first's own
    ("calcium 600 mg twice a day and magnesium 200 mg", [("calcium_mg", 1200.0, None, None),
                                                          ("magnesium_mg", 200.0, None, None)]),
])
def test_supplement_doses_per_day(text, expected):
    doses = read_supplements(text)
    assert [(d.nutrient, d.amount, d.form, d.compound_amount) for d in doses] == expected
    assert all(d.problem is None for d in doses)


@pytest.mark.parametrize("text, problem", [
    ("magnesium 50,000 mg", "far more than anyone takes"),
    ("magnesium 0 mg", "not a dose"),
    ("magnesium 400 iu", "IU is not a unit for magnesium"),
    ("vitamin K2 100 iu", "not IU"),
    ("I take magnesium", "no dose given"),
    ("a multivitamin", "amounts are on its label"),
])
def test_doses_that_cannot_be_counted_say_why(text, problem):
    [dose] = read_supplements(text)
    assert dose.amount is None and problem in dose.problem


def test_bare_numbers_are_read_with_the_assumption_said():
    [calcium] = read_supplements("calcium 600")
    [vitamin_d] = read_supplements("vitamin d 1000")
    assert calcium.amount == 600 and calcium.assumed == ["read 600 as mg"]
    assert vitamin_d.amount == 25 and vitamin_d.assumed == ["read 1,000 as IU"]


def test_a_supplement_named_by_its_form_after_a_multivitamin_is_its_own():
    doses = read_supplements("prenatal vitamin with 200 mg calcium and 400 IU vitamin D, magnesium citrate 250mg")
    assert [(d.nutrient, d.multivitamin) for d in doses] == [("calcium_mg", True), ("vitamin_d_ug", True),
                                                             ("magnesium_mg", False)]
    assert doses[-1].compound_amount is not None  # so its label question (elemental or citrate) is asked


def test_a_multivitamin_with_its_amounts_counts_them():
    doses = read_supplements("multivitamin with 200 mg calcium and 400 IU D")
    assert [(d.nutrient, d.amount, d.multivitamin) for d in doses] == [("calcium_mg", 200.0, True),
                                                                       ("vitamin_d_ug", 10.0, True)]


@pytest.mark.parametrize("text, test, unit, canonical", [
    ("my vitamin D was 32 ng/mL", "vitamin_d", "ng/mL", 32.0),
    ("25(OH)D 80 nmol/L", "vitamin_d", "nmol/L", 32.051),
    ("serum magnesium 0.8 mmol/L", "serum_magnesium", "mmol/L", 1.945),
    ("RBC magnesium 5.1 mg/dL", "rbc_magnesium", "mg/dL", 5.1),
    ("calcium 2.4 mmol/l", "serum_calcium", "mmol/L", 9.619),
    ("PTH 5 pmol/L", "pth", "pmol/L", 47.15),
    ("vitamin d level 18", "vitamin_d", None, None),
])
def test_lab_values_and_units(text, test, unit, canonical):
    [lab] = read_labs(text)
    assert (lab.test, lab.unit, lab.canonical) == (test, unit, canonical)


def test_doses_are_not_read_as_lab_values():
    assert read_labs("magnesium 400 mg and vitamin d 1000 iu") == []


def test_an_impossible_lab_value_is_questioned():
    [lab] = read_labs("vit d 500 ng/ml")
    assert "please check" in lab.problem


@pytest.mark.parametrize("text, found", [
    ("I take warfrin and omeprazol", [("warfarin", False), ("ppi", False)]),
    ("Coumadin 5mg", [("warfarin", False)]),
    ("Prilosec in the morning", [("ppi", False)]),
    ("Fosamax weekly", [("bisphosphonate", False)]),
    ("lasix 40mg, hctz", [("loop-diuretic", False), ("thiazide", False)]),
    ("I have CKD stage 3", [("kidney-disease", False)]),
    ("no kidney problems", [("kidney-disease", True)]),
    ("I am not pregnant but I take Synthroid", [("pregnancy", True), ("levothyroxine", False)]),
    ("cramps at night and restless legs, can't sleep", [("cramps", False), ("restless-legs", False),
                                                       ("insomnia", False)]),
    ("I have chest pain", [("chest-pain", False)]),
    ("no chest pain or fainting", [("chest-pain", True), ("fainting", True)]),
    ("my heart is racing and I feel dizzy", [("heartbeat-dizzy", False)]),
    ("very thirsty and vomiting", [("high-calcium", False)]),
    ("very thirsty", []),
    ("I'm fit and healthy", []),
])
def test_mentions(text, found):
    kinds = ("medicine", "condition", "red_flag") if "heart" in text or "thirsty" in text else None
    mentions = find_mentions(text, kinds) if kinds else find_mentions(text)
    assert [(m.key, m.denied) for m in mentions] == found


def test_palpitations_alone_are_a_symptom_and_with_dizziness_a_red_flag():
    assert [m.kind for m in find_mentions("palpitations")] == ["symptom"]
    assert {m.kind for m in find_mentions("palpitations and dizziness")} == {"symptom", "red_flag"}


def test_every_lexicon_note_is_a_claim():
    kb = load_knowledge()
    for entry in intake_lexicon().values():
        assert all(kb.claim(note) for note in entry.notes), entry.key
        assert all(topic in kb.topics for topic in entry.topics), entry.key


@pytest.mark.parametrize("text, expected", [
    ("Adcal D3 twice a day", [("calcium_mg", 1200.0), ("vitamin_d_ug", 20.0)]),
    ("2 adcal-d3 a day", [("calcium_mg", 1200.0), ("vitamin_d_ug", 20.0)]),
    ("calcichew d3 forte 1 tab bd", [("calcium_mg", 1000.0), ("vitamin_d_ug", 20.0)]),
    ("a caltrate 600 with breakfast and another with my tea", [("calcium_mg", 1200.0)]),
    ("half a tablet of adcal d3", [("calcium_mg", 300.0), ("vitamin_d_ug", 5.0)]),
])
def test_a_product_counts_its_labels_amounts_by_units_a_day(text, expected):
    doses = [d for d in read_supplements(text) if d.nutrient]
    assert [(d.nutrient, d.amount) for d in doses] == expected
    assert all(d.product for d in doses)


def test_a_product_with_several_versions_asks_for_what_varies():
    doses = read_supplements("Caltrate 600+D3 twice a day")
    assert [(d.nutrient, d.amount) for d in doses if d.nutrient] == [("calcium_mg", 1200.0)]
    [label] = [d for d in doses if d.nutrient is None]
    assert label.problem == "label" and label.unknown == ["vitamin_d_ug"] and label.units_per_day == 2


@pytest.mark.parametrize("text, problem", [
    ("40 tums a day", "more than anyone should take"),
    ("epsom salt baths twice a week", "used on the skin"),
])
def test_products_that_cannot_be_counted_say_why(text, problem):
    [dose] = read_supplements(text)
    assert dose.nutrient is None and problem in dose.problem


@pytest.mark.parametrize("text, per_day", [
    ("calcium 600 + D 400iu, 2x daily", [1200.0, 20.0]),  # the frequency said once is for both
    ("vitamin d 1000 iu, one in the morning and one at night", [50.0]),
    ("1 x 4000 IU D3 + K2 (MK7 100ug) capsule every other day", [50.0, 50.0]),
    ("Calcium carbonate 1250 mg (500 mg elemental) one tablet twice daily", [1000.0]),
    ("so the GP put me on 800 units a day", [20.0]),  # IU is vitamin D's unit
    ("solgar magnesuim citrate 100 mg", [100.0]),  # a slip in the nutrient's name
])
def test_counts_and_frequencies_as_people_say_them(text, per_day):
    assert [d.amount for d in read_supplements(text)] == per_day


def test_a_dose_taken_irregularly_waits_for_how_often():
    [dose] = read_supplements("magnesium 200 mg when I remember")
    assert dose.amount is None and dose.pending == 200 and dose.irregular


@pytest.mark.parametrize("text, test, value, marked", [
    ("I take omeprazole and my magnesium was low last time, 0.62", "serum_magnesium", 0.62, True),
    ("my vit D came back at 50 nmol/L in March", "vitamin_d", 50.0, True),
    ("vitamin d 1000", "vitamin_d", 1000.0, False),  # a dose, unless the labs step asked for it
])
def test_lab_words_or_units_mark_a_lab(text, test, value, marked):
    [lab] = read_labs(text)
    assert (lab.test, lab.value, lab.marked) == (test, value, marked)


@pytest.mark.parametrize(("text", "key"), [
    ("can the tablets for stomach acid make my magnesium low", "ppi"),
    ("I'm on reflux meds", "ppi"),
    ("pills for my thyroid in the morning", "levothyroxine"),
    ("she takes tablets for blood clots", "blood-thinner"),
])
def test_a_medicine_described_by_what_it_is_taken_for_is_read(text, key):
    from knowledge.intake.mentions import find_mentions

    assert key in [m.key for m in find_mentions(text, ("medicine",), others=None)]


def test_a_use_alone_is_not_a_medicine():
    from knowledge.intake.mentions import find_mentions

    assert not find_mentions("my thyroid is fine and I get reflux sometimes", ("medicine",))


@pytest.mark.parametrize(("text", "amount"), [
    ("vitamin d drops, 1 drop is 400 IU, i do 2 drops a day", 20.0),  # µg: two drops of 400 IU
    ("magnesium 200 mg per tablet, 2 tablets a day", 400.0),
    ("i take a tablet of 200 mg magnesium twice a day", 400.0),
    ("calcium 600 + d 400 iu, 2x daily", 1200.0),  # the count is each part's own, the frequency shared
])
def test_a_figure_said_per_unit_is_multiplied_by_the_units_taken(text, amount):
    from knowledge.intake.supplements import read_supplements

    assert read_supplements(text)[0].amount == amount


@pytest.mark.parametrize(("text", "denied"), [
    ("was on fosamax 5 yrs, stopped in 2021", True), ("I used to take lasix", True),
    ("came off omeprazole last year", True), ("I am on fosamax", False), ("was on the pill, now on warfarin", False),
])
def test_a_medicine_in_the_past_is_not_taken_now(text, denied):
    from knowledge.intake.mentions import find_mentions

    [mention] = [m for m in find_mentions(text, ("medicine",)) if m.key != "contraceptive"]
    assert mention.denied is denied


@pytest.mark.parametrize(("said", "per_day"), [
    ("5 days a week", 5 / 7), ("four nights a week", 4 / 7), ("3x per month", 3 / 30),  # any count, read by code
    ("on weekdays", 5 / 7), ("at weekends", 2 / 7),  # named days, from doses.toml
])
def test_so_many_times_in_a_period_is_a_daily_average(said, per_day):
    from knowledge.intake.supplements import how_often

    assert how_often(said).per_day == pytest.approx(per_day)


@pytest.mark.parametrize(("said", "key", "denied"), [
    ("i am vegetarian i dont eat meat or fish", "vegetarian", False),  # the negation starts a new statement
    ("i take warfarin i dont take anything else", "warfarin", False),
    ("im not vegan", "vegan", True),
])
def test_a_negation_in_a_later_statement_does_not_deny_an_earlier_name(said, key, denied):
    from knowledge.intake.mentions import find_mentions

    found = {m.key: m.denied for m in find_mentions(said, ("diet", "medicine"))}
    assert found[key] is denied


def test_each_supplement_said_between_commas_keeps_its_own_count_and_frequency():
    from knowledge.intake.supplements import read_supplements

    said = "adcal d3 twice a day, magnesium glycinate 2 caps of 100mg"
    doses = {d.nutrient: d.amount for d in read_supplements(said)}
    assert doses == {"calcium_mg": 1200.0, "vitamin_d_ug": 20.0, "magnesium_mg": 200.0}  # not 4 Adcal, not 400 mg
    shared = {d.nutrient: d.amount for d in read_supplements("calcium 500 mg, vitamin d 1000 iu, both twice a day")}
    assert shared == {"calcium_mg": 1000.0, "vitamin_d_ug": 50.0}  # a frequency said on its own is for both
