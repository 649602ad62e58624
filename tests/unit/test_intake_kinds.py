"""Kinds of intake message as other people write them (issue 11): each test stands for a kind of phrase, not one
phrase, so each table holds more than the line that showed the gap."""

import pytest

from assistant.engine import Engine
from assistant.engine.state import Profile, Session
from knowledge.intake.labs import find_labs, find_unvalued, read_labs
from knowledge.intake.mentions import find_mentions
from knowledge.intake.supplements import how_often, possessed, read_supplements

ENGINE = Engine()


def at(step: str) -> Session:
    answered = ["profile"] + (["diet"] if step != "diet" else [])
    return Session(step=step, answered=answered, profile=Profile(age=50, sex="female"))  # type: ignore[arg-type]


def reply(text: str, step: str = "supplements"):
    return ENGINE.reply_to(at(step), text)


def counted(session: Session) -> dict[str, float]:
    totals: dict[str, float] = {}
    for item in session.supplements:
        if item.amount is not None and item.dose.nutrient:
            totals[item.dose.nutrient] = totals.get(item.dose.nutrient, 0.0) + item.amount
    return totals


@pytest.mark.parametrize("text", ["swisse magnesium 1 tab before bed", "bio magnesium 2 tabs twice a day",
                                  "calcium 2 caps with dinner", "magnesium 3 x daily"])
def test_a_count_of_units_after_a_nutrient_is_no_lab_value(text):
    assert read_labs(text) == []


@pytest.mark.parametrize(("text", "test", "value"), [
    ("PTH 8.9 and calcium 2.62, endo reckons", "pth", 8.9),  # no dose is named like PTH
    ("sir my vit d is 9.8, doctor gave d3 60k weekly", "vitamin_d", 9.8),  # "is": a figure a lab could give
    ("on lithium, my calcium's been creeping up, last one was 10.3", "serum_calcium", 10.3),
])
def test_a_result_reported_without_its_unit_is_a_lab_at_any_step(text, test, value):
    session = reply(text, step="diet").session
    assert (test, value) in [(item.lab.test, item.lab.value) for item in session.labs]
    assert not any(item.dose.nutrient == "serum_calcium" for item in session.supplements)


@pytest.mark.parametrize("text", ["my vitamin d is 2000", "vitamin d 5000, is that ok?",
                                  "vitamin D low so she give me 50,000 units once a week"])  # not "50" of 50,000
def test_a_dose_said_with_is_is_no_lab(text):
    """A figure no lab reports (2,000 ng/mL or nmol/L) after "is" is still a dose."""
    assert not any(lab.marked for lab in find_labs(text)[0])


def test_a_supplements_name_reporting_a_figure_is_a_test_calmag_does_not_interpret():
    assert [m.kind for m in find_mentions("my b12 is 160")] == ["lab_other"]
    assert [m.kind for m in find_mentions("i take b12 daily")] == ["supplement_other"]


@pytest.mark.parametrize("text, test", [
    ("gp said my calcium is fine", "serum_calcium"),
    ("my magnesium keeps coming back low", "serum_magnesium"),
    ("my doc said my d was 'insufficient'", "vitamin_d"),
    ("my vit d levels are on the low side", "vitamin_d"),
    ("the nurse said my levels were normal", None),
])
def test_a_result_told_without_its_figure_is_acknowledged(text, test):
    [result] = find_unvalued(text)[0]
    assert result.test == test


@pytest.mark.parametrize("text, tests", [
    ("doctor seh mi vitamin D low so she give me di 50,000 units", ["vitamin_d"]),
    ("bloods came back low on magnesium", ["serum_magnesium"]),
    ("PTH 12.4 pmol/L, calcium normal", ["serum_calcium"]),
    ("the gp says my hair loss is from the low d", ["vitamin_d"]),
    ("my results: magnesium fine, vitamin d deficient", ["serum_magnesium", "vitamin_d"]),
])
def test_a_verdict_on_a_bare_test_name_is_a_result_in_a_sentence_about_results(text, tests):
    labs, rest = find_labs(text)
    assert [result.test for result in find_unvalued(rest)[0]] == tests


