"""The dialogue engine: one async entry point, ``Engine.respond(session, text) -> Reply``.

A turn goes through one pipeline, so the same input always gets the same reply: bad input and signs that
need urgent care first (and then nothing else); then the first of ``HANDLERS`` that takes the message:
commands (undo, start over, skip, back, report, help, a step's name); the answer to an open clarifying
question (``clarify.py``); a removal; a correction; a question for the knowledge layer (the intake then
resumes); "none"; and otherwise the facts the message gives. An open question that is not answered stays open
and is asked again. The session passed in is never changed: the
reply carries the new one.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from assistant.engine.clarify import Sex, answer, tidy
from assistant.engine.corrections import correct, correction_body, removal_target, remove
from assistant.engine.intake import (
    QUESTIONS,
    STEP_CHOICES,
    Turn,
    denied_steps,
    facts_in,
    is_none,
    read_denials,
    read_doses,
    read_mentions,
    read_message,
)
from assistant.engine.report import build_report, compute_totals, figure, md
from assistant.engine.state import HISTORY, STEPS, Question, Reply, Session, Step
from knowledge.evidence.answers import Citation, answer_question, urgent_answer, urgent_signs, when_to_get_help
from knowledge.evidence.bottom_line import Person
from knowledge.evidence.contradictions import all_contradictions
from knowledge.evidence.sources import load_knowledge
from knowledge.foods.matching import FoodMatcher, food_matcher
from knowledge.intake.mentions import intake_lexicon
from knowledge.intake.supplements import possessed, read_supplements
from knowledge.text import clean, fold

MAX_MESSAGE_CHARS = 2000
GREETING = ("Hello, I'm calmag. I'll ask about your age, what you eat on a typical day, your supplements, "
            "medicines and symptoms, and optionally lab results; then I'll show your calcium, magnesium, vitamin D "
            "and vitamin K against the targets for you, with what my sources say and where they disagree.\n\n"
            "You can ask a question at any point, correct anything ('actually it was 2 cups', 'remove the "
            "banana', 'undo', 'start over'), say 'skip', or type 'report'. I'm not a clinician: this is "
            "information from the sources I cite, not a diagnosis.")
HELP = ("Things you can type at any time:\n"
        "- a question, such as 'what is the best form of magnesium?'\n"
        "- 'actually it was 2 cups', 'I meant cooked spinach', 'remove the banana' to correct what I have\n"
        "- 'undo' to take back the last change, 'start over' to begin again\n"
        "- 'skip' to pass a question, 'back' for the previous one, or a step's name (profile, diet, "
        "supplements, medications, symptoms, labs) to go to it\n"
        "- 'report' for your report so far, or 'report 7 days' for the daily average of the days logged")
_COMMANDS = {
    "undo": {"undo", "undo that", "take that back", "undo last"},
    "start over": {"start over", "restart", "reset", "start again", "begin again", "new session",
                   "clear everything", "start from scratch"},
    "skip": {"skip", "skip this", "skip it", "skip that", "pass", "next", "skip question", "done", "thats all",
             "thats it", "nothing else", "no more"},
    "back": {"back", "go back", "previous", "previous question"},
    "report": {"report", "show report", "my report", "show my report", "show me my report", "summary",
               "results", "show results", "finish", "totals", "show totals"},
    "help": {"help", "commands", "what can you do", "what can i say", "how does this work", "?"},
}
_STEP_WORDS: dict[str, Step] = {
    "profile": "profile", "age": "profile", "diet": "diet", "food": "diet", "foods": "diet",
    "supplements": "supplements", "supplement": "supplements", "medications": "medications",
    "medication": "medications", "medicines": "medications", "meds": "medications", "symptoms": "symptoms",
    "labs": "labs", "lab results": "labs", "lab": "labs"}
_GO_TO = re.compile(r"^(?:go (?:back )?to|back to|change|edit|update|revisit)?\s*(?:my |the )?(.+?)(?: step)?$")
_ASKED_ABOUT = frozenset({"i", "im", "you", "it", "its", "that", "this", "they", "we", "my", "there", "he", "she"})
_QUESTION_WORDS = frozenset({"what", "whats", "how", "hows", "why", "when", "which", "who", "should", "can",
                             "could", "is", "are", "does", "do", "will", "would", "may", "tell", "explain",
                             "whether", "any", "where"})


def _command(text: str) -> tuple[str, Step | None] | None:
    folded = " ".join(re.findall(r"[a-z0-9?]+", fold(text)))
    for command, phrases in _COMMANDS.items():
        if folded in phrases:
            return command, None
    target = _GO_TO.match(folded)
    if target and target.group(1) in _STEP_WORDS:
        return "go", _STEP_WORDS[target.group(1)]
    return None


_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me)\b", re.I)


def _statements(text: str) -> tuple[str, str]:
    """A question message split into what it states and what it asks: "vit d 4000 IU daily, been on apixaban,
    any clash?" states the first two parts. A part is asked when it ends with "?" or starts with a question
    word, and so is every part after the first one asked."""
    stated, asked = [], []
    for sentence in re.split(r"(?<=[.!?])\s+", text.strip()):
        parts = [p for p in re.split(r",(?!\d{3})\s*|;\s*", sentence) if p.strip()]  # not the "," of "10,000"
        first = next((i for i, p in enumerate(parts) if _is_question(p)), len(parts))
        stated += parts[:first]
        asked += parts[first:]
    return ", ".join(stated), " ".join(asked)


def _is_question(text: str) -> bool:
    first = fold(text).split(" ", 1)[0].strip(",.!")
    return text.rstrip().endswith("?") or first in _QUESTION_WORDS


def _asks(text: str) -> bool:
    """Whether a message asks something: it is a question, or a later part of it is one that asks about
    someone ("lactose intolerant so dont drink milk, do i need a calcium tablet"), not "..., any brand"."""
    if _is_question(text):
        return True
    parts = [fold(p).split() for p in re.split(r"[,;.!]\s*|\s+so\s+|\s+but\s+", text) if p.strip()]
    return any(len(p) > 1 and p[0] in _QUESTION_WORDS and p[1] in _ASKED_ABOUT for p in parts[1:])


class Engine:
    """Holds the loaded food matcher and knowledge base; the state lives in the ``Session`` passed in."""

    def __init__(self, matcher: FoodMatcher | None = None) -> None:
        self._matcher = matcher

    @property
    def matcher(self) -> FoodMatcher:
        if self._matcher is None:
            self._matcher = food_matcher()
        return self._matcher

    def load(self) -> None:
        """Load the food table, the matcher index, the speller and the knowledge base now rather than on the first
        turn."""
        _ = self.matcher.speller
        all_contradictions()

    def greet(self, session: Session | None = None) -> Reply:
        """The opening message for a new session, or a welcome back with the question where it stopped."""
        session = session or Session()
        opening = GREETING if not session.has_data and session.step in ("profile", "diet") else \
            "Welcome back. Here is where we were."
        return self._finish(session, Turn(), opening=opening)

    async def respond(self, session: Session, text: str) -> Reply:
        """Reply to one message. The work runs in a thread so a UI's event loop stays free."""
        return await asyncio.to_thread(self.reply_to, session, text)

    def reply_to(self, session: Session, text: str) -> Reply:
        """The synchronous body of ``respond``, for callers that are not async (the line-mode chat)."""
        new = session.snapshot()
        new.history = session.history[-HISTORY:]
        turn = Turn()
        text = clean(text)
        if not text:
            return self._finish(new, turn, opening="I didn't get any text.")
        if len(text) > MAX_MESSAGE_CHARS:
            return self._finish(new, turn, opening=f"That message is {len(text):,} characters long; please send at "
                                                   f"most {MAX_MESSAGE_CHARS:,} at a time (a long day can go in a "
                                                   "few messages). Nothing was changed.")
        text, _ = self.matcher.speller.fix(text)  # "magnesuim", "Caltrtae", "salomn": for every reader at once
        if urgent := urgent_signs(text):
            return self._urgent(session, new, urgent)
        reply = self._route(new, text, turn)
        if turn.changed:
            reply.session.history = [*session.history[-HISTORY + 1:], session.without_history()]
        if (help_ := when_to_get_help(text)) and help_[0] not in reply.text:  # as `calmag ask` does, first
            sentence, claim = help_
            reply = reply.model_copy(update={"text": f"{sentence}\n\n{reply.text}", "safety": [sentence, *reply.safety],
                                             "citations": [Citation.of(claim), *reply.citations]})
        return reply

    def _urgent(self, before: Session, new: Session, signs: list[str]) -> Reply:
        new.red_flags = list(dict.fromkeys([*new.red_flags, *signs]))
        new.history = [*before.history[-HISTORY + 1:], before.without_history()]
        answer = urgent_answer("", signs)  # the same triage as `calmag ask`
        text = f"{answer.text}\n\nWhen you are safe and want to carry on, I'm here."
        return Reply(text=text, step=new.step, totals=compute_totals(new), urgent=True, session=new,
                     citations=answer.citations, safety=answer.safety)

    def _route(self, session: Session, text: str, turn: Turn) -> Reply:
        for handler in HANDLERS:
            if handler.applies(self, session, text) and (reply := handler.handle(self, session, text, turn)):
                return reply
        raise AssertionError("the last handler takes every message")

    def _on_command(self, session: Session, text: str, turn: Turn) -> Reply | None:
        command = _command(text)
        assert command is not None
        return self._command(session, *command, turn)

    def _on_answer(self, session: Session, text: str, turn: Turn) -> Reply | None:
        """The answer to the open question; a message carrying other facts is read as those first."""
        if answer(session, text, facts_in(text), self.matcher, turn):
            return self._finish(session, turn)
        return None

    def _on_removal(self, session: Session, text: str, turn: Turn) -> Reply | None:
        target, explicit = removal_target(text)
        assert target is not None
        if remove(session, target, turn):
            return self._finish(session, turn)
        return self._finish(session, turn, opening=f"I don't have '{md(target)}' in your list.") if explicit else None

    def _on_correction(self, session: Session, text: str, turn: Turn) -> Reply | None:
        body = correction_body(text)
        assert body is not None
        return self._finish(session, turn) if correct(session, body, self.matcher, turn) else None

    def _on_question(self, session: Session, text: str, turn: Turn) -> Reply | None:
        """A question is answered; what it says about the person is read too: its statements ("vit d 4000 IU
        daily, any clash?") as any message, and in the question itself ("I'm on Coumadin, should I take K2?")
        the medicines and conditions named as theirs."""
        waiting = list(session.questions)
        statements, asked = _statements(text)
        if statements:
            read_message(session, statements, self.matcher, turn)
        if _FIRST_PERSON.search(asked):
            read_mentions(session, asked, turn, self.matcher)
            had = {s.dose.nutrient for s in session.supplements}
            for phrase in possessed(asked):  # "when can i take my calcium 600 mg?": the person's own
                read_doses(session, [d for d in read_supplements(phrase) if d.nutrient not in had], turn)
        self._settle(session, waiting)
        return self._answer(session, text, turn)

    def _on_none(self, session: Session, text: str, turn: Turn) -> Reply | None:
        self._settle(session, list(session.questions))
        if denied_steps(text, session.step):  # "I don't take any supplements", while the diet is asked
            read_denials(session, text, turn)
            return self._finish(session, turn)
        if session.step:
            turn.touched.add(session.step)
            turn.changed = True
        turn.say("Noted: nothing more." if not session.step or self._so_far(session, session.step)
                 else "Noted: none.")
        return self._finish(session, turn)

    @staticmethod
    def _settle(session: Session, waiting: list[Question]) -> None:
        """After a message that did not answer the open questions: questions about what it said come first;
        an open one is asked once more after them, and the time after that its stated assumption stands."""
        new = [q for q in session.questions if q not in waiting]
        again = [q.model_copy(update={"repeated": True}) for q in waiting if q in session.questions and not q.repeated]
        session.questions = new + again

    def _on_facts(self, session: Session, text: str, turn: Turn) -> Reply | None:
        waiting = list(session.questions)
        read_message(session, text, self.matcher, turn)
        self._settle(session, waiting)
        if not turn.lines:
            return self._finish(session, turn, opening="I didn't catch anything I could use in that.")
        return self._finish(session, turn)

    def _command(self, session: Session, command: str, step: Step | None, turn: Turn) -> Reply:
        if command == "undo":
            if not session.history:
                return self._finish(session, turn, opening="There is nothing to undo.")
            previous = session.history[-1].snapshot()
            previous.history = session.history[:-1]
            return self._finish(previous, turn, opening="Undone: back to before your last change.")
        if command == "start over":
            fresh = Session(history=[*session.history[-HISTORY + 1:], session.without_history()])
            turn.changed = True
            return self._finish(fresh, turn, opening="Starting over: everything is cleared ('undo' brings it back).")
        if command == "skip":
            if session.questions:
                session.questions.pop(0)
                tidy(session)
                return self._finish(session, turn, opening="Fine, I'll keep what I assumed.")
            if session.step:
                turn.touched.add(session.step)
                turn.changed = True
            return self._finish(session, turn, opening="Moving on.")
        if command == "back":
            index = STEPS.index(session.step) if session.step else len(STEPS)
            step = STEPS[max(index - 1, 0)]
            command = "go"
        if command == "go" and step:
            session.step = step
            session.answered = [s for s in session.answered if s != step]
            session.questions = []
            turn.changed = True
            return self._finish(session, turn, opening=f"Back to {step}.", advance=False)
        if command == "report":
            return self._finish(session, turn, report=True)
        return self._finish(session, turn, opening=HELP)

    def _answer(self, session: Session, text: str, turn: Turn) -> Reply:
        profile, lexicon = session.profile, intake_lexicon()  # the answer opens with this person's figure
        notes = tuple(note for n in session.noted if n.kind in ("medicine", "condition") and n.key in lexicon
                      for note in lexicon[n.key].notes)  # and their own safety notes
        answer = answer_question(text, Person(age=profile.age, sex=profile.sex, pregnant=bool(profile.pregnant),
                                              breastfeeding=bool(profile.breastfeeding), notes=notes))
        # "no meds, no conditions, how much vit D ...?": the other steps it answers are not asked again; the open
        # step stays open, to come back to after the answer
        self._advance(session, replace(turn, touched=turn.touched - {session.step}))
        prompt, choices = self._prompt(session)
        noted = "\n".join(turn.lines) + "\n\n" if turn.lines else ""
        body = noted + answer.text + (f"\n\nBack to where we were: {prompt}" if prompt else "")
        return Reply(text=body, step=session.step, totals=compute_totals(session), citations=answer.citations,
                     contradictions=answer.contradictions, safety=answer.safety, choices=choices, session=session)

    def _prompt(self, session: Session) -> tuple[str, list[str]]:
        """The question to ask now: an open clarifying question first, else the step's own."""
        if session.questions:
            question = session.questions[0]
            return question.text, question.choices
        if session.step is None:
            return "", []
        step = session.step
        if step == "profile" and session.profile.age is not None and session.profile.sex is None:
            session.questions.append(Sex.ask())
            return self._prompt(session)
        if step == "diet" and session.foods:
            return "Anything else you eat or drink on a typical day? Add it, or say 'next' to go on.", ["next"]
        text = QUESTIONS[step]
        if noted := self._so_far(session, step):
            text += f" (So far: {'; '.join(noted)}.)"
        return text, STEP_CHOICES[step]

    @staticmethod
    def _so_far(session: Session, step: Step) -> list[str]:
        """What the session already holds for ``step``, as the person would name it."""
        if step == "supplements":
            return [s.dose.said for s in session.supplements]
        if step == "medications":
            return [n.label for n in session.noted if n.kind != "symptom"]
        if step == "symptoms":
            return [n.label for n in session.noted if n.kind == "symptom"]
        if step == "labs":
            return [lab.lab.label for lab in session.labs]
        return [f.result.text for f in session.foods] if step == "diet" else []

    def _advance(self, session: Session, turn: Turn) -> None:
        profile = session.profile
        for step in turn.touched:  # a step answered in passing is not asked again
            complete = step != "profile" or (profile.age is not None and (profile.sex or profile.sex_declined))
            if complete and step not in session.answered and not (turn.unfinished and step == session.step):
                session.answered.append(step)
        if session.step in session.answered:
            session.step = next((s for s in STEPS if s not in session.answered), None)

    def _finish(self, session: Session, turn: Turn, opening: str = "", report: bool = False,
                advance: bool = True) -> Reply:
        was = session.step
        if advance:
            self._advance(session, turn)
        kb = load_knowledge()
        parts = [opening] if opening else []
        if turn.lines:
            parts.append("\n".join(turn.lines))
        totals = compute_totals(session)
        if totals and turn.changed and (turn.foods or "supplements" in turn.touched):
            parts.append(f"Running total: calcium {figure(totals.calcium_mg, 'mg')}, magnesium "
                         f"{figure(totals.magnesium_mg, 'mg')}, vitamin D {figure(totals.vitamin_d_ug, 'µg')}, "
                         f"vitamin K {figure(totals.vitamin_k_ug, 'µg')}.")
        finished_now = was is not None and session.step is None and not session.questions
        citations = [Citation.of(c) for c in (kb.claim(i) for i in dict.fromkeys(turn.claims)) if c]
        contradictions, safety = [], []
        if report or finished_now:
            built = build_report(session, kb)
            parts.append(built.text)
            citations = [*citations, *(c for c in built.citations if c.claim not in turn.claims)]
            contradictions, safety = built.contradictions, built.safety
            if session.step:
                parts.append("You can carry on where we were, add or correct anything, or ask a question.")
        prompt, choices = self._prompt(session)
        if prompt and not finished_now:
            parts.append(prompt)
        elif not prompt and not report and not finished_now:
            parts.append("You can add or correct anything, ask a question, or type 'report' for an updated report.")
        return Reply(text="\n\n".join(parts), step=session.step, foods=turn.foods, totals=totals,
                     citations=citations, contradictions=contradictions, safety=safety, choices=choices,
                     session=session)


@dataclass(frozen=True)
class Handler:
    """One way a message can be taken. The first handler that applies and gives a reply answers the turn."""

    name: str
    applies: Callable[[Engine, Session, str], bool]
    handle: Callable[[Engine, Session, str, Turn], Reply | None]


HANDLERS: tuple[Handler, ...] = (
    Handler("command", lambda _, s, text: _command(text) is not None, Engine._on_command),
    Handler("answer", lambda _, s, text: bool(s.questions), Engine._on_answer),
    Handler("removal", lambda _, s, text: removal_target(text)[0] is not None, Engine._on_removal),
    Handler("correction", lambda _, s, text: correction_body(text) is not None, Engine._on_correction),
    Handler("question", lambda _, s, text: _asks(text), Engine._on_question),
    Handler("none", lambda _, s, text: is_none(text), Engine._on_none),
    Handler("facts", lambda _, s, text: True, Engine._on_facts),
)
