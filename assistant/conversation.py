"""One conversation as the person has it: the engine, the store, and the session being kept.

The line-mode chat and the Textual app both hold one of these, so saving after every turn, the day log, the
profile, and the offer to continue the last session work the same in both. No UI imports: the app builds it
in its loading worker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel

from assistant import calmag_version
from assistant.engine import Engine, Reply, Session
from assistant.engine.balance import Standing, balance
from assistant.engine.intake import profile_line
from assistant.engine.report import build_report, compute_totals, figure
from assistant.engine.state import NUTRIENTS, FoodItem, Profile
from assistant.store import DayLog, Store, StoredSession
from assistant.transcripts import Recorded, Transcript, TranscriptStep
from knowledge.evidence.sources import load_knowledge
from knowledge.intake.supplements import NAME, UNIT
from knowledge.text import clean

CONTINUE = frozenset({"continue", "resume", "continue last session"})
# "report 7 days", "report for the last week", "report past 2 weeks"
PAST_DAYS = re.compile(r"^report\s+(?:for\s+)?(?:the\s+)?(?:(?:last|past)\s+)?(\d{1,3}\s+)?(day|week)s?\W*$", re.I)


def as_transcript(stored: StoredSession) -> Transcript:
    return Transcript(title=f"calmag session {stored.started:%Y-%m-%d %H:%M} UTC", calmag=calmag_version(),
                      steps=stored.steps)


def _average_of(days: list[DayLog], profile: Profile) -> Session:
    """One session whose foods and supplements add up to the daily average over ``days``: a day is the sum of
    what every session recorded for it (each session's entry for a day is its latest)."""
    share = 1 / len({log.day for log in days})
    session = Session(profile=profile, step=None)
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


CHARTED = ("calcium_mg", "magnesium_mg", "vitamin_d_ug")  # the nutrients the days at a glance draw
BAR = 15  # cells of a day's bar: the whole bar is the target
SPARKS = "▁▂▃▄▅▆▇█"  # a day's share of the target, in eighths (full at the target or above)


class DayFigure(BaseModel):
    """One nutrient on one day: the day's total (food and supplements of every session), its target and
    limit, and where it stands; ``total`` is None on a day with nothing logged."""

    day: date
    nutrient: str
    total: float | None
    target: float | None
    upper_limit: float | None
    limit_counts_supplements_only: bool
    standing: Standing


class DaysAtAGlance(BaseModel):
    first: date
    last: date
    logged: list[date]
    figures: list[DayFigure]  # for each nutrient charted, every day from first to last
    average: dict[str, float | None]  # the daily average over the logged days, as the report gives it


@dataclass(frozen=True)
class PastDays:
    """The food and supplement log of the last few days, read once, with the profile its targets are for: the
    averaged report and the days at a glance are both drawn from it."""

    first: date
    last: date
    logged: list[DayLog]
    profile: Profile

    @classmethod
    def read(cls, store: Store, days: int) -> PastDays | None:
        """The last ``days`` days, today included; None when nothing was logged in them."""
        last = store.clock().date()
        first = last - timedelta(days=days - 1)
        logged = store.days(first)
        return cls(first, last, logged, store.profile() or Profile()) if logged else None

    def report(self, chart: bool = False) -> str:
        """The report on the daily average, with a line saying which days it covers (and with ``chart``, over
        more than a day, each day drawn against the target first, as a Markdown code block)."""
        covered = sorted({log.day for log in self.logged})
        span = covered[0].isoformat() if len(covered) == 1 else f"{covered[0]} to {covered[-1]}"
        plural = "s" if len(covered) > 1 else ""
        drawn = ""
        if chart and self.last > self.first:
            drawn = f"Each day against the target:\n\n```text\n{glance_text(self.glance())}\n```\n\n"
        return (f"{drawn}Daily average over {len(covered)} logged day{plural} ({span}).\n\n"
                + build_report(_average_of(self.logged, self.profile), load_knowledge()).text)

    def glance(self) -> DaysAtAGlance:
        """Each day's calcium, magnesium and vitamin D against the target."""
        by_day: dict[date, list[DayLog]] = {}
        for log in self.logged:
            by_day.setdefault(log.day, []).append(log)
        bars = {day: {b.nutrient: b for b in balance(_average_of(logs, self.profile)).bars}
                for day, logs in by_day.items()}
        nothing = {b.nutrient: b for b in balance(Session(profile=self.profile)).bars}
        figures = []
        for nutrient in CHARTED:
            for offset in range((self.last - self.first).days + 1):
                day = self.first + timedelta(days=offset)
                bar = bars.get(day, nothing)[nutrient]
                figures.append(DayFigure(day=day, nutrient=nutrient, total=bar.total if day in by_day else None,
                                         target=bar.target, upper_limit=bar.upper_limit,
                                         limit_counts_supplements_only=bar.limit_counts_supplements_only,
                                         standing=bar.standing if day in by_day else "nothing yet"))
        totals = compute_totals(_average_of(self.logged, self.profile))
        average: dict[str, float | None] = {n: getattr(totals, n) if totals else None for n in NUTRIENTS}
        return DaysAtAGlance(first=self.first, last=self.last, logged=sorted(by_day), figures=figures,
                             average=average)


def glance_text(glance: DaysAtAGlance) -> str:
    """The days drawn as plain text: a bar a day against the target (a sparkline, a character a day, beyond
    two weeks), with the figure and the word for where it stands."""
    lines = []
    span = (glance.last - glance.first).days + 1
    for nutrient in CHARTED:
        figures = [f for f in glance.figures if f.nutrient == nutrient]
        first, unit = figures[0], UNIT[nutrient]
        target = first.target
        name = NAME[nutrient][0].upper() + NAME[nutrient][1:]
        head = f"{name}: target {figure(target, unit)} a day" if target else name
        if first.upper_limit:
            counted = " from supplements" if first.limit_counts_supplements_only else ""
            head += f", upper limit {figure(first.upper_limit, unit)}{counted}"
        lines.append(head)
        if span <= 14:
            for f in figures:
                label = f"{f.day:%a %d %b}"
                if f.total is None:
                    lines.append(f"  {label}  {'·' * BAR}  nothing logged")
                    continue
                share = f.total / target if target else 0.0
                cells = round(min(share, 1.0) * BAR)
                lines.append(f"  {label}  {'█' * cells}{'░' * (BAR - cells)}  {figure(f.total, unit)}"
                             f"{f' ({share:.0%})' if target else ''} {f.standing}")
        else:
            sparks = "".join(" " if f.total is None else SPARKS[min(7, int(min(f.total / target, 1.0) * 7.999))]
                             if target else "?" for f in figures)
            met = sum(f.standing in ("meets target", "above upper limit") for f in figures if f.total is not None)
            lines.append(f"  {glance.first:%d %b} {sparks} {glance.last:%d %b}  target met on {met} of "
                         f"{len(glance.logged)} logged days (a blank is a day with nothing logged)")
        lines.append("")
    return "\n".join(lines).rstrip()


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
            past = PastDays.read(self.store, days)
            report = past.report(chart=True) if past else None
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
