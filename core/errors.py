"""Errors a user can act on: each prints as one line naming the thing and the problem."""

from __future__ import annotations

import os
import re


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


def said_with_option(exc: ReaGrooveError, parser, args) -> str:
    """The error's line, a file it names first given with the option it came from: "--drum-map kit.toml: not valid
    TOML ..." (it had been "kit.toml: ...", the option left to guess among --pattern-a, --settings and --drum-map).
    `parser`: the command's parser, `args` what it parsed. A file also given as an input is said as it was: which
    of the two the error is about cannot be told, nor of a file given to two options."""
    message = str(exc)
    named = os.path.normpath(exc.path) if isinstance(exc, (InputFileError, OutputFileError)) else None
    given: list[tuple[str, str]] = []  # (option as typed, its value), in the parser's order
    inputs: set[str] = set()
    typed = [w.split("=", 1)[0] for w in getattr(parser, "_args_seen", ())]
    for action in getattr(parser, "_actions", ()):
        values = getattr(args, action.dest, None)
        values = [v for v in (values if isinstance(values, list) else [values]) if isinstance(v, str) and v.strip()]
        if not action.option_strings:
            inputs.update(os.path.normpath(v) for v in values)
            continue
        # a file's option (FILE, NAME|FILE, FILE.json, --json OUT.json, WEIGHTS); a folder's (--band, --out) and
        # -o, the command's own output, are said as they were
        metavar = str(action.metavar or "").upper()
        names_file = "FILE" in metavar or metavar.endswith((".JSON", ".MID")) or metavar == "WEIGHTS"
        if names_file and action.dest != "output":
            option = next((o for o in action.option_strings if o in typed), action.option_strings[-1])
            given += [(option, v) for v in values]
    twice = [os.path.normpath(v) for _, v in given]
    for option, value in given:
        if os.path.normpath(value) in inputs or twice.count(os.path.normpath(value)) > 1 or \
                re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", message):
            continue  # an input's error, or one naming its option already ("--calibrate would write over it")
        # the file given, or one in the folder given (--weights FOLDER: its drummer.pt)
        if message.startswith(f"{value}: ") or (named is not None and message.startswith(f"{exc.path}: ") and
                                                 os.path.normpath(value) in (named, os.path.dirname(named))):
            return f"{option} {message}"
    return message
