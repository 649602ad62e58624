"""An answer opens with the reference figure for the person and judges a stated dose against its upper limit
(issue 12): each figure here is REFERENCE.md's."""

import pytest

from knowledge.evidence.answers import answer_question
from knowledge.evidence.bottom_line import Person, read_person


def _opening(question, person=None):
    text = answer_question(question, person).text
    assert text.startswith("**In short:** "), text[:200]
    return text.split("\n", 1)[0]


@pytest.mark.parametrize(("question", "expected"), [
    ("is 20000 iu d ok", ["20,000 IU (500 µg) a day is 5 times the upper limit of 4,000 IU (100 µg)",
                          "[ref-ods-vitamin-d]", "clinician"]),
    ("is 800 mg of magnesium too much?", ["800 mg a day is 2.3 times the upper limit of 350 mg from supplements",
                                          "[ref-ods-magnesium]"]),
    ("i take 2500 mg calcium a day, is that ok for a 60 year old woman",
     ["2,500 mg", "25% above the upper limit of 2,000 mg for a woman of 60"]),
    ("i take 600 mg calcium is that enough", ["600 mg a day is within the upper limit of 2,500 mg",
                                              "is below the RDA of 1,000 mg a day"]),
    ("is 50000 iu vitamin d once a week ok", ["once a week", "about 7,100 IU (178.6 µg) a day",
                                              "79% above the upper limit"]),
])
def test_a_stated_dose_is_judged_against_the_upper_limit_first(question, expected):
    opening = _opening(question)
    assert all(part in opening for part in expected), opening


@pytest.mark.parametrize(("question", "expected"), [
    # a question after the dose does not say how often it is taken; a bare figure's size says IU
    ("I take the big vitamin D once a week (50,000) - is that the same as taking a little every day?",
     ["50,000 IU (once a week), about 7,100 IU (178.6 µg) a day is 79% above the upper limit",
      "I took the 50,000 to be IU"]),
    ("vitamin d 5000, is that ok?", ["5000 IU a day is 25% above the upper limit of 4,000 IU"]),
    ("I take 1000 IU of D3 - twice a day, is that ok?", ["about 2,000 IU (50 µg) a day is within the upper limit"]),
    ("magnesium. 400 mg. ok?", ["400 mg a day is 14% above the upper limit of 350 mg"]),
    ("2 tablets of 1000 IU vitamin d, fine?", ["about 2,000 IU (50 µg) a day is within the upper limit"]),
    ("5k IU - is that too much for me??", ["5,000 IU (125 µg) a day is 25% above the upper limit"]),  # "k"
    ("the once-a-week sunshine vitamin capsule, 50k IU, ok?", ["50,000 IU (once-a-week), about 7,100 IU"]),
    # IU spelt as "units" or "i.u." (a sentence's full stop may take the last dot) is IU, not a bare figure
    ("10000 units vit d daily ok", ["10,000 IU (250 µg) a day is 2.5 times the upper limit"]),
    ("vitamin d 5000 i.u. a day?", ["5,000 IU (125 µg) a day is 25% above the upper limit"]),
])
def test_doses_written_loosely_are_judged(question, expected):
    opening = _opening(question)
    assert all(part in opening for part in expected), opening


@pytest.mark.parametrize(("question", "expected"), [
    ("I take 250mg of magnesium glycinate twice a day",
     ["about 500 mg a day is 43% above the upper limit of 350 mg", "weight of the magnesium glycinate",
      "about 70 mg of magnesium, within the limit"]),
    ("calcium carbonate 1250 mg three times a day safe?",
     ["about 3,750 mg a day is 50% above the upper limit of 2,500 mg", "about 1,500 mg of calcium, within"]),
])
def test_a_weight_said_with_a_compound_is_judged_both_ways_when_the_limit_lies_between(question, expected):
    """'250 mg of magnesium glycinate' may be the compound's weight (about 14% magnesium) or the magnesium's:
    the judgment as stated comes first, and the other reading is said where it falls on the other side."""
    opening = _opening(question)
    assert all(part in opening for part in expected), opening


def test_several_stated_doses_are_judged_together_in_the_first_sentence():
    opening = _opening("vegan, taking 250mg magnesium, 25mcg d3 (lichen) and 100mcg k2 every day. anything missing?")
    first = opening.removeprefix("**In short:** ").split(". ")[0]
    assert all(part in first for part in ["250 mg of magnesium a day is within the upper limit of 350 mg",
                                          "1,000 IU (25 µg) of vitamin D a day is within the upper limit",
                                          "100 µg of vitamin K a day: no upper limit is set"]), first


@pytest.mark.parametrize(("question", "expected"), [
    # a count said once after a product's strengths is for each of them
    ("i take a cal-mag tablet with 600mg calcium and 300mg magnesium, 2 a day with breakfast. good or bad",
     ["about 1,200 mg of calcium a day is within", "about 600 mg of magnesium a day is 71% above"]),
    ("accidentally took 3 of my 200 mcg k2 capsules today, what happens", ["600 µg a day: no upper limit"]),
])
def test_a_count_said_apart_from_the_strength_multiplies_it(question, expected):
    opening = _opening(question)
    assert all(part in opening for part in expected), opening