@pytest.mark.parametrize("text", ["spinach is high in magnesium", "my gp wants high calcium foods",
                                  "my doctor put me on a high dose vitamin d", "doctor says vitamin d is fine to take",
                                  "vitamin d low", "low magnesium symptoms"])
def test_a_verdict_beside_a_bare_name_is_no_result_outside_talk_of_results(text):
    assert find_unvalued(text)[0] == []


def test_a_result_with_its_figure_is_told_once():
    answer = reply("vit D 38 nmol/L. endo says my PTH is up from the low D")
    assert "doesn't interpret" not in answer.text
    assert not answer.session.supplements


def test_a_supplements_count_after_talk_of_results_is_no_lab_value():
    answer = reply("bloods came back low on magnesium. I take 2 calcium tablets a day from Tesco and 1 vitamin D")
    assert answer.session.labs == []
    assert "doesn't interpret a result without its figure" in answer.text
    assert "\u241f" not in answer.text  # where the result was taken out is never shown


@pytest.mark.parametrize("text", ["my calcium tablet is too high a dose", "is my magnesium dose ok",
                                  "magnesium 0.8 mmol/L, fine", "calcium 500 mg"])
def test_a_dose_or_a_figure_is_no_result_without_a_figure(text):
    assert find_unvalued(text)[0] == []


def test_a_result_without_a_figure_is_no_supplement_and_asks_for_the_figure():
    answer = reply("ckd stage 3, gp said my calcium is fine. I take Ostelin vit D 1000IU")
    assert "doesn't interpret a result without its figure" in answer.text
    assert [i.dose.nutrient for i in answer.session.supplements] == ["vitamin_d_ug"]
    assert not any(q.kind == "dose" for q in answer.session.questions)


@pytest.mark.parametrize("text, phrases", [
    ("when can i take my calcium 600 mg?", ["calcium 600 mg"]),
    ("should i pause my magnesium?", ["magnesium"]),
    ("can I take my adcal with my levothyroxine?", ["adcal with my levothyroxine"]),
    ("is my calcium intake enough?", []),
    ("are my vitamin d levels ok?", []),
    ("how much magnesium should a man my age take?", []),
    ("should i take magnesium?", []),
])
def test_a_question_names_the_persons_own_supplement_with_my(text, phrases):
    assert possessed(text) == phrases


def test_the_persons_own_supplement_in_a_question_is_counted_or_asked():
    first = reply("on doxy for 10 days, when can i take my calcium 600 mg?")
    assert counted(first.session) == {"calcium_mg": 600.0}
    second = reply("on cipro for a week, should i pause my magnesium?")
    assert [q.kind for q in second.session.questions] == ["dose"]


@pytest.mark.parametrize("text, age", [
    ("not pregnant, not breastfeeding, 29, take a One A Day women's", 29),
    ("cant sleep and knackered all day, would magnesium help? 52, post menopause", 52),
    ("vegan, 34, no supplements", 34),
])
def test_an_age_said_as_an_item_of_its_own_is_the_persons_age(text, age):
    assert reply(text).session.profile.age == age


def test_a_number_between_commas_in_a_list_of_foods_is_no_age():
    assert reply("toast, 2, an apple", step="diet").session.profile.age == 50


def test_the_decimals_of_a_lab_value_are_no_age():
    """"calcium 2.62, endo reckons it's my parathyroid": the 62 after the decimal point is no item of its own."""
    assert reply("PTH 8.9 and calcium 2.62, endo reckons its primary hyperpara").session.profile.age == 50


@pytest.mark.parametrize("text", [
    "my mother in law is on thyroxine and D3 60K sachets, she is 70",
    "my husband takes magnesium 400 mg",
    "my mum has adcal d3 twice a day",
])
def test_someone_elses_supplements_are_not_counted(text):
    answer = reply(text)
    assert counted(answer.session) == {} and "someone else" in answer.text


