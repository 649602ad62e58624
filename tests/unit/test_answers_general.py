"""The answer mechanisms on wording of our own, not the corpus's: slips read by edit distance, everyday words,
subjects the sources do not cover, urgent situations, a stated dose judged first, and a reference's one line."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from knowledge.evidence.answers import answer_question, outside_subjects
from knowledge.evidence.retrieval import corrected, find_topics, known_words, unknown_subjects
from knowledge.evidence.sources import KnowledgeBase, load_knowledge
from knowledge.evidence.triage import situations


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.removeprefix("**In short:** "), maxsplit=1)[0]


# --- slips: no misspelling is listed anywhere; the edit distance finds the known word ---

@pytest.mark.parametrize(("slip", "word"), [
    ("magnesuim", "magnesium"), ("calsium", "calcium"), ("vitmin", "vitamin"), ("togehter", "together"),
    ("osteoprosis", "osteoporosis"), ("levothyroxin", "levothyroxine"),
])
def test_a_slip_of_a_known_word_is_read_as_that_word(slip, word):
    assert slip not in known_words(load_knowledge())
    assert corrected(slip, load_knowledge()) == word


@pytest.mark.parametrize("word", ["caltrate", "prunes", "sertraline", "kids", "lives"])  # "lives" is no "liver"
def test_a_product_a_food_an_unknown_subject_or_a_short_word_is_left_as_it_is(word):
    assert corrected(word, load_knowledge()) == word


@pytest.mark.parametrize(("question", "topic"), [
    ("how much vitmin d should i have", "vitamin-d-dose"),
    ("is calsium carbonate ok", "calcium-intake"),
    ("can i take magnesuim and calcium togehter", "together-or-apart"),
])
def test_a_question_with_slips_reaches_its_topic(question, topic):
    assert topic in [hit.topic for hit in find_topics(question)]


# --- everyday words: the kinds people use (brands, UK/US/Australian names, nicknames) ---

@pytest.mark.parametrize(("question", "topic"), [
    ("im on fluid tablets, do i need more mag", "diuretics"),
    ("does my water tablet lower my magnesium", "diuretics"),
    ("is calcium ok with my blood pressure tablets", "diuretics"),  # many are thiazides
    ("my gran takes blood thinners, can she have k2", "warfarin"),
    ("can i take my once a week tablet with calcium", "other-medicines"),
    ("is nexium bad for magnesium long term", "acid-reducers"),
    ("do my thyroid tablets clash with calcium", "other-medicines"),
    ("my cholesterol tablets and vitamin d", "other-medicines"),
    ("magnesium gives me the trots", "magnesium-supplement"),
    ("my bloods show low magnesium", "lab-tests"),
    ("im preggers how much calcium do i need", "pregnancy"),
    ("which is better mag glycinate or mag oxide", "magnesium-forms"),
])
def test_everyday_words_reach_their_topic(question, topic):
    assert topic in answer_question(question).topics


def test_a_person_word_of_the_lexicon_says_whose_figure_it_is():
    assert "for a baby" in answer_question("how much vitamin d for a newborn").text or \
        "child's age" in answer_question("how much vitamin d for a newborn").text
    assert "in pregnancy" in answer_question("im preggers how much calcium do i need").text


# --- subjects the sources do not cover, decided by mechanism ---

@pytest.mark.parametrize(("question", "subject"), [
    ("can magnesium help with tinnitus", "tinnitus"),  # a word no source knows, where the question asks
    ("is vitamin d good for covid", "covid"),
    ("can i take calcium with my sertraline", "sertraline"),
    ("does vitamin d help my immune system", "immune system"),
    ("is it bad to take calcium and iron together", "iron"),  # another nutrient
    ("im on digoxin, can i take calcium", "digoxin"),  # a medicine intake.toml knows and no source notes
    ("my ferritin is low, should i take magnesium", "ferritin"),  # a test likewise
    ("my dad has kidney disease, can he take vitamin d", "kidney disease and vitamin D"),  # noted for another
])
def test_an_uncovered_subject_is_said_to_be_outside_the_sources_first(question, subject):
    assert subject in outside_subjects(question, load_knowledge())
    answer = answer_question(question)
    assert answer.text.startswith("**In short:** My sources don't answer that question as such") or \
        answer.topics == [], answer.text[:200]


@pytest.mark.parametrize("question", [
    "does magnesium help with cramps", "is calcium good for my bones", "can magnesium help me sleep",
    "is calcium good for teenagers", "can i take calcium with my levothyroxine",
    "i have kidney disease can i take magnesium", "im postmenopausal how much calcium",
])
def test_a_covered_subject_is_not_said_to_be_outside(question):
    assert outside_subjects(question, load_knowledge()) == []


def test_the_unknown_word_test_needs_its_asking_words(monkeypatch):
    kb = load_knowledge()
    assert unknown_subjects("can magnesium help with tinnitus", kb) == ["tinnitus"]
    bare = kb.model_copy(update={"asking": []})
    assert unknown_subjects("can magnesium help with tinnitus", bare) == []


# --- urgent situations: one home, broadened ---

def test_every_urgent_word_has_one_home():
    assert not resources.files("knowledge").joinpath("data/knowledge/urgent.toml").is_file()
    intake = tomllib.loads(resources.files("knowledge").joinpath("data/intake.toml").read_text("utf-8"))
    assert len(situations()) == len(intake["situation"]) and intake["red_flag"]


@pytest.mark.parametrize(("message", "label"), [
    ("my toddler got into my vitamin d gummies", "a child who may have swallowed"),
    ("i took a whole bottle of magnesium tablets", "an overdose"),
    ("my mum took too many of her calcium tablets and feels sick", "an overdose"),
    ("the doctor rang and said my calcium is dangerously high", "dangerously high"),
    ("my dad collapsed after his vitamin d injection", "fainting"),
    ("i had a fit this morning, is it low magnesium", "a seizure"),
    ("my chest hurts when i take calcium", "chest pain"),
])
def test_an_urgent_situation_gets_urgent_care_and_nothing_else(message, label):
    answer = answer_question(message)
    assert answer.topics == ["urgent-signs"] and label in answer.text and "emergency" in answer.text


@pytest.mark.parametrize("message", [
    "can you overdose on vitamin d", "what if my child swallowed a tablet", "is 60 ng/ml too high",
    "no chest pain, just wondering about calcium",
])
def test_a_message_that_only_comes_near_an_urgent_situation_is_answered(message):
    assert answer_question(message).topics != ["urgent-signs"]


# --- a stated dose judged in the first sentence ---

@pytest.mark.parametrize(("question", "figure", "limit"), [
    ("i take 800mg mag is that ok", "800 mg", "350 mg"),
    ("is 400mg magnesium ok while pregnant", "400 mg", "350 mg"),  # before the person's own notes
    ("my husband takes 5000 IU D3 daily, ok?", "5,000 IU", "4,000 IU"),
    ("i'm 75, is 1500 mg calcium ok", "1,500 mg", "2,000 mg"),  # the age before a comma is an age
    ("is 1000iu of vitamin d enough", "1,000 IU", "4,000 IU"),  # a figure run into its unit
])
def test_a_stated_dose_is_judged_against_the_upper_limit_first(question, figure, limit):
    first = _first_sentence(answer_question(question).text)
    assert first.startswith(figure) and f"upper limit of {limit}" in first, first


def test_a_dose_said_as_daily_is_not_said_twice():
    first = _first_sentence(answer_question("my husband takes 5000 IU D3 daily, ok?").text)
    assert "(daily)" not in first and "about" not in first


# --- a reference's one line ---

def test_a_question_on_forms_opens_with_the_references_elemental_shares():
    text = answer_question("which is better mag glycinate or mag oxide").text
    first = text.split("\n")[0]
    assert "oxide 60%" in first and "glycinate 14%" in first and "[ref-ods-magnesium]" in first
    assert "diarrhoea" in first  # the upper limit is set to avoid it


def test_a_topic_cannot_open_with_a_claim_that_does_not_exist():
    kb = load_knowledge()
    data = kb.model_dump()
    data["topics"]["magnesium-forms"]["opens"] = ["ref-no-such-claim"]
    with pytest.raises(ValueError, match="opens with an unknown claim"):
        KnowledgeBase.model_validate(data)


# --- staying on what was asked ---

def test_timing_is_answered_only_for_the_nutrients_its_claims_time():
    assert "timing" not in answer_question("should i take calcium with food").topics
    assert "timing" in answer_question("when should i take magnesium").topics  # its example, over looser ties


def test_an_answer_given_only_in_general_keeps_the_sources_disagreements_for_the_detail():
    answer = answer_question("should i take calcium at night or in the morning")
    assert "My sources don't answer that question as such" in answer.short
    assert "Where the sources disagree" not in answer.short and "Where the sources disagree" in answer.text


@pytest.mark.shared
def test_the_source_words_are_the_articles_words():
    """source_words.toml is what scripts/build_source_words.py makes from the articles: a changed article must
    regenerate it."""
    import importlib.util

    script_path = Path(__file__).resolve().parents[2] / "scripts" / "build_source_words.py"
    spec = importlib.util.spec_from_file_location("build_source_words", script_path)
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    words = script.article_words()
    assert words and frozenset(words) == load_knowledge().source_words


@pytest.mark.parametrize(("question", "topic"), [
    ("What dose of vitamin D does a baby who is exclusively breastfed need?", "vitamin-d-dose"),  # "vitamin d dose"
])
def test_an_alias_said_in_another_order_reaches_its_topic(question, topic):
    from knowledge.evidence.retrieval import find_topics

    assert topic in [hit.topic for hit in find_topics(question)]


def test_an_alias_with_a_small_word_is_not_found_in_another_order():
    from knowledge.evidence.retrieval import find_topics

    topics = [hit.topic for hit in find_topics("I take vitamin D once a week, is that the same as daily?")]
    assert "vitamin-a" not in topics


@pytest.mark.parametrize(("question", "topic"), [
    ("is magnesium carbonate any good?", "magnesium-forms"),  # any magnesium compound names the forms
    ("does magnesium taurate work", "magnesium-forms"),
    ("is it bad to take magnesium on an empty stomach", "timing"),
    ("does it matter what time of day i take vitamin d", "timing"),
    ("is it true 80% of people are low in magnesium or is that hype", "deficiency-prevalence"),
])
def test_a_subjects_everyday_wording_reaches_its_topic(question, topic):
    assert topic in answer_question(question).topics


@pytest.mark.parametrize(("question", "parts"), [
    ("how much magnesium is in a banana, i have 2 a day", ["118 g of Bananas, raw", "31.9 mg of magnesium"]),
    ("are sardines high in calcium", ["sardine", "mg of calcium"]),
    ("does milk have vitamin d", ["Milk", "µg of vitamin D"]),
    # the table's vitamin K is K1: a K2 question is told so
    ("how much k2 in natto", ["Natto", "no MK-7", "no K2 figure"]),
])
def test_one_foods_amount_comes_from_the_food_table_and_says_the_articles_give_none(question, parts):
    answer = answer_question(question)
    opening = answer.text.split("\n", 1)[0]
    assert "food table gives one food's amounts" in opening and "[ref-usda-sr28]" in opening, opening
    assert all(part in opening for part in parts), opening
    assert "ref-usda-sr28" in {s.id for s in answer.sources}


@pytest.mark.parametrize("question", ["how much calcium should i take", "how much calcium is in my diet",
                                      "how much magnesium is in a flurbleworp",
                                      "how much vitamin d in breast milk",  # no cow's milk stands for it
                                      "how much magnesium is in milk of magnesia", "does it have calcium"])
def test_a_question_naming_no_food_the_table_surely_has_gets_no_food_figure(question):
    assert "[ref-usda-sr28]" not in answer_question(question).text


# --- symptoms, timing and tests in people's words (the fourth writer's kinds) ---

@pytest.mark.parametrize("question", ["get the odd skipped beat after coffee, could magnesium help?",
                                      "my calves lock up at night, is it my magnesium?",
                                      "always knackered lately, would magnesium help"])
def test_a_symptom_named_in_everyday_words_reaches_the_symptoms_topic(question):
    assert "symptoms" in answer_question(question).topics


def test_a_symptom_asked_of_a_nutrient_the_symptom_claims_are_not_about_does_not_reach_them():
    question = "does calcium make you constipated? since starting caltrate i cant go"
    assert "symptoms" not in answer_question(question).topics


@pytest.mark.parametrize(("question", "topic"), [
    ("better to take 200mg magnesium in the morning and 200mg at night, or all 400mg in one go?", "timing"),
    ("can i take my k2 at nite w my mag or does it hav 2 b w breakfast", "timing"),
    ("can you actually get tested for k2?", "lab-tests"),
    ("my cal-mag-zinc tablet has everything in one. is it pointless if they compete?", "together-or-apart"),
])
def test_timing_tests_and_combined_tablets_in_peoples_words(question, topic):
    assert topic in answer_question(question).topics


def test_a_fast_uneven_heart_with_dizziness_is_urgent():
    answer = answer_question("he takes magnesium and now his heart is going really fast and uneven and he's dizzy")
    assert answer.topics == ["urgent-signs"]
