"""Errors a user can act on: each prints as one line naming the thing and the problem."""

from __future__ import annotations

import os


class ReaGrooveError(Exception):
    """Base of every error ReaGroove reports to the user as one line (CLI exit code 2)."""


class InputFileError(ReaGrooveError):
    """A file the user gave us cannot be used: `path: problem`."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class MidiFileError(InputFileError):
    """A MIDI file that cannot be read."""


class DrumMapError(InputFileError):
    """A drum map file that is malformed or inconsistent."""
