"""The engine as a library: its boundary, determinism, saved state, and the rules every turn follows."""

import json
import subprocess
import sys

import pytest

from assistant.engine import Engine, Session
from assistant.engine.report import compute_totals
from assistant.transcripts import Recorded

ENGINE = Engine()
DAY = ["45 female", "2 cups spinach, a banana, milk 1 cup", "cooked", "magnesium glycinate 200 mg",
       "elemental", "I take omeprazole", "cramps", "vitamin d 30 ng/ml"]


def run(messages, session=None):
    session = session or Session()
    replies = []
    for message in messages:
        reply = ENGINE.reply_to(session, message)
        replies.append(reply)
        session = reply.session
    return replies


def test_the_engine_imports_no_ui():
    code = ("import sys, assistant.engine, assistant.transcripts; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_same_input_gets_the_same_replies():
    first = [Recorded.of(r).model_dump() for r in run(DAY)]
    second = [Recorded.of(r).model_dump() for r in run(DAY)]
    assert first == second


def test_a_turn_never_changes_the_session_passed_in():
    session = run(DAY[:2])[-1].session
    before = session.model_dump()
    ENGINE.reply_to(session, "remove the banana")
    assert session.model_dump() == before


def test_a_saved_session_resumes_where_it_stopped():
    replies = run(DAY[:5])
    saved = replies[-1].session.model_dump_json()
    resumed = Session.model_validate_json(saved)
    assert resumed.step == "medications"
    assert compute_totals(resumed) == replies[-1].totals
    assert "Welcome back" in ENGINE.greet(resumed).text
    after = ENGINE.reply_to(resumed, "I take omeprazole")
    assert after.step == "symptoms"


async def test_respond_is_the_async_entry_point():
    reply = await ENGINE.respond(Session(), "45 female")
    assert reply.step == "diet" and reply.session.profile.age == 45


def test_the_report_keeps_food_magnesium_off_the_limit():
    [*_, report] = run(["30 male", "4 cups cooked spinach", "cooked", "none", "none", "none", "skip"])
    assert report.totals.magnesium_mg > 350 and report.totals.supplements.magnesium_mg is None
    assert "your 0 mg is within it" in report.text and "magnesium" not in " ".join(report.safety).lower()


def test_missing_vitamin_d_values_are_named_not_counted_as_zero():
    [*_, reply] = run(["30 male", "1 cup firm tofu"])
    assert reply.totals.vitamin_d_ug is None or "vitamin_k_ug" in reply.totals.missing
    [*_, report] = run(["30 male", "1 cup firm tofu", "next", "none", "none", "none", "skip"])
    assert "so the food figure is a floor, not a total" in report.text


def test_undo_reaches_back_at_most_the_history_limit():
    replies = run(["45 female"] + [f"{n} g almonds" for n in range(1, 30)])
    session = replies[-1].session
    assert len(session.history) == 20
    for _ in range(20):
        session = ENGINE.reply_to(session, "undo").session
    assert ENGINE.reply_to(session, "undo").text.startswith("There is nothing to undo")


@pytest.mark.parametrize("message", ["", "   ", "\x1b[2J\x1b[H", "x" * 5000, "[/", "[bold", "[0]", "[/foo]",
                                     "🙂" * 50, "DROP TABLE foods;", "\u202e\u200b", "0", "-1", "nan", "1e308"])
def test_odd_messages_get_a_reply_and_lose_nothing(message):
    session = run(DAY[:3])[-1].session
    reply = ENGINE.reply_to(session, message)
    assert reply.text.strip()
    assert compute_totals(reply.session).calcium_mg >= compute_totals(session).calcium_mg - 0.01


def test_the_chat_command_follows_the_contract(tmp_path):
    transcript = tmp_path / "chat.json"
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "chat", "--plain", "--json", "--save",
                             str(transcript)], input="45 female\n2 cups spinach\nwhat about vitamin d?\n",
                            capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 4  # the greeting, then one reply per line
    assert {"text", "step", "foods", "totals", "citations", "contradictions", "safety"} <= lines[2].keys()
    assert lines[2]["foods"][0]["food"]["id"] == "11457" and lines[2]["totals"]["calcium_mg"] > 50
    assert lines[3]["citations"] and lines[3]["step"] == lines[2]["step"]
    saved = json.loads(transcript.read_text())
    assert [s["user"] for s in saved["steps"]] == ["45 female", "2 cups spinach", "what about vitamin d?"]
    assert transcript.stat().st_mode & 0o077 == 0


