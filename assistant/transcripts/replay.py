"""Replay: run a transcript's user turns through today's engine, step by step, and say what differs.

The same walk serves `calmag replay`, `--update`, and the pytest collector of dialogue scripts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.engine import Engine, Reply, Session
from assistant.transcripts.schema import Recorded, Transcript, TranscriptStep, check, differences


@dataclass
class Difference:
    turn: int  # 1-based
    line: int  # where the step starts in its file (0 when not read from a file)
    user: str
    problems: list[str]


@dataclass
class Replayed:
    differences: list[Difference] = field(default_factory=list)
    # what --update writes: each reply as recorded, not with its whole session (a long transcript kept every
    # state of the session and ran out of memory)
    replies: list[Recorded] = field(default_factory=list)

    def updated(self, transcript: Transcript) -> Transcript:
        """``transcript`` with today's replies in place of the recorded ones (expectations kept)."""
        steps = [step.model_copy(update={"reply": reply if step.reply is not None else None})
                 for step, reply in zip(transcript.steps, self.replies, strict=True)]
        return transcript.model_copy(update={"steps": steps})


def replay(transcript: Transcript, engine: Engine, stop_at_first: bool = False) -> Replayed:
    result = Replayed()
    session = Session()
    for number, step in enumerate(transcript.steps, 1):
        reply = engine.reply_to(session, step.user)
        session = reply.session
        result.replies.append(Recorded.of(reply))
        problems = _problems(step, reply)
        if problems:
            result.differences.append(Difference(number, step.line, step.user, problems))
            if stop_at_first:
                break
    return result


def _problems(step: TranscriptStep, reply: Reply) -> list[str]:
    problems = check(step.expect, reply) if step.expect else []
    if step.reply is not None:
        problems += [f"recorded reply: {d}" for d in differences(step.reply, reply)]
    return problems
