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
import re
import tempfile

from ..panel.note_words import in_panel_words
from ..panel.short_text import CLAUSE, shortened

_runs = itertools.count(1)
_TIME = re.compile(r" in \d+(\.\d+)? s$")  # commands.py's " in 0.3 s", the run's time: the console's detail
# actions.settings_label in brackets; a pattern's name may have brackets of its own ("A=groove (take 2)")
_LABEL = re.compile(r" \(ReaGroove(?: · (?:[^()]|\([^()]*\))*)? · seed (?P<seed>-?\d+)\)")
NO_INSTRUMENT = "no instrument"
# a note's subject before "no instrument" ("; the new drum track has "): left out where it would push the point past
# the docker's edge (fitted)
_SUBJECT = re.compile(r"(?<=; )[^;:()]*? (?:has|have) (?=no instrument)")
# a headline's seed, last ("Drumify: wrote 8 drum items, seed 1753473788; ..."): said first where narrow (seed_first)
_SEED_LAST = re.compile(r"^(?P<title>[^:;]+: )(?P<did>[^;]*?), (?P<seed>seed -?\d+)(?=; |$)")
# actions.variations_line: "4 variations on new tracks ReaGroove Var 1-4 (all muted, ...)"
_VARIATIONS = re.compile(r"^(?P<count>\d+ variations?) on (?:a )?(?P<new>new tracks?),? (?P<names>ReaGroove Var \S+) "
                         r"\((?P<state>[^()]+)\)")