@pytest.mark.parametrize(("text", "theirs", "own"), [
    ("asking for my dad, he's 82, on Xarelto and Fosamax", {"doac", "bisphosphonate"}, set()),
    ("my mum is 80, on warfarin, takes adcal twice a day", {"warfarin"}, set()),
    ("my husband has kidney stones, on lasix. i take omeprazole", {"loop-diuretic"}, {"ppi"}),
    # the writer's own life stage with the baby as its object: what follows is the writer's
    ("breastfeeding my 3 month old, on lansoprazole", set(), {"ppi"}),
])
def test_clauses_after_one_about_someone_else_are_theirs_until_the_writer_speaks_again(text, theirs, own):
    """A clause naming nobody ("on Xarelto") is about the person the clause before it was about, until "I" or
    "my" comes back."""
    mine = {m.key for m in find_mentions(text, ("medicine",))}
    others = {m.key for m in find_mentions(text, ("medicine",), others=True)}
    assert (others, mine) == (theirs, own)


def test_a_product_after_a_clause_about_someone_else_is_theirs():
    assert counted(reply("my mum is 80, on warfarin, takes adcal twice a day").session) == {}


def test_the_persons_own_dose_beside_someone_elses_is_counted():
    answer = reply("my wife takes calcium 600 mg, I take magnesium 200 mg")
    assert counted(answer.session) == {"magnesium_mg": 200.0}


@pytest.mark.parametrize("text", ["Blackmores magnesium powder sachet when my legs are playing up",
                                  "vit d gummy when i remember", "a berocca most mornings",
                                  "Pregnacare + tums most nights"])
def test_an_irregular_product_whose_label_is_asked_is_asked_how_often_too(text):
    kinds = [q.kind for q in reply(text).session.questions]
    assert "label" in kinds and "frequency" in kinds and kinds.index("label") < kinds.index("frequency")


def test_how_often_answered_after_the_label_counts_the_labels_amounts_that_often():
    session = reply("vit d gummy when i remember").session
    for text in ("vitamin d 25 µg", "most days"):
        session = ENGINE.reply_to(session, text).session
    assert counted(session) == {"vitamin_d_ug": pytest.approx(25 * 5 / 7, abs=0.01)}
    assert not session.questions


def test_a_skipped_label_drops_its_question_of_how_often():
    session = reply("vit d gummy when i remember").session
    session = ENGINE.reply_to(session, "skip").session
    assert not any(q.kind == "frequency" for q in session.questions)


@pytest.mark.parametrize("text, per_day", [
    ("kirkland calcium 600 mg with D3, 2 tabs a day", {"calcium_mg": 1200.0}),
    ("vitamin d 1000 iu, 2 caps a day", {"vitamin_d_ug": 50.0}),
    ("calcium 500 mg and 2 caps of vitamin d 1000 iu", {"calcium_mg": 500.0, "vitamin_d_ug": 50.0}),
])
def test_a_count_said_after_every_part_is_for_each_a_count_inside_a_part_its_own(text, per_day):
    doses = read_supplements(text)
    assert {d.nutrient: d.amount for d in doses if d.nutrient} == per_day


def test_units_said_after_a_comma_belong_to_the_supplement_before():
    [dose] = read_supplements("magnesium citrate, 3 caps at night")
    assert dose.problem == "label" and dose.units_per_day == 3


@pytest.mark.parametrize("text, step, per_day", [
    ("Rennie, 2 after my dinner", "diet", {"calcium_mg": 544.0, "magnesium_mg": 40.0}),
    ("vitamin d drops, 1 drop is 400 IU, i do 2 drops a day", "diet", {"vitamin_d_ug": 20.0}),
    ("2 caplets of calcium citrate twice a day, 315mg each", "diet", {"calcium_mg": 1260.0}),
    ("taking Rennie, 2 tablets twice a day like my dr said", "diet", {"calcium_mg": 1088.0,
                                                                      "magnesium_mg": 80.0}),
])
def test_a_day_list_keeps_a_supplements_counts_and_figures_with_it(text, step, per_day):
    assert counted(reply(text, step).session) == per_day


