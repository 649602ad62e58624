"""Answers on the development questions: topics found, disagreements shown, every citation real."""

import tomllib

import pytest

from knowledge.evidence.answers import NOT_COVERED, answer_question
from knowledge.evidence.sources import load_knowledge
from tests.conftest import DATA

QUESTIONS = tomllib.loads((DATA / "questions.toml").read_text(encoding="utf-8"))["q"]


def test_question_set_is_large_and_everyday():
    assert len([q for q in QUESTIONS if q["topics"]]) >= 40
    assert sum(1 for q in QUESTIONS if q.get("everyday")) >= 15


def test_topic_recall_is_at_least_90_percent():
    expected = found = 0
    for q in QUESTIONS:
        got = set(answer_question(q["text"]).topics)
        expected += len(q["topics"])
        found += len(set(q["topics"]) & got)
    assert found / expected >= 0.90, f"recall {found}/{expected}"


@pytest.mark.parametrize("q", [q for q in QUESTIONS if q.get("contradictions")], ids=lambda q: q["text"])
def test_expected_disagreements_are_surfaced(q):
    answer = answer_question(q["text"])
    shown = {f"{c.kind}@{c.topic}" for c in answer.contradictions}
    assert set(q["contradictions"]) <= shown
    for contradiction in answer.contradictions:
        assert contradiction.summary in answer.text


def test_expected_sources_are_cited_wherever_the_topics_are_found():
    checked, missing = 0, []
    for q in QUESTIONS:
        answer = answer_question(q["text"])
        if q["topics"] and set(q["topics"]) <= set(answer.topics):  # a missed topic counts against recall
            checked += 1
            lacking = set(q["sources"]) - {c.source for c in answer.citations}
            if lacking:
                missing.append((q["text"], lacking))
    assert checked >= 40 and not missing


def all_answers():
    kb = load_knowledge()
    questions = [q["text"] for q in QUESTIONS] + [e for t in kb.topics.values() for e in t.examples]
    return [answer_question(text) for text in questions]


def test_every_citation_points_at_a_claim_of_that_source():
    kb = load_knowledge()
    for answer in all_answers():
        for citation in answer.citations:
            claim = kb.claim(citation.claim)
            assert claim is not None and claim.source == citation.source
        cited = {c.source for c in answer.citations}
        markers = set(__import__("re").findall(r"\[((?:s\d{3})|(?:ref-[a-z0-9-]+))\]", answer.text))
        assert markers <= cited | {s.id for s in answer.sources}
        assert {s.id for s in answer.sources} == cited


def test_every_statement_line_carries_a_citation():
    for answer in all_answers():
        for line in answer.text.splitlines():
            if line.startswith("- ") and "talk to your clinician" not in line:
                assert "[" in line and "]" in line, line


def test_outside_the_sources_is_said_honestly():
    for text in ("is creatine safe", "what is the capital of france", "¿cuánto zinc debo tomar?"):
        answer = answer_question(text)
        assert answer.text == NOT_COVERED and not answer.citations


def test_hedging_follows_the_evidence():
    text = answer_question("can calcium build up in my arteries").text
    assert "in rats" in text
    lone = answer_question("does b6 help magnesium").text
    assert "One source claims this: a lab-testing company with a commercial interest" in lone


def test_same_question_same_answer():
    first = answer_question("how much magnesium should i supplement").model_dump()
    assert answer_question("how much magnesium should i supplement").model_dump() == first


@pytest.mark.parametrize("text", ["", "   ", "[bold]magnesium[/bold]", "[/", "[0] calcium?", "x" * 100_000,
                                  "\x1b[31mvitamin d\x1b[0m dose", "マグネシウムは必要ですか", "🥛🧀"])
def test_odd_questions_get_an_answer_not_an_error(text):
    answer = answer_question(text)
    assert answer.text