def test_a_dose_is_judged_before_saying_the_sources_do_not_cover_the_rest():
    opening = _opening("doc gave me calcirol 60000 iu sachet once a week, isnt that way over the 4000 limit")
    assert opening.index("2.1 times the upper limit") < opening.index("they say nothing about calcirol"), opening


def test_a_compound_weight_on_the_same_side_of_the_limit_is_judged_once():
    opening = _opening("I take 100 mg magnesium citrate, is that ok")
    assert "within the upper limit of 350 mg" in opening and "weight of the" not in opening, opening


def test_a_bare_count_is_no_dose():
    """'10 of my vitamin d tablets' counts tablets: no figure is judged as micrograms."""
    opening = _opening("i took 10 of my vitamin d tablets by mistake")
    assert "10 µg" not in opening and opening.startswith("**In short:** The RDA for vitamin D"), opening


@pytest.mark.parametrize(("question", "expected"), [
    ("how much calcium should a 65 year old woman have", "for a woman of 65 is 1,200 mg a day"),
    ("how much vitamin d should i take? im 75 and male", "for a man of 75 is 800 IU (20 µg) a day"),
    ("how much vitamin d for my 2 year old", "for a child of 2 is 600 IU (15 µg) a day, with an upper limit of "
                                             "2,500 IU (62.5 µg)"),
    ("im pregnant, how much magnesium do i need", "magnesium in pregnancy is 350 mg a day"),
    ("how much magnesium should i take", "310 mg a day for women or 400 mg for men"),
    ("how much vitamin d for my 6 month old", "for a baby of 6 months is 400 IU (10 µg) a day, with an upper "
                                              "limit of 1,000 IU (25 µg)"),
    ("is 1000 iu ok for a 9-month-old", "upper limit of 1,500 IU (37.5 µg) for a baby of 9 months"),
])
def test_the_reference_figure_is_the_persons(question, expected):
    assert expected in _opening(question)


def test_the_chat_profile_is_used_and_the_questions_own_words_win():
    assert "for a woman of 52 is 1,200 mg" in _opening("how much calcium a day?", Person(age=52, sex="female"))
    assert "for a man of 80" in _opening("how much calcium does a man of 80 need", Person(age=52, sex="female"))


def test_a_child_without_an_age_is_asked_for_it_and_a_count_is_not_a_dose():
    assert "say the child's age" in _opening("how much vitamin d should my toddler have")
    assert read_person("my 2 year old") == Person(age=2, child=True)
    assert "2 µg" not in answer_question("how much vitamin d for my 2 year old").text


def test_the_persons_own_safety_note_comes_first_and_once():
    """A warfarin user asking about K2 read a K2 dose first and the INR caution after (issue 12)."""
    from assistant.engine import Engine, Session

    asked = answer_question("im on warfarin, how much k2 should i take").text
    opening = asked.split("\n", 1)[0]
    assert opening.startswith("**In short:** For you: ") and "warfarin" in opening and "INR" in opening
    assert asked.count("INR checks") == 1  # not repeated in the topic's safety notes
    engine, session = Engine(), Session()
    for message in ["45 female", "i take warfarin"]:
        session = engine.reply_to(session, message).session
    reply = engine.reply_to(session, "what k2 dose should i take?").text
    assert reply.index("INR") < reply.index("90 µg a day") < reply.index("## Vitamin K2")
    assert "For you" not in answer_question("what k2 dose should i take?").text  # nobody's warfarin


@pytest.mark.parametrize(("question", "topic"), [
    ("do water tablets mess with your calcium levels?", "diuretics"),
    ("my husband takes omeprazole, should he take magnesium", "acid-reducers"),
    ("grandad has ckd, can he have magnesium", "kidney-disease"),
    ("can i still have salads and green veg on the meds that thin my blood", "warfarin"),
    ("is kale ok on blood-thinning tablets", "warfarin"),
])
def test_a_medicine_or_condition_named_by_any_of_its_names_brings_its_topic_first(question, topic):
    """Retrieval reads the names intake.toml gives medicines and conditions, whoever they are about."""
    from knowledge.evidence.retrieval import find_topics

    assert find_topics(question)[0].topic == topic


def test_a_count_of_a_strength_is_said_as_the_count_times_the_strength():
    from knowledge.evidence.answers import answer_question
    from knowledge.intake.supplements import read_supplements

    first = answer_question("is 2 x 1000iu of vitamin d a day too much").text.split("\n")[0]
    assert "2,000 IU (50 µg) a day is within the upper limit" in first and "2 x a day" not in first
    assert read_supplements("two 1000 iu tablets of d3")[0].stated == "2 × 1000 iu"  # as the chat says it back
