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


class OutputFileError(ReaGrooveError, OSError):
    """A file ReaGroove was asked to write cannot be written there: `path: problem` (nothing is changed).
    Also an OSError, so code that rolls back on a failed write (the installer) still sees one."""

    def __init__(self, path: str | os.PathLike, problem: str):
        self.path = os.fspath(path)
        self.problem = problem
        ReaGrooveError.__init__(self, f"{self.path}: {problem}")

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def os_problem(exc: OSError) -> str:
    """An OSError in a user's words: 'permission denied', 'is a folder', ... (no errno, no traceback)."""
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    if isinstance(exc, NotADirectoryError) or isinstance(exc, FileExistsError):
        return "a file stands where a folder is needed on this path"
    if isinstance(exc, PermissionError):
        return "permission denied (a read-only folder?)"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"  # in the words every command uses for a missing input
    return (exc.strerror or str(exc) or type(exc).__name__).lower()
