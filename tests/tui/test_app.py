"""The real Textual app, driven by Pilot: a whole guided session, the panel against the engine, citations,
sources, export, replay, input history, quick replies, and text that looks like markup."""

import json
import re

import pytest
from textual.widgets import Button

from assistant.engine import Engine, Session
from assistant.engine.balance import balance
from assistant.store import Store
from assistant.transcripts import load_transcript
from assistant.tui import build_app
from assistant.tui.chat import PromptInput, UserMessage
from assistant.tui.panel import bar_text
from assistant.tui.reply import ReplyMessage
from assistant.tui.screens import CitationScreen, HelpScreen, SourcesScreen
from tests.tui.steps import idle, ready, replies, send, until

SIZE = (100, 32)
SESSION = ["45 female", "2 cups spinach, a banana, 1 cup milk", "cooked", "magnesium glycinate 200 mg",
           "elemental", "I take omeprazole", "none", "skip"]
ENGINE = Engine()


@pytest.fixture
def store(tmp_path):
    return Store.open(tmp_path / "data")


async def test_first_paint_comes_before_loading(store):
    app = build_app(engine=Engine(), store=store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.query_one(PromptInput).disabled  # painted, still loading
        await ready(pilot)
        assert not app.query_one(PromptInput).disabled
        [greeting] = app.query(ReplyMessage)
        assert "Hello, I'm calmag" in greeting.text


async def test_a_guided_session_and_the_panel_match_the_engine(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for text in SESSION:
            await send(pilot, text)
        session = Session()
        for text in SESSION:
            session = ENGINE.reply_to(session, text).session
        expected = balance(session)
        assert app.backend.stored.session.model_dump() == session.model_dump()
        shown = str(app.query_one("#bars").render())
        for bar in expected.bars:
            assert bar_text(bar).plain.splitlines()[0] in shown
        assert f"Ca:Mg ratio: {expected.ratio:.2g}:1" in str(app.query_one("#ratio").render())
        assert "interaction: a proton-pump inhibitor" in str(app.query_one("#flags").render())
        assert "Spinach, cooked" in str(app.query_one("#items").render())
        assert len(app.query(UserMessage)) == len(SESSION)
        assert store.last_session().messages == len(SESSION)


async def test_a_citation_opens_the_claims_it_rests_on(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "should i take a magnesium supplement?")
        reply = app.query(ReplyMessage).last()
        # the marker is a link: a click on it opens the claims the reply took from that source
        row, line = next((n, line) for n, line in enumerate(reply.plain.splitlines()) if "[s002]" in line)
        await pilot.click(reply, offset=(1 + line.index("[s002]") + 2, row))
        await pilot.pause()
        assert isinstance(app.screen, CitationScreen)
        body = str(app.screen.query_one(".dialog-body").render())
        assert "claim s002-" in body and "in the section" in body and "Mito Health" in body
        await pilot.press("escape")
        assert not isinstance(app.screen, CitationScreen)


async def test_sources_help_and_the_command_palette(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "does the calcium to magnesium ratio matter?")
        await pilot.press("f2")
        assert isinstance(app.screen, SourcesScreen)
        body = str(app.screen.query_one(".dialog-body").render())
        assert "[s000]" in body and "s003-ratio" in body and "commercial" in body
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"New", "Export", "Replay", "Sources", "Help", "Next step", "Play all"} <= titles
        assert not {b.key for b in app.BINDINGS} & {"ctrl+s", "ctrl+b", "ctrl+a"}
        assert all(b.id and b.description for b in app.BINDINGS)


async def test_export_writes_markdown_and_json(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "45 female")
        await send(pilot, "2 cups spinach")
        await pilot.press("f3")
        await pilot.pause()
    [markdown] = (store.folder / "exports").glob("*.md")
    [saved] = (store.folder / "exports").glob("*.json")
    assert "> 2 cups spinach" in markdown.read_text()
    assert [s.user for s in load_transcript(saved).steps] == ["45 female", "2 cups spinach"]


async def test_a_transcript_replays_step_by_step_and_all_at_once(store, tmp_path):
    path = tmp_path / "t.json"
    path.write_text('{"format": "calmag-transcript", "version": 1, "steps": [\n {"user": "45 female"},\n'
                    ' {"user": "a banana"},\n {"user": "magnesium 100 mg"}\n ]}\n')
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#path").value = str(path)
        await pilot.press("enter")
        await until(pilot, lambda: app.replaying and idle(app), "the transcript to open")
        await pilot.press("f6")
        await until(pilot, lambda: replies(app) == 2 and idle(app), "the first replayed turn")
        assert [str(m.render()) for m in app.query(UserMessage)] == ["45 female"]
        await pilot.press("f7")
        await until(pilot, lambda: replies(app) == 4 and idle(app), "the rest of the transcript")
        assert [str(m.render()) for m in app.query(UserMessage)] == ["45 female", "a banana", "magnesium 100 mg"]
    # the replay ran in memory: the person's data holds no session, day or profile of it (issue 14)
    assert store.sessions() == [] and store.days() == [] and store.profile() is None


@pytest.mark.parametrize("text", ["[/", "[bold", "[0]", "[/foo]", "[bold]x[/bold] [link=x]y[/link]"])
async def test_text_that_looks_like_markup_is_shown_as_typed(store, text):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, text)
        await send(pilot, f"45 female {text}")
        shown = [str(m.render()) for m in app.query(UserMessage)]
        assert shown == [text, f"45 female {text}"]
        assert len(app.query(".reply")) == 3


