"""Situations that need a clinician promptly beyond REFERENCE.md's signs (issue 12's questions: a child who
swallowed supplements, bleeding on warfarin, side pain with blood in the urine, tingling after thyroid
surgery): the same urgent answer in `calmag ask` and in the chat, and nothing for messages that only come near."""

import pytest

from assistant.engine.engine import Engine
from assistant.engine.state import Session
from knowledge.evidence.answers import answer_question, urgent_signs
from knowledge.evidence.sources import load_knowledge
from knowledge.evidence.triage import situations

URGENT = [
    ("my toddler got into my vitamin d gummies and ate about 10", "a child who may have swallowed"),
    ("my 4 year old swallowed some of my magnesium tablets", "a child who may have swallowed"),
    ("im on warfarin and my gums keep bleeding", "bleeding while on a blood thinner"),
    ("nosebleed that wont stop, I take apixaban", "bleeding while on a blood thinner"),
    ("really bad pain in my back and blood in my urine", "blood in the urine"),
    ("had my thyroid out on monday and now my fingers are tingling", "after thyroid or neck surgery"),
    ("agonising pain down my side and my urine's got blood in it", "blood in the urine"),  # as people say it
    ("back pain and peeing blood since yesterday", "blood in the urine"),
    ("33 wks pregnant, splitting headache, face and hands really puffy", "in pregnancy"),
    ("im pregnant and seeing flashing lights, is that the vitamin d?", "in pregnancy"),
]
# a sign's words in any order, in any number: "heart's" (folded "hearts") is the word "heart"
SIGNS_ANY_FORM = ["My heart's been pounding really fast since I took my magnesium. What should I do?",
                  "my hearts racing and i feel dizzy",
                  # a flutter said apart from the heart, and breathlessness as people put it
                  "on furosemide for my heart and now its fluttering all over the place, im dizzy and cant catch "
                  "my breath",
                  "my heart is hammering and i feel woozy", "heart going a mile a minute and im dizzy",
                  "my mum is confused and keeps vomiting since starting calcium",
                  "I'm a bit confused and very weak, been taking 10000 iu a day"]
NEAR = [
    "if i take k2 on warfarin will i bleed more",  # supposed, not happening
    "is it ok to eat greens when im on the blood thinner",
    "my son takes his vitamin d tablets every day",
    "no blood in my urine but my back hurts",
    "i had thyroid surgery years ago, how much calcium should i take",
    "im 20 weeks pregnant, how much vitamin d do i need",
    "butterflies fluttering in my tummy before exams, is magnesium ok",
    "im a bit confused about which magnesium to buy",  # puzzled by what to buy, not confused
    "expecting my period soon, bad headache, is that low magnesium",  # not pregnant
]


@pytest.mark.parametrize(("message", "label"), URGENT)
def test_a_situation_gets_the_urgent_answer_in_ask_and_chat(message, label):
    answer = answer_question(message)
    assert answer.topics == ["urgent-signs"] and label in answer.text, answer.text[:200]
    assert "ref-urgent-situations" in {c.claim for c in answer.citations}
    assert " mg" not in answer.text and " IU" not in answer.text  # no supplement advice
    reply = Engine().reply_to(Session(step="diet", answered=["profile"]), message)
    assert reply.urgent and label in reply.text


@pytest.mark.parametrize("message", NEAR)
def test_a_message_near_a_situation_is_not_one(message):
    assert not urgent_signs(message), message
    assert answer_question(message).topics != ["urgent-signs"]


def test_a_child_who_swallowed_supplements_is_told_of_the_poisons_service():
    assert "poisons information service" in answer_question("my son swallowed 10 of my vitamin d tablets").text


def test_every_situation_rests_on_a_safety_rule():
    kb = load_knowledge()
    for situation in situations():
        claim = kb.claim(situation.claim)
        assert claim is not None and kb.sources[claim.source].kind == "safety rule"


@pytest.mark.parametrize("message", SIGNS_ANY_FORM)
def test_a_signs_words_in_another_form_still_get_urgent_care_first(message):
    assert answer_question(message).topics[:1] == ["urgent-signs"]


@pytest.mark.parametrize(("message", "urgent"), [
    ("is natto the best source of K2? I can't stand the stuff", False),  # dislike, with an object
    ("i cant stand it when people say that", False),
    ("my legs are so weak i cant stand", True),
    ("i can't stand up since this morning", True),
])
def test_cant_stand_is_weakness_only_without_an_object(message, urgent):
    assert bool(urgent_signs(message)) is urgent