def test_a_day_list_keeps_the_count_of_a_product_whose_label_is_asked():
    # Slow-Mag's figures differ between formulas, so its label is asked, for 4 tablets a day
    [label] = reply("taking Slow-Mag, 2 tablets twice a day like my dr said", "diet").session.questions
    assert label.kind == "label" and label.values[0] == "4"


def test_a_food_after_a_supplement_in_a_day_list_stays_a_food():
    answer = reply("magnesium 200 mg, 2 slices of toast", step="diet")
    assert counted(answer.session) == {"magnesium_mg": 200.0} and answer.session.foods


@pytest.mark.parametrize("text", ["i rub magnesium cream in", "magnesium flakes in the bath twice a week",
                                  "magnesium oil spray on my legs at night"])
def test_a_nutrient_on_the_skin_is_not_counted(text):
    [dose] = read_supplements(text)
    assert dose.topical and dose.amount is None
    answer = reply(text, step="diet")
    assert counted(answer.session) == {} and not answer.session.foods


def test_an_oral_spray_is_still_counted():
    assert [d.amount for d in read_supplements("vitamin d spray 1000 iu")] == [25.0]


@pytest.mark.parametrize("text, per_day", [
    ("2 after my dinner", 1.0), ("with my breakfast", 1.0), ("tums after meals", 3.0),
    ("one after each meal", 3.0), ("after my dinner and at bedtime", 2.0),
])
def test_times_of_day_with_my_or_the(text, per_day):
    assert how_often(text).per_day == per_day


@pytest.mark.parametrize("text", ["rennie after dinner most nights", "tums extra strength after meals",
                                  "rennie when i get heartburn"])
def test_an_antacid_taken_a_range_at_a_time_is_asked_how_many(text):
    session = reply(text).session
    assert session.questions[0].kind == "dose" and "How many" in session.questions[0].text


def test_an_antacid_with_its_count_said_is_not_asked_how_many():
    session = reply("2 rennie after dinner").session
    assert counted(session) == {"calcium_mg": 544.0, "magnesium_mg": 40.0} and not session.questions


def test_the_count_answered_multiplies_the_antacid_and_an_absurd_one_is_questioned():
    session = reply("tums extra strength after dinner").session
    assert counted(ENGINE.reply_to(session, "2").session) == {"calcium_mg": 600.0}
    absurd = ENGINE.reply_to(session, "40")
    assert counted(absurd.session) == {} and "more than anyone should take" in absurd.text


@pytest.mark.parametrize("text, counts", [
    ("shelcal 500 once daily", {"calcium_mg": 500.0}),
    ("constipation from the calcichew so i only take one now", {}),
    ("I chew antacids most days, dunno which ones", {}),
])
def test_products_count_what_is_fixed_and_ask_the_rest(text, counts):
    session = reply(text).session
    assert counted(session) == counts and any(q.kind == "label" for q in session.questions)


@pytest.mark.parametrize("text, key, suspected", [
    ("GP thinks its my parathyroid", "hyperparathyroidism", True),
    ("I have hyperparathyroidism", "hyperparathyroidism", False),
    ("been on apixaban since my AF diagnosis", "other-condition", False),
    ("on blood thinners after my DVT", "other-condition", False),
])
def test_conditions_named_and_suspected(text, key, suspected):
    [mention] = [m for m in find_mentions(text, ("condition",))]
    assert (mention.key, mention.suspected) == (key, suspected)


@pytest.mark.parametrize("text", ["my parathyroid hormone was 9.8", "PTH (parathyroid hormone) 65 pg/mL"])
def test_a_hormone_test_is_no_condition_and_no_medicine(text):
    assert find_mentions(text, ("condition", "medicine")) == []


@pytest.mark.parametrize("text, weeks", [("6 wks postpartum and breastfeeding", 6),
                                         ("gave birth 3 weeks ago", 3), ("postnatal", None)])