async def test_input_history_and_quick_replies(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "I'm 40")
        prompt = app.query_one(PromptInput)
        await pilot.press("up")
        assert prompt.value == "I'm 40"
        await pilot.press("down")
        assert prompt.value == ""
        buttons = [b.name for b in app.query(Button).filter(".choice")]
        assert buttons == ["female", "male", "prefer not to say"]
        await pilot.click(app.query(Button).filter(".choice").first())
        await until(pilot, lambda: replies(app) == 3 and idle(app), "the reply to the quick reply")
        assert app.backend.stored.session.profile.sex == "female"


async def test_the_report_over_past_days_is_shown_and_leaves_the_session(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "45 female")
        await send(pilot, "2 cups milk")
        await send(pilot, "report 7 days")
        report = app.query(ReplyMessage).last()
        assert "Daily average over 1 logged day" in report.text
        assert store.last_session().messages == 2
        # a reply taller than the view is shown from its start
        view = app.query_one("#messages")
        assert report.outer_size.height > view.size.height
        top = view.scroll_offset.y
        assert top <= report.virtual_region.y < top + 2 and top < view.max_scroll_y


async def test_a_damaged_database_is_reported_and_the_app_carries_on(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "calmag.json").write_text("{not json")
    app = build_app(engine=ENGINE, store=Store.open(tmp_path / "data"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await ready(pilot)
        assert any("could not be read" in n.message for n in app._notifications)
        await send(pilot, "45 female")
        assert app.backend.stored.session.profile.age == 45


async def test_usable_at_80_by_24(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await send(pilot, "45 female")
        await send(pilot, "2 cups spinach")
        prompt, panel = app.query_one(PromptInput).region, app.query_one("#panel").region
        assert prompt.width >= 40 and prompt.bottom <= 24 and panel.width >= 28 and panel.right <= 80
        assert "calcium" in str(app.query_one("#bars").render())


def test_the_app_module_loads_nothing_heavy_before_first_paint():
    import subprocess
    import sys

    code = ("import sys, assistant.tui; print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'pydantic', 'tinydb', 'rapidfuzz', 'knowledge', 'markdown_it'}), "
            "[m for m in sys.modules if m.startswith('assistant.engine')])")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[] []"


class SlowEngine(Engine):
    """An engine whose turns take long enough to type over (what a loaded machine does)."""

    def reply_to(self, session, text):
        import time

        time.sleep(0.4)
        return super().reply_to(session, text)


async def test_messages_typed_while_a_reply_is_computed_are_taken_turn_by_turn(store):
    """'anxiety⏎fatigue⏎' typed quickly became one turn 'anxietyfatigue', or lost 'fatigue' (issue 14)."""
    app = build_app(engine=SlowEngine(), store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "45 female")
        before = replies(app)
        await pilot.press(*"anxiety", "enter")
        await pilot.pause(0.05)
        await pilot.press(*"fatigue", "enter")
        await until(pilot, lambda: replies(app) == before + 2 and idle(app), "both replies")
        shown = [str(m.render()) for m in app.query(UserMessage)]
        assert shown[-2:] == ["anxiety", "fatigue"]
        assert [n.key for n in app.backend.stored.session.noted] == ["anxiety", "fatigue"]


async def test_a_reply_for_a_session_replaced_meanwhile_is_dropped(store):
    """ctrl+n during a running turn recorded the old turn into the new session (issue 14)."""
    app = build_app(engine=SlowEngine(), store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.query_one(PromptInput).value = "45 female"
        await pilot.press("enter")
        await pilot.pause(0.05)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: idle(app), "the new session")
        await pilot.pause(0.6)
        assert app.backend.stored.steps == [] and app.backend.stored.session.profile.age is None
        assert not any(str(m.render()) == "45 female" for m in app.query(UserMessage))


@pytest.mark.parametrize("text", ["remove the [x](cite:s000)", "[click me](https://example.com) **spinach**",
                                  "![img](http://example.com/a.png) <b>eggs</b> [bold]milk[/bold]"])
async def test_markdown_typed_by_the_person_is_not_live_in_the_reply(store, text):
    """Echoed text was live Markdown: a working citation link, bold, a hidden link address (issue 14)."""
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "45 female")
        await send(pilot, text)
        reply = app.query(ReplyMessage).last()
        source = reply.text
        # what was typed is escaped in the reply's Markdown, and shown as typed
        typed_links = re.findall(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", source)
        assert not typed_links and "**spinach**" not in source and "<b>" not in source.replace("\\<b", "")
        shown = " ".join(reply.plain.split())
        expected = ["](", "**spinach**" if "spinach" in text else "", "<b>" if "<b>" in text else ""]
        assert all(part in shown for part in expected)


async def test_a_data_folder_that_cannot_be_used_leaves_the_app_chatting_in_memory(tmp_path):
    """Damaged or unusual storage ended the app with a traceback (issue 14): a data folder that is a file."""
    folder = tmp_path / "not-a-folder"
    folder.write_text("x")
    app = build_app(engine=ENGINE, data_dir=folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.backend.store is None and "cannot use its data folder" in app.backend.unsaved
        await send(pilot, "45 female")
        assert "Noted: 45, female" in app.query(ReplyMessage).last().text


async def test_the_panel_says_where_each_nutrient_stands_in_words_and_colour(store):
    from assistant.tui.panel import COLOUR

    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "45 female")
        await send(pilot, "2 cups of milk, 3 slices cheddar, vitamin d 5000 iu")
        bars = {bar.nutrient: bar for bar in balance(app.backend.stored.session).bars}
        assert (bars["calcium_mg"].standing, bars["magnesium_mg"].standing,
                bars["vitamin_d_ug"].standing) == ("meets target", "below target", "above upper limit")
        shown = app.query_one("#bars").render()
        for bar in bars.values():  # the word is there, and the bar's cells carry the colour for it
            assert bar.standing in shown.plain
            assert any(span.style == COLOUR[bar.standing] for span in bar_text(bar).spans)
        assert str(app.query_one("#flags").render()).startswith("! vitamin D above the upper limit")
        assert app.query_one("#flags").region.y < app.query_one("#bars").region.y  # flags first


async def test_at_80_by_24_the_panel_is_a_strip_and_nothing_is_cut_or_overlaps(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await send(pilot, "45 female")
        await send(pilot, "i take warfarin")
        await send(pilot, "2 cups of milk, a banana, vitamin d 5000 iu")
        panel, prompt, messages = (app.query_one(q).region for q in ("#panel", "#prompt", "#messages"))
        assert not panel.overlaps(prompt) and not panel.overlaps(messages) and prompt.bottom <= 23
        lines = app.query_one("#compact").render().plain.splitlines()
        assert len(lines) == 4 and all(len(line) <= panel.width - 2 for line in lines)
        assert all(re.search(r"\d+% (below target|meets target|above upper limit)", line) for line in lines)
        assert "warfarin" in str(app.query_one("#flags").render())
        await pilot.resize_terminal(120, 32)
        await pilot.pause()
        assert app.query_one("#bars").display and not app.query_one("#compact").display


async def test_keyboard_paths_quick_replies_citations_and_focus_after_every_dialog(store):
    from assistant.tui.screens import CitationsScreen

    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        prompt = app.query_one(PromptInput)
        await send(pilot, "I'm 40")
        await pilot.press("alt+1")  # the first quick reply: female
        await until(pilot, lambda: replies(app) == 3 and idle(app), "the reply to alt+1")
        assert app.backend.stored.session.profile.sex == "female"
        await send(pilot, "should i take a magnesium supplement?")
        await pilot.press("f4")
        assert isinstance(app.screen, CitationsScreen)
        number = app.screen.sources.index("s002") + 1
        await pilot.press(str(number))
        await pilot.pause()
        assert isinstance(app.screen, CitationScreen) and "claim s002-" in str(
            app.screen.query_one(".dialog-body").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is prompt
        for key in ("f1", "f2", "ctrl+o"):
            await pilot.press(key)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert app.focused is prompt, key
        await pilot.press("a")
        assert prompt.value == "a"  # typing goes to the prompt at once


async def test_the_week_view_draws_each_day_against_the_target(store):
    from datetime import UTC, datetime

    from assistant.tui.screens import TextScreen

    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await send(pilot, "45 female")
        await send(pilot, "2 cups milk")
        await pilot.press("f5")
        await until(pilot, lambda: isinstance(app.screen, TextScreen), "the week view")
        body = str(app.screen.query_one(".dialog-body").render())
        today = f"{datetime.now(UTC):%a %d %b}"  # the store logs by UTC day
        assert body.startswith("Calcium: target 1,000 mg a day") and body.count("nothing logged") == 3 * 6
        assert re.search(rf"{today}  █+░*  \d+ mg \(\d+%\) below target", body)
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.query_one(PromptInput)


async def test_the_theme_is_kept_between_launches_and_screenshots_go_to_the_data_folder(store, tmp_path):
    from assistant.settings import config_dir

    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        app.deliver_screenshot()
        await pilot.pause()
    assert json.loads((config_dir() / "settings.json").read_text()) == {"theme": "textual-light"}
    assert len(list((store.folder / "screenshots").glob("*.svg"))) == 1
    again = build_app(engine=ENGINE, store=store)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.theme == "textual-light"
    (config_dir() / "settings.json").write_text("{not json")  # a damaged file: the default, no crash
    third = build_app(engine=ENGINE, store=store)
    async with third.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert third.theme == "textual-dark"


async def test_an_answers_detail_is_folded_until_opened(store):
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=(100, 80)) as pilot:  # tall enough that the folded line is in view
        await ready(pilot)
        await send(pilot, "should i take a magnesium supplement?")
        reply = app.query(ReplyMessage).last()
        folded = reply.plain
        assert "What each source says" in folded and "One source claims" not in folded
        assert folded.index("In short") < folded.index("Where the sources disagree") < folded.index("Safety")
        await pilot.press("f8")
        await pilot.pause()
        assert "One source claims" in reply.plain
        await pilot.press("f8")
        await pilot.pause()
        row = next(n for n, line in enumerate(reply.plain.splitlines()) if "▸ What each source says" in line)
        await pilot.click(reply, offset=(4, row))  # the folded line opens it too
        await pilot.pause()
        assert "One source claims" in reply.plain


async def test_a_long_conversation_keeps_a_window_mounted_and_brings_earlier_messages_back(store, monkeypatch):
    from assistant.tui.chat import ChatView

    monkeypatch.setattr(ChatView, "WINDOW", 6)
    monkeypatch.setattr(ChatView, "STEP", 2)
    app = build_app(engine=ENGINE, store=store)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert not app.query("#earlier")  # nothing earlier yet, so no button (it is mounted when first needed)
        chat = app.query_one(ChatView)
        for text in ["45 female", "a banana", "an apple", "a yoghurt"]:  # counted by what was said: the window
            before = len(chat.said)                                        # keeps the mounted count flat
            app.query_one(PromptInput).value = text
            await pilot.press("enter")
            await until(pilot, lambda before=before: len(chat.said) >= before + 2 and idle(app), text)
        shown = [w for w in app.query_one("#messages").children if w.id != "earlier"]
        assert len(chat.said) == 9 and len(shown) == 9 - chat.first and len(shown) <= 6
        earlier = app.query_one("#earlier", Button)
        assert earlier.display and app.query_one("#messages").children[0] is earlier
        earlier.press()  # as a click or enter on it does (it sits above the messages in view)
        await until(pilot, lambda: chat.first == 2, "the earlier messages")
        shown = [w for w in app.query_one("#messages").children if w.id != "earlier"]
        assert len(shown) == 7 and "Hello, I'm calmag" not in str(shown[0].render())
        earlier.press()  # as a click or enter on it does (it sits above the messages in view)
        await until(pilot, lambda: chat.first == 0, "the first messages")
        assert not app.query_one("#earlier").display
        assert "Hello, I'm calmag" in app.query(ReplyMessage).first().text
        assert app.query("Footer")  # the key line, mounted after first paint