def test_the_chat_command_refuses_a_save_folder_that_does_not_exist(tmp_path):
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "chat", "--plain", "--save",
                             str(tmp_path / "no" / "t.json")], input="", capture_output=True, text=True)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "no such folder" in result.stderr


def test_steps_can_be_skipped_and_revisited():
    replies = run(["45 female", "skip", "back", "a banana", "supplements", "none", "profile", "50"])
    assert [r.step for r in replies] == ["diet", "supplements", "diet", "supplements", "supplements",
                                         "medications", "profile", "medications"]
    assert replies[-1].session.profile.age == 50 and replies[-1].session.foods


def test_a_bare_amount_goes_to_the_food_given_in_that_unit_and_the_open_question_stays():
    listed, changed = run(["60 female", "3 cups of milk, cheddar 50g, spinach", "actually it was 2 cups"])[1:]
    assert "For 'spinach', which did you mean?" in listed.text
    milk = next(f.result for f in changed.session.foods if f.result.food.name.startswith("Milk"))
    assert milk.grams == 488  # two cups of milk, not two cups of the spinach being asked about
    assert "For 'spinach', which did you mean?" in changed.text  # asked again, not silently dropped


def test_pregnancy_implies_the_female_targets_and_the_intake_moves_on():
    [reply] = run(["I'm 29 and pregnant"])
    assert reply.session.profile.sex == "female" and reply.session.profile.pregnant and reply.step == "diet"


def test_a_day_of_foods_at_the_profile_question_is_not_read_as_an_age():
    replies = run(["I'm 40", "2 slices of toast and an egg, 3 cups of milk"])
    assert replies[-1].session.profile.age == 40


def test_a_message_about_something_else_does_not_answer_a_choice():
    # the open question offers "with peel"; the message shares only the word "with"
    session = run(["45 female", "an orange"])[-1].session
    assert [q.choices for q in session.questions] == [["all commercial varieties", "with peel"]]
    reply = ENGINE.reply_to(session, "a multivitamin with 200 mg calcium")
    assert reply.session.foods[0].result.food.name == "Oranges, raw, all commercial varieties"
    assert [s.dose.amount for s in reply.session.supplements] == [200.0]


def test_foods_not_sure_enough_away_from_the_diet_step_are_named_not_dropped():
    session = run(["45 female", "none"])[-1].session
    assert session.step == "supplements"
    reply = ENGINE.reply_to(session, "a banana, mauby")
    assert [f.result.food.name for f in reply.session.foods] == ["Bananas, raw"]
    assert "Not counted: 'mauby'" in reply.text


def test_a_medicine_named_as_ones_own_in_a_question_is_noted_for_the_report():
    _, asked, *_, report = run(["68 male", "I'm on Coumadin, should I take K2?", "an egg", "vitamin K2 100 mcg",
                                "none", "none"])  # the medicines were given with the question: not asked again
    assert "coumadin: warfarin" in asked.text and "## Vitamin K2" in asked.text
    assert "medications" in asked.session.answered and asked.step == "diet"
    assert [n.key for n in report.session.noted] == ["warfarin"]
    assert "people on warfarin" in report.text.split("## Your medicines and conditions")[1]
    # a question about a medicine in general is answered, not taken as the person's own
    [general] = run(["does K2 interact with warfarin?"])
    assert general.session.noted == []


def test_a_missing_sex_is_asked_with_choices_and_can_be_declined():
    replies = run(["I'm 40", "prefer not to say"])
    assert replies[0].choices == ["female", "male", "prefer not to say"] and replies[0].step == "profile"
    assert replies[1].step == "diet" and replies[1].session.profile.sex_declined
    [*_, report] = run(["I'm 40", "prefer not to say", "none", "magnesium 100 mg", "none", "none", "skip"])
    assert "for women is 320 mg" in report.text and "for men is 420 mg" in report.text