def test_weeks_since_the_birth_are_kept(text, weeks):
    profile = reply(text).session.profile
    assert profile.postpartum and profile.postpartum_weeks == weeks and profile.pregnancy_weeks is None


@pytest.mark.parametrize("text, step", [
    ("44, vegetarian, eggs are fine but no dairy", "supplements"),
    ("44, vegetarian, eggs are fine but no dairy", "diet"),
    ("pescatarian, fish is ok", "diet"),
])
def test_what_a_diet_allows_is_no_food_eaten(text, step):
    session = reply(text, step).session
    assert session.profile.diet and not session.foods


def test_a_food_beside_a_diet_is_still_a_food():
    session = reply("vegan, so oat milk porridge and a banana", step="diet").session
    assert session.foods


@pytest.mark.parametrize("text, step, answered", [
    ("not taking anything rn", "supplements", "supplements"),
    ("my d was low but not taking anything", "diet", "supplements"),
    ("not taking anything", "medications", "medications"),
])
def test_taking_nothing_answers_the_step_talked_about(text, step, answered):
    assert answered in reply(text, step).session.answered


@pytest.mark.parametrize("text, per_day", [("50,000 IU vitamin D every 2 weeks", 89.29),
                                           ("vitamin d 20000 iu fortnightly", 35.71),
                                           ("prolia jab every 6 months plus adcal d3 twice a day", 20.0)])
def test_every_so_many_weeks_is_a_daily_average_and_the_first_frequency_is_the_doses(text, per_day):
    assert counted(reply(text).session)["vitamin_d_ug"] == pytest.approx(per_day, abs=0.01)


@pytest.mark.parametrize("text", ["Calcium (adjusted) 2.52 mmol/L", "magnesium 2.9 mg/dl",
                                  "corrected calcium 10.9 mg/dL"])
def test_a_figure_in_a_labs_unit_is_a_lab_never_a_dose(text):
    session = reply(text).session
    assert session.labs and counted(session) == {}


@pytest.mark.parametrize("text, age", [("I had a kidney transplant 5 years ago", 50), ("vegan for 5 years", 50),
                                       ("I'm 24 weeks pregnant", 50), ("45 years old", 45)])
def test_a_time_is_no_age(text, age):
    assert reply(text).session.profile.age == age


@pytest.mark.parametrize("text, breastfeeding", [("breastfeeding my 4 month old", True),
                                                 ("my wife is breastfeeding", False)])
def test_a_life_stage_is_the_persons_when_the_baby_is_its_object(text, breastfeeding):
    assert bool(reply(text).session.profile.breastfeeding) == breastfeeding


@pytest.mark.parametrize("text, diet", [("I don't eat dairy", ["no dairy"]), ("not vegan", [])])
def test_a_negation_inside_a_diets_name_is_its_own(text, diet):
    assert reply(text).session.profile.diet == diet


def test_calcium_citrate_is_not_a_typo_of_calcium_acetate():
    assert find_mentions("calcium citrate 630mg") == []


def test_a_stopped_medicine_is_acknowledged_not_listed():
    answer = reply("stopped the fosamax last year after 5 yrs on it")
    assert "not taken now" in answer.text and not answer.session.noted and answer.session.profile.age == 50


@pytest.mark.parametrize("text, per_day", [("I used to take calcium but stopped", {}),
                                           ("stopped my calcium last yr, still on magnesium 250mg",
                                            {"magnesium_mg": 250.0}),
                                           ("stopped Os-Cal because it constipated me", {})])
def test_a_supplement_stopped_is_said_back_and_neither_counted_nor_asked(text, per_day):
    answer = reply(text)
    assert counted(answer.session) == per_day and "noted as stopped" in answer.text
    assert not any(q.kind in ("dose", "label") for q in answer.session.questions)


@pytest.mark.parametrize("text", ["my husband has kidney stones. on warfarin and omeprazole",
                                  "my mum takes vitamin d. taking warfarin since march"])
def test_a_new_sentence_is_the_writers_own_again(text):
    assert "warfarin" in {m.key for m in find_mentions(text, ("medicine",))}


