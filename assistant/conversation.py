"""One conversation as the person has it: the engine, the store, and the session being kept.

The line-mode chat and the Textual app both hold one of these, so saving after every turn, the day log, the
profile, and the offer to continue the last session work the same in both. No UI imports: the app builds it
in its loading worker.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from assistant import calmag_version
from assistant.engine import Engine, Reply, Session
from assistant.engine.intake import profile_line
from assistant.engine.report import build_report
from assistant.engine.state import FoodItem
from assistant.store import DayLog, Store, StoredSession
from assistant.transcripts import Recorded, Transcript, TranscriptStep
from knowledge.evidence.sources import load_knowledge
from knowledge.text import clean

CONTINUE = frozenset({"continue", "resume", "continue last session"})
# "report 7 days", "report for the last week", "report past 2 weeks"
PAST_DAYS = re.compile(r"^report\s+(?:for\s+)?(?:the\s+)?(?:(?:last|past)\s+)?(\d{1,3}\s+)?(day|week)s?\W*$", re.I)


def as_transcript(stored: StoredSession) -> Transcript:
    return Transcript(title=f"calmag session {stored.started:%Y-%m-%d %H:%M} UTC", calmag=calmag_version(),
                      steps=stored.steps)


def _average_of(days: list[DayLog], store: Store) -> Session:
    """One session whose foods and supplements add up to the daily average over ``days``: a day is the sum of
    what every session recorded for it (each session's entry for a day is its latest)."""
    share = 1 / len({log.day for log in days})
    session = Session(profile=store.profile() or Session().profile, step=None)
    for log in days:
        for food in log.foods:
            nutrients = {k: None if v is None else round(v * share, 2) for k, v in food.nutrients.model_dump().items()}
            scaled = food.model_copy(update={"grams": None if food.grams is None else round(food.grams * share, 1),
                                             "nutrients": food.nutrients.model_validate(nutrients)})
            session.foods.append(FoodItem(id=session.new_id(), result=scaled))
        for item in log.supplements:
            dose = item.dose.model_copy(update={
                "amount": None if item.dose.amount is None else item.dose.amount * share,
                "compound_amount": None if item.dose.compound_amount is None else item.dose.compound_amount * share})
            session.supplements.append(item.model_copy(update={"id": session.new_id(), "dose": dose}))
    return session


def past_days_report(store: Store, days: int) -> str | None:
    """The report on the daily average of the foods and supplements logged over the last ``days`` days, with a
    line saying which days it covers; None when nothing was logged in them."""
    since = store.clock().date() - timedelta(days=days - 1)
    logged = store.days(since)
    if not logged:
        return None
    covered = sorted({log.day for log in logged})
    span = covered[0].isoformat() if len(covered) == 1 else f"{covered[0]} to {covered[-1]}"
    plural = "s" if len(covered) > 1 else ""
    return (f"Daily average over {len(covered)} logged day{plural} ({span}).\n\n"
            + build_report(_average_of(logged, store), load_knowledge()).text)


class Conversation:
    def __init__(self, engine: Engine | None = None, store: Store | None = None) -> None:
        self.engine = engine or Engine()
        self.store = store
        self.engine.load()
        self.last = store.last_session() if store else None  # offered until the first message
        self.profile = store.profile() if store else None
        self.keeping = True  # False while a replay runs: nothing it says is the person's
        self.unsaved: str | None = None  # why the last turn could not be saved, if it could not
        self.stored = self._new()

    def _new(self) -> StoredSession:
        if self.store:
            return self.store.new_session(self._with_profile())
        return self._unsaved()

    @staticmethod
    def _unsaved() -> StoredSession:
        now = datetime.now(UTC)
        return StoredSession(id="unsaved", started=now, updated=now, session=Session())

    def _with_profile(self) -> Session:
        """A new session that starts from the profile kept from before (until the person changes it)."""
        profile = self.profile
        if profile is None or profile.age is None or not (profile.sex or profile.sex_declined):
            return Session()
        return Session(profile=profile.model_copy(deep=True), step="diet", answered=["profile"])

    @property
    def notice(self) -> str | None:
        return self.store.notice if self.store else None

    def greeting(self) -> Reply:
        greeting = self.engine.greet(self.stored.session)
        if "profile" in self.stored.session.answered and not self.stored.steps:
            kept = profile_line(self.stored.session).removeprefix("Noted: ").rstrip(".")
            opening, _, prompt = greeting.text.rpartition("\n\n")
            greeting = greeting.model_copy(update={"text": f"{opening}\n\nI have you as {kept}, from before; type "
                                                           f"'profile' to change it.\n\n{prompt}"})
        if self.last is None or not self.last.steps:
            return greeting
        offer = (f"Your last session ({self.last.updated:%Y-%m-%d %H:%M} UTC, {self.last.messages} messages) is "
                 "saved: type 'continue' to pick it up, or just start.")
        return greeting.model_copy(update={"text": f"{greeting.text}\n\n{offer}", "choices": ["continue"]})

    def from_store(self, text: str) -> Reply | None:
        """A reply from what is stored rather than from this session, which it leaves as it is (and so it is
        not a turn of the transcript): 'continue' picks up the last session while nothing has been said in this
        one; 'report 7 days' or 'report for the last week' reports the daily average of the days logged."""
        said = text.strip()
        if said.lower() in CONTINUE and self.last is not None and not self.stored.steps:
            self.stored, self.last = self.last, None
            return self.engine.greet(self.stored.session)
        if (asked := PAST_DAYS.match(said)) and self.store is not None:
            days = int(asked[1] or 1) * (7 if asked[2].lower() == "week" else 1)
            session = self.stored.session
            report = past_days_report(self.store, days)
            if report is None:
                report = (f"Nothing is logged for the last {days} day{'s' if days > 1 else ''} yet: your foods and "
                          "supplements are logged by day as you tell me about them.")
            return Reply(text=report, step=session.step, session=session)
        return None

    async def respond(self, text: str) -> Reply:
        """The engine's reply to ``text``; ``record`` keeps it. (Split so a UI can run this in a worker.)"""
        return await self.engine.respond(self.stored.session, text)

    def reply(self, text: str) -> Reply:
        """Reply and keep it, for callers that are not async (the line-mode chat). A store that cannot be
        written (a read-only folder, a full disk) does not end the conversation: ``unsaved`` says why, and the
        session goes on in memory."""
        reply = self.engine.reply_to(self.stored.session, text)
        try:
            self.record(text, reply)
        except OSError as error:
            self.unsaved = f"this turn could not be saved ({error.strerror or error}: {error.filename or ''}); " \
                           "the session goes on in memory"
        return reply

    def record(self, user: str, reply: Reply) -> None:
        """Add the turn to the session and save it (which logs the day too), and the profile if it changed."""
        self.last = None
        step = TranscriptStep(user=clean(user), reply=Recorded.of(reply))  # as the engine read it: nothing raw kept
        self.stored = self.stored.model_copy(update={"session": reply.session, "steps": [*self.stored.steps, step]})
        if self.store is None or not self.keeping:
            return
        self.store.save_session(self.stored)
        if reply.session.profile != self.profile:
            self.profile = reply.session.profile
            self.store.save_profile(self.profile)

    def new_session(self, keep: bool = True) -> Reply:
        """A fresh session; with ``keep`` False (a replay or a demo) it runs in memory and never touches the
        person's data: no session file, no day log, no profile."""
        self.keeping = keep
        self.stored, self.last = (self._new() if keep else self._unsaved()), None
        return self.engine.greet(self.stored.session)

    def transcript(self) -> Transcript:
        return as_transcript(self.stored)

    def default_exports(self) -> Path:
        return (self.store.folder if self.store else Path.cwd()) / "exports"