@pytest.mark.parametrize("sign", ["I feel confused", "severe weakness in my legs", "I had a seizure",
                                  "I fainted this morning"])
def test_every_urgent_sign_stops_the_intake(sign):
    session = run(DAY[:2])[-1].session
    reply = ENGINE.reply_to(session, sign)
    assert reply.urgent and "urgent care" in reply.text and reply.step == session.step
    assert " mg" not in reply.text and reply.foods == [] and reply.session.foods == session.foods


@pytest.mark.parametrize("text", ["[x](cite:s000) **spinach**", "[click me](https://example.com) a banana",
                                  "![img](http://example.com/a.png) <b>eggs</b>", "`rm -rf` _toast_ # heading"])
def test_what_the_person_typed_is_never_live_markdown_in_a_reply(text):
    """Echoed text is escaped: a link, image, emphasis or HTML the person typed shows as typed (issue 14)."""
    import re

    link = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(")  # a link or image the Markdown would make
    reply = Engine().reply_to(Session(step="diet", answered=["profile"]), text)
    assert not link.search(reply.text)
    assert not re.search(r"(?<!\\)\*\*\w|(?<!\\)<b>|(?<!\\)`rm|(?<!\\)_toast", reply.text)
    removal = Engine().reply_to(reply.session, "remove the [x](cite:s000)")
    assert "[x" in removal.text and not link.search(removal.text)


def test_running_food_totals_match_a_sum_from_scratch_through_adds_removals_and_undo():
    """Totals reuse the sums of a list already summed (issue 13); whatever path led to a list, they are the
    figures a fresh sum of it gives."""
    from assistant.engine import report

    session = Session()
    for message in ["45 female", "2 cups spinach, a banana", "an egg", "remove the banana", "a cup of milk",
                    "undo", "undo", "3 slices of cheddar", "actually it was 2 eggs"]:
        reply = ENGINE.reply_to(session, message)
        session = reply.session
        fresh = report._FoodSums().of(session.foods)
        assert report._FOOD_SUMS.of(session.foods) == fresh, message
        assert reply.totals is None or reply.totals.food.calcium_mg == round(fresh[0]["calcium_mg"], 2), message


@pytest.mark.parametrize("step", ["supplements", "diet"])
def test_a_question_after_a_statement_is_asked_not_taken_for_a_dose(step):
    from assistant.engine.state import Profile

    session = Session(step=step, answered=["profile"], profile=Profile(age=40, sex="female"))
    reply = ENGINE.reply_to(session, "lactose intolerant so dont drink milk, do i need a calcium tablet")
    assert not reply.session.supplements and "give for calcium in one tablet" not in reply.text  # none taken
    assert "lactose intolerant" in reply.text and "1,000 mg" in reply.text  # the fact noted, the question answered
    kept = ENGINE.reply_to(session, "vitamin d 1000 iu, any brand")  # "any brand" asks nothing
    assert kept.session.supplements


@pytest.mark.parametrize("step", ["supplements", "diet"])
def test_foods_said_with_a_diet_are_kept_at_any_step(step):
    from assistant.engine.state import Profile

    session = Session(step=step, answered=["profile"], profile=Profile(age=40, sex="female"))
    reply = ENGINE.reply_to(session, "pescatarian, salmon and rice")
    assert "pescatarian" in reply.text and [f.result.text for f in reply.session.foods] == ["salmon", "rice"]
    assert not ENGINE.reply_to(session, "mostly plant based now").session.foods  # a diet alone names no food


def test_an_age_beside_the_sex_is_read_at_any_step_and_is_no_food():
    from assistant.engine.state import Profile

    session = Session(step="diet", answered=["profile"], profile=Profile(age=58, sex="female"))
    reply = ENGINE.reply_to(session, "34 male")
    assert (reply.session.profile.age, reply.session.profile.sex) == (34, "male") and not reply.session.foods