# a headline cut to its core where the note that the drums are silent needs its room (silent_forms): "Drumify: wrote
# 8 drum items, seed 0" to "Drumify: 8 items, seed 0", "Variations: 4 variations, all muted, ... (new tracks ...)"
# to "Variations: 4 muted"
_WROTE = re.compile(r"^(?P<title>[^:;]+: )wrote (?P<count>\d+) drum (?P<items>items?)")
_VARIATIONS_SAID = re.compile(r"^(?P<title>[^:;]+: )(?P<count>\d+) (?P<what>variations?)(?P<state>[^;]*)")
_TITLE = re.compile(r"^[^:;]+: ")


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

    A run that went well says what it did first ("wrote 16 drum items, seed 7", "nothing written, seed 7", "4
    variations, all muted, ...: unmute one in their place"; `headline`), then its most important note (`first_note`)
    after "; ", for the view to shorten to the docker (short_text.py); the tooltip has the whole line and notes."""
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as fh:
            report = json.load(fh)
        # the engine's line and notes in the panels' words ("A ↔ B has no effect", as the slider is named; an option
        # no panel has as a terminal's command: note_words.py). The run is given --settings, not --panel-settings,
        # so its line came in the command line's ("--interpolate needs pattern B: ... or give --pattern-b")
        line = in_panel_words(str(report["line"]).strip())
        notes = [in_panel_words(str(n)) for n in report.get("notes") or ()]
        ok = bool(report["ok"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    finally:
        discard(path)
    if not line:
        return None
    title = command[:1].upper() + command[1:]
    # the line itself may span lines (a reason quoting a file): the message line is one line, the tooltip all of it
    first = line.splitlines()[0] if line.splitlines() else line
    if ok:  # a run's first note alone hid what it did: Dice's seed, variations all muted, nothing written
        first = CLAUSE.join(filter(None, (headline(first), first_note(notes))))
    return _titled(title, first), _titled(title, line) + "".join(f"\n  note: {n}" for n in notes)


def headline(line: str) -> str:
    """What a run that went well did, in the few words a docker has room for: the run's line without its time
    ("in 0.3 s") and its settings' label cut to the seed ("wrote 16 drum items (ReaGroove · funk 1.0 · seed 7)"
    to "wrote 16 drum items, seed 7": the genre is what the panel shows, the seed is what Dice drew), and the
    variations' state said before their tracks' names ("4 variations, all muted, as ReaGroove drums already play:
    unmute one in their place (new tracks ReaGroove Var 1-4)": behind the names it was cut off in any docker)."""
    line = _TIME.sub("", line)
    line = _LABEL.sub(lambda m: f", seed {m['seed']}", line, count=1)
    return _VARIATIONS.sub(lambda m: f"{m['count']}, {m['state']} ({m['new']} {m['names']})", line, count=1)


def fitted(line: str, fits, cut) -> str:
    """The message line as a docker shows it: `fits` (a str -> bool) says what it has room for, `cut` cuts a text
    with "…" to it. Details go before the point (short_text.shortened); where the headline itself would be cut, its
    seed is said first (`seed_first`); where a note that the drums are silent would be cut before "no instrument",
    it is said from there ("...; no instrument yet, so its drums are silent"): "the new drum tra…" hid it; still
    cut, the headline is said by its core (silent_forms)."""
    forms = [line] + ([_SUBJECT.sub("", line, count=1)] if _SUBJECT.search(line) else [])
    if NO_INSTRUMENT in line:
        forms = list(dict.fromkeys(forms + silent_forms(forms[-1])))
    for form in forms:
        shown = shortened(form, fits)
        if not fits(shown.split(CLAUSE)[0]):  # what it did is cut: the seed, what differs, said first
            shown = shortened(seed_first(form), fits)
        shown = cut(shown)
        if NO_INSTRUMENT in shown or NO_INSTRUMENT not in form:
            break
    return shown


def silent_forms(line: str) -> list[str]:
    """Shorter forms of a line whose note says its drums are silent (no instrument), each with the note whole: the
    headline cut to its core ("Drumify: 8 items, seed 0; no instrument yet, ..."), then a write's to its seed alone
    (what a Dice press differs by: "Drumify: seed 1753473788; no instrument ..."), then the note alone after the
    title. A 300 px docker read "Drumify: wrote 8 drum items, seed 0; …": drums heard as nothing, unexplained,
    while the headline's details took the room; the tooltip keeps them all."""
    core = _WROTE.sub(lambda m: f"{m['title']}{m['count']} {m['items']}", line, count=1)
    forms = [_VARIATIONS_SAID.sub(lambda m: f"{m['title']}{m['count']} " + (
        "muted" if re.match(r", (?:all )?muted\b", m["state"]) else m["what"]), core, count=1)]
    if _WROTE.match(line):
        forms.append(_SEED_LAST.sub(lambda m: f"{m['title']}{m['seed']}", core, count=1))
    title, at = _TITLE.match(line), line.find(CLAUSE + NO_INSTRUMENT)
    if title and at >= 0:
        forms.append(title.group(0) + line[at + len(CLAUSE):])
    return forms


def seed_first(line: str) -> str:
    """The line with its headline's seed said first ("Drumify: seed 1753473788, wrote 8 drum items; ..."), for a
    docker too narrow for the whole headline: cut at its end, every Dice press read "Drumify: wrote 8 drum ite…",
    the seed, what differs from the press before, never shown. A line with no seed, or whose run wrote nothing
    ("nothing written, seed N": what it did is the news, the seed the press before's), stays as it is."""
    if "nothing written" in line.split(";")[0]:
        return line
    return _SEED_LAST.sub(lambda m: f"{m['title']}{m['seed']}, {m['did']}", line, count=1)


def first_note(notes) -> str:
    """The note the message line says beside what the run did: why its drums are silent (no instrument) first,
    then a control the producer moved that did nothing ("Follow has no effect: no pattern A or B"), else the
    first one (the time selection's bars, an item left out)."""
    for kind in (NO_INSTRUMENT, " no effect"):
        for note in notes:
            if kind in note:
                return note.splitlines()[0]
    return notes[0].splitlines()[0] if notes else ""


def _titled(title: str, text: str) -> str:
    """"Title: text", or the text capitalized where it already starts with the command's name: "Pattern A: pattern
    A set from ..." spent a narrow docker's line on saying it twice."""
    if text.lower().startswith(title.lower() + " "):
        return text[:1].upper() + text[1:]
    return f"{title}: {text}"