def test_a_dose_said_with_is_is_no_test_result():
    assert [m.kind for m in find_mentions("vitamin c is 1000 a day")] == ["supplement_other"]


def test_a_name_holding_and_is_read_typed_with_an_ampersand():
    assert [m.key for m in find_mentions("still getting pins & needles in my fingers")] == \
        [m.key for m in find_mentions("still getting pins and needles in my fingers")] != []


@pytest.mark.parametrize("text, kind, key", [
    ("3 wks pp, stopped my prenatal", "condition", "postpartum"),
    ("pp 8wks, ebf", "condition", "breastfeeding"),
    ("went through the change at 49", "condition", "postmenopausal"),
    ("we're trying for number two", "condition", "trying-to-conceive"),
    ("hyperemesis, cant keep anything down", "condition", "pregnancy"),
    ("short bowel after my surgery", "condition", "malabsorption"),
    ("my legs go into knots in the night", "symptom", "cramps"),
    ("calves still lock up around 30k", "symptom", "cramps"),
    ("heart does a flip-flop thing after coffee", "symptom", "palpitations"),
    ("the calcium carbonate is bunging me up", "symptom", "constipation"),
    ("pins n needles in my hands", "symptom", "other-symptom"),
    ("on omeprazole since my stomach ulcer", "condition", "other-condition"),
])
def test_life_stages_conditions_and_symptoms_in_everyday_words(text, kind, key):
    assert (kind, key) in [(m.kind, m.key) for m in find_mentions(text)]


@pytest.mark.parametrize("text", ["stressed af", "tired af lol"])
def test_slang_is_no_condition(text):
    assert not any(m.kind == "condition" for m in find_mentions(text))  # "af" is not atrial fibrillation here


@pytest.mark.parametrize("text, denied", [
    ("eye twitchin n cant sleep. no meds no supps", {"medications", "supplements"}),
    ("pp 8wks, vit d 10ug, no other meds", {"medications"}),
])
def test_denials_in_short_forms_answer_their_steps(text, denied):
    assert denied <= set(reply(text).session.answered)


@pytest.mark.parametrize("text, nutrient, per_day", [
    ("a Calfovit D3 sachet stirred into water at night", "calcium_mg", 1200),
    ("Sandocal 1000, one fizzy tablet every morning", "calcium_mg", 1000),
    ("GP put me on Magnaspartate, one sachet a day in water", "magnesium_mg", 243),
])
def test_licensed_products_count_their_label(text, nutrient, per_day):
    assert counted(reply(text).session)[nutrient] == pytest.approx(per_day)


@pytest.mark.parametrize("text", ["ZMA 3 caps before bed", "2 LMNT sticks a day", "a scoop of AG1 every morning",
                                  "taking Calcimax Forte Plus daily"])
def test_products_whose_contents_vary_ask_for_the_label(text):
    assert any(q.kind in ("label", "multivitamin") for q in reply(text).session.questions)


@pytest.mark.parametrize("text, key, denied", [
    ("I have no pills only the water tablet", "diuretic", False),
    ("on minocycline for acne and the derm said not with milk", "tetracycline", False),
    ("no kidney problems", "kidney-disease", True),
    ("finished my course of doxy last week", "tetracycline", True),
])
def test_what_a_negation_or_a_past_word_reaches(text, key, denied):
    [mention] = [m for m in find_mentions(text) if m.key == key]
    assert mention.denied == denied


@pytest.mark.parametrize("text, test, value, unit", [
    ("iCa 4.6 mg/dL on the blood gas this morning", "ionised_calcium", 4.6, "mg/dL"),
    ("coeliac, 27, vit D 31 nmol", "vitamin_d", 31, "nmol/L"),
    ("Dr put me on vit d 50k 1x wk, vit D was 14 to start", "vitamin_d", 14, None),  # the 50 of 50k is a dose
])
def test_lab_values_in_short_forms(text, test, value, unit):
    assert [(lab.test, lab.value, lab.unit) for lab in find_labs(text)[0]] == [(test, value, unit)]