@pytest.mark.parametrize("question", ["heart racing and dizzy since i started magnesium and vitamin d what do i do",
                                      "severe muscle weakness after magnesium, is it the dose?",
                                      "chest pain when I take calcium"])
def test_ask_triages_urgent_signs_before_retrieval_as_the_chat_does(question):
    """`calmag ask` gave 600 words on calcification to a racing heart with dizziness (issue 12)."""
    from assistant.engine import Engine, Session

    answer = answer_question(question)
    assert answer.topics == ["urgent-signs"] and "urgent care" in answer.text and answer.citations
    assert "##" not in answer.text  # no evidence sections, no supplement advice
    chat = Engine().reply_to(Session(), question)
    assert chat.urgent and answer.text in chat.text


@pytest.mark.parametrize("question", ["i feel really weak and my heartbeat feels irregular",  # described, not named
                                      "my legs are extremely weak since the magnesium",
                                      "my dad is confused and being sick, what should we do"])  # someone else's
def test_urgent_signs_described_in_other_words_or_of_someone_else_are_triaged(question):
    from assistant.engine import Engine, Session

    assert answer_question(question).topics == ["urgent-signs"]
    assert Engine().reply_to(Session(), question).urgent


@pytest.mark.parametrize("question", ["is the evidence for k2 very weak", "i have really weak bones, should i take "
                                      "calcium", "no chest pain, is magnesium safe for my heart"])
def test_weak_evidence_weak_bones_and_denied_signs_are_not_urgent(question):
    assert "urgent-signs" not in answer_question(question).topics


def test_a_sign_without_the_companion_that_makes_it_urgent_is_answered_with_when_to_get_help_first():
    """A racing heart alone is not REFERENCE's urgent sign; with dizziness or breathlessness it is."""
    answer = answer_question("my heart is racing after taking magnesium, what do i do")
    first = answer.text.split("\n")[0]
    assert answer.topics[0] == "urgent-signs" and len(answer.topics) > 1  # and then the answer itself
    assert "with dizziness or breathlessness" in first and "[ref-urgent-signs]" in first
    assert any(c.claim == "ref-urgent-signs" for c in answer.citations)
    assert answer_question("my heart is racing and i feel dizzy").topics == ["urgent-signs"]
    from assistant.engine import Engine, Session  # one triage for every entry point: the chat leads with it too

    chat = Engine().reply_to(Session(), "my heart is racing after taking magnesium, what do i do")
    assert chat.text.startswith(first.removeprefix("**In short:** ").split("].")[0]) and not chat.urgent


def test_the_answer_comes_first_then_disagreements_safety_and_the_detail_last():
    """Issue 12's shape: the answer, one line per disagreement, the safety notes once, then what each source
    says, which `calmag ask` shows only with --full."""
    import subprocess
    import sys

    answer = answer_question("should i take a magnesium supplement?")
    text = answer.text
    order = [text.index(part) for part in ("**In short:**", "Where the sources disagree:", "Safety:",
                                           "## What each source says", "Sources:")]
    assert order == sorted(order)
    assert text.count("impaired kidneys clear magnesium poorly") == 1
    # the upper limit the first lines give with its citation is not said again among the safety notes
    assert "upper limit of 350 mg" in text.split("\n")[0] and "350 mg" not in text.split("Safety:")[1].split("##")[0]
    assert "## What each source says" not in answer.short and "--full" in answer.short
    run = [sys.executable, "-m", "assistant.cli", "ask", "should i take a magnesium supplement?"]
    short = subprocess.run(run, capture_output=True, text=True, timeout=60).stdout
    full = subprocess.run([*run, "--full"], capture_output=True, text=True, timeout=60).stdout
    assert short.strip() == answer.short.strip() and full.strip() == text.strip()


