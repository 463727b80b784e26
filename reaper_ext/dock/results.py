"""What an engine run started from the panel said, in one line for its message line.

The panel owns the engine's process (it learns the exit code from it) but the process's output goes to the engine
log that every ReaGroove process appends to, so its last line is not this run's. The panel gives each run a file of
its own instead (`reagroove reaper ... --report FILE`, reaper_ext/commands.py): JSON {"ok", "line", "notes"}
written whole as the run ends, read here once the process has ended, then removed.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile

from ..panel.note_words import in_panel_words

_runs = itertools.count(1)


def report_path() -> str:
    """A file name for one run's report: this REAPER's own (its pid), one per run."""
    return os.path.join(tempfile.gettempdir(), f"reagroove-dock-run-{os.getpid()}-{next(_runs)}.json")


def discard(path: str | None) -> None:
    for name in (path, f"{path}.part") if path else ():
        try:
            os.remove(name)
        except OSError:  # never written (the run failed before it could), or gone already
            pass


def read_report(path: str | None, command: str) -> tuple[str, str] | None:
    """(the line to show, the whole text for its tooltip), both starting "Drumify: " (the command); None where the
    run left no report (it failed before it could: a bad option, a crash; or an engine older than the panel).

    A run that went well shows its first note (what it did differently: the time selection's bars, an item left
    out, a variation muted), else its own line ("wrote 2 drum items (...)"); the tooltip has all of them."""
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            report = json.load(fh)
        # the engine's notes in the panels' words ("A ↔ B has no effect", as the slider is named: note_words.py)
        line, notes = str(report["line"]).strip(), [in_panel_words(str(n)) for n in report.get("notes") or ()]
        ok = bool(report["ok"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    finally:
        discard(path)
    if not line:
        return None
    title = command[:1].upper() + command[1:]
    shown = notes[0] if ok and notes else line
    # the line itself may span lines (a reason quoting a file): the message line is one line, the tooltip all of it
    first = shown.splitlines()[0] if shown.splitlines() else shown
    return _titled(title, first), _titled(title, line) + "".join(f"\n  note: {n}" for n in notes)


def _titled(title: str, text: str) -> str:
    """"Title: text", or the text capitalized where it already starts with the command's name: "Pattern A: pattern
    A set from ..." spent a narrow docker's line on saying it twice."""
    if text.lower().startswith(title.lower() + " "):
        return text[:1].upper() + text[1:]
    return f"{title}: {text}"