def test_a_result_said_to_move_is_acknowledged():
    assert [r.test for r in find_unvalued("my calcium keeps creeping up, they're checking my parathyroid")[0]] \
        == ["serum_calcium"]


def test_an_indian_english_diet_name_is_the_diet():
    assert [m.key for m in find_mentions("pure veg, no eggs even")] == ["vegetarian"]


def test_a_product_beside_a_result_is_still_counted_or_asked():
    answer = reply("doctor seh mi vitamin D low, an mi tek a Centrum every morning")
    assert any(q.kind in ("label", "multivitamin") for q in answer.session.questions)


@pytest.mark.parametrize("text, own, theirs", [
    ("im on warfarin and my husband takes k2", ["warfarin"], []),
    ("i have ckd and my mum has diabetes", ["kidney-disease"], ["diabetes"]),
    ("my husband is on warfarin and lasix", [], ["warfarin", "loop-diuretic"]),
])
def test_another_person_brought_in_with_and_starts_their_own_statement(text, own, theirs):
    assert [m.key for m in find_mentions(text)] == own
    assert [m.key for m in find_mentions(text, others=True)] == theirs


def test_ones_own_supplement_before_and_my_husband_is_still_read():
    answer = reply("I take an Elevit every morning and my husband's on a zinc")
    assert any(q.kind in ("label", "multivitamin") for q in answer.session.questions)


def test_a_dose_with_a_thousands_comma_in_a_question_is_read_whole():
    answer = reply("25-hydroxy D 67 ng/mL, been taking 10,000 IU a day since covid, too much?")
    assert counted(answer.session)["vitamin_d_ug"] == 250


@pytest.mark.parametrize("text, field, weeks", [
    ("3 wks pp, stopped my prenatal", "postpartum_weeks", 3), ("pp 8wks, ebf", "postpartum_weeks", 8),
    ("hyperemesis, 11 weeks", "pregnancy_weeks", 11), ("I'm 20 weeks along, pregnant with my second",
                                                       "pregnancy_weeks", 20),
    ("gave birth 3 weeks ago", "postpartum_weeks", 3),
    ("pregnant and on vitamin d for 12 weeks", "pregnancy_weeks", None),  # the weeks of something else
])
def test_weeks_said_beside_a_life_stage_are_its_weeks(text, field, weeks):
    assert getattr(reply(text).session.profile, field) == weeks



@pytest.mark.parametrize("text, nutrient", [("bloods came back low calcium sandocal 1000 daily", "calcium_mg"),
                                            ("gp says low magnesium, magnesium 100 mg a day", "magnesium_mg"),
                                            ("magnesium 200mg, d was 50 but now 25mcg", "vitamin_d_ug")])
def test_a_supplement_beside_a_result_said_in_words_is_still_counted(text, nutrient):
    assert counted(reply(text).session).get(nutrient)


@pytest.mark.parametrize("text", ["saw the gp and told him i take calcium 600mg twice a day"])
def test_him_said_of_a_clinician_leaves_the_dose_the_persons(text):
    assert counted(reply(text).session)["calcium_mg"] == 1200


@pytest.mark.parametrize("text", ["i'm expecting my results next week", "i work in nursing",
                                  "the change in my diet made me tired"])
def test_words_near_a_life_stage_are_no_life_stage(text):
    profile = reply(text).session.profile
    assert not (profile.pregnant or profile.breastfeeding or profile.postmenopausal)


def test_no_other_supplements_beside_one_named_is_said_so():
    answer = reply("calcium 500mg, no other sups")
    assert "Noted: no other supplements." in answer.text and counted(answer.session)["calcium_mg"] == 500


@pytest.mark.parametrize("text", ["on an HRT patch, no supplements", "hormone replacement since 50",
                                  "oestrogel every morning"])
def test_hormone_replacement_is_noted_as_a_medicine(text):
    assert "other-medicine" in {m.key for m in find_mentions(text) if not m.denied}
