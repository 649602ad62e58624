"""A dose taken only in a season ("1000 IU in winter") or only now and then ("when I remember") is read with
its condition, shown with it and asked about: never averaged over the year unasked, never dropped."""

import pytest

from assistant.engine import Engine
from assistant.engine.state import Profile, Session
from knowledge.intake.supplements import dose_words, how_often, read_supplements


def _at_supplements() -> Session:
    return Session(step="supplements", answered=["profile", "diet"], profile=Profile(age=50, sex="female"))


def _chat(messages: list[str]):
    engine, session, replies = Engine(), _at_supplements(), []
    for message in messages:
        reply = engine.reply_to(session, message)
        session = reply.session
        replies.append(reply)
    return session, replies


@pytest.mark.parametrize(("text", "season"), [
    ("vitamin d 1000 iu in winter", "in winter"),
    ("vitamin d 1000 IU winter only", "in winter"),
    ("d3 2000 iu october to march", "from october to march"),
])
def test_a_seasonal_dose_is_held_with_its_season(text, season):
    [dose] = read_supplements(text)
    assert dose.amount is None and dose.pending is not None
    assert dose.season == season


def test_every_season_is_said_back_as_a_season():
    for said, shown in dose_words().seasonal.items():
        assert how_often(f"vitamin d 1000 iu {said}").seasonal == shown
        assert shown.split()[0] in ("in", "over", "through", "during", "from"), shown


def test_the_season_is_shown_and_asked_about_not_averaged():
    session, [reply] = _chat(["vitamin d 1000 IU in winter"])
    assert "in winter" in reply.text and "25 µg" in reply.text
    assert not [s for s in session.supplements if s.amount]
    [question] = session.questions
    assert question.kind == "frequency" and "in winter only" in question.text


def test_counted_when_taken_now():
    session, replies = _chat(["vitamin d 1000 IU in winter", "count it"])
    [item] = session.supplements
    assert item.amount == 25.0  # the daily dose while it is taken, not a year's average
    assert "in winter" in replies[-1].text


def test_left_out_when_not_taken_now_and_that_is_said():
    session, replies = _chat(["vitamin d 1000 IU in winter and magnesium 200 mg daily", "no"])
    assert [(s.dose.nutrient, s.amount) for s in session.supplements] == [("magnesium_mg", 200.0)]
    assert "Left out for now" in replies[-1].text and "in winter" in replies[-1].text
    assert not session.questions


def test_a_season_said_before_the_dose_is_kept_when_the_dose_comes():
    session, replies = _chat(["vitamin d only in the winter months", "2000 iu a day"])
    assert "in the winter" in replies[0].text  # asked how much "in the winter"
    assert "IU" in replies[0].text and "mg a day" not in replies[0].text  # vitamin D's example is in IU
    assert not [s for s in session.supplements if s.amount]
    assert session.questions[0].kind == "frequency" and "only" in session.questions[0].text
    session, _ = _chat(["vitamin d only in the winter months", "2000 iu a day", "yes"])
    assert [s.amount for s in session.supplements] == [50.0]


def test_a_label_taken_in_a_season_asks_the_season_after_the_label():
    session, replies = _chat(["vit d gummy in winter", "vitamin d 25 mcg", "count it"])
    assert "in winter only" in replies[1].text
    assert [s.amount for s in session.supplements] == [25.0]


def test_when_i_remember_still_asks_how_many_days():
    session, replies = _chat(["magnesium 400mg when I remember", "3 days a week"])
    assert "How many days a week" in replies[0].text
    assert [s.amount for s in session.supplements] == [round(400 * 3 / 7, 2)]
