"""Words that say something was stopped are data (``stopped`` in intake.toml, beside ``past``), and both
kinds of reader use them: a medicine is denied, a supplement's dose is not counted."""

import pytest

from assistant.engine import Engine
from assistant.engine.state import Profile, Session
from knowledge.intake.mentions import _raw, find_mentions, past_blanked


@pytest.mark.parametrize("said", _raw()["stopped"])
def test_every_stopped_word_denies_a_medicine_and_blanks_a_supplement(said):
    [mention] = find_mentions(f"{said} the omeprazole last year", ("medicine",))
    assert mention.denied
    kept, before = past_blanked(f"i {said} my calcium 600 mg")
    assert "calcium" not in kept and before


def test_a_stopped_supplement_is_said_and_not_counted():
    session = Session(step="supplements", answered=["profile", "diet"], profile=Profile(age=50, sex="female"))
    reply = Engine().reply_to(session, "i quit taking my magnesium 400 mg, now just vitamin d 1000 iu")
    assert [(s.dose.nutrient, s.amount) for s in reply.session.supplements] == [("vitamin_d_ug", 25.0)]
    assert "stopped" in reply.text


@pytest.mark.parametrize(("text", "denied"), [
    ("did 5 yrs of alendronate, finished in 2022, now on nothing but a D3 1000", {"bisphosphonate": True}),
    ("on fosamax for 5 years, stopped it last year", {"bisphosphonate": True}),
    ("lasix, stopped it, now on bendroflumethiazide", {"loop-diuretic": True, "thiazide": False}),
    ("on warfarin, started last year", {"warfarin": False}),  # a clause of when, but no past
    ("on lasix, and stopped my calcium", {"loop-diuretic": False}),  # the stop is the calcium's
])
def test_a_clause_saying_only_that_it_stopped_puts_the_medicine_before_it_in_the_past(text, denied):
    assert {m.key: m.denied for m in find_mentions(text, ("medicine",))} == denied


def test_a_word_bringing_the_message_back_to_now_ends_what_was_stopped():
    kept, before = past_blanked("stopped my calcium last yr after a kidney stone still on magnesium 250mg")
    assert "magnesium 250mg" in kept and "calcium" not in kept


def test_the_reader_holds_no_word_list_of_its_own():
    from pathlib import Path

    import knowledge.intake.mentions as mentions

    code = Path(mentions.__file__).read_text("utf-8")
    for word in ("quit", "stopped taking", "doesnt", "neither"):  # words of the lists, never in the code
        assert f'"{word}"' not in code and f"'{word}'" not in code
