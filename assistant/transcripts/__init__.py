"""Saved conversations and scripted dialogue tests, in one format."""

from assistant.transcripts.files import TranscriptError, load_transcript, save_transcript
from assistant.transcripts.schema import Expect, Recorded, Transcript, TranscriptStep, check, differences

__all__ = ["Expect", "Recorded", "Transcript", "TranscriptError", "TranscriptStep", "check", "differences",
           "load_transcript", "save_transcript"]