def test_every_claim_of_a_source_with_a_commercial_interest_says_so():
    """The label appeared only on a claim no other source made, so s002's 10,000 IU correction dose carried
    none (issue 12)."""
    from knowledge.evidence.answers import claim_sentence
    from knowledge.evidence.sources import load_knowledge

    kb = load_knowledge()
    for claim in kb.claims:
        for alone in (True, False):
            sentence = claim_sentence(claim, kb, alone)
            assert ("with a commercial interest" in sentence) == kb.sources[claim.source].commercial, sentence
            assert sentence.startswith("One source claims") == (alone and not kb.sources[claim.source].is_reference)


def test_a_topic_about_other_nutrients_is_not_reached_by_a_loose_word():
    """'citrate' is a magnesium form's alias, but this question names only calcium."""
    from knowledge.evidence.retrieval import find_topics

    topics = [hit.topic for hit in find_topics("calcium carbonate or citrate, which is better")]
    assert "magnesium-forms" not in topics and "calcium-supplement-risks" in topics


@pytest.mark.parametrize(("question", "topic"), [
    ("does my toddler need vitamin d drops in winter", "vitamin-d-dose"),
    ("would calcuim do me any harm", "calcium-intake"),  # a typo in the nutrient's name
    ("is my caltrate habit fine", "calcium-intake"),  # a product, by what products.toml says it contains
])
def test_a_question_that_reaches_no_topic_goes_to_its_nutrients_home_and_says_so(question, topic):
    from knowledge.evidence.answers import NOT_COVERED, ONLY_GENERAL

    answer = answer_question(question)
    assert answer.text != NOT_COVERED and topic in answer.topics
    assert ONLY_GENERAL.split(";")[0] in answer.text.split("\n")[0]  # said in the answer's first lines
    assert answer_question("does sunscreen block zinc").text == NOT_COVERED  # no nutrient of ours: outside


def test_a_nutrients_nickname_is_the_nutrient_and_a_product_is_a_supplement():
    from knowledge.evidence.retrieval import find_topics

    nickname = [hit.topic for hit in find_topics("how much of the sunshine vitamin should i be having")]
    assert nickname[0] == "vitamin-d-dose"  # the vitamin first, not the sun
    product = [hit.topic for hit in find_topics("I take 2 Adcal a day and eat a lot of cheese, is that too much")]
    assert "calcium-supplement-risks" in product


@pytest.mark.parametrize(("question", "subject"), [
    ("can i put epsom salts in my bath for magnesium", "Epsom salt baths or magnesium taken through the skin"),
    ("does drinking coffee stop calcium getting absorbed", "coffee and calcium"),
    ("does sunscreen stop you making vitamin d", "sunscreen"),
    ("should i take zinc alongside my calcium", "zinc"),
])
def test_a_subject_the_sources_do_not_cover_is_said_first(question, subject):
    """The question names a nutrient they cover, but asks about something they say nothing of: the answer says
    so before what they say in general."""
    text = answer_question(question).text
    assert text.startswith(f"**In short:** My sources don't answer that question as such: they say nothing about "
                           f"{subject}."), text[:300]


def test_a_subject_a_source_covers_for_the_nutrient_asked_about_is_answered():
    """s000 counts caffeine among the ways magnesium is lost: that question is answered, not declined."""
    answer = answer_question("does caffeine deplete magnesium")
    assert "mg-losses" in answer.topics and "say nothing about" not in answer.text


def test_a_medicine_or_condition_topic_keeps_to_its_nutrients():
    """The sources caution about kidney disease and acid reducers for magnesium only: a vitamin D or calcium
    question does not get the magnesium caution as its answer, a magnesium question does."""
    assert "kidney-disease" not in answer_question("i have kidney disease, can i take vitamin d").topics
    assert "acid-reducers" not in answer_question("does omeprazole affect my calcium").topics
    assert answer_question("i have kidney disease, can i take magnesium").topics[0] == "kidney-disease"
    assert answer_question("does omeprazole lower magnesium").topics[0] == "acid-reducers"
    assert answer_question("i have ckd, which supplements are safe").topics[0] == "kidney-disease"
